/* verdict.js: the verdict builder in the static book (the HTML twin thaw.widgets writes; loaded only on its pages).
 *
 * Adds up the weights the reader gives each argument, doubled where the chosen yardstick says (each yardstick's
 * radio button lists the arguments it doubles in data-double), plus the reader's own arguments; draws the balance
 * and writes the outline, word for word as thaw.widgets.outline() does in the notebook (a browser test checks).
 * The choices are kept and exported by answers.js: the builder registers itself as one answer,
 * {yardstick, weights: {argument id: 0-3}, own: [{claim, side, weight}]}. */
(function () {
  "use strict";
  var WEIGHTS = ["none", "minor", "important", "decisive"], FACTOR = 2, MAX_CLAIM = 300;

  function checked(form, name) { return form.querySelector('input[name="' + name + '"]:checked'); }
  function clean(text) { return String(text || "").replace(/\s+/g, " ").trim().slice(0, MAX_CLAIM); }
  function tag(w, double) { return "[" + WEIGHTS[w] + (double ? ", counts double" : "") + "]"; }

  function Builder(form) {
    this.form = form;
    this.uid = form.id;
    this.own = [];
    this.args = Array.prototype.slice.call(form.querySelectorAll(".thaw-vb-arg"));
    this.labels = {};
    this.sides = [];
    var b = this;
    form.querySelectorAll(".thaw-vb-bar").forEach(function (bar) {
      b.sides.push(bar.dataset.side);
      b.labels[bar.dataset.side] = bar.querySelector(".thaw-vb-bar-label").textContent;
    });
  }

  Builder.prototype.yardstick = function () { return checked(this.form, this.uid + "-yardstick"); };
  Builder.prototype.doubled = function () {
    var y = this.yardstick();
    return y && y.dataset.double ? y.dataset.double.split(" ") : [];
  };
  Builder.prototype.weightOf = function (a) {
    var el = checked(this.form, this.uid + "-" + a.dataset.id);
    return el ? Number(el.value) : 1;
  };

  Builder.prototype.state = function () {
    var b = this, weights = {}, y = this.yardstick();
    this.args.forEach(function (a) { weights[a.dataset.id] = b.weightOf(a); });
    return { yardstick: y && y.value ? y.value : null, weights: weights,
      own: this.own.map(function (o) { return { claim: o.claim, side: o.side, weight: o.weight }; }) };
  };

  Builder.prototype.set = function (state) {
    var b = this, form = this.form;
    state = state && typeof state === "object" ? state : {};
    var yard = form.querySelector('input[name="' + this.uid + '-yardstick"][value="' + (state.yardstick || "") + '"]')
      || form.querySelector('input[name="' + this.uid + '-yardstick"][value=""]');
    yard.checked = true;
    this.args.forEach(function (a) {
      var w = state.weights && [0, 1, 2, 3].indexOf(state.weights[a.dataset.id]) >= 0 ? state.weights[a.dataset.id] : 1;
      form.querySelector('input[name="' + b.uid + "-" + a.dataset.id + '"][value="' + w + '"]').checked = true;
    });
    this.own = (Array.isArray(state.own) ? state.own : []).filter(function (o) {
      return o && clean(o.claim) && b.sides.indexOf(o.side) >= 0 && [0, 1, 2, 3].indexOf(o.weight) >= 0;
    }).map(function (o) { return { claim: clean(o.claim), side: o.side, weight: o.weight }; });
    this.update();
  };

  Builder.prototype.totals = function () {
    var b = this, totals = {}, max = {}, doubled = this.doubled();
    this.sides.forEach(function (s) { totals[s] = 0; max[s] = 0; });
    this.args.forEach(function (a) {
      var f = doubled.indexOf(a.dataset.id) >= 0 ? FACTOR : 1;
      totals[a.dataset.side] += b.weightOf(a) * f;
      max[a.dataset.side] += 3 * f;
    });
    this.own.forEach(function (o) { totals[o.side] += o.weight; max[o.side] += 3; });
    return { totals: totals, max: Math.max.apply(null, this.sides.map(function (s) { return max[s]; })) || 1 };
  };

  Builder.prototype.outline = function (totals) {
    var b = this, doubled = this.doubled(), y = this.yardstick(), lines = [];
    lines.push("MY VERDICT: OUTLINE", "", "Yardstick: " + (y && y.value ? y.dataset.text : "(not chosen yet)."),
      "Totals (weights 0 none, 1 minor, 2 important, 3 decisive; doubled where the yardstick says): "
      + this.sides.map(function (s) { return b.labels[s] + " " + totals[s]; }).join("; ") + ".", "");
    this.sides.forEach(function (s) {
      lines.push("Strongest evidence for '" + b.labels[s] + "':");
      var strong = b.args.filter(function (a) { return a.dataset.side === s && b.weightOf(a) >= 2; });
      if (!strong.length) lines.push("- (none weighted important or decisive yet)");
      strong.forEach(function (a) {
        lines.push("- " + a.dataset.claim + " (" + a.dataset.sources + ") "
          + tag(b.weightOf(a), doubled.indexOf(a.dataset.id) >= 0));
      });
      lines.push("");
    });
    if (this.own.length) {
      lines.push("My own arguments:");
      this.own.forEach(function (o) { lines.push("- " + o.claim + " (for '" + b.labels[o.side] + "') " + tag(o.weight, false)); });
      lines.push("");
    }
    var dropped = this.args.filter(function (a) { return b.weightOf(a) === 0; })
      .map(function (a) { return a.dataset.claim; });
    if (dropped.length) lines.push("Set aside (say why in your essay): " + dropped.join(" / "), "");
    lines.push("Thesis (your own words): judged by ..., Khrushchev was above all ... because ...",
      "The strongest objection to my thesis, and my answer to it: ...",
      "Two historians I will cite, one from each side: ...");
    return lines.join("\n");
  };

  Builder.prototype.drawOwn = function () {
    var b = this, list = this.form.querySelector(".thaw-vb-own-list");
    list.innerHTML = "";
    this.own.forEach(function (o, i) {
      var li = document.createElement("li");
      li.appendChild(document.createTextNode(o.claim + " (for “" + b.labels[o.side] + "”, " + WEIGHTS[o.weight] + ") "));
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "thaw-vb-own-remove";
      remove.textContent = "Remove";
      remove.setAttribute("aria-label", "Remove: " + o.claim);
      remove.addEventListener("click", function () {
        b.own.splice(i, 1);
        b.changed();
        b.form.querySelector(".thaw-vb-own-claim").focus();
      });
      li.appendChild(remove);
      list.appendChild(li);
    });
  };

  Builder.prototype.update = function () {
    var form = this.form, sums = this.totals(), totals = sums.totals, doubled = this.doubled();
    form.querySelectorAll(".thaw-vb-bar").forEach(function (bar) {
      var t = totals[bar.dataset.side];
      bar.querySelector(".thaw-vb-fill").style.width = (100 * t / sums.max).toFixed(1) + "%";
      bar.querySelector(".thaw-vb-total").textContent = String(t);
    });
    this.args.forEach(function (a) { a.querySelector(".thaw-vb-x2").hidden = doubled.indexOf(a.dataset.id) < 0; });
    var s = this.sides, diff = totals[s[0]] - totals[s[1]];
    form.querySelector(".thaw-vb-lean").textContent = diff === 0 ? "Your weights balance exactly: what would tip them?"
      : "Your weights lean towards “" + this.labels[diff > 0 ? s[0] : s[1]] + "” by " + Math.abs(diff)
        + ". Is that what you think? The bars show what your weights imply, not a right answer.";
    this.drawOwn();
    form.querySelector(".thaw-vb-outline").value = this.outline(totals);
  };

  Builder.prototype.changed = function () {
    this.update();
    if (window.thawAnswers) window.thawAnswers.save();
  };

  Builder.prototype.add = function () {
    var form = this.form, input = form.querySelector(".thaw-vb-own-claim"), msg = form.querySelector(".thaw-vb-own-msg");
    var claim = clean(input.value);
    if (!claim) { msg.textContent = "Write your argument in the box first."; input.focus(); return; }
    var side = form.querySelector(".thaw-vb-own-side").value;
    this.own.push({ claim: claim, side: side, weight: Number(form.querySelector(".thaw-vb-own-weight").value) });
    input.value = "";
    msg.textContent = "Added to the arguments for “" + this.labels[side] + "”.";
    this.changed();
  };

  function start(form) {
    var b = new Builder(form);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("change", function (e) {
      if (!e.target.closest(".thaw-vb-own")) b.changed();
    });
    form.querySelector(".thaw-vb-own-add").addEventListener("click", function () { b.add(); });
    form.querySelector(".thaw-vb-own-claim").addEventListener("keydown", function (e) {
      if (e.key === "Enter") { e.preventDefault(); b.add(); }
    });
    var button = form.querySelector(".thaw-vb-copy"), out = form.querySelector(".thaw-vb-outline");
    var said = form.querySelector(".thaw-vb-copied");
    button.addEventListener("click", function () {
      out.focus(); out.select();
      var done = function () { said.textContent = "Copied."; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(out.value).then(done, function () { said.textContent = "Selected: press Ctrl+C (⌘C) to copy."; });
      } else {
        said.textContent = "Selected: press Ctrl+C (⌘C) to copy.";
      }
    });
    form.classList.add("thaw-vb-live");
    b.update();
    if (window.thawAnswers) {
      window.thawAnswers.register({ id: "verdict-" + (form.dataset.question || form.id), el: form,
        question: "Verdict builder: your yardstick, your weights, your own arguments and the outline they give",
        get: function () { return b.state(); }, set: function (v) { b.set(v); },
        text: function () { return out.value; } });
    }
    form.thawBuilder = b;  // for tests
  }

  function startAll() { document.querySelectorAll("form.thaw-verdict").forEach(start); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startAll);
  else startAll();
})();
