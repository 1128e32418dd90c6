"""Could a learned line model reach issue 24's text-rule target where the hand rules do not?

    python benchmarks/line_model.py      # about a minute; development pages only

The text rules (``scorer.boilerplate.classify_lines``) see a page as lines of text, nothing else.
This measures how far a classifier given the same view gets: per line, 33 shape and context
features (words, characters, end punctuation, capitals, function words, digits, separators,
bullets, the neighbours' lengths, the nearest prose paragraph, position on the page, repeats,
and the rules' own verdict), a standardised logistic regression, page-grouped 5-fold
cross-validation over the development pages of modern-web-2026 and CleanPortalEval (the
measured-once and held-back parts are not read). Its figures are read at two operating points:
where it flags as many body lines as the rules do (is its trade-off better?) and where it flags
at most the issue's 3% (can it meet the target?). Writes benchmarks/results/line_model.json.
"""

from __future__ import annotations

import math
import re

import numpy as np
from boilerplate_lines import RESULTS, TARGET_BODY_FLAGGED, figures, load_modern, load_portal
from provenance import write_result
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from scorer.boilerplate import classify_lines
from scorer.resources import language

OUT = RESULTS.parent / "line_model.json"
_WORD = re.compile(r"[^\W_]+")
_ENDS = (".", "!", "?", '"', "”", ":")
PROSE_WORDS = 15
WINDOW = 3


def line_features(lines: list[str], reasons: list[str | None], known: list[str]) -> np.ndarray:
    """One row per line: its shape, its neighbours', the nearest prose line, and the rules' verdict."""
    function_words = {w for row in language().word_rows("function_words") for w in row}
    words = [_WORD.findall(line) for line in lines]
    n_words = np.array([len(w) for w in words], dtype=float)
    ends = np.array([line.rstrip().endswith(_ENDS) for line in lines], dtype=float)
    prose = np.flatnonzero((n_words >= PROSE_WORDS) & (ends > 0))
    repeats: dict[str, int] = {}
    for line in lines:
        repeats[line] = repeats.get(line, 0) + 1
    rows = []
    for i, line in enumerate(lines):
        k = max(1, len(words[i]))
        lo, hi = max(0, i - WINDOW), min(len(lines), i + WINDOW + 1)
        gap = int(np.abs(prose - i).min()) if len(prose) else 50
        rows.append([
            math.log1p(n_words[i]), math.log1p(len(line)), ends[i],
            sum(w[:1].isupper() for w in words[i]) / k,
            sum(w.lower() in function_words for w in words[i]) / k,
            sum(w.isdigit() for w in words[i]) / k,
            line.count(",") / k, float(any(c in line for c in "|»›©@")), float(line.lstrip()[:1] in "-*•·"),
            math.log1p(n_words[i - 1]) if i else 0.0, ends[i - 1] if i else 0.0,
            math.log1p(n_words[i + 1]) if i + 1 < len(lines) else 0.0, ends[i + 1] if i + 1 < len(lines) else 0.0,
            math.log1p(n_words[lo:hi].mean()), math.log1p(n_words[lo:hi].max()),
            float(np.isin(np.arange(lo, hi), prose).mean()),
            i / len(lines), min(gap, 20) / 20, float(gap == 0), math.log1p(repeats[line] - 1),
            float(len(prose) > 0 and i < prose.min()), float(len(prose) > 0 and i > prose.max()),
            float(line.isupper()), float(reasons[i] is None),
            *(float(reasons[i] == r) for r in known),
        ])  # fmt: skip
    return np.array(rows)


def main() -> None:
    pages = [p for p in load_modern("dev") if p["lines"]]
    pages += [dict(p, type="CleanPortalEval") for p in load_portal(0) if p["lines"]]
    verdicts = [classify_lines(p["lines"]) for p in pages]
    known = sorted({r for reasons in verdicts for r in reasons if r})
    X = np.vstack([line_features(p["lines"], r, known) for p, r in zip(pages, verdicts, strict=True)])
    y = np.array([g for p in pages for g in p["gold"]])
    group = np.array([i for i, p in enumerate(pages) for _ in p["lines"]])
    kind = np.array([p["type"] for p in pages for _ in p["lines"]])
    rules = np.array([r is not None for reasons in verdicts for r in reasons])
    p_furniture = np.zeros(len(y))
    for train, test in GroupKFold(5).split(X, y, group):
        fitted = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)).fit(X[train], y[train])
        p_furniture[test] = fitted.predict_proba(X[test])[:, 1]
    report: dict = {"pages": len(pages), "lines": len(y), "features": X.shape[1], "per_type": {}}
    for page_type in ("article", "CleanPortalEval"):
        at = kind == page_type
        gold, by_rules = y[at], rules[at]
        rule_figures = figures(gold.tolist(), by_rules.tolist())
        body = ~gold

        def at_body_flagged(share: float, gold=gold, body=body, at=at) -> dict:
            # the lowest threshold that flags at most ``share`` of the body lines
            scores = np.sort(p_furniture[at][body])
            threshold = scores[min(len(scores) - 1, math.ceil(len(scores) * (1 - share)))] + 1e-12
            found = figures(gold.tolist(), (p_furniture[at] >= threshold).tolist())
            return {"threshold": round(float(threshold), 4), **found}

        report["per_type"][page_type] = {
            "text rules": rule_figures,
            "line model, as many body lines flagged as the rules": at_body_flagged(rule_figures["body_flagged_share"]),
            f"line model, at most {TARGET_BODY_FLAGGED:.0%} of body lines flagged": at_body_flagged(
                TARGET_BODY_FLAGGED
            ),
        }
        for name, f in report["per_type"][page_type].items():
            print(
                f"{page_type:16s} {name:52s} body flagged {f['body_flagged_share']:.3f}"
                f"  furniture kept {f['furniture_kept_share']:.3f}  F1 {f['f1']:.3f}"
            )
    write_result(OUT, report)
    print(f"-> {OUT}")


if __name__ == "__main__":
    main()
