"""Widget builders: the reading toggles and the verdict builder, built from the data, never written by hand.

Each is a real ipywidgets object for JupyterLab and Binder, and carries a plain-HTML twin (``text/html`` in its
display) for the static book, which prefers that twin (see ``nb_mime_priority_overrides`` in ``_config.yml``):

* the reading toggle's twin is radio buttons and panels switched by CSS alone (no script, no widget manager);
  the widget wires its buttons to its panels with ``jslink``, so it too needs no Python callback;
* the verdict builder's twin is a form of native radio buttons (keyboard-operable) that the book's ``verdict.js``
  adds up, keeps in the browser and hands to ``answers.js`` for the export; the widget does the same sums with
  Python callbacks, which run wherever a kernel does (``keep=`` keeps its choices in a file there).
"""
from __future__ import annotations

import html
import itertools
import json
from pathlib import Path

import ipywidgets as w
import pandas as pd

from . import data as _data
from . import yardsticks as _yardsticks

__all__ = ["ReadingToggle", "VerdictBuilder", "reading_panel_html", "reading_toggle", "verdict_builder",
           "WEIGHTS", "outline", "own_argument", "totals"]

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
# The student chooses one yardstick (data/yardsticks.csv, thaw.yardsticks), which doubles the weight of the arguments
# it names; weighs each argument; may add arguments of their own, each with a side and a weight. The static twin's
# script (thaw/static/verdict.js) writes the same outline as outline() below, word for word (a browser test checks).

WEIGHTS = ["none", "minor", "important", "decisive"]  # 0-3
DEFAULT_WEIGHT = 1
NO_YARDSTICK = "No yardstick yet: every argument counts at its weight."
MAX_CLAIM = 300  # characters in an own argument


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


def _weight(weights: dict[str, int], aid: str, double: set[str]) -> int:
    """What an argument counts for: the student's weight, doubled if the yardstick names it."""
    return weights.get(aid, DEFAULT_WEIGHT) * (_yardsticks.FACTOR if aid in double else 1)


def totals(args: pd.DataFrame, weights: dict[str, int], double: set[str] = frozenset(),
           own: list[dict] = ()) -> dict[str, int]:
    """Each reading's total: its arguments' weights (an argument not weighed counts as minor), doubled where the
    yardstick says, plus the student's own arguments for it."""
    out = {s: sum(_weight(weights, a, double) for a in args.loc[args["position"] == s, "id"])
           for s in dict.fromkeys(args["position"])}
    for o in own:
        out[o["side"]] += o["weight"]
    return out


def maximum(args: pd.DataFrame, double: set[str] = frozenset(), own: list[dict] = ()) -> int:
    """The longest total any reading could reach (every argument decisive): the bars' full length."""
    return max(totals(args, {a: 3 for a in args["id"]}, double, [{**o, "weight": 3} for o in own]).values())


def _tag(weight: int, double: bool) -> str:
    return f"[{WEIGHTS[weight]}{', counts double' if double else ''}]"


def outline(args: pd.DataFrame, labels: dict, weights: dict[str, int], yardstick=None, own: list[dict] = ()) -> str:
    """The student's plan for the writing task, from their own yardstick, weights and arguments (``yardstick`` is a
    row of thaw.yardsticks.load(), or None). It reports what the weights imply; it never says which verdict is
    right."""
    sides = list(dict.fromkeys(args["position"]))
    double = _yardsticks.doubled(yardstick)
    sums = totals(args, weights, double, own)
    lines = ["MY VERDICT: OUTLINE", "",
             "Yardstick: " + (_yardsticks.text(yardstick) if yardstick is not None else "(not chosen yet)."),
             "Totals (weights 0 none, 1 minor, 2 important, 3 decisive; doubled where the yardstick says): "
             + "; ".join(f"{labels[s]} {sums[s]}" for s in sides) + ".", ""]
    for s in sides:
        lines.append(f"Strongest evidence for '{labels[s]}':")
        lines += [f"- {a.claim} ({_data.short_citations(a.sources)}) "
                  f"{_tag(weights.get(a.id, DEFAULT_WEIGHT), a.id in double)}"
                  for a in args[args["position"] == s].itertuples()
                  if weights.get(a.id, DEFAULT_WEIGHT) >= 2] or ["- (none weighted important or decisive yet)"]
        lines.append("")
    if own:
        lines.append("My own arguments:")
        lines += [f"- {o['claim']} (for '{labels[o['side']]}') {_tag(o['weight'], False)}" for o in own]
        lines.append("")
    dropped = [a.claim for a in args.itertuples() if weights.get(a.id, DEFAULT_WEIGHT) == 0]
    if dropped:
        lines.append("Set aside (say why in your essay): " + " / ".join(dropped))
        lines.append("")
    lines += ["Thesis (your own words): judged by ..., Khrushchev was above all ... because ...",
              "The strongest objection to my thesis, and my answer to it: ...",
              "Two historians I will cite, one from each side: ..."]
    return "\n".join(lines)


