/* The verdict builder's pinned balance on a phone. Below 600 px wide, thaw.css folds the balance to one bar at most
   48 px high (the two totals), so that with the header it covers little of the screen; this adds the button that
   unfolds it to the full bars and the lean. Moving the focus to anything outside the balance folds it again, so the
   unfolded balance never hides the element being worked on. (Layout only: the balance's figures come from thaw.js.) */
(function () {
  function fold(balance, button, open) {
    balance.classList.toggle("thaw-vb-open", open);
    button.setAttribute("aria-expanded", String(open));
  }
  document.querySelectorAll(".thaw-vb-balance").forEach(function (balance) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "thaw-vb-expand";
    button.textContent = "Details";
    button.setAttribute("aria-expanded", "false");
    balance.insertBefore(button, balance.firstChild);
    button.addEventListener("click", function () { fold(balance, button, !balance.classList.contains("thaw-vb-open")); });
    var form = balance.closest("form") || document;
    form.addEventListener("focusin", function (e) {
      if (!balance.contains(e.target)) fold(balance, button, false);
    });
  });
})();
