// The upload form's progress: the form is sent as it is (multipart, with
// its CSRF token) by XMLHttpRequest, so that a bar shows how much of it has
// gone; the answer — the page with each file's result — replaces this one.
// Without script the form posts as a plain form.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  var bar = document.getElementById("upload-progress");
  if (!form || !bar || !window.FormData || !window.XMLHttpRequest) {
    return;
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    bar.hidden = false;
    xhr.upload.addEventListener("progress", function (p) {
      if (p.lengthComputable) {
        bar.value = Math.round((100 * p.loaded) / p.total);
      }
    });
    xhr.addEventListener("load", function () {
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.addEventListener("error", function () {
      bar.hidden = true;
      form.submit();
    });
    xhr.send(new FormData(form));
  });
})();

// Keyboard review that keeps its place. The pages work without it: every
// decision is a plain form. j / k move between items, c confirms, r rejects,
// e edits (focuses the corrected value; Enter there submits the edit), s
// skips an item for this session (it stays hidden until the tab is closed),
// u undoes the last decision, / focuses the comment, Escape leaves a field.
// After a decision the page comes back at the item after the one decided
// (its #anchor); when nothing is left to show, the "done" note appears.
(function () {
  "use strict";
  var queue = document.getElementById("queue");
  var undo = document.getElementById("undo");
  var skipKey = "athar.skipped:" + location.pathname;
  var skipped = {};
  try {
    skipped = JSON.parse(sessionStorage.getItem(skipKey) || "{}") || {};
  } catch (err) {
    skipped = {};
  }
  var items = queue ? Array.prototype.slice.call(queue.querySelectorAll(".review-item")) : [];
  items = items.filter(function (item) {
    if (item.id && skipped[item.id]) {
      item.hidden = true;
      return false;
    }
    return true;
  });
  var current = 0;
  function done() {
    var note = document.getElementById("claims-done");
    if (note && !items.length) {
      note.hidden = false;
    }
  }
  function select(i) {
    if (i < 0 || i >= items.length) {
      return;
    }
    if (items[current]) {
      items[current].classList.remove("current");
    }
    current = i;
    items[current].classList.add("current");
    items[current].focus({ preventScroll: true });
    items[current].scrollIntoView({ block: "nearest" });
  }
  function press(cls) {
    var b = items[current] && items[current].querySelector("button." + cls);
    if (b) {
      b.click();
    }
  }
  function skip() {
    var item = items[current];
    if (!item) {
      return;
    }
    if (item.id) {
      skipped[item.id] = true;
      try {
        sessionStorage.setItem(skipKey, JSON.stringify(skipped));
      } catch (err) {
        // private mode: skipped for this page only
      }
    }
    item.hidden = true;
    item.classList.remove("current");
    items.splice(current, 1);
    if (!items.length) {
      done();
      return;
    }
    select(Math.min(current, items.length - 1));
  }
  items.forEach(function (item, i) {
    item.addEventListener("focusin", function () {
      var at = items.indexOf(item);
      if (at >= 0 && current !== at) {
        if (items[current]) {
          items[current].classList.remove("current");
        }
        current = at;
        item.classList.add("current");
      }
    });
    var sb = item.querySelector("button.skip");
    if (sb) {
      sb.addEventListener("click", function () {
        current = items.indexOf(item);
        skip();
      });
    }
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
    return i;
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
        if (items[current]) {
          items[current].focus({ preventScroll: true });
        }
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
      case "s":
        skip();
        break;
      case "u":
        if (undo) {
          undo.click();
        }
        break;
      case "e":
        var v = items[current] && items[current].querySelector("input.value");
        if (v) {
          v.focus();
          v.select();
        }
        break;
      case "/":
        var c = items[current] && items[current].querySelector("input.comment");
        if (c) {
          c.focus();
        }
        break;
      default:
        return;
    }
    e.preventDefault();
  });
  if (!items.length) {
    done();
    return;
  }
  // Come back where the last decision left off: the item after it.
  var start = 0;
  if (location.hash) {
    var at = document.getElementById(location.hash.slice(1));
    if (at && items.indexOf(at) >= 0) {
      start = items.indexOf(at);
    }
  }
  select(start);
})();
