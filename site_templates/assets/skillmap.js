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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
