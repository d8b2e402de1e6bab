"""Widget builders: the reading toggles and the verdict builder, built from the data, never written by hand.

Each is a real ipywidgets object for JupyterLab and Binder, and carries a plain-HTML twin (``text/html`` in its
display) for the static book, which prefers that twin (see ``nb_mime_priority_overrides`` in ``_config.yml``):

* the reading toggle's twin is radio buttons and panels switched by CSS alone (no script, no widget manager);
  the widget wires its buttons to its panels with ``jslink``, so it too needs no Python callback;
* the verdict builder's twin is a form of native radio buttons (keyboard-operable) that the book's ``thaw.js``
  adds up; the widget does the same sums with Python callbacks, which run wherever a kernel does.
"""
from __future__ import annotations

import html
import itertools

import ipywidgets as w
import pandas as pd

from . import data as _data

__all__ = ["ReadingToggle", "VerdictBuilder", "reading_panel_html", "reading_toggle", "verdict_builder",
           "WEIGHTS", "YARDSTICKS"]

_IDS = itertools.count(1)  # unique form-control names when a page shows a widget twice


def _cite(cell: str) -> str:
    bib = _data.bibliography()
    parts = []
    for k in _data.split_keys(cell):
        e = bib.get(k)
        short = html.escape(e["short"] if e else k)
        title = html.escape(e["title"] if e else "")
        parts.append(f'<span class="thaw-cite" title="{title}">{short}</span>')
    return "; ".join(parts)


def reading_panel_html(position: pd.Series, arguments: pd.DataFrame, index: int = 0) -> str:
    """The HTML shown for one reading: its summary, who holds it, and its arguments with sources."""
    items = "".join(
        f"<li><strong>{html.escape(a.claim)}</strong> {html.escape(a.evidence)} "
        f'<span class="thaw-sources">({_cite(a.sources)})</span></li>'
        for a in arguments.itertuples()
    )
    return (
        f'<div class="thaw-reading thaw-reading-{html.escape(position["position"])}" '
        f'data-position="{html.escape(position["position"])}" data-i="{index}">'
        f'<h3 class="thaw-reading-label">{html.escape(position["label"])}</h3>'
        f'<p class="thaw-reading-summary">{html.escape(position["summary"])} '
        f'<span class="thaw-sources">({_cite(position["sources"])})</span></p>'
        f'<p class="thaw-reading-who"><em>Who argues this:</em> {html.escape(position["historians"])}</p>'
        f'<p class="thaw-reading-count">{len(arguments)} arguments and their evidence:</p>'
        f"<ol class=\"thaw-arguments\">{items}</ol></div>"
    )


class ReadingToggle(w.VBox):
    """The live widget, displayed with its static twin (``static_html``) for front ends without a kernel."""

    static_html: str = ""

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        return {**bundle, "text/html": self.static_html}


def _toggle_html(question: str, labels: list[str], panels: list[str]) -> str:
    """Radio buttons and panels; CSS shows the panel whose button is checked (thaw.css). Arrow keys move between
    the buttons, as in any radio group."""
    name = f"thaw-rt-{question}-{next(_IDS)}"
    buttons = "".join(
        f'<label><input type="radio" name="{name}" value="{i}"{" checked" if i == 0 else ""}> '
        f"{html.escape(label)}</label>" for i, label in enumerate(labels))
    return (
        f'<div class="thaw-reading-toggle thaw-reading-toggle-{html.escape(question)} thaw-rt">'
        f'<fieldset class="thaw-toggle"><legend>Reading:</legend>{buttons}</fieldset>'
        f'<div class="thaw-stack">{"".join(panels)}</div></div>'
    )


