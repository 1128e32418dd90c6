"""A self-contained HTML page of the evidence behind scores: no external assets, no network."""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import replace
from html import escape
from typing import IO, Any

from scorer.cuekinds import CLAIM_CLASSES, EVIDENCE_LISTS, SHOWN, claim_css, css_rules
from scorer.cuekinds import KINDS as CUE_KINDS
from scorer.evidence import Explanation
from scorer.scoring import Result
from scorer.spans import Span, cue_spans, markup

TOP_BARS = 8
TABLE_FEATURES = ("hedges_per_sentence", "attributions_per_sentence", "boilerplate_line_share")
CLAIM_CSS = claim_css()  # who carries each sentence's claim
_CSS = (
    """
body{font:15px/1.5 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#1f2328}
.scroll{overflow-x:auto}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #d0d7de;padding:.25em .6em;text-align:left}
th[data-sort]{cursor:pointer;background:#f6f8fa}td.num{text-align:right;font-variant-numeric:tabular-nums}
section.doc{border-top:2px solid #d0d7de;margin-top:2em}.error{color:#b42318;font-weight:600}
.label-speculative{color:#b42318;font-weight:600}.label-reported{color:#1a7f37;font-weight:600}
.bars{display:grid;grid-template-columns:16em 1fr 1fr 5em;gap:2px 6px;align-items:center;max-width:50em}
.bars .left{display:flex;justify-content:flex-end}.bars small.left{display:block;text-align:right}
.bar{height:.9em;border-radius:2px}.bar.spec{background:#d1495b}.bar.rep{background:#2e86ab}
.text{white-space:pre-wrap;border:1px solid #d0d7de;padding:1em;background:#fff}
.boilerplate{color:#8c959f;opacity:.75;font-style:italic}
.interval{position:relative;width:16em;height:.9em;background:#f6f8fa;border:1px solid #d0d7de}
.interval .range{position:absolute;top:0;bottom:0;background:#d1495b66}.interval .point{position:absolute;top:-2px;bottom:-2px;width:2px;background:#b42318}
.legend{position:sticky;top:0;background:#fffe;padding:.4em 0;border-bottom:1px solid #d0d7de;line-height:2}
"""
    + css_rules()
    + CLAIM_CSS
)
_JS = """
document.querySelectorAll('th[data-sort]').forEach((th, col) => th.addEventListener('click', () => {
  const body = th.closest('table').tBodies[0], asc = th.dataset.dir !== 'asc';
  th.dataset.dir = asc ? 'asc' : 'desc';
  const key = r => r.cells[col].dataset.v, num = th.dataset.sort === 'num';
  [...body.rows].sort((a, b) => { const x = key(a), y = key(b);
    const c = num ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y); return asc ? c : -c; })
    .forEach(r => body.appendChild(r));
}));
"""
# No network, no frames, no forms elsewhere; script only where a page says it has one (its own, inline).
CSP_NO_SCRIPT = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'"
_CSP_WITH_SCRIPT = CSP_NO_SCRIPT + "; script-src 'unsafe-inline'"


def claim_spans(ex: Explanation, shift: int = 0) -> list[Span]:
    """Each body sentence as a span that says who carries its claim (outermost of all spans)."""
    return [
        Span(
            s.start - shift,
            s.end - shift,
            f"claim-{s.claim}",
            f"claim: {s.claim}{_probability(s.claim_probability)}",
            -2,
        )
        for s in ex.sentences
        if s.claim is not None
    ]


def _probability(p: float | None) -> str:
    return "" if p is None else f" ({p:.2f})"


def _tag(span: Span) -> str:
    if span.kind.startswith("claim-"):
        return f'<span class="claim {span.kind}" title="{escape(span.title)}">'
    css = "boilerplate" if span.kind == "boilerplate" else f"cue cue-{span.kind}"
    return f'<span class="{css}" title="{escape(span.title)}">'


def _end(_: Span) -> str:
    return "</span>"


