/* The receipt look-up page. Without this script the form goes to the comment
 * service's own look-up page; with it, the service's JSON look-up is asked and
 * the answer (in words, nothing personal) appears under the code box. */
(function () {
  "use strict";

  function line(list, term, value) {
    var dt = document.createElement("dt");
    var dd = document.createElement("dd");
    dt.textContent = term;
    dd.textContent = value;
    list.appendChild(dt);
    list.appendChild(dd);
  }

  function showFound(box, body) {
    var title = document.createElement("p");
    var strong = document.createElement("strong");
    strong.className = "sb-code";
    strong.textContent = body.receipt;
    title.appendChild(document.createTextNode("Ý kiến mã "));
    title.appendChild(strong);
    title.appendChild(document.createTextNode(": " + body.state_text + "."));
    var list = document.createElement("dl");
    list.className = "sb-lookup__facts";
    line(list, "Tình trạng", body.state_text);
    line(list, "Đợt lấy ý kiến", body.batch_title);
    line(list, "Góp ý về", body.nominee_name);
    line(list, "Ngày tiếp nhận", body.received_on);
    var help = document.createElement("p");
    help.textContent = body.state_help;
    box.append(title, list, help);
  }

  function show(box, answer) {
    box.textContent = "";
    if (answer.ok) showFound(box, answer.body);
    else {
      var p = document.createElement("p");
      p.className = "sb-lookup__problem";
      p.textContent = (answer.body && answer.body.error) ||
        "Không tra cứu được lúc này. Vui lòng thử lại sau hoặc gọi điện cho Ban.";
      box.appendChild(p);
    }
    box.focus();
  }

  function submit(event) {
    var form = event.currentTarget;
    var input = form.elements.namedItem("ma");
    var box = form.querySelector("[data-lookup-answer]");
    var typed = input.value.trim();
    event.preventDefault();
    if (!typed) { input.focus(); return; }
    box.textContent = "Đang tra cứu…";
    fetch(form.dataset.lookupApi + encodeURIComponent(typed), { headers: { "Accept": "application/json" } })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (answer) { show(box, answer); })
      .catch(function () { show(box, { ok: false, body: null }); });
  }

  function setUp() {
    document.querySelectorAll("form[data-lookup-form]").forEach(function (form) {
      if (form.dataset.ready) return;
      form.dataset.ready = "1";
      form.addEventListener("submit", submit);
      // Arriving from a receipt (?ma=CODE): look it up at once.
      var given = new URLSearchParams(window.location.search).get("ma");
      if (given) {
        form.elements.namedItem("ma").value = given;
        form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit", { cancelable: true }));
      }
    });
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