def reading_toggle(question: str, positions: pd.DataFrame | None = None,
                   arguments: pd.DataFrame | None = None) -> ReadingToggle:
    """Radio buttons that switch between the rival readings of one question.

    The buttons' ``index`` is jslink'd to a Stack's ``selected_index``: the switch runs in the browser, in
    JupyterLab and in the static book alike."""
    positions = _data.load("positions") if positions is None else positions
    arguments = _data.load("arguments") if arguments is None else arguments
    if question not in set(positions["question"]):
        raise ValueError(f"No readings for question {question!r}; expected one of {sorted(set(positions['question']))}")
    pos = positions[positions["question"] == question].sort_values("order")
    panels = [
        reading_panel_html(p, arguments[(arguments["question"] == question)
                                        & (arguments["position"] == p["position"])], i)
        for i, (_, p) in enumerate(pos.iterrows())
    ]
    choice = w.RadioButtons(
        options=list(pos["label"]), index=0, description="Reading:",
        description_allow_html=False, layout=w.Layout(width="auto"),
        style={"description_width": "initial"},
    )
    choice.add_class("thaw-toggle")
    stack = w.Stack([w.HTML(p) for p in panels], selected_index=0)
    stack.add_class("thaw-stack")
    w.jslink((choice, "index"), (stack, "selected_index"))
    box = ReadingToggle([choice, stack], layout=w.Layout(width="100%"))
    box.add_class("thaw-reading-toggle")
    box.add_class(f"thaw-reading-toggle-{question}")
    box.static_html = _toggle_html(question, list(pos["label"]), panels)
    return box


# --- The verdict builder -------------------------------------------------------------------------------------

WEIGHTS = ["none", "minor", "important", "decisive"]  # 0-3
DEFAULT_WEIGHT = 1
# The yardsticks a student chooses before weighing: what counts as success, and over what span of time.
YARDSTICKS = {
    "measure": ("Judge him by", {
        "ended": "what he ended: mass terror, the camps, fear",
        "built": "what he built: lasting institutions, living standards, reforms",
    }),
    "horizon": ("Over", {
        "short": "the short term: the USSR by his fall in 1964",
        "long": "the long term: what lasted to 1991 and after",
    }),
}


def _args(question: str, sides: tuple[str, ...], frame: pd.DataFrame | None) -> tuple[pd.DataFrame, dict]:
    args = _data.load("arguments") if frame is None else frame
    pos = _data.load("positions")
    labels = {r.position: r.label for r in pos[pos["question"] == question].itertuples()}
    missing = [s for s in sides if s not in labels]
    if missing:
        raise ValueError(f"No reading {missing[0]!r} for question {question!r}; readings: {', '.join(labels)}")
    args = args[(args["question"] == question) & args["position"].isin(sides)]
    args = pd.concat([args[args["position"] == s] for s in sides]).reset_index(drop=True)
    return args, labels


def totals(args: pd.DataFrame, weights: dict[str, int]) -> dict[str, int]:
    """Each reading's total weight; an argument the student has not weighed counts as minor."""
    return {s: sum(weights.get(a, DEFAULT_WEIGHT) for a in args.loc[args["position"] == s, "id"])
            for s in dict.fromkeys(args["position"])}


def outline(args: pd.DataFrame, labels: dict, weights: dict[str, int], yardstick: dict[str, str]) -> str:
    """The student's plan for the writing task, from their own yardstick and weights. It reports what the weights
    imply; it never says which verdict is right."""
    sides = list(dict.fromkeys(args["position"]))
    totals_ = totals(args, weights)
    lines = ["MY VERDICT: OUTLINE", ""]
    for key, (prompt, options) in YARDSTICKS.items():
        lines.append(f"{prompt} {options.get(yardstick.get(key, ''), '(not chosen yet)')}.")
    lines.append("Weights (0 none, 1 minor, 2 important, 3 decisive): "
                 + "; ".join(f"{labels[s]} {totals_[s]}" for s in sides) + ".")
    lines.append("")
    for s in sides:
        mine = args[args["position"] == s]
        strong = [a for a in mine.itertuples() if weights.get(a.id, DEFAULT_WEIGHT) >= 2]
        lines.append(f"Strongest evidence for '{labels[s]}':")
        lines += [f"- {a.claim} ({_data.short_citations(a.sources)}) [{WEIGHTS[weights.get(a.id, DEFAULT_WEIGHT)]}]"
                  for a in strong] or ["- (none weighted important or decisive yet)"]
        lines.append("")
    dropped = [a.claim for a in args.itertuples() if weights.get(a.id, DEFAULT_WEIGHT) == 0]
    if dropped:
        lines.append("Set aside (say why in your essay): " + " / ".join(dropped))
        lines.append("")
    lines += ["Thesis (your own words): judged by ..., Khrushchev was above all ... because ...",
              "The strongest objection to my thesis, and my answer to it: ...",
              "Two historians I will cite, one from each side: ..."]
    return "\n".join(lines)


