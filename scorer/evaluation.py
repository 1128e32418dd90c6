"""Measuring a model on a labelled CSV, and the evaluation report (inline SVG, no assets)."""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

from scorer.labels import read_labelled_csv
from scorer.metrics import classification_metrics
from scorer.scoring import Scorer


def evaluate_csv(labels: Path, model: str | os.PathLike[str] | None = None, report: Path | None = None) -> dict[str, Any]:
    """Metrics of a model on every row of a labelled CSV; optionally an HTML report."""
    rows = read_labelled_csv(labels, both_classes=False)
    scorer = Scorer(model)
    results = scorer.score_texts([r.id for r in rows], [r.text for r in rows], evidence=False)
    threshold = scorer.artifact.model.threshold
    metrics = classification_metrics([r.label for r in rows], [r.p_speculative or 0.0 for r in results], threshold)
    metrics["threshold"] = threshold
    metrics["model"] = scorer.version
    metrics["labels"] = str(labels)
    if report is not None:
        report.write_text(render_evaluation(metrics, scorer.artifact.model.weights()), encoding="utf-8")
    return metrics


def format_metrics(m: dict[str, Any]) -> str:
    """A plain-text summary of ``classification_metrics`` output."""
    fpr = m["false_positive_rate_on_reported"]
    lines = [
        f"model {m.get('model', '?')} on {m.get('labels', '?')} ({m['n']} rows)",
        f"accuracy {m['accuracy']:.3f}   macro-F1 {m['macro_f1']:.3f}   Brier {m['brier']:.3f}   "
        f"FPR on reported {'n/a' if fpr is None else f'{fpr:.3f}'}",
    ]
    for cls, v in m["per_class"].items():
        lines.append(f"  {cls:12s} precision {v['precision']:.3f}  recall {v['recall']:.3f}  F1 {v['f1']:.3f}  n={v['support']}")
    (tn, fp), (fn, tp) = m["confusion"]["matrix"]
    lines.append(f"confusion (rows true, cols predicted; reported, speculative): [[{tn}, {fp}], [{fn}, {tp}]]")
    lines.append("reliability: " + "  ".join(f"{b['bin']}: {b['mean_predicted']:.2f}->{b['observed']:.2f} (n={b['n']})" for b in m["reliability"]))
    return "\n".join(lines)


def render_evaluation(m: dict[str, Any], weights: dict[str, float]) -> str:
    """A self-contained HTML page: metrics, confusion matrix, reliability curve, feature weights."""
    esc = html.escape
    (tn, fp), (fn, tp) = m["confusion"]["matrix"]
    points = " ".join(f"{20 + 260 * b['mean_predicted']:.1f},{280 - 260 * b['observed']:.1f}" for b in m["reliability"])
    dots = "".join(
        f'<circle cx="{20 + 260 * b["mean_predicted"]:.1f}" cy="{280 - 260 * b["observed"]:.1f}" r="4"><title>{esc(b["bin"])}: n={b["n"]}</title></circle>'
        for b in m["reliability"]
    )
    ticks = "".join(f'<line x1="{20 + 260 * t}" y1="280" x2="{20 + 260 * t}" y2="285" stroke="#333"/>'
                    f'<text x="{20 + 260 * t}" y="298" text-anchor="middle">{t:g}</text>'
                    f'<line x1="15" y1="{280 - 260 * t}" x2="20" y2="{280 - 260 * t}" stroke="#333"/>'
                    f'<text x="12" y="{284 - 260 * t}" text-anchor="end">{t:g}</text>' for t in (0, 0.25, 0.5, 0.75, 1))
    counts = "".join(f'<text x="{26 + 260 * b["mean_predicted"]:.1f}" y="{276 - 260 * b["observed"]:.1f}">{b["n"]}</text>'
                     for b in m["reliability"])
    bars = "".join(
        f'<tr><td>{esc(k)}</td><td><div style="width:{min(300, abs(v) * 100):.0f}px;height:10px;'
        f'background:{"#c0392b" if v > 0 else "#2471a3"}"></div></td><td>{v:+.2f}</td></tr>'
        for k, v in sorted(weights.items(), key=lambda kv: -abs(kv[1]))
    )
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>sourcescore evaluation</title>
<style>body{{font-family:sans-serif;margin:2em}} td,th{{padding:2px 8px}} table{{border-collapse:collapse}}</style></head><body>
<h1>Evaluation of {esc(str(m.get('model')))} on {esc(str(m.get('labels')))}</h1>
<p>n={m['n']} accuracy={m['accuracy']:.3f} macro-F1={m['macro_f1']:.3f} Brier={m['brier']:.3f}</p>
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
<h2>Feature weights (towards speculative, per standardised unit)</h2><table>{bars}</table>
</body></html>"""