def _article(ex: Explanation, text: str) -> str:
    if text and all(text[s.start : s.end] == s.text for s in ex.sentences):
        spans = cue_spans([c for s in ex.sentences for c in s.cues], text) + claim_spans(ex)
        spans += [Span(b.start, b.end, "boilerplate", b.reason, -1) for b in ex.boilerplate]
        return f'<div class="text">{markup(text, spans, _tag, _end)}</div>'
    # The text is not at hand (e.g. read from stdin): show the sentences and boilerplate lines kept in the result.
    body = " ".join(markup(s.text, cue_spans(s.cues, s.text, s.start), _tag, _end) for s in ex.sentences)
    lines = "".join(
        f'\n<span class="boilerplate" title="{escape(b.reason)}">{escape(b.text)}</span>' for b in ex.boilerplate
    )
    return f'<div class="text">{body}{lines}</div>'


def _bars(result: Result) -> str:
    top = result.top_contributions(TOP_BARS)
    if not top:
        return ""
    scale = max(abs(v) for _, v in top) or 1.0
    rows = []
    for name, value in top:
        width = f"{100 * abs(value) / scale:.1f}%"
        bar = f'<div class="bar {"spec" if value > 0 else "rep"}" style="width:{width}"></div>'
        rows.append(
            f'<span>{escape(name)}</span><div class="left">{bar if value <= 0 else ""}</div>'
            f'<div>{bar if value > 0 else ""}</div><span class="num">{value:+.3f}</span>'
        )
    head = '<span></span><small class="left">&larr; reported</small><small>speculative &rarr;</small><span></span>'
    words = ", ".join(f"{escape(g)} {v:+.3f}" for g, v in result.ngram_pushes)
    ngrams = f"<p><b>Strongest word n-grams:</b> {words}</p>" if words else ""
    return f'<h3>Top feature contributions (log-odds)</h3><div class="bars">{head}{"".join(rows)}</div>{ngrams}'


def legend() -> str:
    """The meaning of each highlight style (outside any ``.text`` block, so it is never mistaken for evidence)."""
    items = [f'<span class="cue-{k}" title="{k}">{escape(CUE_KINDS[k].legend)}</span>' for k in SHOWN]
    items.append('<span class="boilerplate" title="boilerplate">boilerplate line (not scored)</span>')
    items += [f'<span class="claim claim-{c}" title="claim: {c}">{c} sentence</span>' for c in CLAIM_CLASSES]
    return f'<p class="legend"><b>Legend:</b> {" ".join(items)}</p>'


