/* The receipt look-up page. Without this script the form goes to the comment
 * service's own look-up page; with it, the service's JSON look-up is asked and
 * the answer (in words, nothing personal) appears under the code box.
 *
 * A code in a published register of receipts is answered from it (the public,
 * final word on its batch: the same words as the service, but a comment it does
 * not count reads as such), and so is one the service does not know or cannot
 * be asked about: the site publishes the registers split by the first two
 * characters of the code (tra-cuu-y-kien/ma/K7.json), so one small file is
 * fetched, never the whole register. A code found there also says how the
 * register lists it (its status, whether it is counted and why not, the day it was published). */
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

  var ALPHABET = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/;
  var NOT_PUBLISHED = "Không tìm thấy mã này trong các sổ ý kiến đã công bố, và lúc này không hỏi được hệ " +
    "thống tiếp nhận ý kiến. Vui lòng kiểm tra lại mã trên giấy biên nhận; nếu mã đúng, xin gọi điện cho Ban.";

  /* As the service forgives it: case, spaces, a missing or extra hyphen. */
  function canonical(typed) {
    var symbols = typed.replace(/[\s\-_.]+/g, "").toUpperCase();
    return ALPHABET.test(symbols) ? symbols.slice(0, 4) + "-" + symbols.slice(4) : null;
  }

  function registerLine(box, entry, base) {
    var p = document.createElement("p");
    var link = document.createElement("a");
    p.className = "sb-lookup__register";
    p.appendChild(document.createTextNode("Trong sổ ý kiến công khai của đợt (công bố ngày " +
      entry.register_published_on + "): " + entry.register_status + "; " +
      (entry.counted ? "được tính" : "không được tính") + " vào số ý kiến đã công bố. "));
    link.href = new URL("../../" + entry.register_url + "#ma-" + entry.receipt, new URL(base, window.location.href)).href;
    link.textContent = "Xem dòng này trong sổ ý kiến";
    p.appendChild(link);
    box.appendChild(p);
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
    if (body.not_counted_reason) line(list, "Lý do không được tính", body.not_counted_reason);
    var help = document.createElement("p");
    help.textContent = body.state_help;
    box.append(title, list, help);
  }

  function show(box, answer, base) {
    box.textContent = "";
    if (answer.ok) {
      showFound(box, answer.body);
      if (answer.entry) registerLine(box, answer.entry, base);
    } else {
      var p = document.createElement("p");
      p.className = "sb-lookup__problem";
      p.textContent = (answer.body && answer.body.error) ||
        "Không tra cứu được lúc này. Vui lòng thử lại sau hoặc gọi điện cho Ban.";
      box.appendChild(p);
    }
    box.focus();
  }

  /* The code's entry in the published registers; null when they do not hold it (no file for its
   * first two characters: none of them does); undefined when they could not be read. */
  function fromRegister(base, code) {
    if (!base || !code) return Promise.resolve(undefined);
    return fetch(base + code.slice(0, 2) + ".json", { headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (response.status === 404) return {};
        return response.ok ? response.json() : undefined;
      })
      .then(function (entries) { return entries ? entries[code] || null : undefined; })
      .catch(function () { return undefined; });
  }

  /* The service's answer: ok with its body, its refusal (an unknown code), or null when unreachable. */
  function fromService(api, typed) {
    if (!api) return Promise.resolve(null);  // a site whose comment service is closed: registers only
    return fetch(api + encodeURIComponent(typed), { headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (response.status >= 500) return null;
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .catch(function () { return null; });
  }

  function submit(event) {
    var form = event.currentTarget;
    var input = form.elements.namedItem("ma");
    var box = form.querySelector("[data-lookup-answer]");
    var base = form.dataset.registerLookup;
    var typed = input.value.trim();
    var code = canonical(typed);
    event.preventDefault();
    if (!typed) { input.focus(); return; }
    box.textContent = "Đang tra cứu…";
    Promise.all([fromService(form.dataset.lookupApi, typed), fromRegister(base, code)])
      .then(function (found) {
        var service = found[0], entry = found[1];
        // A published register is the public, final word on a comment of its batch.
        if (entry) show(box, { ok: true, body: entry, entry: entry }, base);
        else if (service && service.ok) show(box, { ok: true, body: service.body }, base);
        else if (service) show(box, service, base);
        else if (!code) show(box, { ok: false, body: { error: "Mã này không đúng dạng mã biên nhận." } }, base);
        else if (entry === null) show(box, { ok: false, body: { error: NOT_PUBLISHED } }, base);
        else show(box, { ok: false, body: null }, base);
      });
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
