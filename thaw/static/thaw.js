/* thaw.js: the book's own script (no network beyond the book's files).
 *
 * Charts: draws each plotly chart from its embedded JSON with the one copy of plotly.js the book serves
 * (_static/plotly-basic.min.js), loaded only on pages with charts, each chart when it comes near the screen. The
 * holder's height is reserved by CSS before anything loads; the chart fills it and redraws to its width on any
 * resize or rotation. On a narrow screen the legend moves under the plot, long labels wrap and the toolbar hides;
 * in dark mode the chart takes dark colours, switched live when the reader flips the theme. A chart's filter menu
 * becomes a native <select> above it, so it works from the keyboard. The axes' labels are measured before drawing,
 * so that each chart is drawn once (see fitMargins); plotly.js itself is served with V8's compile hint
 * (scripts/vendor.py), so that it compiles while it downloads. Every layout constant (breakpoint, dark colours,
 * the legend's and the phone's sizes) comes with each chart's JSON from thaw/layout.py ("thaw" in the payload):
 * this file only measures what a browser must (the labels' widths on a canvas, in the system's font).
 * The static image of a chart (made at build time) stays in the page until the chart is drawn, then moves to a
 * print-only box beside it (thaw/static/print.css prints the image, not the interactive chart).
 *
 * (The verdict builder has its own script, verdict.js, loaded only on its pages.) */