def _prob(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def render_document(
    result: Result, text: str, anchor: str = "doc", with_legend: bool = True, recorded: dict[str, Any] | None = None
) -> str:
    """One article's section: label and probability, contribution bars, legend and highlighted text;
    for a result read back from a results file, the ``recorded`` evidence stands in for the text."""
    head = f'<section class="doc" id="{escape(anchor)}" data-doc="{escape(result.id)}"><h2>{escape(result.id)}</h2>'
    if not result.ok:
        return f'{head}<p class="error">error: {escape(result.error or "")}</p></section>'
    label = escape(result.label or "")
    verdict = (
        f'<p><span class="label-{label}">{label}</span> with probability {_prob(result.probability)}'
        f" (p speculative {_prob(result.p_speculative)}; model {escape(result.model or '?')})</p>"
    )
    note = result.page_note()
    verdict += f'<p class="page">{escape(note)}</p>' if note else ""
    if recorded is not None:
        return f"{head}{verdict}{_bars(result)}{_recorded_evidence(recorded)}</section>"
    body = _article(result.explanation, text) if result.explanation else f'<div class="text">{escape(text)}</div>'
    return f"{head}{verdict}{_bars(result)}<h3>Text</h3>{legend() if with_legend else ''}{body}</section>"


def _recorded_evidence(evidence: dict[str, Any]) -> str:
    """The evidence lists a results file keeps (its sentences with their cue words, boilerplate lines,
    claim counts): the text itself is not in the file. Every value is escaped, whatever its type."""

    def items(key: str) -> list[dict[str, Any]]:
        found = evidence.get(key)
        return [e for e in found if isinstance(e, dict)] if isinstance(found, list) else []

    parts = ["<h3>Evidence kept in the results file</h3><p>The text is not in a results file; score the "
             "documents themselves for the whole text with its highlights.</p>"]  # fmt: skip
    claims = evidence.get("sentence_claims")
    if isinstance(claims, dict) and claims:
        counts = ", ".join(f"{escape(str(n))} {escape(str(c))}" for c, n in claims.items())
        parts.append(f"<p><b>Sentences by who carries the claim:</b> {counts}</p>")
    for shown in EVIDENCE_LISTS:
        rows = [
            f"<li>{escape(str(e.get('text') or ''))}"
            f" <small>({escape(', '.join(map(str, e.get('cues') or [])))})</small></li>"
            for e in items(shown.key)
        ]
        if rows:
            parts.append(
                f"<p><b>{escape(shown.name.capitalize())} sentences</b> (cue words in brackets):</p><ul>{''.join(rows)}</ul>"
            )
    lines = [
        f'<li><span class="boilerplate">{escape(str(e.get("line") or ""))}</span> <small>{escape(str(e.get("reason") or ""))}</small></li>'
        for e in items("boilerplate_lines")
    ]
    if lines:
        parts.append(f"<p><b>Boilerplate lines</b> (not scored):</p><ul>{''.join(lines)}</ul>")
    return "".join(parts)


def _table(items: list[tuple[Result, str]]) -> str:
    cols = [("document", "str"), ("label", "str"), ("probability", "num"), ("p speculative", "num")]
    cols += [(f, "num") for f in TABLE_FEATURES] + [("error", "str")]
    head = "".join(f'<th data-sort="{kind}">{escape(name).replace("_", "_<wbr>")}</th>' for name, kind in cols)
    rows = []
    for i, (r, _) in enumerate(items):
        cells = [
            f'<td data-v="{escape(r.id)}"><a href="#doc-{i}">{escape(r.id)}</a></td>',
            f'<td data-v="{escape(r.label or "error")}">{escape(r.label or "error")}</td>',
        ]
        values = [r.probability, r.p_speculative] + [r.features.get(f) for f in TABLE_FEATURES]
        cells += [f'<td class="num" data-v="{_prob(v)}">{_prob(v)}</td>' for v in values]
        cells.append(f'<td class="error" data-v="{escape(r.error or "")}">{escape(r.error or "")}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    table = f'<table id="summary"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    return f'<div class="scroll">{table}</div>'


def _sources(items: list[tuple[Result, str]], by: str) -> str:
    """One row per source: its speculative share with the 95% interval drawn as a bar, and links to its articles."""
    from scorer.sources import METRICS, results_frame, score_sources

    anchors = {r.id: f"doc-{i}" for i, (r, _) in enumerate(items)}
    table = score_sources(results_frame([r for r, _ in items], evidence=True), by=by)
    if table.empty:
        return ""
    keys = [c for c in table.columns if c not in METRICS]
    rows = []
    for _, row in table.iterrows():
        name = " / ".join(str(row[k]) for k in keys)
        bar = (
            f'<div class="interval"><div class="range" style="left:{100 * row["low"]:.1f}%;'
            f'width:{100 * (row["high"] - row["low"]):.1f}%"></div>'
            f'<div class="point" style="left:{100 * row["share"]:.1f}%"></div></div>'
        )
        links = " ".join(
            f'<a href="#{anchors[d]}">{label}</a>'
            for label, d in (("most speculative", row["most_speculative"]), ("least", row["least_speculative"]))
            if d in anchors
        )
        rows.append(
            f'<tr><td>{escape(name)}</td><td class="num">{int(row["n"])}</td>'
            f'<td class="num">{row["share"]:.2f} [{row["low"]:.2f}, {row["high"]:.2f}]</td><td>{bar}</td><td>{links}</td></tr>'
        )
    head = f"<tr><th>{escape(by)}</th><th>articles</th><th>share speculative [95% interval]</th><th>0 &ndash; 1</th><th>articles</th></tr>"
    return (
        f"<h2>Sources, by {escape(by)}</h2><p>Ranked by the interval's lower bound (Wilson), so a source seen in "
        f'few articles is never ranked as if its share were certain.</p><table class="sources">{head}{"".join(rows)}</table>'
    )


def render_report(
    items: list[tuple[Result, str]], title: str = "sourcescore report", sources_by: str | None = None
) -> str:
    """A complete HTML page: a sources section (if ``sources_by``), a sortable summary table, each article's evidence."""
    report = Report(title, sources_by)
    for result, text in items:
        report.add(result, text)
    return report.page()


def notebook_html(result: Result) -> str:
    """A result's evidence page for a notebook cell (scripts stay off: one article needs no sorting)."""
    text = result.explanation.text if result.explanation else ""
    return _framed(page(f"sourcescore: {result.id}", render_document(result, text)), result.id)


def records_page(records: Iterable[Mapping[str, Any]], title: str = "sourcescore results") -> str:
    """The report page of results read back (rows of ``score_frame`` or ``read_results``)."""
    report = Report(title)
    for record in records:
        report.add_record(record)
    return report.page()


def frame_html(records: Iterable[Mapping[str, Any]], title: str = "sourcescore results") -> str:
    """``records_page`` for a notebook cell."""
    return _framed(records_page(records, title), title, allow_scripts=True)


def _framed(document: str, title: str, allow_scripts: bool = False) -> str:
    """A self-contained page in a sandboxed frame, so neither its styles nor the notebook's leak across;
    a report's own sorting script may run, still without the notebook's origin."""
    sandbox = 'sandbox="allow-scripts"' if allow_scripts else "sandbox"
    style = "width:100%;height:36em;border:1px solid #d0d7de;resize:vertical"
    return f'<iframe {sandbox} srcdoc="{escape(document)}" style="{style}" title="{escape(title)}"></iframe>'


class Report:
    """A report built as results arrive: each article's section goes to a temporary file at once,
    and only its summary row (no text, no evidence) stays in memory, however long the batch."""

    def __init__(self, title: str = "sourcescore report", sources_by: str | None = None) -> None:
        self.title, self.sources_by = title, sources_by
        self.rows: list[tuple[Result, str]] = []
        self.sections = tempfile.TemporaryFile("w+", encoding="utf-8", errors="backslashreplace")

    def add(self, result: Result, text: str, recorded: dict[str, Any] | None = None) -> None:
        """One document's section; ``recorded``: the evidence of a result read back from a results file."""
        anchor = f"doc-{len(self.rows)}"
        self.sections.write(render_document(result, text, anchor, with_legend=False, recorded=recorded) + "\n")
        self.rows.append((replace(result, explanation=None, contributions={}, ngram_pushes=[]), ""))

    def add_record(self, record: Mapping[str, Any], threshold: float | None = None) -> Result:
        """One result read back from a results file or frame (its recorded evidence, no text);
        ``threshold`` relabels it at another operating point."""
        result = Result.from_record(record)
        result = result.at_threshold(threshold) if threshold is not None else result
        evidence = record.get("evidence")
        self.add(result, "", recorded=evidence if isinstance(evidence, dict) else {})
        return result

    def page(self) -> str:
        """The whole page as one string (``write`` to a stream for a long batch)."""
        out = io.StringIO()
        self.write(out)
        return out.getvalue()

    def write(self, stream: IO[str]) -> None:
        """The whole page; the sections are copied from their file, never held together in memory."""
        failed = sum(not r.ok for r, _ in self.rows)
        summary = f"<p>{len(self.rows)} document(s), {failed} error(s). Click a column header to sort.</p>"
        summary += _sources(self.rows, self.sources_by) if self.sources_by else ""
        head, tail = _page_parts(self.title, script=_JS)
        stream.write(f"{head}{summary}{_table(self.rows)}{legend()}\n")
        self.sections.seek(0)
        shutil.copyfileobj(self.sections, stream)
        stream.write(tail)
        self.sections.close()


def page(title: str, body: str, script: str | None = None, extra_css: str = "") -> str:
    """A complete, self-contained HTML page around ``body`` (already escaped HTML); no script unless given."""
    head, tail = _page_parts(title, script, extra_css)
    return f"{head}{body}{tail}"


def _page_parts(title: str, script: str | None = None, extra_css: str = "") -> tuple[str, str]:
    """What comes before and after a page's body."""
    csp = CSP_NO_SCRIPT if script is None else _CSP_WITH_SCRIPT
    head = (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        f"<title>{escape(title)}</title><style>{_CSS}{extra_css}</style></head><body><h1>{escape(title)}</h1>"
    )
    return head, ("" if script is None else f"<script>{script}</script>") + "</body></html>\n"


def _shape_svg(curve: list[tuple[float, float]], scale: float) -> str:
    """A feature's push against its value, between its first and last knot (pushes share one vertical scale)."""
    (x0, _), (x1, _) = curve[0], curve[-1]
    span = (x1 - x0) or 1.0
    points = " ".join(f"{4 + 152 * (x - x0) / span:.1f},{20 - 16 * y / scale:.1f}" for x, y in curve)
    knots = ", ".join(f"{x:.3g}: {y:+.2f}" for x, y in curve)
    return (
        f'<svg width="160" height="40" viewBox="0 0 160 40"><line x1="0" y1="20" x2="160" y2="20" stroke="#ddd"/>'
        f'<polyline points="{points}" fill="none" stroke="#333"/><title>{escape(knots)}</title></svg>'
    )


def render_evaluation(
    m: dict[str, Any], shapes: dict[str, list[tuple[float, float]]], effects: dict[str, float]
) -> str:
    """A self-contained HTML page: metrics, confusion matrix, reliability curve, each feature's push curve
    (``AdditiveModel.shapes``) and whole effect (``AdditiveModel.effects``)."""
    esc = escape
    (tn, fp), (fn, tp) = m["confusion"]["matrix"]
    points = " ".join(f"{20 + 260 * b['mean_predicted']:.1f},{280 - 260 * b['observed']:.1f}" for b in m["reliability"])
    dots = "".join(
        f'<circle cx="{20 + 260 * b["mean_predicted"]:.1f}" cy="{280 - 260 * b["observed"]:.1f}" r="4"><title>{esc(b["bin"])}: n={b["n"]}</title></circle>'
        for b in m["reliability"]
    )
    ticks = "".join(
        f'<line x1="{20 + 260 * t}" y1="280" x2="{20 + 260 * t}" y2="285" stroke="#333"/>'
        f'<text x="{20 + 260 * t}" y="298" text-anchor="middle">{t:g}</text>'
        f'<line x1="15" y1="{280 - 260 * t}" x2="20" y2="{280 - 260 * t}" stroke="#333"/>'
        f'<text x="12" y="{284 - 260 * t}" text-anchor="end">{t:g}</text>'
        for t in (0, 0.25, 0.5, 0.75, 1)
    )
    counts = "".join(
        f'<text x="{26 + 260 * b["mean_predicted"]:.1f}" y="{276 - 260 * b["observed"]:.1f}">{b["n"]}</text>'
        for b in m["reliability"]
    )
    scale = max((abs(y) for curve in shapes.values() for _, y in curve), default=0.0) or 1.0
    bars = "".join(
        f"<tr><td>{esc(k)}</td><td>{_shape_svg(shapes[k], scale)}</td>"
        f'<td><div style="width:{min(300, abs(v) * 100):.0f}px;height:10px;'
        f'background:{"#c0392b" if v > 0 else "#2471a3"}"></div></td><td>{v:+.2f}</td></tr>'
        for k, v in sorted(effects.items(), key=lambda kv: -abs(kv[1]))
    )
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>sourcescore evaluation</title>
<style>body{{font-family:sans-serif;margin:2em}} td,th{{padding:2px 8px}} table{{border-collapse:collapse}}</style></head><body>
<h1>Evaluation of {esc(str(m.get("model")))} on {esc(str(m.get("labels")))}</h1>
<p>n={m["n"]} accuracy={m["accuracy"]:.3f} macro-F1={m["macro_f1"]:.3f} Brier={m["brier"]:.3f}</p>
<h2>Confusion matrix</h2><table border="1"><tr><th></th><th>predicted reported</th><th>predicted speculative</th></tr>
<tr><th>reported</th><td>{tn}</td><td>{fp}</td></tr><tr><th>speculative</th><td>{fn}</td><td>{tp}</td></tr></table>
<h2>Reliability curve</h2><svg width="330" height="330" viewBox="-30 0 330 330" style="border:1px solid #ccc" font-size="11">
<line x1="20" y1="280" x2="280" y2="280" stroke="#333"/><line x1="20" y1="280" x2="20" y2="20" stroke="#333"/>
{ticks}
<text x="150" y="315" text-anchor="middle">mean predicted P(speculative)</text>
<text x="-18" y="150" text-anchor="middle" transform="rotate(-90 -18 150)">observed share speculative</text>
<line x1="20" y1="280" x2="280" y2="20" stroke="#bbb" stroke-dasharray="4"><title>perfect calibration</title></line>
<polyline points="{points}" fill="none" stroke="#333"/>{dots}{counts}</svg>
<p>Each point is a bin of predictions (n = articles in it); the dashed diagonal is perfect calibration.</p>
<h2>Features: push on the log-odds against the feature's value</h2>
<p>Each curve runs from the feature's lowest to its highest knot (flat beyond); above the grey line pushes towards speculative, below towards reported; hover for the knots. The bar is the whole effect, lowest to highest knot.</p><table>{bars}</table>
</body></html>"""
