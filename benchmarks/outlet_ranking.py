"""Outlet ranking: does the per-source speculative share order outlets the way their known character does?

    python benchmarks/outlet_ranking.py                  # about 30 s; writes benchmarks/results/outlet_ranking.json
    python benchmarks/outlet_ranking.py --keep-training  # also score the articles the model was fitted on

Articles are scored with the shipped model (``scorer.load_model()``, ``score_texts``, with evidence)
and aggregated per outlet with ``scorer.sources.score_sources``. At most ``--cap`` (150) articles per
outlet are drawn at random (seed 0).

- BuzzFeed-Webis 2016: 9 Facebook publishers, mainstream (abc, cnn, politico) vs hyperpartisan
  (the other six). Figure: outlet-level AUC of the speculative share, hyperpartisan as the positive
  class. With 3 x 6 outlets it rests on 18 pairs: one swapped pair moves it by 0.056.
- AllSides opinion-vs-news: outlets with >= 20 articles. Figure: Spearman correlation between the
  predicted speculative share and the true opinion share (URL section) per outlet. This corpus copy
  was built balanced, every opinion article of an outlet plus as many of its news articles (its
  SOURCE.txt), so the true share is about 0.5 at nearly every outlet and that correlation has almost
  nothing to rank. The script therefore also builds pseudo-outlets of known opinion share
  (0.1 ... 0.9) from each real outlet's own articles, which keeps the outlet's house style fixed and
  varies only the mix; the Spearman correlation with the designed share is the informative figure.
- Interval widths (95% Wilson) per outlet, and a subsample curve: for n = 5, 10, 20, 40 articles per
  outlet, over 20 random draws, the mean AUC / Spearman, and how closely the subsample ranking agrees
  with the full-sample one: how many articles it takes for a ranking to settle.

CAVEAT: the shipped model was trained on articles judged from these corpora (labels/judged.csv; the
version whose sha256 the model's metadata records, found in git history if the working copy has
changed since; for the interim v2 of 24 Nov 2026, 300 BuzzFeed and 800 AllSides rows), and its claim model on sentences of other articles of these corpora
(labels/sentences.csv). The judged training articles are left out here by default; the claim-model
articles are scored and counted. Either way the model has seen other articles of the same outlets, so
these are not out-of-outlet figures, and the AllSides opinion-vs-news proxy comes from the URL
section, not from reading.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora

from scorer import load_model
from scorer.sources import key_column, results_frame, score_sources

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "results" / "outlet_ranking.json"
MAINSTREAM = ("abc", "cnn", "politico")
SIZES = (5, 10, 20, 40)
DRAWS = 20
DESIGNED = (0.1, 0.3, 0.5, 0.7, 0.9)  # opinion shares of the AllSides pseudo-outlets
PSEUDO_SIZE = 40
MIN_ALLSIDES = 20
CAVEAT = (
    "The shipped model was trained on articles judged from these corpora ({labels}); {kept}. Its claim model "
    "learnt from sentences of other articles of these corpora (labels/sentences.csv): they are scored, and "
    "counted per corpus. The model has seen other articles of the same outlets, so these are not "
    "out-of-outlet figures."
)


def training_ids(metadata: dict) -> tuple[set[str], str]:
    """Ids of the judged articles the model was fitted on, and which labels file they come from.

    The model's metadata records the sha256 of its labels file; the working copy may have grown
    since (new rounds of reading), so the matching version is looked up in git history too. If
    none matches, every row of the working copy is left out (a superset).
    """
    import hashlib
    import io
    import subprocess

    rel = metadata.get("labels_file", {}).get("path", "labels/judged.csv")
    want = metadata.get("labels_file", {}).get("sha256")
    versions = [("working copy", (ROOT / rel).read_bytes())]
    try:
        log = subprocess.run(
            ["git", "log", "--format=%H", "--", rel], cwd=ROOT, capture_output=True, text=True, check=True
        )
        for commit in log.stdout.split():
            shown = subprocess.run(["git", "show", f"{commit}:{rel}"], cwd=ROOT, capture_output=True, check=True)
            versions.append((f"commit {commit[:7]}", shown.stdout))
    except (OSError, subprocess.CalledProcessError):
        pass  # no git: the working copy only
    found = next(((w, d) for w, d in versions if hashlib.sha256(d).hexdigest() == want), None)
    where, data = found or (
        versions[0][0] + " (no version matches the model's sha256: all its rows left out)",
        versions[0][1],
    )
    rows = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    return {r["doc_id"] for r in rows}, f"{rel}, {where}"


def sentence_ids() -> set[str]:
    """Articles whose sentences trained the claim model (labels/sentences.csv)."""
    rows = csv.DictReader(open(ROOT / "labels" / "sentences.csv", encoding="utf-8"))
    return {r["sid"].split("#", 1)[0] for r in rows}


def draw(docs: pd.DataFrame, cap: int, rng: np.random.Generator) -> pd.DataFrame:
    """At most ``cap`` random articles per outlet."""
    parts = [
        g if len(g) <= cap else g.iloc[rng.choice(len(g), cap, replace=False)]
        for _, g in docs.groupby("outlet", sort=True)
    ]
    return pd.concat(parts, ignore_index=True)


def score(docs: pd.DataFrame, model) -> pd.DataFrame:
    """Result rows (as ``scorer sources`` reads them) with the corpus columns joined back."""
    results = []
    for start in range(0, len(docs), 250):
        chunk = docs.iloc[start : start + 250]
        results += model.score_texts(chunk["doc_id"].tolist(), chunk["text"].tolist(), evidence=True)
    frame = results_frame(results)
    return frame.merge(docs.drop(columns="text"), left_on="path", right_on="doc_id", validate="one_to_one")


def auc(positive: pd.Series, score: pd.Series) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(positive.astype(int), score))


def spearman(a, b) -> float:
    """Spearman's rho (ties averaged); NaN when either side is constant."""
    from scipy.stats import spearmanr

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rho = spearmanr(a, b).statistic
    return float(rho)


