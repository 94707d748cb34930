/* Re-evaluate comment-period states in the reader's browser, so a page built
 * before a deadline shows the right state after it without a rebuild.
 * Same rules as site_builder/status.py; all dates are Vietnam time (UTC+7, no DST). */
(function () {
  "use strict";
  var VN_OFFSET_MS = 7 * 3600 * 1000;
  var DAY_MS = 24 * 3600 * 1000;
  var LABELS = {
    upcoming: "Sắp mở",
    open: "Đang lấy ý kiến — còn {n} ngày",
    openLastDay: "Đang lấy ý kiến — hôm nay là ngày cuối",
    closed: "Đã kết thúc"
  };

  function vnDayNumber(ms) {
    return Math.floor((ms + VN_OFFSET_MS) / DAY_MS);
  }

  function vnDate(ms) {
    var d = new Date(ms + VN_OFFSET_MS);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(d.getUTCDate()) + "/" + two(d.getUTCMonth() + 1) + "/" + d.getUTCFullYear();
  }

  function statusAt(opens, closes, now) {
    if (now < opens) return { code: "upcoming", label: LABELS.upcoming + " (từ " + vnDate(opens) + ")" };
    if (now > closes) return { code: "closed", label: LABELS.closed };
    var days = vnDayNumber(closes) - vnDayNumber(now);
    return { code: "open", label: days === 0 ? LABELS.openLastDay : LABELS.open.replace("{n}", days) };
  }

  function update(element, now) {
    var opens = Date.parse(element.getAttribute("data-period-opens"));
    var closes = Date.parse(element.getAttribute("data-period-closes"));
    if (isNaN(opens) || isNaN(closes)) return;
    var status = statusAt(opens, closes, now);
    element.className = element.className.replace(/sb-status--\w+/, "sb-status--" + status.code);
    element.querySelector(".sb-status__label").textContent = status.label;
    return status.code;
  }

  // What happens to a comment (records/partials/comment-steps.html): the mark moves to the last step
  // whose start has come, never back from where the build put it (the outcome, once recorded).
  function markSteps(list, now) {
    var steps = Array.prototype.slice.call(list.querySelectorAll("[data-step]"));
    var reached = -1;
    steps.forEach(function (step, index) {
      var starts = Date.parse(step.getAttribute("data-step-starts"));
      if (step.hasAttribute("aria-current") || (!isNaN(starts) && starts <= now)) reached = index;
    });
    steps.forEach(function (step, index) {
      var state = index < reached ? "done" : index > reached ? "next"
        : step.classList.contains("sb-step--done") ? "done" : "current";
      step.className = step.className.replace(/sb-step--\w+/, "sb-step--" + state);
      if (index === reached) step.setAttribute("aria-current", "step");
      else step.removeAttribute("aria-current");
      step.querySelector(".sb-step__state").textContent = list.getAttribute("data-state-" + state);
    });
  }

  function run() {
    var now = Math.floor(Date.now() / 1000) * 1000;  // to the second, as NominationBatch.phase_at
    var pageCode = null;
    document.querySelectorAll("[data-period-opens]").forEach(function (element) {
      var code = update(element, now);
      if (element.closest(".sb-batch")) pageCode = code;
    });
    document.querySelectorAll(".sb-steps__list").forEach(function (list) { markSteps(list, now); });
    if (!pageCode) return;
    document.querySelectorAll(".sb-batch [data-when-period]").forEach(function (element) {
      element.hidden = element.getAttribute("data-when-period") !== pageCode;
    });
  }

  // Material's instant navigation replaces the page body; document$ tells us when.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(run);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
