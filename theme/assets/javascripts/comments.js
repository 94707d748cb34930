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

  function dayOf(iso) {
    // dd/mm/yyyy in Vietnam time, as the site writes dates.
    var parts = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric"
    }).formatToParts(new Date(iso));
    var get = function (type) { return parts.filter(function (p) { return p.type === type; })[0].value; };
    return get("day") + "/" + get("month") + "/" + get("year");
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function selectText(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copyButton(code, codeNode) {
    var button = element("button", "md-button sb-receipt__copy", "Chép mã");
    var said = element("span", "sb-receipt__copied");
    button.type = "button";
    button.addEventListener("click", function () {
      var fallback = function () {
        selectText(codeNode);
        said.textContent = "Mã đã được chọn: nhấn giữ (hoặc Ctrl+C) để chép.";
      };
      if (!navigator.clipboard || !navigator.clipboard.writeText) { fallback(); return; }
      navigator.clipboard.writeText(code).then(function () { said.textContent = "Đã chép mã."; }, fallback);
    });
    return [button, said];
  }

  function receiptPanel(form, body) {
    var panel = element("div", "sb-receipt");
    panel.setAttribute("role", "status");
    panel.setAttribute("tabindex", "-1");
    panel.appendChild(element("p", "sb-receipt__title", "Đã nhận ý kiến của bạn"));
    var line = element("p", "sb-receipt__line", "Mã biên nhận: ");
    var code = element("strong", "sb-code sb-receipt__code", body.receipt);
    line.appendChild(code);
    panel.appendChild(line);
    var copy = element("p", "sb-receipt__actions");
    copyButton(body.receipt, code).forEach(function (node) { copy.appendChild(node); });
    panel.appendChild(copy);
    panel.appendChild(element("p", "", "Ngày nhận: " + dayOf(body.received_at) +
      ". Hãy ghi lại mã này (chụp màn hình hoặc chép ra giấy)."));
    var next = element("p", "", "");
    if (form.dataset.lookupUrl) {
      var look = element("a", "", "Tra cứu ý kiến bằng mã này");
      look.href = form.dataset.lookupUrl + "?ma=" + encodeURIComponent(body.receipt);
      next.appendChild(look);
      next.appendChild(document.createTextNode(". "));
    }
    if (form.dataset.boardPhone) {
      next.appendChild(document.createTextNode("Cần hỏi thêm, gọi "));
      var phone = element("a", "", form.dataset.boardPhone);
      phone.href = form.dataset.boardPhoneLink;
      next.appendChild(phone);
      next.appendChild(document.createTextNode(" và đọc mã biên nhận."));
    }
    panel.appendChild(next);
    return panel;
  }

  function showReceipt(form, body) {
    var panel = receiptPanel(form, body);
    form.parentNode.insertBefore(panel, form);
    form.querySelector(".sb-comment-result").textContent = "";
    form.classList.add("sb-comment-form--sent");
    form.querySelectorAll("input, textarea, button").forEach(function (element) { element.disabled = true; });
    form.hidden = true;
    panel.focus();
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