def own_argument(claim, side, weight, labels: dict) -> dict:
    """One argument of the student's own, checked: a claim in words, a side (a reading's key or label) and a weight
    (0-3 or its name). Raises ValueError saying what was expected."""
    if not isinstance(claim, str) or not claim.strip():
        raise ValueError(f"Write your argument as text, e.g. 'The 1961 Programme promised too much'; got {claim!r}")
    claim = " ".join(claim.split())[:MAX_CLAIM]
    by_label = {v.lower(): k for k, v in labels.items()}
    side_key = side if side in labels else by_label.get(str(side).strip().lower())
    if side_key is None:
        raise ValueError(f"The side must be one of {', '.join(repr(s) for s in labels)}; got {side!r}")
    if isinstance(weight, str) and weight.strip().lower() in WEIGHTS:
        weight = WEIGHTS.index(weight.strip().lower())
    if isinstance(weight, bool) or not isinstance(weight, int) or not 0 <= weight <= 3:
        raise ValueError(f"The weight must be 0-3 or one of {', '.join(WEIGHTS)}; got {weight!r}")
    return {"claim": claim, "side": side_key, "weight": weight}


def _verdict_html(args: pd.DataFrame, labels: dict, question: str, yard: pd.DataFrame) -> str:
    sides = list(dict.fromkeys(args["position"]))
    uid = f"thaw-vb-{question}-{next(_IDS)}"
    choices = [f'<label><input type="radio" name="{uid}-yardstick" value="" data-text="" data-double="" checked> '
               f"{html.escape(NO_YARDSTICK)}</label>"]
    for y in yard.itertuples():
        text = _yardsticks.text(y)
        choices.append(
            f'<label><input type="radio" name="{uid}-yardstick" value="{html.escape(y.id)}" '
            f'data-text="{html.escape(text)}" data-double="{html.escape(" ".join(sorted(_yardsticks.doubled(y))))}"> '
            f"{html.escape(text)} "
            f'<span class="thaw-vb-why">{html.escape(y.why)} <span class="thaw-sources">({_cite(y.sources)})</span></span>'
            "</label>")
    first = maximum(args)
    start = totals(args, {})
    bars = "".join(
        f'<div class="thaw-vb-bar thaw-vb-side-{i}" data-side="{html.escape(s)}">'
        f'<span class="thaw-vb-bar-label">{html.escape(labels[s])}</span>'
        f'<span class="thaw-vb-track"><span class="thaw-vb-fill" style="width:{100 * start[s] / first:.1f}%"></span></span>'
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
                f'<p class="thaw-vb-claim">{html.escape(a.claim)} '
                f'<span class="thaw-vb-x2" hidden>(counts double under your yardstick)</span></p>'
                f"<details><summary>Evidence and sources</summary><p>{html.escape(a.evidence)} "
                f'<span class="thaw-sources">({_cite(a.sources)})</span></p></details>'
                f'<fieldset class="thaw-vb-weight"><legend class="thaw-sr-only">Weight of: {html.escape(a.claim)}</legend>'
                f"{radios}</fieldset></div>")
        groups.append(f'<section class="thaw-vb-group thaw-vb-side-{i}"><p class="thaw-vb-group-title">Arguments for '
                      f'“{html.escape(labels[s])}”</p>{"".join(rows)}</section>')
    side_options = "".join(f'<option value="{html.escape(s)}">{html.escape(labels[s])}</option>' for s in sides)
    weight_options = "".join(f'<option value="{k}"{" selected" if k == DEFAULT_WEIGHT else ""}>{n}</option>'
                             for k, n in enumerate(WEIGHTS))
    own = (
        f'<fieldset class="thaw-vb-own"><legend>Add an argument of your own</legend>'
        f'<p><label for="{uid}-own-claim">Your argument</label>'
        f'<input type="text" id="{uid}-own-claim" class="thaw-vb-own-claim" maxlength="{MAX_CLAIM}" autocomplete="off"></p>'
        f'<p><label for="{uid}-own-side">For the reading</label> '
        f'<select id="{uid}-own-side" class="thaw-vb-own-side">{side_options}</select> '
        f'<label for="{uid}-own-weight">weighing</label> '
        f'<select id="{uid}-own-weight" class="thaw-vb-own-weight">{weight_options}</select> '
        f'<button type="button" class="thaw-vb-own-add">Add my argument</button></p>'
        f'<p class="thaw-vb-own-msg" aria-live="polite"></p>'
        f'<ul class="thaw-vb-own-list" aria-label="Your own arguments"></ul></fieldset>')
    return (
        f'<form class="thaw-verdict" id="{uid}" data-question="{html.escape(question)}" data-max="{first}" aria-label="Verdict builder">'
        f'<p class="thaw-vb-step">1. Choose your yardstick. It doubles the weight of the arguments it names.</p>'
        f'<fieldset class="thaw-vb-yardstick"><legend>Judge Khrushchev…</legend>{"".join(choices)}</fieldset>'
        f'<p class="thaw-vb-step">2. Weigh each argument: none, minor, important or decisive. All start at minor.</p>'
        f'<div class="thaw-vb-balance" aria-live="polite"><p class="thaw-vb-balance-title">Your balance</p>{bars}'
        f'<p class="thaw-vb-lean">Equal weights: the balance reflects only how many arguments each side has.</p></div>'
        f'{"".join(groups)}'
        f'<p class="thaw-vb-step">3. Add arguments of your own, if the course has left out one you would weigh.</p>{own}'
        f'<p class="thaw-vb-step">4. Your outline for the writing task. Copy it into your essay and fill in the thesis.</p>'
        f'<textarea class="thaw-vb-outline" readonly rows="16" aria-label="Your outline">'
        f"{html.escape(outline(args, labels, {}))}</textarea>"
        f'<p><button type="button" class="thaw-vb-copy">Copy the outline</button> '
        f'<span class="thaw-vb-copied" aria-live="polite"></span></p>'
        f"</form>"
    )


