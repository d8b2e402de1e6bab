/* answers.js: a student's answers on a page of the static book are kept in this browser and can be handed in.
 * No network, no kernel: the answers stay in localStorage until the student clears them.
 *
 * HOW A PAGE DECLARES AN ANSWER FIELD (HTML attributes only; the Python helpers write them, see thaw/answers.py):
 *   data-thaw-answer="ID"     on a <textarea> or <input type="text|number|checkbox">, or on a container (<fieldset>,
 *                             <div>, <ul>) of radio buttons or checkboxes: one answer, kept under ID. IDs are unique
 *                             on a page; start them with the exercise ("ex3-task2") to keep an exercise's together.
 *   data-thaw-question="..."  the question as the export prints it (else the field's <legend>, <label> or
 *                             aria-label, else its ID).
 * A component drawn by a script registers itself instead (the verdict builder, verdict.js, does):
 *   thawAnswers.register({id, question, get: () => value, set: value => {}, text: () => "printable answer"})
 *   and calls thawAnswers.save() after each change. set(null) resets it (Clear).
 *
 * WHERE THEY ARE KEPT: localStorage "thaw-answers:" + the page's path inside the book (the same in the student and
 * the teacher edition), one JSON object {ID: value}; a radio group's value is the checked button's value, a group of
 * checkboxes' the list of checked values, a checkbox's true/false, a text field's its text. The student's name is
 * kept once for every page, under "thaw-answers:name".
 *
 * WHAT THE STUDENT SEES: a "Your answers" panel at the end of the page (their name, "Download my answers", "Clear my
 * answers"). Download writes a printable HTML file: the page's title, the name, the date, then each question and
 * its answer in page order. Clear asks for confirmation, then empties every field on the page.
 * thaw.sphinxext loads this script only on pages with an answer field (data-thaw-answer, a quiz, a checklist, the
 * verdict builder). Tests read window.thawAnswers. */