def subsample(frame: pd.DataFrame, n: int, rng: np.random.Generator, by: str = "outlet") -> pd.DataFrame:
    """``n`` scored articles per group, without replacement (all of them where a group has fewer)."""
    ok = frame[frame["error"].isna()]
    parts = [g if len(g) <= n else g.iloc[rng.choice(len(g), n, replace=False)] for _, g in ok.groupby(by, sort=True)]
    return pd.concat(parts, ignore_index=True)


def r4(value: float) -> float | None:
    """Rounded for the JSON file; None for an undefined figure (NaN is not JSON)."""
    return None if math.isnan(value) else round(float(value), 4)


def summary(values: list[float]) -> dict[str, float | int | None]:
    kept = [v for v in values if not math.isnan(v)]
    return {
        "mean": round(float(np.mean(kept)), 4) if kept else None,
        "sd": round(float(np.std(kept)), 4) if kept else None,
        "undefined_draws": len(values) - len(kept),
    }


def outlet_rows(table: pd.DataFrame, key: str, extra: dict[str, dict]) -> list[dict]:
    cols = [key, "n", "speculative", "share", "low", "high", "mean_p", "errors", "top_cues"]
    rows = []
    for r in table[cols].to_dict("records"):
        r = {k: round(v, 4) if isinstance(v, float) else v for k, v in r.items()}
        rows.append(r | {"width": round(r["high"] - r["low"], 4)} | extra.get(r[key], {}))
    return rows


def buzzfeed(model, cap: int, exclude: set[str], rng: np.random.Generator) -> dict:
    docs = pd.DataFrame(
        [(d, t, g.removeprefix("outlet:")) for d, t, g in corpora.iter_documents("buzzfeed")],
        columns=["doc_id", "text", "outlet"],
    )
    left_out = int(docs["doc_id"].isin(exclude).sum())
    docs = draw(docs[~docs["doc_id"].isin(exclude)], cap, rng)
    frame = score(docs, model).assign(hyperpartisan=lambda f: ~f["outlet"].isin(MAINSTREAM))
    sentence_docs = int(frame["path"].isin(sentence_ids()).sum())
    table = score_sources(frame, by="outlet")
    hyper = ~table["outlet"].isin(MAINSTREAM)
    ok = frame[frame["error"].isna()]
    full_share = table.set_index("outlet")["share"]

    curve = {}
    for n in SIZES:
        aucs, agree, widths = [], [], []
        for _ in range(DRAWS):
            sub = score_sources(subsample(frame, n, rng), by="outlet")
            aucs.append(auc(~sub["outlet"].isin(MAINSTREAM), sub["share"]))
            agree.append(spearman(sub["share"], full_share[sub["outlet"]].to_numpy()))
            widths.append(float((sub["high"] - sub["low"]).mean()))
        curve[str(n)] = {
            "auc_share": summary(aucs),
            "spearman_with_full_ranking": summary(agree),
            "mean_interval_width": round(float(np.mean(widths)), 4),
        }
    return {
        "articles_scored": len(frame),
        "errors": int(frame["error"].notna().sum()),
        "left_out_training": left_out,
        "scored_with_sentences_in_claim_training": sentence_docs,
        "auc_share": r4(auc(hyper, table["share"])),
        "auc_mean_p": r4(auc(hyper, table["mean_p"])),
        "auc_low": r4(auc(hyper, table["low"])),
        "article_auc_p": r4(auc(ok["hyperpartisan"], ok["p_speculative"])),
        "outlets": outlet_rows(
            table,
            "outlet",
            {o: {"group": "mainstream" if o in MAINSTREAM else "hyperpartisan"} for o in table["outlet"]},
        ),
        "subsample_curve": curve,
    }


