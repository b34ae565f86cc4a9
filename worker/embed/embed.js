// leadkit embed: renders a leadkit form into the host page, submits it with fetch and
// shows errors next to each field. Plain JS, no framework, kept under 5 KB gzipped
// (checked by `cargo xtask sizes` and tests/capture.test.mjs).
//   <div id="lead-form"></div>
//   <script src="https://WORKER/f/FORM_ID/embed.js" data-target="#lead-form" async></script>
// Optional: data-email="…" for a visitor the page already knows (progressive profiling).
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var src = new URL(script.src);
  var formId = decodeURIComponent(src.pathname.split("/")[2] || "");
  var base = src.origin + "/f/" + encodeURIComponent(formId);
  var lang = /^ko\b/i.test(navigator.language || "") ? "ko" : "en";
  var text = {
    ko: { failed: "전송하지 못했습니다. 잠시 후 다시 시도해 주세요.", sending: "전송 중…" },
    en: { failed: "Could not send. Please try again in a moment.", sending: "Sending…" },
  }[lang];
  var host = document.querySelector(script.getAttribute("data-target") || "") || insertAfter(script);

  function insertAfter(node) {
    var div = document.createElement("div");
    node.parentNode.insertBefore(div, node.nextSibling);
    return div;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) {
      if (attrs[k] === true) node.setAttribute(k, "");
      else if (attrs[k] != null && attrs[k] !== false) node.setAttribute(k, attrs[k]);
    }
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function pick(localized) {
    return localized ? localized[lang] || localized.en || "" : "";
  }

  // Hidden fields the page fills: UTM parameters, referrer, page URL.
  function pageValue(name) {
    var params = new URLSearchParams(location.search);
    if (name === "referrer") return document.referrer;
    if (name === "page_url" || name === "landing_page") return location.href;
    return params.get(name) || "";
  }

  function input(field) {
    var kind = field.kind.type;
    var attrs = { name: field.name, id: "lk-" + field.name, required: field.required };
    if (kind === "hidden") return el("input", { type: "hidden", name: field.name, value: pageValue(field.name) });
    if (kind === "textarea") return el("textarea", attrs);
    if (kind === "select") {
      var options = [el("option", { value: "" }, ["—"])];
      field.kind.options.forEach(function (o) {
        options.push(el("option", { value: o.value }, [pick(o.label)]));
      });
      return el("select", attrs, options);
    }
    attrs.type = { email: "email", phone: "tel", number: "text", checkbox: "checkbox" }[kind] || "text";
    if (kind === "checkbox") attrs.value = "true";
    if (field.placeholder) attrs.placeholder = pick(field.placeholder);
    if (kind === "email") attrs.autocomplete = "email";
    return el("input", attrs);
  }

  function errorSlot(name) {
    return el("div", { class: "lk-error", "data-error-for": name, role: "alert", style: "color:#b00020" });
  }

  function row(field) {
    if (field.kind.type === "hidden") return input(field);
    return el("div", { class: "lk-field" }, [
      el("label", { for: "lk-" + field.name }, [pick(field.label) + (field.required ? " *" : "")]),
      input(field),
      errorSlot(field.name),
    ]);
  }

  function render(schema) {
    var submissionId = crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2);
    var children = schema.fields.map(row);
    if (schema.honeypot_field) {
      // Out of sight and out of the tab order: people leave it empty, bots fill it.
      children.push(el("div", { "aria-hidden": "true", style: "position:absolute;left:-9999px" }, [
        el("input", { name: schema.honeypot_field, tabindex: "-1", autocomplete: "off" }),
      ]));
    }
    schema.consents.forEach(function (c) {
      var name = "consent_" + c.purpose;
      children.push(el("div", { class: "lk-consent" }, [
        el("label", {}, [el("input", { type: "checkbox", name: name, value: "true", required: c.required }), " " + pick(c.text)]),
        errorSlot(name),
      ]));
    });
    var general = errorSlot("");
    var button = el("button", { type: "submit" }, [pick(schema.cta)]);
    children.push(general, button);
    var form = el("form", { class: "lk-form", novalidate: true, "data-form": schema.form_id }, children);
    host.textContent = "";
    host.appendChild(form);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var body = { _lk_rendered: schema.render_token, submission_id: submissionId };
      Array.prototype.forEach.call(form.elements, function (e) {
        if (!e.name) return;
        if (e.type === "checkbox") body[e.name] = e.checked ? "true" : "false";
        else body[e.name] = e.value;
      });
      Array.prototype.forEach.call(form.querySelectorAll(".lk-error"), function (e) {
        e.textContent = "";
      });
      button.disabled = true;
      button.textContent = text.sending;
      fetch(base, {
        method: "POST",
        credentials: "include",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(body),
      })
        .then(function (res) {
          return res.json().then(function (answer) {
            return { status: res.status, answer: answer };
          });
        })
        .then(function (r) {
          // Spam verdicts are answered like success (no lead id): nothing to tell.
          if (r.status === 201) return done(form, r.answer.thank_you);
          (r.answer.fields || []).forEach(function (f) {
            var slot = form.querySelector('[data-error-for="' + f.field + '"]') || general;
            slot.textContent = (slot.textContent ? slot.textContent + " " : "") + f.message;
          });
          if (!(r.answer.fields || []).length) general.textContent = r.answer.message || text.failed;
        })
        .catch(function () {
          // The same submission id is sent again on retry, so the lead is stored once.
          general.textContent = text.failed;
        })
        .then(function () {
          button.disabled = false;
          button.textContent = pick(schema.cta);
        });
    });
  }

  function done(form, thankYou) {
    if (thankYou && thankYou.kind === "url") {
      location.href = thankYou.url;
      return;
    }
    var message = el("p", { class: "lk-thanks", role: "status" }, [pick(thankYou && thankYou.message)]);
    form.parentNode.replaceChild(message, form);
  }

  var email = script.getAttribute("data-email");
  fetch(base + "/schema" + (email ? "?email=" + encodeURIComponent(email) : ""), { credentials: "include" })
    .then(function (res) {
      if (!res.ok) throw new Error(String(res.status));
      return res.json();
    })
    .then(render)
    .catch(function () {
      host.textContent = text.failed;
    });
})();