(function () {
  "use strict";
  var self = document.currentScript;
  var root = self && self.src ? self.src.replace(/_static\/answers\.js(\?.*)?$/, "") : "";
  var here = location.href.split("#")[0].split("?")[0];
  var page = root && here.indexOf(root) === 0 ? here.slice(root.length) : location.pathname;
  var KEY = "thaw-answers:" + page, NAME = "thaw-answers:name";
  var fields = [], store = null, storable = true, panel = null;

  function read(key, fallback) {
    try { var v = window.localStorage.getItem(key); return v === null ? fallback : JSON.parse(v); }
    catch (e) { storable = false; return fallback; }
  }
  function write(key, value) {
    try { window.localStorage.setItem(key, JSON.stringify(value)); return true; }
    catch (e) { storable = false; return false; }
  }

  function clean(text) { return String(text || "").replace(/\s+/g, " ").trim(); }
  function labelText(el) {  // an element's visible text, without the theme's "#" heading links
    var c = el.cloneNode(true);
    c.querySelectorAll(".headerlink, .thaw-sr-only, input, select, textarea").forEach(function (x) { x.remove(); });
    return clean(c.textContent);
  }
  function questionOf(el) {
    if (el.dataset.thawQuestion) return el.dataset.thawQuestion;
    var legend = el.tagName === "FIELDSET" && el.querySelector("legend");
    if (legend) return labelText(legend);
    var label = (el.id && document.querySelector('label[for="' + el.id + '"]')) || el.closest("label");
    if (label) return labelText(label);
    return el.getAttribute("aria-label") || el.dataset.thawAnswer;
  }
  function choiceText(input) {
    var label = input.closest("label") || (input.id && document.querySelector('label[for="' + input.id + '"]'));
    return label ? labelText(label) : input.value;
  }

  // A declared field as {id, question, get, set, text}, whatever its kind.
  function declared(el) {
    var kind = el.matches("textarea, input[type=text], input[type=number], input:not([type])") ? "text"
      : el.matches("input[type=checkbox]") ? "tick"
        : el.querySelector("input[type=radio]") ? "radio" : "ticks";
    var inputs = function (type) { return Array.prototype.slice.call(el.querySelectorAll("input[type=" + type + "]")); };
    var f = { id: el.dataset.thawAnswer, question: questionOf(el), el: el };
    if (kind === "text") {
      f.get = function () { return el.value; };
      f.set = function (v) { el.value = v == null ? "" : String(v); mirror(el); };
      f.text = function () { return el.value.trim() ? el.value : ""; };
    } else if (kind === "tick") {
      f.get = function () { return el.checked; };
      f.set = function (v) { el.checked = v === true; };
      f.text = function () { return el.checked ? "Ticked" : "Not ticked"; };
    } else if (kind === "radio") {
      f.get = function () { var c = el.querySelector("input[type=radio]:checked"); return c ? c.value : null; };
      f.set = function (v) { inputs("radio").forEach(function (i) { i.checked = v !== null && i.value === String(v); }); };
      f.text = function () { var c = el.querySelector("input[type=radio]:checked"); return c ? choiceText(c) : ""; };
    } else {
      f.get = function () { return inputs("checkbox").filter(function (i) { return i.checked; }).map(function (i) { return i.value; }); };
      f.set = function (v) { inputs("checkbox").forEach(function (i) { i.checked = Array.isArray(v) && v.indexOf(i.value) >= 0; }); };
      f.text = function () {
        return inputs("checkbox").filter(function (i) { return i.checked; }).map(choiceText).join("\n");
      };
    }
    return f;
  }

  // A textarea's printable copy (thaw.answers writes an empty .thaw-answer-print after each): a printed page shows
  // the whole answer, which a textarea would cut off.
  function mirror(el) {
    var copy = el.nextElementSibling;
    if (copy && copy.classList.contains("thaw-answer-print")) copy.textContent = el.value;
  }

  function say(text) { if (panel) panel.querySelector(".thaw-answers-status").textContent = text; }

  function save() {
    load();
    fields.forEach(function (f) { store[f.id] = f.get(); });
    if (!write(KEY, store)) say("This browser does not let the page keep your answers: download them before you leave.");
  }

  function load() { if (store === null) store = read(KEY, {}) || {}; }

  function register(f) {
    load();
    if (!f || !f.id || typeof f.get !== "function" || typeof f.set !== "function") {
      throw new Error("thawAnswers.register needs {id, question, get, set, text}");
    }
    fields.push(f);
    if (Object.prototype.hasOwnProperty.call(store, f.id)) f.set(store[f.id]);
    showPanel();
    return f;
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }
  function pageTitle() { var h = document.querySelector("main h1, h1"); return h ? labelText(h) : document.title; }
  function today() { return new Date().toISOString().slice(0, 10); }
  function inPageOrder() {
    return fields.slice().sort(function (a, b) {
      var x = a.el || document.getElementById(a.id), y = b.el || document.getElementById(b.id);
      if (!x || !y) return 0;
      return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
  }

  // The hand-in file: printable HTML, readable without the book.
  function exportHtml() {
    var name = clean(panel.querySelector(".thaw-answers-name").value) || "(no name given)";
    var items = inPageOrder().map(function (f, i) {
      var answer = f.text ? f.text() : String(f.get() || "");
      return "<section><h2>" + (i + 1) + ". " + escapeHtml(f.question || f.id) + "</h2>"
        + (answer ? '<div class="a">' + escapeHtml(answer) + "</div>" : '<p class="none">(no answer)</p>') + "</section>";
    }).join("\n");
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      + "<title>My answers: " + escapeHtml(pageTitle()) + "</title><style>"
      + "body{font:16px/1.5 Georgia,serif;color:#111;background:#fff;max-width:42rem;margin:2rem auto;padding:0 1rem}"
      + "h1{font-size:1.4rem}h2{font-size:1.05rem;margin:1.4rem 0 .3rem}"
      + ".a{white-space:pre-wrap;border-left:3px solid #777;padding-left:.7rem}.none{color:#555;font-style:italic}"
      + "section{break-inside:avoid}</style></head><body>\n"
      + "<h1>My answers: " + escapeHtml(pageTitle()) + "</h1>\n"
      + "<p>Name: " + escapeHtml(name) + "<br>Date: " + today() + "<br>Page: " + escapeHtml(page) + "</p>\n"
      + items + "\n</body></html>\n";
  }

  function download() {
    save();
    var blob = new Blob([exportHtml()], { type: "text/html" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "my-answers-" + page.replace(/\.html$/, "").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "")
      + "-" + today() + ".html";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
    say("Downloaded " + a.download + ". Open it to print it or hand it in.");
  }

  function clearAll() {
    if (!window.confirm("Clear every answer on this page? This cannot be undone.")) return;
    store = {};
    try { window.localStorage.removeItem(KEY); } catch (e) { storable = false; }
    fields.forEach(function (f) { f.set(null); });
    say("Your answers on this page are cleared.");
  }

  function showPanel() {
    if (panel) return;
    panel = document.createElement("section");
    panel.className = "thaw-answers";
    panel.setAttribute("aria-labelledby", "thaw-answers-title");
    panel.innerHTML = '<h2 id="thaw-answers-title">Your answers</h2>'
      + "<p>Your answers on this page are kept in this browser only, until you clear them; nothing is sent anywhere. "
      + "To hand them in, download them and print or send the file.</p>"
      + '<p><label for="thaw-answers-name">Your name</label> '
      + '<input type="text" id="thaw-answers-name" class="thaw-answers-name" autocomplete="name"></p>'
      + '<p class="thaw-answers-buttons"><button type="button" class="thaw-answers-download">Download my answers</button> '
      + '<button type="button" class="thaw-answers-clear">Clear my answers</button></p>'
      + '<p class="thaw-answers-status" role="status"></p>';
    var where = document.querySelector("main .bd-article") || document.querySelector("main") || document.body;
    where.appendChild(panel);
    var name = panel.querySelector(".thaw-answers-name");
    name.value = read(NAME, "") || "";
    name.addEventListener("input", function () { write(NAME, name.value); });
    panel.querySelector(".thaw-answers-download").addEventListener("click", download);
    panel.querySelector(".thaw-answers-clear").addEventListener("click", clearAll);
    if (!storable) say("This browser does not let the page keep your answers: download them before you leave.");
  }

  function onEdit(e) {
    var el = e.target.closest && e.target.closest("[data-thaw-answer]");
    if (!el) return;
    if (el.tagName === "TEXTAREA") mirror(el);
    save();
  }

  function start() {
    load();
    document.querySelectorAll("[data-thaw-answer]").forEach(function (el) { register(declared(el)); });
    document.addEventListener("input", onEdit);
    document.addEventListener("change", onEdit);
  }

  window.thawAnswers = { register: register, save: save, exportHtml: function () { return exportHtml(); },
    fields: function () { return fields.slice(); }, key: KEY };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
