/* XM Hub console behaviour. No inline handlers anywhere (CSP): everything is wired here by data-attributes.
 *  data-menu          <details> menus: close on Escape, outside click, and when another opens
 *  data-nav-toggle    shows/hides the sidebar on small screens
 *  data-dismiss       removes the closest flash message
 *  data-copy="#id"    copies the value/text of #id to the clipboard and says so
 *  data-confirm="…"   on a form: asks before submitting
 *  data-autosubmit    on a form: submits when a select changes (without htmx)
 */
(function () {
  "use strict";

  function closeMenus(except) {
    document.querySelectorAll("details[data-menu][open]").forEach(function (menu) {
      if (menu !== except) menu.removeAttribute("open");
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var menu = target.closest("details[data-menu]");
    closeMenus(menu);

    var toggle = target.closest("[data-nav-toggle]");
    if (toggle) {
      var open = document.body.toggleAttribute("data-nav-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }

    var dismiss = target.closest("[data-dismiss]");
    if (dismiss) {
      var flash = dismiss.closest(".flash");
      if (flash) flash.remove();
    }

    var copy = target.closest("[data-copy]");
    if (copy) {
      event.preventDefault();
      copyFrom(copy);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.querySelector("details[data-menu][open]");
    if (open) {
      open.removeAttribute("open");
      var summary = open.querySelector("summary");
      if (summary) summary.focus();
    }
    if (document.body.hasAttribute("data-nav-open")) {
      document.body.removeAttribute("data-nav-open");
      var toggle = document.querySelector("[data-nav-toggle]");
      if (toggle) toggle.setAttribute("aria-expanded", "false");
    }
  });

  function copyFrom(button) {
    var source = document.querySelector(button.getAttribute("data-copy"));
    if (!source) return;
    var text = "value" in source && source.value !== undefined ? source.value : source.textContent;
    var status = document.getElementById(button.getAttribute("aria-describedby") || "") ||
      button.parentElement.querySelector("[data-copy-status]");
    function done(ok) {
      if (status) status.textContent = ok ? "Copied to clipboard." : "Select the text and copy it (Ctrl+C).";
      var label = button.querySelector("[data-copy-label]");
      if (label && ok) {
        var before = label.textContent;
        label.textContent = "Copied";
        window.setTimeout(function () { label.textContent = before; }, 2000);
      }
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text.trim()).then(function () { done(true); }, function () { fallback(); });
    } else {
      fallback();
    }
    function fallback() {
      if (source.select) { source.focus(); source.select(); }
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      done(ok);
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  });

  document.addEventListener("change", function (event) {
    var form = event.target.form;
    if (!form || !form.hasAttribute("data-autosubmit") || window.htmx) return;
    if (event.target.tagName === "SELECT" || event.target.type === "date") form.requestSubmit();
  });

  // Select the one-time secret on focus so it can be copied by keyboard too.
  document.addEventListener("focusin", function (event) {
    if (event.target.matches("[data-select-on-focus]")) event.target.select();
  });

  // htmx: mark the results region busy while it loads, and move focus sensibly after a swap.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var target = event.detail.target;
    if (target) target.setAttribute("aria-busy", "true");
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (target) target.removeAttribute("aria-busy");
  });
  document.addEventListener("htmx:responseError", function (event) {
    var target = event.detail.target;
    if (target) target.removeAttribute("aria-busy");
  });
})();
