/* thaw.js: draws the book's plotly charts from their embedded JSON with the one copy of plotly.js that the
 * book serves itself (_static/plotly-basic.min.js), loaded only on pages that have charts, and each chart only
 * when it comes near the screen. No network beyond the book's own files. */
(function () {
  "use strict";
  var self = document.currentScript;
  var base = self && self.src ? self.src.replace(/thaw\.js(\?.*)?$/, "") : "_static/";
  // total, drawn and errors let tests and the benchmark see when every chart is drawn (doneAt, in ms).
  var state = (window.thawCharts = { total: 0, drawn: 0, errors: [], doneAt: null });

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (state.loading) return state.loading;
    state.loading = new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = base + "plotly-basic.min.js";
      s.onload = function () { resolve(window.Plotly); };
      s.onerror = function () { reject(new Error("thaw: could not load " + s.src)); };
      document.head.appendChild(s);
    });
    return state.loading;
  }

  function draw(holder) {
    if (holder.dataset.drawn || holder.dataset.drawing) return;
    holder.dataset.drawing = "1";
    var blob = document.querySelector('script.thaw-chart-data[data-for="' + holder.id + '"]');
    var fig = JSON.parse(blob.textContent);
    loadPlotly().then(function (Plotly) {
      holder.innerHTML = "";
      return Plotly.newPlot(holder, fig.data, fig.layout, fig.config);
    }).then(function () {
      holder.dataset.drawn = "1";
      holder.style.minHeight = "";
      state.drawn += 1;
      if (state.drawn === state.total) state.doneAt = performance.now();
      holder.dispatchEvent(new CustomEvent("thaw:drawn", { bubbles: true }));
    }).catch(function (err) {
      state.errors.push(String(err));
      console.error(err);
    });
  }

  function start() {
    var holders = Array.prototype.slice.call(document.querySelectorAll("div.thaw-chart"));
    state.total = holders.length;
    if (!holders.length) return;
    loadPlotly().catch(function () {});  // fetch and compile now (it is preloaded); draw each chart when it is near

    // window.thawEager (set by the benchmark) draws every chart at once instead of on scrolling.
    if (window.thawEager || !("IntersectionObserver" in window)) { holders.forEach(draw); return; }
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) { io.unobserve(e.target); draw(e.target); }
      });
    }, { rootMargin: "600px 0px" });
    holders.forEach(function (h) { io.observe(h); });
    window.thawDrawAll = function () { holders.forEach(draw); };
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