def allsides(model, cap: int, exclude: set[str], rng: np.random.Generator) -> dict:
    genre = corpora.corpus_labels("allsides")
    urls = {
        f"allsides/{r['ID']}": r["url"]
        for r in csv.DictReader(
            open(corpora.DATA_ROOT / corpora.ALLSIDES / "labels.tsv", encoding="utf-8"), delimiter="\t"
        )
    }
    docs = pd.DataFrame(
        [
            (d, t, g.removeprefix("outlet:"), urls[d], genre[d] == "opinion")
            for d, t, g in corpora.iter_documents("allsides")
        ],
        columns=["doc_id", "text", "outlet", "url", "opinion"],
    )
    left_out = int(docs["doc_id"].isin(exclude).sum())
    docs = docs[~docs["doc_id"].isin(exclude)]
    docs = docs[docs.groupby("outlet")["doc_id"].transform("size") >= MIN_ALLSIDES]
    docs = draw(docs, cap, rng)
    frame = score(docs, model)
    sentence_docs = int(frame["path"].isin(sentence_ids()).sum())
    table = score_sources(frame, by="domain")  # the domain of each article's URL
    ok = frame[frame["error"].isna()]
    ok = ok.assign(domain=key_column(ok, "domain"))  # as score_sources derives it
    truth = ok.groupby("domain")["opinion"].mean()
    true_share = truth[table["domain"]].to_numpy()

    pseudo_full = [pseudo_outlets(ok, PSEUDO_SIZE, rng) for _ in range(DRAWS)]
    curve = {}
    for n in SIZES:
        real, agree, pseudo, within, widths = [], [], [], [], []
        for _ in range(DRAWS):
            sub = score_sources(subsample(ok, n, rng, by="domain"), by="domain")
            real.append(spearman(sub["share"], truth[sub["domain"]].to_numpy()))
            agree.append(spearman(sub["share"], table.set_index("domain")["share"][sub["domain"]].to_numpy()))
            widths.append(float((sub["high"] - sub["low"]).mean()))
            mixed = pseudo_outlets(ok, n, rng)
            pseudo.append(mixed["spearman_share"])
            within.append(mixed["within_outlet"])
        curve[str(n)] = {
            "spearman_true_share": summary(real),
            "spearman_with_full_ranking": summary(agree),
            "pseudo_outlets_spearman_designed_share": summary(pseudo),
            "pseudo_outlets_within_outlet_spearman": summary(within),
            "mean_interval_width": round(float(np.mean(widths)), 4),
        }
    return {
        "articles_scored": len(frame),
        "errors": int(frame["error"].notna().sum()),
        "left_out_training": left_out,
        "scored_with_sentences_in_claim_training": sentence_docs,
        "distinct_true_shares": sorted({round(float(v), 3) for v in true_share}),
        "spearman_share_vs_true_share": r4(spearman(table["share"], true_share)),
        "spearman_mean_p_vs_true_share": r4(spearman(table["mean_p"], true_share)),
        "article_auc_p_opinion_vs_news": r4(auc(ok["opinion"], ok["p_speculative"])),
        "pseudo_outlets": {
            "size": PSEUDO_SIZE,
            "designed_shares": list(DESIGNED),
            "draws": DRAWS,
            "outlets_used": pseudo_full[0]["outlets"],
            "spearman_share_vs_designed": summary([p["spearman_share"] for p in pseudo_full]),
            "spearman_mean_p_vs_designed": summary([p["spearman_mean_p"] for p in pseudo_full]),
            "within_outlet_spearman_share": summary([p["within_outlet"] for p in pseudo_full]),
            "mean_share_by_designed": {
                str(s): round(float(np.mean([p["by_designed"][s] for p in pseudo_full])), 4) for s in DESIGNED
            },
        },
        "outlets": outlet_rows(
            table, "domain", {d: {"true_opinion_share": round(float(truth[d]), 4)} for d in table["domain"]}
        ),
        "subsample_curve": curve,
    }


