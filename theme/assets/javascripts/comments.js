/* Comment forms on comment-period pages. Without this script the forms post
 * normally and the service answers with a receipt page; with it, the comment is
 * sent as JSON and the receipt (or the problems, field by field) appears in place. */
(function () {
  "use strict";

  function newToken() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return "t-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
  }

  function fieldsOf(form) {
    var data = {};
    ["batch", "nominee", "name", "contact", "address", "text", "token", "rendered_at", "website"].forEach(function (name) {
      var input = form.elements.namedItem(name);
      if (input && input.value !== "") data[name] = input.value;
    });
    data.consent = form.elements.namedItem("consent").checked;
    return data;
  }

  function clearErrors(form) {
    form.querySelectorAll(".sb-field__error").forEach(function (element) { element.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (element) { element.removeAttribute("aria-invalid"); });
  }

  function showErrors(form, body) {
    var first = null;
    Object.keys(body.fields || {}).forEach(function (name) {
      var input = form.elements.namedItem(name);
      var message = input && document.getElementById(input.id + "-error");
      if (!message) return;
      message.textContent = body.fields[name];
      input.setAttribute("aria-invalid", "true");
      if (!first) first = input;
    });
    form.querySelector(".sb-comment-result").textContent = body.error || "Không gửi được ý kiến.";
    if (first) first.focus();
  }

  function showReceipt(form, body) {
    var result = form.querySelector(".sb-comment-result");
    var time = new Date(body.received_at);
    result.textContent = "";
    var strong = document.createElement("strong");
    strong.textContent = "Đã nhận ý kiến của bạn. Mã biên nhận: " + body.receipt;
    result.appendChild(strong);
    result.appendChild(document.createTextNode(
      " (lúc " + time.toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" }) +
      "). Hãy ghi lại mã này để tra cứu hoặc khi liên hệ với Ban."));
    form.classList.add("sb-comment-form--sent");
    form.querySelectorAll("input, textarea, button").forEach(function (element) { element.disabled = true; });
    result.setAttribute("tabindex", "-1");
    result.focus();
  }

  function submit(event) {
    var form = event.currentTarget;
    event.preventDefault();
    clearErrors(form);
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    form.querySelector(".sb-comment-result").textContent = "Đang gửi…";
    fetch(form.action, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(fieldsOf(form))
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (answer) {
      if (answer.ok) { showReceipt(form, answer.body); return; }
      button.disabled = false;
      showErrors(form, answer.body);
    }).catch(function () {
      button.disabled = false;
      form.querySelector(".sb-comment-result").textContent =
        "Không kết nối được với máy chủ nhận ý kiến. Ý kiến CHƯA được ghi nhận; vui lòng thử lại hoặc gửi qua thư điện tử, điện thoại.";
    });
  }

  function setUp() {
    document.querySelectorAll("form[data-comment-form]").forEach(function (form) {
      if (form.dataset.ready) return;
      form.dataset.ready = "1";
      form.elements.namedItem("rendered_at").value = String(Date.now());
      form.elements.namedItem("token").value = newToken();  // the same token on retry: one comment
      form.addEventListener("submit", submit);
    });
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