def _verdict_html(args: pd.DataFrame, labels: dict, question: str) -> str:
    sides = list(dict.fromkeys(args["position"]))
    uid = f"thaw-vb-{question}-{next(_IDS)}"
    yard = []
    for key, (prompt, options) in YARDSTICKS.items():
        radios = "".join(f'<label><input type="radio" name="{uid}-{key}" value="{v}" data-text="{html.escape(t)}"> '
                         f"{html.escape(t)}</label>" for v, t in options.items())
        yard.append(f'<fieldset class="thaw-vb-yardstick" data-key="{key}"><legend>{html.escape(prompt)}…</legend>{radios}</fieldset>')
    maximum = 3 * max(args["position"].value_counts())
    start = totals(args, {})
    bars = "".join(
        f'<div class="thaw-vb-bar thaw-vb-side-{i}" data-side="{html.escape(s)}">'
        f'<span class="thaw-vb-bar-label">{html.escape(labels[s])}</span>'
        f'<span class="thaw-vb-track"><span class="thaw-vb-fill" style="width:{100 * start[s] / maximum:.1f}%"></span></span>'
        f'<output class="thaw-vb-total">{start[s]}</output></div>'
        for i, s in enumerate(sides))
    groups = []
    for i, s in enumerate(sides):
        rows = []
        for a in args[args["position"] == s].itertuples():
            radios = "".join(
                f'<label><input type="radio" name="{uid}-{html.escape(a.id)}" value="{k}"'
                f'{" checked" if k == DEFAULT_WEIGHT else ""}> {wname}</label>' for k, wname in enumerate(WEIGHTS))
            rows.append(
                f'<div class="thaw-vb-arg" data-id="{html.escape(a.id)}" data-side="{html.escape(s)}" '
                f'data-claim="{html.escape(a.claim)}" data-sources="{html.escape(_data.short_citations(a.sources))}">'
                f'<p class="thaw-vb-claim">{html.escape(a.claim)}</p>'
                f"<details><summary>Evidence and sources</summary><p>{html.escape(a.evidence)} "
                f'<span class="thaw-sources">({_cite(a.sources)})</span></p></details>'
                f'<fieldset class="thaw-vb-weight"><legend class="thaw-sr-only">Weight of: {html.escape(a.claim)}</legend>'
                f"{radios}</fieldset></div>")
        groups.append(f'<section class="thaw-vb-group thaw-vb-side-{i}"><p class="thaw-vb-group-title">Arguments for '
                      f'“{html.escape(labels[s])}”</p>{"".join(rows)}</section>')
    first = outline(args, labels, {}, {})
    return (
        f'<form class="thaw-verdict" id="{uid}" data-max="{maximum}" aria-label="Verdict builder">'
        f'<p class="thaw-vb-step">1. Choose your yardstick.</p>{"".join(yard)}'
        f'<p class="thaw-vb-step">2. Weigh each argument: none, minor, important or decisive. All start at minor.</p>'
        f'<div class="thaw-vb-balance" aria-live="polite"><p class="thaw-vb-balance-title">Your balance</p>{bars}'
        f'<p class="thaw-vb-lean">Equal weights: the balance reflects only how many arguments each side has.</p></div>'
        f'{"".join(groups)}'
        f'<p class="thaw-vb-step">3. Your outline for the writing task. Copy it into your essay and fill in the thesis.</p>'
        f'<textarea class="thaw-vb-outline" readonly rows="16" aria-label="Your outline">{html.escape(first)}</textarea>'
        f'<p><button type="button" class="thaw-vb-copy">Copy the outline</button> '
        f'<span class="thaw-vb-copied" aria-live="polite"></span></p>'
        f"</form>"
    )