def pseudo_sources(ok: pd.DataFrame) -> list[str]:
    """Outlets with enough articles of each genre for every mix at ``PSEUDO_SIZE`` (the same set at every n)."""
    counts = ok.groupby("domain")["opinion"].agg(["sum", "size"])
    need = round(max(DESIGNED) * PSEUDO_SIZE)
    return sorted(counts.index[(counts["sum"] >= need) & (counts["size"] - counts["sum"] >= need)])


def pseudo_outlets(ok: pd.DataFrame, size: int, rng: np.random.Generator) -> dict:
    """One pseudo-outlet per (real outlet, designed share): ``size`` of that outlet's articles, mixed to the share."""
    parts, outlets = [], pseudo_sources(ok)
    for domain, g in ok[ok["domain"].isin(outlets)].groupby("domain", sort=True):
        opinion, news = g[g["opinion"]], g[~g["opinion"]]
        for share in DESIGNED:
            k = round(share * size)
            picked = pd.concat(
                [
                    opinion.iloc[rng.choice(len(opinion), k, replace=False)],
                    news.iloc[rng.choice(len(news), size - k, replace=False)],
                ]
            )
            parts.append(picked.assign(pseudo=f"{domain}@{share}", nominal=share, designed=k / size))
    rows = pd.concat(parts, ignore_index=True)
    table = score_sources(rows, by="pseudo,domain,nominal,designed")
    within = [spearman(g["share"], g["designed"]) for _, g in table.groupby("domain")]
    return {
        "outlets": outlets,
        "spearman_share": spearman(table["share"], table["designed"]),
        "spearman_mean_p": spearman(table["mean_p"], table["designed"]),
        "within_outlet": float(np.nanmean(within)) if not all(map(math.isnan, within)) else math.nan,
        "by_designed": table.groupby("nominal")["share"].mean().to_dict(),
    }


