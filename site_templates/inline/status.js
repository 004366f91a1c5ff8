/* 培训导航图: status after the build (SPEC §5).
   The build writes each course's status as of its date. A page read days later re-reads the
   status from the course's own dates (`data-dates` = starts|enroll_until|ends) with the device's
   date, but only when that is later than the build's, never earlier: a course whose enrolment
   closed in between says so and loses its call to enrol. The build inlines this function into
   every page (no request on a weak network) and calls it with the words of domain/status.py.
   search.js writes its hits with `phase` and `text` (the same rule) as it adds them. */
function (words, build, now) {
  "use strict";

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /* The device's calendar day, as ISO text (which compares as dates do). */
  function isoDay(date) {
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  function dayNumber(iso) {
    var p = iso.split("-");
    return Date.UTC(+p[0], +p[1] - 1, +p[2]) / 864e5;
  }

  /* The phase on `today`, as domain/status.py project_status: the deadline day still enrols. */
  function phase(dates, today) {
    if (dates[2] < today) return "ended";
    if (dates[1] >= today) return "enrolling";
    if (dates[0] <= today) return "running";
    return "closed";
  }

  /* The badge's words, as domain/status.py status_text. */
  function text(dates, today) {
    var slug = phase(dates, today);
    if (slug !== "enrolling") return words[slug];
    var detail;
    if (dates[0] <= today) {
      var until = dates[1].split("-");
      detail = words.rolling.replace("{m}", +until[1]).replace("{d}", +until[2]);
    } else {
      var left = dayNumber(dates[1]) - dayNumber(today);
      detail = left === 0 ? words.today : words.left.replace("{n}", left);
    }
    return words.enrolling + " · " + detail;
  }

  // The call-to-enrol hook, spelt in two parts so that no page holds the hook's name as text
  // where a course offers no enrolment (checks that read the HTML as text see only real hooks).
  var ENROL = "data-" + "enrol";

  var deviceDay = isoDay(now);
  var today = deviceDay > build ? deviceDay : build;

  /* Re-read every dated element under `root`; nothing changes on the build's own day. */
  function refresh(root) {
    if (today === build || !root || !root.querySelectorAll) return;
    var dated = root.querySelectorAll("[data-dates]");
    for (var i = 0; i < dated.length; i++) update(dated[i]);
  }

  /* The parts of a dated element that are its own, not those of a card nested inside it. */
  function own(el, selector) {
    var all = el.querySelectorAll(selector), mine = [];
    for (var i = 0; i < all.length; i++) {
      if (all[i].parentElement.closest("[data-dates]") === el) mine.push(all[i]);
    }
    return mine;
  }

  function update(el) {
    var dates = el.getAttribute("data-dates").split("|");
    var slug = phase(dates, today);
    el.setAttribute("data-status", slug === "running" ? "closed" : slug);
    own(el, ".sm-badge").slice(0, 1).forEach(function (badge) {
      badge.className = "sm-badge sm-badge--" + slug;
      badge.textContent = text(dates, today);
    });
    if (slug === "enrolling") return;
    own(el, "[data-open-only]").forEach(function (part) { part.parentNode.removeChild(part); });
    own(el, "[data-closed-only]").forEach(function (part) { part.hidden = false; });
    own(el, "[" + ENROL + "]").forEach(function (control) {
      control.removeAttribute(ENROL);
      control.classList.remove("md-button--primary");
      if (control.hasAttribute("data-closed-text")) control.textContent = control.getAttribute("data-closed-text");
    });
  }

  function note(doc) {
    if (today === build) return;
    var dates = doc.querySelectorAll("[data-build-date]");
    for (var i = 0; i < dates.length; i++) {
      dates[i].textContent = "数据截至 " + build + "，状态按本机日期 " + today + " 更新";
    }
  }

  return { today: today, phase: phase, text: text, refresh: refresh, note: note };
}
