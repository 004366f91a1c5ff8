/* 培训导航图: 长辈模式 and copy-address. The pages work without this file. */
(function () {
  "use strict";
  var KEY = "skillmap-elder";
  var root = document.documentElement;

  function setElder(on, remember) {
    root.classList.toggle("sm-elder", on);
    var buttons = document.querySelectorAll("[data-elder-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", on ? "true" : "false");
      buttons[i].textContent = on ? "退出长辈模式" : "长辈模式";
    }
    if (remember) {
      try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode */ }
    }
  }

  function init() {
    setElder(root.classList.contains("sm-elder"), false);
    document.addEventListener("click", function (event) {
      var target = event.target;
      if (!(target instanceof Element)) return;
      if (target.closest("[data-elder-toggle]")) {
        setElder(!root.classList.contains("sm-elder"), true);
      }
      var copy = target.closest("[data-copy]");
      if (copy) {
        var text = copy.parentElement && copy.parentElement.querySelector("[data-copy-text]");
        if (text && navigator.clipboard) {
          navigator.clipboard.writeText(text.textContent.trim()).then(function () {
            copy.textContent = "已复制";
          });
        }
      }
    });
    var copies = document.querySelectorAll("[data-copy]");
    for (var i = 0; i < copies.length; i++) {
      if (navigator.clipboard) copies[i].hidden = false;
    }
  }

  /* A wide table scrolls sideways inside itself (Material's style); what scrolls must be reachable by keyboard. */
  function labelScrollables() {
    var boxes = document.querySelectorAll(".md-typeset table, .md-typeset__scrollwrap");
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].scrollWidth > boxes[i].clientWidth && !boxes[i].hasAttribute("tabindex")) {
        boxes[i].setAttribute("tabindex", "0");
        boxes[i].setAttribute("role", "region");
        boxes[i].setAttribute("aria-label", "表格（可左右滑动）");
      }
    }
  }
  window.addEventListener("load", labelScrollables);

  /* The subsidy calculator: the rule of domain/course_facts.py (money_facts, after_uplift), in
     fen so that 22.55 元 × 48 课时 is exact; the build wrote the first answer. */
  function fen(text) {
    var value = parseFloat(String(text).replace(/,/g, ""));
    return isFinite(value) && value > 0 ? Math.round(value * 100) : 0;
  }

  function yuan(cents) {
    var whole = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return cents % 100 ? whole + "." + String(cents % 100 + 100).slice(1) : whole;
  }

  function subsidyAnswer(form) {
    var field = function (name) { return form.elements[name]; };
    var checked = function (name) {
      var f = field(name);
      return f.type === "checkbox" ? f.checked : f.value === "1";
    };
    var hours = Math.max(0, parseInt(field("hours").value, 10) || 0);
    var fee = fen(field("fee").value), free = checked("free"), toTrainee = field("to").value === "学员";
    var full = hours * fen(field("per_hour").value), raisedFull = Math.round(full * 1.5);
    var base = free ? full : Math.min(full, fee), raised = free ? raisedFull : Math.min(raisedFull, fee);
    var pays = free ? 0 : toTrainee ? fee : Math.max(fee - base, 0);
    var claims = free || !toTrainee ? 0 : checked("uplift") ? raised : base;
    return {
      subsidy: checked("uplift") ? raised : base, pays: pays, claims: claims, net: pays - claims,
      capped: !free && (checked("uplift") ? raisedFull > fee : full > fee)
    };
  }

  function showAnswer(form) {
    var answer = subsidyAnswer(form);
    ["subsidy", "pays", "claims", "net"].forEach(function (name) {
      var out = form.querySelector('[data-out="' + name + '"]');
      if (out) out.textContent = yuan(answer[name]);
    });
    var capped = form.querySelector('[data-out="capped"]');
    if (capped) capped.hidden = !answer.capped;
  }

  function initCalculators() {
    var forms = document.querySelectorAll("form[data-calc]");
    for (var i = 0; i < forms.length; i++) {
      var form = forms[i];
      form.hidden = false;
      form.addEventListener("input", function (event) { showAnswer(event.currentTarget); });
      form.addEventListener("change", function (event) { showAnswer(event.currentTarget); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      showAnswer(form);
    }
  }
  window.skillmapSubsidy = subsidyAnswer;

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initCalculators);
  } else {
    initCalculators();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