def report(figures: dict) -> None:
    b, a = figures["buzzfeed"], figures["allsides"]
    print(
        f"model {figures['model']} (sha256 {figures['model_sha256'][:12]}); at most {figures['cap_per_outlet']} articles per outlet; seed {figures['seed']}"
    )
    print(f"CAVEAT: {figures['caveat']}\n")
    print(
        f"BuzzFeed-Webis: {b['articles_scored']} articles scored ({b['errors']} errors, {b['left_out_training']} training articles left out, "
        f"{b['scored_with_sentences_in_claim_training']} scored ones had sentences in the claim model's data)"
    )
    print(f"  {'outlet':<18}{'group':<15}{'n':>4}{'share':>7}  {'95% interval':<13}{'width':>6}{'mean_p':>7}")
    for r in b["outlets"]:
        print(
            f"  {r['outlet']:<18}{r['group']:<15}{r['n']:>4}{r['share']:>7.3f}  {r['low']:.3f}-{r['high']:.3f}  {r['width']:>6.3f}{r['mean_p']:>7.3f}"
        )
    print(
        f"  outlet-level AUC, hyperpartisan vs mainstream: share {b['auc_share']:.3f}, mean p {b['auc_mean_p']:.3f}, "
        f"lower bound {b['auc_low']:.3f} (18 pairs); article-level AUC of p {b['article_auc_p']:.3f}"
    )
    print(
        f"\nAllSides: {a['articles_scored']} articles scored ({a['errors']} errors, {a['left_out_training']} training articles left out, "
        f"{a['scored_with_sentences_in_claim_training']} scored ones had sentences in the claim model's data)"
    )
    print(f"  {'domain':<22}{'n':>4}{'true':>7}{'share':>7}  {'95% interval':<13}{'width':>6}{'mean_p':>7}")
    for r in a["outlets"]:
        print(
            f"  {r['domain']:<22}{r['n']:>4}{r['true_opinion_share']:>7.3f}{r['share']:>7.3f}  {r['low']:.3f}-{r['high']:.3f}  {r['width']:>6.3f}{r['mean_p']:>7.3f}"
        )
    print(
        f"  Spearman, predicted share vs true opinion share: {_f(a['spearman_share_vs_true_share'])} "
        f"(mean p: {_f(a['spearman_mean_p_vs_true_share'])}) over {len(a['outlets'])} outlets. The true shares only span "
        f"{min(a['distinct_true_shares']):.2f}-{max(a['distinct_true_shares']):.2f} (the corpus was built balanced per outlet), "
        "so this mostly ranks sampling noise: see the pseudo-outlets"
    )
    print(f"  article-level AUC of p, opinion vs news: {a['article_auc_p_opinion_vs_news']:.3f}")
    p = a["pseudo_outlets"]
    print(
        f"  pseudo-outlets ({p['size']} articles, opinion share {p['designed_shares']}, from {', '.join(p['outlets_used'])}; {p['draws']} draws):"
    )
    print(
        f"    Spearman with the designed share: share {p['spearman_share_vs_designed']['mean']:.3f} ± {p['spearman_share_vs_designed']['sd']:.3f}, "
        f"mean p {p['spearman_mean_p_vs_designed']['mean']:.3f}; within an outlet {p['within_outlet_spearman_share']['mean']:.3f}"
    )
    print(f"    mean predicted share by designed share: {p['mean_share_by_designed']}")
    print(
        "\nSubsample curve (mean ± sd over 20 draws of n articles per outlet; an outlet with fewer gives all it has):"
    )
    print(
        "  BF AUC: outlet-level AUC of the share; vs full: Spearman of the subsample's share ranking with the full one;"
    )
    print(
        "  AS rho true: Spearman with the true opinion share; AS pseudo: with the designed share of pseudo-outlets of n"
    )
    print("  (all outlets pooled); AS within: the same within each outlet, averaged;")
    print("  width: mean width of the 95% intervals")
    print(
        f"  {'n':>3}  {'BF AUC':>13}  {'BF vs full':>13}  {'BF width':>8}  {'AS rho true':>13}  {'AS vs full':>13}  {'AS pseudo':>13}  {'AS within':>13}  {'AS width':>8}"
    )
    for n in map(str, SIZES):
        bc, ac = b["subsample_curve"][n], a["subsample_curve"][n]
        print(
            f"  {n:>3}  {_ms(bc['auc_share']):>13}  {_ms(bc['spearman_with_full_ranking']):>13}  {bc['mean_interval_width']:>8.3f}  "
            f"{_ms(ac['spearman_true_share']):>13}  {_ms(ac['spearman_with_full_ranking']):>13}  "
            f"{_ms(ac['pseudo_outlets_spearman_designed_share']):>13}  {_ms(ac['pseudo_outlets_within_outlet_spearman']):>13}  "
            f"{ac['mean_interval_width']:>8.3f}"
        )
    print(f"\nwrote {OUT.relative_to(ROOT)} in {figures['seconds']:.0f} s")


def _f(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _ms(s: dict) -> str:
    return "n/a" if s["mean"] is None else f"{s['mean']:.3f} ± {s['sd']:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cap", type=int, default=150, help="at most this many articles per outlet")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep-training", action="store_true", help="also score the articles the model was trained on")
    args = parser.parse_args()
    started = time.time()
    rng = np.random.default_rng(args.seed)
    model = load_model()
    trained, labels = training_ids(model.artifact.metadata)
    exclude = set() if args.keep_training else trained
    kept = "they are scored too (--keep-training)" if args.keep_training else "those articles are left out here"
    figures = {
        "model": model.version,
        "model_sha256": model.artifact.metadata["sha256"],
        "cap_per_outlet": args.cap,
        "seed": args.seed,
        "draws": DRAWS,
        "sizes": list(SIZES),
        "training_labels": labels,
        "training_articles_left_out": not args.keep_training,
        "caveat": CAVEAT.format(labels=labels, kept=kept),
        "buzzfeed": buzzfeed(model, args.cap, exclude, rng),
        "allsides": allsides(model, args.cap, exclude, rng),
    }
    figures["seconds"] = round(time.time() - started, 1)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(figures, indent=2, allow_nan=False) + "\n", encoding="utf-8")
    report(figures)


if __name__ == "__main__":
    main()
