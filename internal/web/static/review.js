// Keyboard shortcuts for the review queue. The page works without them:
// every decision is a plain form. j / k move between statements, c confirms,
// r rejects, e edits (focuses the corrected value; Enter there submits the
// edit), / focuses the comment, Escape leaves a field.
(function () {
  "use strict";
  var queue = document.getElementById("queue");
  if (!queue) {
    return;
  }
  var items = Array.prototype.slice.call(queue.querySelectorAll(".review-item"));
  if (!items.length) {
    return;
  }
  var current = 0;
  function select(i) {
    if (i < 0 || i >= items.length) {
      return;
    }
    items[current].classList.remove("current");
    current = i;
    items[current].classList.add("current");
    items[current].focus({ preventScroll: true });
    items[current].scrollIntoView({ block: "nearest" });
  }
  function press(cls) {
    var b = items[current].querySelector("button." + cls);
    if (b) {
      b.click();
    }
  }
  items.forEach(function (item, i) {
    item.addEventListener("focusin", function () {
      if (current !== i) {
        items[current].classList.remove("current");
        current = i;
        item.classList.add("current");
      }
    });
    var value = item.querySelector("input.value");
    if (value) {
      value.addEventListener("keydown", function (e) {
        if (e.key === "Enter") {
          e.preventDefault();
          press("edit");
        }
      });
    }
    var comment = item.querySelector("input.comment");
    if (comment) {
      comment.addEventListener("keydown", function (e) {
        if (e.key === "Enter") {
          e.preventDefault(); // decide with a key or a button, not by accident
        }
      });
    }
  });
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) {
      return;
    }
    var t = e.target;
    var typing = t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA");
    if (typing) {
      if (e.key === "Escape") {
        t.blur();
        items[current].focus({ preventScroll: true });
      }
      return;
    }
    switch (e.key) {
      case "j":
        select(current + 1);
        break;
      case "k":
        select(current - 1);
        break;
      case "c":
        press("confirm");
        break;
      case "r":
        press("reject");
        break;
      case "e":
        var v = items[current].querySelector("input.value");
        if (v) {
          v.focus();
          v.select();
        }
        break;
      case "/":
        var c = items[current].querySelector("input.comment");
        if (c) {
          c.focus();
        }
        break;
      default:
        return;
    }
    e.preventDefault();
  });
  select(0);
})();