(function () {
  "use strict";
  var self = document.currentScript;
  var base = self && self.src ? self.src.replace(/thaw\.js(\?.*)?$/, "") : "_static/";
  // total, drawn and errors let tests and the benchmark see when every chart is drawn (firstAt, doneAt in ms).
  var state = (window.thawCharts = { total: 0, drawn: 0, errors: [], firstAt: null, doneAt: null });
  var K = null;  // the layout constants (thaw/layout.py), read from the first chart's JSON

  // plotly.js comes from the async tag in the page's head (thaw.sphinxext), else it is added here.
  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (state.loading) return state.loading;
    state.loading = new Promise(function (resolve, reject) {
      var s = document.getElementById("thaw-plotly");
      if (!s) {
        s = document.createElement("script");
        s.src = base + "plotly-basic.min.js";
        document.head.appendChild(s);
      }
      s.addEventListener("load", function () { resolve(window.Plotly); });
      s.addEventListener("error", function () { reject(new Error("thaw: could not load " + s.src)); });
      if (window.Plotly) resolve(window.Plotly);  // it finished before we listened
    });
    return state.loading;
  }

  function clone(x) { return JSON.parse(JSON.stringify(x)); }
  function isDark() { return document.documentElement.dataset.theme === "dark"; }
  function isNarrow() { return window.matchMedia(K.narrow).matches; }
  function axes(layout) {
    var names = ["xaxis", "yaxis"];
    Object.keys(layout).forEach(function (k) { if (/^[xy]axis\d+$/.test(k)) names.push(k); });
    return names;
  }

  function wrap(text, width) {
    var words = String(text).replace(/<br>/g, " ").split(/\s+/), lines = [], line = "";
    words.forEach(function (w) {
      if (line && (line + " " + w).length > width) { lines.push(line); line = w; } else { line = line ? line + " " + w : w; }
    });
    if (line) lines.push(line);
    return lines.join("<br>");
  }

  // The values the traces plotted on an axis give it (each trace's x or y), one array per trace.
  function axisValues(fig, ax) {
    var letter = ax.charAt(0), id = ax.slice(5);
    return fig.data.filter(function (t) { return (t[letter + "axis"] || letter) === letter + id; })
      .map(function (t) { return t[letter]; });
  }

  // The category values of an axis (its categoryarray, else every string its traces use), in order.
  function categories(fig, ax) {
    var a = fig.layout[ax] || {};
    if (a.type && a.type !== "category") return [];
    if (a.categoryarray && a.categoryarray.length) return a.categoryarray.slice();
    var seen = [];
    axisValues(fig, ax).forEach(function (values) {
      if (!Array.isArray(values)) return;  // numbers arrive as typed arrays ({dtype, bdata}): not categories
      values.forEach(function (v) { if (typeof v === "string" && seen.indexOf(v) < 0) seen.push(v); });
    });
    // strings that are dates or numbers make a date or linear axis, not a category one
    return seen.some(function (v) { return /^\d{4}-\d\d-\d\d/.test(v) || !isNaN(Number(v)); }) ? [] : seen;
  }

  // The layout for the current screen and theme, from the figure's own layout. The reader's choices (legend,
  // menu) live in the drawn data, which render() passes on.
  function layoutFor(holder, fig) {
    var L = clone(fig.layout), narrow = isNarrow(), dark = isDark(), width = holder.clientWidth || 360, legendHeight = 0;
    var G = K.legend, P = K.phone, DARK = K.dark, mode = narrow ? "narrow" : "wide";
    delete L.height; delete L.width; delete L.updatemenus;
    (holder.data || fig.data).forEach(function (t) { if (t._thawName) t.name = t._thawName; });
    L.autosize = true;
    L.margin = L.margin || {};
    axes(L).forEach(function (ax) { L[ax] = L[ax] || {}; L[ax].automargin = true; });
    // A legend under the plot (every legend on a phone) is placed from the bottom of the chart, in as many
    // columns as its names allow, with the bottom margin its rows need: it never runs over the axis or out of
    // the holder, whatever the width.
    var shown = fig.data.filter(function (t) { return t.showlegend !== false && t.name; });
    if (L.showlegend !== false && shown.length && (narrow || (L.legend && L.legend.orientation === "h"))) {
      var longest = Math.max.apply(null, shown.map(function (t) { return String(t._thawName || t.name).length; }));
      var columns = Math.max(1, Math.min(G.columns[mode], Math.floor(width / (longest * G.char_px + G.entry_px))));
      var rows = Math.ceil(shown.length / columns);
      L.legend = Object.assign({}, L.legend, { orientation: "h", xref: "container", x: 0, xanchor: "left", y: 0,
        yanchor: "bottom", yref: "container", traceorder: "normal", entrywidth: 1 / columns - 0.001,
        entrywidthmode: "fraction" });
      if (narrow) L.legend.font = { size: G.narrow_font_size };
      var nameChars = Math.max(G.min_name_chars, Math.floor((width / columns - G.entry_px) / G.char_px));
      (holder.data || fig.data).forEach(function (t) {
        if (t.legendgrouptitle) t.legendgrouptitle = { text: "" };
        if (t.name && String(t.name).length > nameChars) {  // long names wrap instead of running off the edge
          t._thawName = t._thawName || t.name;
          t.name = wrap(t._thawName, nameChars);
          rows += t.name.split("<br>").length - 1;
        }
      });
      L.margin.b = G.margin_b[mode] + rows * G.row_px;
      legendHeight = rows * G.row_px + G.pad_px;
    }
    if (narrow) {
      L.font = Object.assign({}, L.font, { size: P.font_size });
      L.margin.l = P.margin_lr; L.margin.r = P.margin_lr;
      axes(L).forEach(function (ax) {
        var cats = categories(fig, ax);
        if (!cats.length) return;
        var chars = ax.charAt(0) === "y"
          ? Math.max(P.y_category_min_chars, Math.floor(width * P.y_category_share / P.y_category_char_px)) : P.x_category_chars;
        L[ax].tickmode = "array"; L[ax].tickvals = cats;
        L[ax].ticktext = cats.map(function (c) { return wrap(c, chars); });
        L[ax].tickfont = { size: P.tick_font_size };
        if (ax.charAt(0) === "x") {
          var longestCat = Math.max.apply(null, cats.map(function (c) { return String(c).length; }));
          var wide = cats.length * (longestCat * P.x_category_char_px + P.x_category_pad_px) > width * P.x_category_share;
          L[ax].tickangle = wide ? -90 : 0;  // upright rather than overlapping
        }
      });
      (L.annotations || []).forEach(function (a) { a.font = Object.assign({}, a.font, { size: P.annotation_font_size }); });
    }
    fitMargins(L, fig, legendHeight);
    if (dark) {
      L.paper_bgcolor = DARK.paper; L.plot_bgcolor = DARK.paper;
      L.font = Object.assign({}, L.font, { color: DARK.text });
      L.legend = Object.assign({}, L.legend, { bgcolor: DARK.paper, font: Object.assign({}, (L.legend || {}).font, { color: DARK.text }) });
      L.hoverlabel = Object.assign({}, L.hoverlabel, { bgcolor: DARK.hover, font: { color: DARK.text }, bordercolor: DARK.line });
      axes(L).forEach(function (ax) {
        Object.assign(L[ax], { gridcolor: DARK.grid, linecolor: DARK.line, zerolinecolor: DARK.line,
          tickfont: Object.assign({}, L[ax].tickfont, { color: DARK.text }) });
        if (L[ax].title && typeof L[ax].title === "object") L[ax].title.font = Object.assign({}, L[ax].title.font, { color: DARK.text });
      });
      (L.annotations || []).forEach(function (a) { a.font = Object.assign({}, a.font, { color: DARK.text }); });
    }
    return L;
  }

  // The margins the axes' labels need, measured on a canvas before the chart is drawn (no layout is forced). Plotly's
  // automargin, kept on as a safety net, would find them only by drawing the chart, measuring the drawn labels and
  // drawing it again; given margins that already fit, it has nothing to add and draws once. Category labels are
  // measured as set (each <br> a line); dates and numbers, whose tick texts plotly chooses, are given two lines.
  var ruler;  // a canvas's 2D context, made on first use (null where canvases are unavailable: plotly fits alone)
  function textBox(text, font) {
    ruler.font = font.size + "px " + font.family;
    var lines = String(text).split(/<br\s*\/?>/i);
    var width = Math.max.apply(null, lines.map(function (l) { return ruler.measureText(l.replace(/<[^>]+>/g, "")).width; }));
    return { width: width, height: lines.length * font.size * K.measure.line_height };
  }

  // The numbers an axis's traces plot (plain arrays, or the typed arrays plotly.py sends as {dtype, bdata}).
  var TYPED = { f8: Float64Array, f4: Float32Array, i4: Int32Array, u4: Uint32Array, i2: Int16Array, u2: Uint16Array,
    i1: Int8Array, u1: Uint8Array };
  function numbers(fig, ax) {
    var out = [];
    axisValues(fig, ax).forEach(function (v) {
      if (v && v.bdata && TYPED[v.dtype]) {
        var bytes = Uint8Array.from(atob(v.bdata), function (c) { return c.charCodeAt(0); });
        v = Array.from(new TYPED[v.dtype](bytes.buffer));
      }
      if (Array.isArray(v)) v.forEach(function (x) { if (typeof x === "number" && isFinite(x)) out.push(x); });
    });
    return out;
  }
  function d3ish(n, format) {  // ",.Nf": thousands separated, N decimals
    var decimals = Number((format.match(/\.(\d+)f$/) || [0, 0])[1]);
    return n.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  }

  function fitMargins(L, fig, legendHeight) {
    if (ruler === undefined) ruler = document.createElement("canvas").getContext("2d");
    if (!ruler) return;
    var M = K.measure, base = Object.assign({}, M.plotly_font, L.font), need = { l: 0, b: 0 };
    axes(L).forEach(function (ax) {
      var a = L[ax], letter = ax.charAt(0), side = a.side || (letter === "y" ? "left" : "bottom");
      if (a.visible === false || a.overlaying || a.anchor === "free" || (side !== "left" && side !== "bottom")) return;
      var font = Object.assign({}, base, a.tickfont), cats = categories(fig, ax), size = 0;
      var texts = a.ticktext || cats;
      if (texts.length) {
        var boxes = texts.map(function (t) { return textBox(t, font); });
        var upright = letter === "x" && Math.abs(a.tickangle || 0) === 90;
        size = Math.max.apply(null, boxes.map(function (b) { return (letter === "y") !== upright ? b.width : b.height; }));
      } else if (letter === "x") {
        size = M.date_lines * font.size * M.line_height;
      } else if (/^,\.?\d*f$/.test(a.tickformat || "")) {  // numbers with thousands separators, e.g. ",.0f"
        var top = Math.max.apply(null, [1].concat(numbers(fig, ax).map(Math.abs)));
        // the top tick may reach the next power of ten (950,000 -> "1,000,000"): measure that many digits
        size = textBox(d3ish(Math.pow(10, Math.ceil(Math.log10(top * 1.1))), a.tickformat), font).width;
      } else {
        return;  // other numbers on a y axis: their width is plotly's to find
      }
      var title = a.title && (typeof a.title === "string" ? a.title : a.title.text);
      if (title) size += textBox(title, Object.assign({}, base, a.title.font)).height + M.title_gap_px;
      var k = letter === "y" ? "l" : "b";
      need[k] = Math.max(need[k], Math.ceil(size) + M.pad_px);
      // a date axis's last label (a year) may stand half out past the plot's right edge
      if (letter === "x" && !texts.length) need.r = Math.max(need.r || 0, Math.ceil(textBox("0000", font).width / 2) + M.right_pad_px);
    });
    if (need.l) L.margin.l = Math.max(L.margin.l || 0, need.l);
    if (need.b) L.margin.b = Math.max(L.margin.b || 0, need.b + legendHeight);
    if (need.r) L.margin.r = Math.max(L.margin.r || 0, need.r);
  }

  function configFor(fig) {
    var c = Object.assign({}, fig.config);  // not "responsive" (thaw.render): thaw.js resizes with the holder itself
    if (isNarrow()) c.displayModeBar = false;  // on a phone the toolbar would cover the plot; pinch and tap still work
    return c;
  }

  // A plotly filter menu as a native <select> above the chart: keyboard-operable, never covering the plot.
  function menus(holder, fig) {
    (fig.layout.updatemenus || []).forEach(function (m, i) {
      var wrapEl = document.createElement("label");
      wrapEl.className = "thaw-chart-menu";
      wrapEl.appendChild(document.createTextNode((m.name || "Show") + ": "));
      var sel = document.createElement("select");
      m.buttons.forEach(function (b, j) {
        var o = document.createElement("option");
        o.value = String(j); o.textContent = b.label;
        if (j === (m.active || 0)) o.selected = true;
        sel.appendChild(o);
      });
      sel.addEventListener("change", function () {
        var b = m.buttons[Number(sel.value)];
        window.Plotly[b.method].apply(null, [holder].concat(clone(b.args)));
      });
      wrapEl.appendChild(sel);
      holder.parentNode.insertBefore(wrapEl, holder);
      holder.dataset.menus = String(i + 1);
    });
  }

  function render(holder) {
    var fig = holder._thawFig, Plotly = window.Plotly;
    // holder.data is the drawn data: the reader's legend and menu choices survive a theme or breakpoint change
    var data = holder.data || fig.data;
    holder._thawMode = isNarrow() + "|" + isDark();
    return Plotly.react(holder, data, layoutFor(holder, fig), configFor(fig));
  }

  function draw(holder) {
    if (holder.dataset.drawn || holder.dataset.drawing) return;
    holder.dataset.drawing = "1";
    var blob = document.querySelector('script.thaw-chart-data[data-for="' + holder.id + '"]');
    holder._thawFig = JSON.parse(blob.textContent);
    loadPlotly().then(function () {
      keepImage(holder);
      holder.innerHTML = "";
      menus(holder, holder._thawFig);
      return render(holder);
    }).then(function () {
      holder.dataset.drawn = "1";
      state.drawn += 1;
      if (state.firstAt === null) state.firstAt = performance.now();
      if (state.drawn === state.total) state.doneAt = performance.now();
      if (window.ResizeObserver) {
        var last = holder.clientWidth;
        new ResizeObserver(function () {
          // hidden (0 wide: printing shows the static image instead) is no width to fit
          if (!holder.clientWidth || holder.clientWidth === last) return;
          last = holder.clientWidth;
          refresh(holder);
        }).observe(holder);
      }
      holder.dispatchEvent(new CustomEvent("thaw:drawn", { bubbles: true }));
    }).catch(function (err) {
      state.errors.push(String(err));
      console.error(err);
    });
  }

  // After a resize: redraw for the new layout if the breakpoint or theme changed, else fit the new width.
  function refresh(holder) {
    if (!holder.dataset.drawn || !holder.clientWidth) return;
    if (holder._thawMode !== isNarrow() + "|" + isDark()) render(holder);
    else window.Plotly.Plots.resize(holder);
  }

  // The static image (thaw.sphinxext) leaves the holder for a box after it, which only print shows.
  function keepImage(holder) {
    var imgs = holder.querySelectorAll("img.thaw-chart-img");
    if (!imgs.length) return;
    var box = document.createElement("div");
    box.className = "thaw-chart-print";
    Array.prototype.forEach.call(imgs, function (img) { box.appendChild(img); });
    holder.parentNode.insertBefore(box, holder.nextSibling);
  }

  function startCharts() {
    var holders = Array.prototype.slice.call(document.querySelectorAll("div.thaw-chart"));
    state.total = holders.length;
    window.thawDrawAll = function () { holders.forEach(draw); };
    if (!holders.length) return;
    K = JSON.parse(document.querySelector("script.thaw-chart-data").textContent).thaw;
    loadPlotly().catch(function () {});  // fetch and compile now (it is preloaded); draw each chart when it is near

    var redrawAll = function () { holders.forEach(refresh); };
    new MutationObserver(redrawAll).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    window.matchMedia(K.narrow).addEventListener("change", redrawAll);

    // window.thawEager (set by the benchmark) draws every chart at once instead of on scrolling.
    if (window.thawEager || !("IntersectionObserver" in window)) { holders.forEach(draw); return; }
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) { io.unobserve(e.target); draw(e.target); }
      });
    }, { rootMargin: "1200px 0px" });
    holders.forEach(function (h) { io.observe(h); });
    // Charts further down are drawn ahead of the reader, so that a reader scrolling down finds them drawn: the
    // first as soon as plotly.js is ready (a draw takes about 0.1 s), the others one at a time when the browser is
    // idle.
    var idle = window.requestIdleCallback || function (f) { return setTimeout(f, 200); };
    var ahead = function () {
      var next = holders.filter(function (h) { return !h.dataset.drawn && !h.dataset.drawing; })[0];
      if (!next) return;
      io.unobserve(next);
      draw(next);
      next.addEventListener("thaw:drawn", function () { idle(ahead); }, { once: true });
    };
    loadPlotly().then(ahead, function () {});
  }

  function start() { startCharts(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