class VerdictBuilder(w.VBox):
    """The live builder (JupyterLab, Binder): a yardstick, a weight per argument and arguments of the student's own;
    the balance and the outline update as the student chooses. ``builder.outline()`` returns the outline as text,
    ``builder.export()`` writes it to a file; with ``keep=`` the choices are kept in that file across sessions."""

    def __init__(self, args: pd.DataFrame, labels: dict, question: str, yard: pd.DataFrame,
                 keep: str | Path | None = None):
        self.args, self.labels, self.yard = args, labels, yard
        self.weights: dict[str, int] = {a: DEFAULT_WEIGHT for a in args["id"]}
        self.yardstick: str | None = None
        self.own: list[dict] = []
        self.keep = Path(keep) if keep is not None else None
        self._balance = w.HTML()
        self._outline = w.Textarea(layout=w.Layout(width="100%", height="18em"), disabled=True)
        self._yard = w.RadioButtons(options=[(NO_YARDSTICK, "")] + [(_yardsticks.text(y), y.id) for y in yard.itertuples()],
                                    value="", layout=w.Layout(width="auto"))
        self._yard.observe(lambda ch: self._set_yardstick(ch["new"] or None), names="value")
        children = [w.HTML("<p><strong>1. Choose your yardstick.</strong> It doubles the weight of the arguments it "
                           "names.</p>"), self._yard,
                    w.HTML("<p><strong>2. Weigh each argument.</strong> All start at minor.</p>"), self._balance]
        self._picks: dict[str, w.ToggleButtons] = {}
        for s in dict.fromkeys(args["position"]):
            children.append(w.HTML(f"<p><strong>Arguments for “{html.escape(labels[s])}”</strong></p>"))
            for a in args[args["position"] == s].itertuples():
                pick = w.ToggleButtons(options=[(n, k) for k, n in enumerate(WEIGHTS)], value=DEFAULT_WEIGHT,
                                       style={"button_width": "6.5em"})
                pick.observe(lambda ch, aid=a.id: self._set_weight(aid, ch["new"]), names="value")
                self._picks[a.id] = pick
                children += [w.HTML(f"<p>{html.escape(a.claim)} <em>({html.escape(_data.short_citations(a.sources))})</em></p>"),
                             pick]
        self._claim = w.Text(placeholder="Your argument", layout=w.Layout(width="100%"))
        self._side = w.Dropdown(options=[(labels[s], s) for s in dict.fromkeys(args["position"])], description="For")
        self._own_weight = w.Dropdown(options=[(n, k) for k, n in enumerate(WEIGHTS)], value=DEFAULT_WEIGHT,
                                      description="weighing")
        add, remove, export = w.Button(description="Add my argument"), w.Button(description="Remove the last"), \
            w.Button(description="Export my outline")
        add.on_click(lambda _: self._add_from_form())
        remove.on_click(lambda _: self.remove_own(len(self.own) - 1) if self.own else None)
        export.on_click(lambda _: self._say(f"Saved to {self.export()}"))
        self._message = w.HTML()
        children += [w.HTML("<p><strong>3. Add arguments of your own</strong> (or run "
                            "<code>builder.add_own('...', 'reformer', 'important')</code>).</p>"),
                     self._claim, w.HBox([self._side, self._own_weight, add, remove]), self._message,
                     w.HTML("<p><strong>4. Your outline</strong> (or run <code>print(builder.outline())</code>):</p>"),
                     self._outline, export]
        super().__init__(children)
        self.add_class("thaw-verdict-widget")
        self.static_html = _verdict_html(args, labels, question, yard)
        if self.keep is not None and self.keep.is_file():
            self.restore(self._read(self.keep))
        self._update()

    # --- what the student chooses
    def _set_weight(self, aid: str, value: int) -> None:
        self.weights[aid] = value
        self._update()

    def _set_yardstick(self, value: str | None) -> None:
        if value is not None and value not in set(self.yard["id"]):
            raise ValueError(f"No yardstick {value!r}; the yardsticks are: {', '.join(self.yard['id'])}")
        self.yardstick = value
        self._update()

    def add_own(self, claim: str, side: str, weight: int | str = DEFAULT_WEIGHT) -> None:
        """Add an argument of your own: its claim, the reading it supports, its weight (0-3 or a weight's name)."""
        self.own.append(own_argument(claim, side, weight, self.labels))
        self._update()

    def remove_own(self, index: int) -> None:
        del self.own[index]
        self._update()

    def _add_from_form(self) -> None:
        try:
            self.add_own(self._claim.value, self._side.value, self._own_weight.value)
        except ValueError as exc:
            self._say(html.escape(str(exc)))
            return
        self._claim.value = ""
        self._say("Added.")

    def _say(self, text: str) -> None:
        self._message.value = f"<p>{text}</p>"

    # --- what the choices imply
    def _row(self):
        rows = self.yard[self.yard["id"] == self.yardstick]
        return next(rows.itertuples()) if len(rows) else None

    def totals(self) -> dict[str, int]:
        return totals(self.args, self.weights, _yardsticks.doubled(self._row()), self.own)

    def outline(self) -> str:
        return outline(self.args, self.labels, self.weights, self._row(), self.own)

    # --- kept and exported
    def state(self) -> dict:
        """The choices as plain data (what ``keep`` writes, and what the static book keeps in the browser)."""
        return {"yardstick": self.yardstick, "weights": dict(self.weights), "own": [dict(o) for o in self.own]}

    def restore(self, state: dict) -> None:
        """Set the builder to saved choices; unknown arguments are ignored, a malformed state is a clear error."""
        if not isinstance(state, dict):
            raise ValueError(f"A saved verdict is a dict with 'yardstick', 'weights' and 'own'; got {type(state).__name__}")
        yard = state.get("yardstick") or None
        self._set_yardstick(yard)
        self._yard.value = yard or ""
        for aid, value in (state.get("weights") or {}).items():
            if aid in self._picks and value in range(4):
                self.weights[aid] = value
                self._picks[aid].value = value
        self.own = [own_argument(o.get("claim"), o.get("side"), o.get("weight"), self.labels)
                    for o in state.get("own") or []]
        self._update()

    @staticmethod
    def _read(path: Path) -> dict:
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise ValueError(f"{path} is not a saved verdict ({exc}); delete it, or pass another file as keep=") from None

    def export(self, path: str | Path = "my_verdict.txt") -> Path:
        """Write the outline to a text file (for hand-in); returns its path."""
        path = Path(path)
        path.write_text(self.outline() + "\n", encoding="utf-8")
        return path

    def _update(self) -> None:
        sums = self.totals()
        self._balance.value = "<p><strong>Your balance:</strong> " + " · ".join(
            f"{html.escape(self.labels[s])} {t}" for s, t in sums.items()) + "</p>"
        self._outline.value = self.outline()
        if self.keep is not None:
            self.keep.write_text(json.dumps(self.state(), indent=1), encoding="utf-8")

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        return {**bundle, "text/html": self.static_html}


def verdict_builder(frame: pd.DataFrame | None = None, question: str = "q3",
                    sides: tuple[str, str] = ("reformer", "failed_reformer"),
                    keep: str | Path | None = None) -> VerdictBuilder:
    """Weigh the arguments of two rival readings by a yardstick of your choice, add your own, see the balance your
    weights imply and take an outline into the writing task. ``keep="my_verdict.json"`` keeps your choices in that
    file (JupyterLab); the static book keeps them in the browser."""
    args, labels = _args(question, sides, frame)
    return VerdictBuilder(args, labels, question, _yardsticks.load(), keep=keep)
