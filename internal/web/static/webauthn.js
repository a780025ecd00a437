// Security keys: a form with data-webauthn="create" (adding a key) or
// "get" (signing in with one) carries the server's options for the
// browser's navigator.credentials in data-options. Sending the form asks
// the browser for the key, puts its answer (base64url fields, as the
// server's WebAuthn library reads them) in the form's "credential" field
// and posts it. Where the browser has no WebAuthn, or the person cancels,
// the form's message says so and nothing is sent.
(function () {
  "use strict";
  function bytes(s) {
    s = s.replace(/-/g, "+").replace(/_/g, "/");
    while (s.length % 4) {
      s += "=";
    }
    return Uint8Array.from(atob(s), function (c) { return c.charCodeAt(0); }).buffer;
  }
  function text(buf) {
    var s = "";
    new Uint8Array(buf).forEach(function (b) { s += String.fromCharCode(b); });
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function ids(list) {
    (list || []).forEach(function (c) { c.id = bytes(c.id); });
  }
  function answer(cred, create) {
    var r = cred.response;
    var resp = { clientDataJSON: text(r.clientDataJSON) };
    if (create) {
      resp.attestationObject = text(r.attestationObject);
      if (r.getTransports) {
        resp.transports = r.getTransports();
      }
    } else {
      resp.authenticatorData = text(r.authenticatorData);
      resp.signature = text(r.signature);
      if (r.userHandle) {
        resp.userHandle = text(r.userHandle);
      }
    }
    var out = { id: cred.id, rawId: text(cred.rawId), type: cred.type, response: resp,
      clientExtensionResults: cred.getClientExtensionResults() };
    if (cred.authenticatorAttachment) {
      out.authenticatorAttachment = cred.authenticatorAttachment;
    }
    return JSON.stringify(out);
  }
  document.querySelectorAll("form[data-webauthn]").forEach(function (form) {
    var create = form.getAttribute("data-webauthn") === "create";
    var note = form.querySelector(".key-failed");
    var button = form.querySelector("button");
    if (button) {
      button.disabled = false;
    }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (note) {
        note.hidden = true;
      }
      var opts = JSON.parse(form.getAttribute("data-options")).publicKey;
      opts.challenge = bytes(opts.challenge);
      var ask;
      if (create) {
        opts.user.id = bytes(opts.user.id);
        ids(opts.excludeCredentials);
        ask = navigator.credentials.create({ publicKey: opts });
      } else {
        ids(opts.allowCredentials);
        ask = navigator.credentials.get({ publicKey: opts });
      }
      ask.then(function (cred) {
        form.elements.credential.value = answer(cred, create);
        form.submit();
      }).catch(function () {
        if (note) {
          note.hidden = false;
        }
      });
    });
  });
})();
