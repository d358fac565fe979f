// Static script (never built from data). Toggles highlight layers on the
// article page and flashes the span a record item links to.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const box of document.querySelectorAll("input[data-layer]")) {
    box.addEventListener("change", () => {
      document.body.classList.toggle("hide-" + box.dataset.layer, !box.checked);
    });
  }
  for (const a of document.querySelectorAll("aside.record a[href^='#']")) {
    a.addEventListener("click", () => {
      const el = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
      if (!el) return;
      el.classList.remove("flash");
      void el.offsetWidth; // restart the animation
      el.classList.add("flash");
    });
  }
});
