"use strict";
// The page works without this script (every way to a failure is a link);
// it adds the n/p keys and the button to step through the failures, and the
// filter that hides the guides that passed.
(function () {
  var current = null;
  function failures() {
    return Array.prototype.filter.call(
      document.querySelectorAll("[data-failure]"),
      function (e) { return !e.closest("[hidden]"); }
    );
  }
  function go(step) {
    var list = failures();
    if (!list.length) return;
    var at = list.indexOf(document.activeElement);
    if (at < 0 && current && list.indexOf(current) >= 0) {
      var top = current.getBoundingClientRect().top;
      if (top > -10 && top < 150) at = list.indexOf(current);
    }
    if (at < 0) {
      // From where the reader is: the failures below the sticky bar are ahead.
      var i = 0;
      while (i < list.length && list[i].getBoundingClientRect().top < 90) i++;
      at = step > 0 ? i - 1 : i;
    }
    var next = list[(at + step + list.length) % list.length];
    current = next;
    next.scrollIntoView({ block: "start" });
    next.focus({ preventScroll: true });
    if (history.replaceState) history.replaceState(null, "", "#" + next.id);
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.target.closest && e.target.closest("input, textarea, select, [contenteditable]")) return;
    if (e.key === "n") { go(1); e.preventDefault(); }
    if (e.key === "p") { go(-1); e.preventDefault(); }
  });
  var button = document.getElementById("next-failure");
  if (button) button.addEventListener("click", function () { go(1); });
  var only = document.getElementById("failures-only");
  function filter() {
    var on = only.checked;
    Array.prototype.forEach.call(
      document.querySelectorAll("main [data-verdict]"),
      function (e) {
        var v = e.getAttribute("data-verdict");
        e.hidden = on && (v === "passed" || v === "updated" || v === "cached" || v === "empty");
      }
    );
  }
  if (only) {
    only.addEventListener("change", filter);
    filter();
  }
})();