class VerdictBuilder(w.VBox):
    """The live builder (JupyterLab, Binder): a choice per argument and per yardstick, the balance and the outline
    update as the student chooses. ``builder.outline()`` returns the outline as text, for the writing task."""

    def __init__(self, args: pd.DataFrame, labels: dict, question: str):
        self.args, self.labels = args, labels
        self.weights: dict[str, int] = {a: DEFAULT_WEIGHT for a in args["id"]}
        self.yardstick: dict[str, str] = {}
        self._balance = w.HTML()
        self._outline = w.Textarea(layout=w.Layout(width="100%", height="18em"), disabled=True)
        children = [w.HTML("<p><strong>1. Choose your yardstick.</strong></p>")]
        for key, (prompt, options) in YARDSTICKS.items():
            radio = w.RadioButtons(options=[(t, v) for v, t in options.items()], value=None, description=prompt,
                                   style={"description_width": "initial"}, layout=w.Layout(width="auto"))
            radio.observe(lambda ch, key=key: self._set_yardstick(key, ch["new"]), names="value")
            children.append(radio)
        children += [w.HTML("<p><strong>2. Weigh each argument.</strong> All start at minor.</p>"), self._balance]
        for s in dict.fromkeys(args["position"]):
            children.append(w.HTML(f"<p><strong>Arguments for “{html.escape(labels[s])}”</strong></p>"))
            for a in args[args["position"] == s].itertuples():
                pick = w.ToggleButtons(options=[(n, k) for k, n in enumerate(WEIGHTS)], value=DEFAULT_WEIGHT,
                                       style={"button_width": "6.5em"})
                pick.observe(lambda ch, aid=a.id: self._set_weight(aid, ch["new"]), names="value")
                children += [w.HTML(f"<p>{html.escape(a.claim)} <em>({html.escape(_data.short_citations(a.sources))})</em></p>"),
                             pick]
        children += [w.HTML("<p><strong>3. Your outline</strong> (or run <code>print(builder.outline())</code>):</p>"),
                     self._outline]
        super().__init__(children)
        self.add_class("thaw-verdict-widget")
        self.static_html = _verdict_html(args, labels, question)
        self._update()

    def _set_weight(self, aid: str, value: int) -> None:
        self.weights[aid] = value
        self._update()

    def _set_yardstick(self, key: str, value: str | None) -> None:
        if value:
            self.yardstick[key] = value
        self._update()

    def totals(self) -> dict[str, int]:
        return totals(self.args, self.weights)

    def outline(self) -> str:
        return outline(self.args, self.labels, self.weights, self.yardstick)

    def _update(self) -> None:
        totals = self.totals()
        self._balance.value = "<p><strong>Your balance:</strong> " + " · ".join(
            f"{html.escape(self.labels[s])} {t}" for s, t in totals.items()) + "</p>"
        self._outline.value = self.outline()

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        return {**bundle, "text/html": self.static_html}


def verdict_builder(frame: pd.DataFrame | None = None, question: str = "q3",
                    sides: tuple[str, str] = ("reformer", "failed_reformer")) -> VerdictBuilder:
    """Weigh the arguments of two rival readings with your own yardstick; see the balance your weights imply and
    take an outline into the writing task."""
    args, labels = _args(question, sides, frame)
    return VerdictBuilder(args, labels, question)
