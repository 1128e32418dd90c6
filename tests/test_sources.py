"""Per-source scores: the Wilson interval, grouping, ranking, the results reader and `scorer sources`."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from scorer.cli import app
from scorer.errors import InputError
from scorer.sources import (
    METRICS,
    MISSING,
    read_results,
    results_frame,
    score_sources,
    wilson_bounds,
    wilson_interval,
)

from .conftest import SEEDS

runner = CliRunner()


def rows(*items: tuple[str, str | None, float | None], **extra: list) -> pd.DataFrame:
    """A results frame from (path, label, p_speculative) triples; a None label is an error row."""
    frame = pd.DataFrame(
        {
            "path": [i[0] for i in items],
            "label": [i[1] for i in items],
            "p_speculative": [i[2] for i in items],
            "error": [None if i[1] else f"{i[0]}: empty document" for i in items],
        }
    )
    for name, values in extra.items():
        frame[name] = values
    return frame


def by_key(table: pd.DataFrame, key: str = "domain") -> dict:
    return {r[key]: r for r in table.to_dict("records")}


# --- the Wilson interval --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [
        (5, 10, 0.2366, 0.7634),
        (0, 1, 0.0, 0.7935),
        (1, 1, 0.2065, 1.0),
        (0, 100, 0.0, 0.0370),
        (50, 100, 0.4038, 0.5962),
        (3, 20, 0.0524, 0.3604),
    ],
)
def test_wilson_matches_known_binomial_cases(k: int, n: int, low: float, high: float) -> None:
    assert wilson_interval(k, n) == pytest.approx((low, high), abs=5e-5)


def test_wilson_agrees_with_scipy_at_other_confidences() -> None:
    stats = pytest.importorskip("scipy.stats")
    for k, n in [(0, 3), (2, 7), (7, 7), (13, 40), (399, 400)]:
        for confidence in (0.8, 0.95, 0.99):
            ci = stats.binomtest(k, n).proportion_ci(confidence_level=confidence, method="wilson")
            assert wilson_interval(k, n, confidence) == pytest.approx((ci.low, ci.high), abs=1e-9)


def test_wilson_bounds_solve_the_score_equation_and_are_symmetric() -> None:
    z2 = 1.959963984540054**2
    k, n = np.array([1, 4, 9, 17]), np.array([3, 10, 12, 50])
    low, high = wilson_bounds(k, n)
    for bound in (low, high):  # (k - n p)^2 = z^2 n p (1 - p) at both ends
        assert np.allclose((k - n * bound) ** 2, z2 * n * bound * (1 - bound))
    mirror_low, mirror_high = wilson_bounds(n - k, n)
    assert np.allclose(low, 1 - mirror_high) and np.allclose(high, 1 - mirror_low)


def test_wilson_narrows_with_n_and_knows_nothing_at_zero() -> None:
    widths = [np.subtract(*wilson_interval(n // 4, n)[::-1]) for n in (4, 16, 64, 256)]
    assert widths == sorted(widths, reverse=True) and widths[-1] < 0.11
    assert wilson_interval(0, 0) == (0.0, 1.0)
    with pytest.raises(ValueError):
        wilson_interval(3, 2)
    with pytest.raises(ValueError):
        wilson_interval(1, 2, confidence=1.0)


# --- grouping -------------------------------------------------------------------------------


def test_domain_from_url_ids_lower_cased_without_www() -> None:
    table = score_sources(
        rows(
            ("https://www.CNN.com/2024/a", "speculative", 0.9),
            ("http://cnn.com/b?x=1", "reported", 0.2),
            ("www.foxnews.com/c", "reported", 0.1),
            ("https://user@foxnews.com:8443/d", "speculative", 0.95),
            ("seeds/000.txt", "reported", 0.3),  # a file path is no domain
        )
    )
    groups = by_key(table)
    assert set(groups) == {"cnn.com", "foxnews.com", MISSING}
    assert (groups["cnn.com"]["n"], groups["cnn.com"]["speculative"]) == (2, 1)
    assert groups["foxnews.com"]["most_speculative"] == "https://user@foxnews.com:8443/d"
    assert groups["foxnews.com"]["least_speculative"] == "www.foxnews.com/c"
    assert list(table.columns) == ["domain", *METRICS]


def test_url_column_wins_over_the_id_and_may_omit_the_scheme() -> None:
    frame = rows(
        ("https://ids.example/1", "reported", 0.1),
        ("doc2", "speculative", 0.9),
        ("doc3", "reported", 0.2),
        url=["https://www.bbc.co.uk/news/1", "BBC.co.uk/news/2", None],
    )
    groups = by_key(score_sources(frame))
    assert groups["bbc.co.uk"]["n"] == 2 and groups["bbc.co.uk"]["speculative"] == 1
    assert groups[MISSING]["n"] == 1  # no url and an id that is not a URL


def test_no_url_anywhere_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="no URL to take a domain from"):
        score_sources(rows(("a.txt", "reported", 0.1)))


def test_several_keys_and_derived_month() -> None:
    frame = rows(
        ("https://a.com/1", "speculative", 0.9),
        ("https://a.com/2", "reported", 0.1),
        ("https://a.com/3", "speculative", 0.8),
        ("https://b.com/4", "reported", 0.2),
        author=["Ann", "Ann", "Bob", "Ann"],
        date=["2016-09-20T10:00:00", "2016-09-30", "Oct 2, 2016", None],
    )
    table = score_sources(frame, by="domain, author")
    assert list(table.columns[:2]) == ["domain", "author"]
    assert {(r["domain"], r["author"]): r["n"] for r in table.to_dict("records")} == {
        ("a.com", "Ann"): 2,
        ("a.com", "Bob"): 1,
        ("b.com", "Ann"): 1,
    }
    months = score_sources(frame, by=["author", "month"])
    assert {(r["author"], r["month"]): r["speculative"] for r in months.to_dict("records")} == {
        ("Ann", "2016-09"): 1,
        ("Bob", "2016-10"): 1,
        ("Ann", MISSING): 0,
    }
    stamped = frame.assign(date=pd.to_datetime(["2020-01-31", "2020-02-01", "2020-02-02", "2020-03-03"]))
    assert set(score_sources(stamped, by="month")["month"]) == {"2020-01", "2020-02", "2020-03"}
    with pytest.raises(InputError, match="no column 'outlet'"):
        score_sources(frame, by="outlet")
    with pytest.raises(InputError, match="month is derived from a date column"):
        score_sources(frame.drop(columns="date"), by="month")


def test_min_n_drops_small_groups() -> None:
    frame = rows(
        *[(f"https://big.com/{i}", "reported", 0.1) for i in range(5)],
        *[(f"https://mid.com/{i}", "reported", 0.1) for i in range(3)],
        ("https://one.com/x", "speculative", 0.9),
    )
    assert set(score_sources(frame)["domain"]) == {"big.com", "mid.com", "one.com"}
    assert set(score_sources(frame, min_n=3)["domain"]) == {"big.com", "mid.com"}
    assert set(score_sources(frame, min_n=5)["domain"]) == {"big.com"}
    assert score_sources(frame, min_n=6).empty


def test_ranked_by_lower_bound_not_by_share() -> None:
    frame = rows(
        *[
            (f"https://many.com/{i}", "speculative" if i < 30 else "reported", 0.9 if i < 30 else 0.1)
            for i in range(40)
        ],
        *[(f"https://few.com/{i}", "speculative", 0.95) for i in range(2)],
        ("https://one.com/x", "reported", 0.2),
    )
    table = score_sources(frame)
    assert list(table["domain"]) == ["many.com", "few.com", "one.com"]
    assert table.loc[1, "share"] == 1.0 > table.loc[0, "share"] == 0.75  # the certain-looking pair ranks second
    assert table["low"].is_monotonic_decreasing
    assert table.loc[2, "high"] == pytest.approx(0.7935, abs=1e-4)  # one article: a wide interval


def test_error_rows_count_only_as_errors() -> None:
    frame = rows(
        ("https://a.com/1", "speculative", 0.9),
        ("https://a.com/2", "reported", 0.3),
        ("https://a.com/3", None, None),
        ("https://a.com/4", None, None),
        ("https://b.com/1", None, None),
    )
    frame.loc[5] = ["https://a.com/5", "speculative", 0.99, "a.com/5: cannot be scored"]  # an error row with scores
    groups = by_key(score_sources(frame))
    assert set(groups) == {"a.com"}  # b.com has no scored article
    a = groups["a.com"]
    assert (a["n"], a["speculative"], a["errors"], a["share"]) == (2, 1, 3, 0.5)
    assert a["mean_p"] == pytest.approx(0.6)
    assert (a["low"], a["high"]) == pytest.approx(wilson_interval(1, 2))
    b = by_key(score_sources(frame, min_n=0))["b.com"]
    assert (b["n"], b["errors"], b["low"], b["high"]) == (0, 1, 0.0, 1.0) and math.isnan(b["share"])
    assert pd.isna(b["most_speculative"])


def test_mean_p_boilerplate_cues_and_extremes() -> None:
    evidence = [
        {"hedged_sentences": [{"cues": ["May", "likely"]}, {"cues": ["Probably", "may"]}]},
        json.dumps({"hedged_sentences": [{"cues": ["may", "could"]}]}),  # Spark's evidence is a JSON string
        {"hedged_sentences": []},
        {"hedged_sentences": [{"cues": ["reportedly"]}]},
    ]
    frame = rows(
        ("https://a.com/1", "speculative", 0.9),
        ("https://a.com/2", "reported", 0.4),
        ("https://a.com/3", "reported", 0.05),
        ("https://a.com/4", None, None),
        evidence=evidence,
        boilerplate_line_share=[0.1, 0.3, 0.2, 0.9],
    )
    a = by_key(score_sources(frame))["a.com"]
    assert a["mean_p"] == pytest.approx(0.45) and a["boilerplate_share"] == pytest.approx(0.2)
    assert a["top_cues"] == "may, could, likely, probably"  # by count, then name; the error row's cue is left out
    assert (a["most_speculative"], a["least_speculative"]) == ("https://a.com/1", "https://a.com/3")
    bare = by_key(score_sources(frame.drop(columns=["evidence", "boilerplate_line_share"])))["a.com"]
    assert bare["top_cues"] == "" and math.isnan(bare["boilerplate_share"])


def test_top_cues_keeps_five() -> None:
    cues = ["a", "b", "c", "d", "e", "f", "f"]
    frame = rows(("https://a.com/1", "speculative", 0.9), evidence=[{"hedged_sentences": [{"cues": cues}]}])
    assert score_sources(frame)["top_cues"][0] == "f, a, b, c, d"


# --- reading result files written by the real `score` command ----------------------------


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Seeds scored by `score` from a JSONL table whose ids are URLs, as JSON Lines and CSV; one empty text."""
    folder = tmp_path_factory.mktemp("scored")
    urls = [
        "https://www.example-news.com/1",
        "https://example-news.com/2",
        "https://www.Other.org/3",
        "https://other.org/4",
        "https://third.net/5",
    ]
    table = folder / "articles.jsonl"
    lines = [json.dumps({"url": u, "text": s.read_text(encoding="utf-8")}) for u, s in zip(urls, SEEDS, strict=True)]
    lines.append(json.dumps({"url": "https://other.org/empty", "text": "  "}))
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = {}
    for fmt, name in (("json", "results.jsonl"), ("csv", "results.csv")):
        out[fmt] = folder / name
        result = runner.invoke(app, ["score", "-f", fmt, "--id-column", "url", "-o", str(out[fmt]), str(table)])
        assert result.exit_code == 1, result.output  # the empty text is an error row
    out["seeds"] = dict(zip(urls, SEEDS, strict=True))  # type: ignore[assignment]
    return out


def test_read_results_jsonl_and_csv_agree(scored: dict) -> None:
    from scorer.features import feature_names

    j, c = read_results(scored["json"]), read_results(scored["csv"])
    assert len(j) == len(c) == 6
    assert list(j["path"]) == list(c["path"])
    assert list(j["label"]) == list(c["label"])
    assert np.allclose(j["p_speculative"].astype(float), c["p_speculative"].astype(float), atol=1e-4, equal_nan=True)
    for name in feature_names():  # JSON features are spread into columns, as in the CSV
        assert pd.api.types.is_float_dtype(j[name]) and pd.api.types.is_float_dtype(c[name]), name
    assert isinstance(j["evidence"][0], dict) and "evidence" not in c.columns
    assert j["error"].notna().sum() == c["error"].notna().sum() == 1


def test_score_sources_on_real_results(scored: dict) -> None:
    records = [json.loads(line) for line in scored["json"].read_text(encoding="utf-8").splitlines()]
    table = score_sources(read_results([scored["json"], scored["csv"]]))  # two files: every article twice
    groups = by_key(table)
    assert set(groups) == {"example-news.com", "other.org", "third.net"}
    for domain, got in groups.items():  # recomputed by hand from the records, whatever the model says
        mine = [r for r in records if urlsplit(r["path"]).hostname.removeprefix("www.") == domain]
        ok = [r for r in mine if not r["error"]]
        assert (got["n"], got["errors"]) == (2 * len(ok), 2 * (len(mine) - len(ok)))
        assert got["speculative"] == 2 * sum(r["label"] == "speculative" for r in ok)
        assert got["mean_p"] == pytest.approx(sum(r["p_speculative"] for r in ok) / len(ok), abs=1e-4)
        assert got["most_speculative"] == max(ok, key=lambda r: r["p_speculative"])["path"]
        assert got["least_speculative"] == min(ok, key=lambda r: r["p_speculative"])["path"]
        assert (got["low"], got["high"]) == pytest.approx(wilson_interval(got["speculative"], got["n"]))
    assert [groups[d]["n"] for d in ("example-news.com", "other.org", "third.net")] == [4, 4, 2]
    assert "probably" in groups["other.org"]["top_cues"].split(", ")  # a hedge of the speculative seed
    assert list(table["low"]) == sorted(table["low"], reverse=True)


def test_results_frame_gives_the_rows_read_results_reads(scored: dict) -> None:
    from scorer import load_model

    urls, seeds = list(scored["seeds"]), list(scored["seeds"].values())
    results = load_model().score_texts(urls, [s.read_text(encoding="utf-8") for s in seeds])
    direct = score_sources(results_frame(results))
    from_file = score_sources(read_results(scored["json"]))
    columns = ["domain", "n", "speculative", "top_cues", "most_speculative", "least_speculative"]
    assert direct[columns].equals(from_file[columns])
    assert np.allclose(direct["mean_p"], from_file["mean_p"], atol=1e-4)


def test_malformed_files_name_file_and_line(tmp_path: Path, scored: dict) -> None:
    lines = scored["json"].read_text(encoding="utf-8").splitlines()
    torn = tmp_path / "torn.jsonl"
    torn.write_text("\n".join([*lines[:3], lines[3][:40], *lines[4:]]) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"torn\.jsonl:4: not valid JSON"):
        read_results(torn)
    short = tmp_path / "short.csv"
    text = scored["csv"].read_text(encoding="utf-8").splitlines()
    short.write_text("\n".join([*text[:2], ",".join(text[2].split(",")[:5]), *text[3:]]) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"short\.csv:3: the row does not have the header's"):
        read_results(short)
    cases = {
        "nolabel.jsonl": ('{"path": "a", "p_speculative": 0.2}\n', r"nolabel\.jsonl:1: not a result record: no label"),
        "range.jsonl": (
            '\n{"path": "a", "label": "reported", "p_speculative": 1.2}\n',
            r"range\.jsonl:2: .*between 0 and 1",
        ),
        "label.csv": (
            "path,label,p_speculative\na,opinion,0.3\n",
            r"label\.csv:2: label must be reported or speculative",
        ),
        "header.csv": ("id,text\n1,hello\n", r"header\.csv: not a results table .*no path, label, p_speculative"),
        "list.jsonl": ("[1, 2]\n", r"list\.jsonl:1: not a JSON object"),
    }
    for name, (content, message) in cases.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
        with pytest.raises(InputError, match=message):
            read_results(tmp_path / name)
    with pytest.raises(InputError, match="missing.jsonl: no such file"):
        read_results(tmp_path / "missing.jsonl")


def test_extra_columns_are_kept_and_sniffed_without_suffix(tmp_path: Path) -> None:
    (tmp_path / "results").write_text(
        '{"path": "x1", "label": "speculative", "p_speculative": 0.9, "error": null, "author": "Ann"}\n'
        '{"path": "x2", "label": "reported", "p_speculative": 0.1, "error": null, "author": "Ann"}\n',
        encoding="utf-8",
    )
    table = score_sources(read_results(tmp_path / "results"), by="author")
    row = table.to_dict("records")[0]
    assert (row["author"], row["n"], row["speculative"], row["mean_p"]) == ("Ann", 2, 1, 0.5)
    assert (row["most_speculative"], row["least_speculative"], row["top_cues"]) == ("x1", "x2", "")


# --- the command --------------------------------------------------------------------------


def test_cli_text_table(scored: dict) -> None:
    result = runner.invoke(app, ["sources", str(scored["json"])])
    assert result.exit_code == 0, result.output
    header, *lines = result.stdout.splitlines()
    assert header.split()[:5] == ["domain", "n", "spec", "share", "interval"]
    expected = score_sources(read_results(scored["json"]))
    assert [line.split()[0] for line in lines] == list(expected["domain"])
    col = header.index("share")  # numbers right-aligned under their header
    assert [line[col : col + 5] for line in lines] == [f"{share:.2f}".rjust(5) for share in expected["share"]]
    assert lines[0].split()[4] == f"{expected['low'][0]:.2f}-{expected['high'][0]:.2f}"


def test_cli_json_and_csv(scored: dict, tmp_path: Path) -> None:
    expected = score_sources(read_results(scored["csv"]), by="domain,model", min_n=2)
    result = runner.invoke(app, ["sources", str(scored["csv"]), "--by", "domain,model", "--min-n", "2", "-f", "json"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["domain"] for r in records] == list(expected["domain"])
    assert set(expected["domain"]) == {"other.org", "example-news.com"}
    assert all(r["model"].startswith("sourcescore-v") for r in records)
    assert records[0]["low"] == pytest.approx(expected["low"][0], abs=1e-4)
    assert [r["errors"] for r in records] == [0, 0]  # the error row has no model: its own group, n=0, dropped

    out = tmp_path / "sources.csv"
    result = runner.invoke(app, ["sources", str(scored["json"]), "-f", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and f"wrote {out} (3 sources)" in result.output
    table = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert list(table[0]) == ["domain", *METRICS]
    assert {r["domain"]: int(r["n"]) for r in table} == {"example-news.com": 2, "other.org": 2, "third.net": 1}


def test_cli_reads_stdin(scored: dict) -> None:
    result = runner.invoke(app, ["sources", "-", "-f", "csv"], input=scored["json"].read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.output
    assert len(list(csv.DictReader(io.StringIO(result.stdout)))) == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "author"], "error: no column 'author' to group by"),
        (["--by", "month"], "error: month is derived from a date column"),
    ],
)
def test_cli_errors_are_one_line(scored: dict, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["sources", str(scored["json"]), *args])
    assert result.exit_code == 1
    assert result.output.startswith(message) and result.output.count("\n") == 1


def test_cli_malformed_and_missing_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"path": "a", "label": "reported", "p_speculative": 0.1}\nnot json\n', encoding="utf-8")
    result = runner.invoke(app, ["sources", str(bad)])
    assert result.exit_code == 1 and result.output == f"error: {bad}:2: not valid JSON (Expecting value)\n"
    result = runner.invoke(app, ["sources", str(tmp_path / "none.csv")])
    assert result.exit_code == 1 and "none.csv: no such file" in result.output
    result = runner.invoke(app, ["sources", str(bad), "-f", "xml"])
    assert result.exit_code == 2 and "--format must be one of text, json, csv" in result.output


def test_report_has_a_sources_section_with_intervals_and_links(tmp_path) -> None:
    from typer.testing import CliRunner

    from scorer.cli import app

    from .conftest import REPORTED, SPECULATIVE

    docs = tmp_path / "in.jsonl"
    rows = [{"url": f"https://www.a.example/{i}", "text": t} for i, t in enumerate(REPORTED * 3)]
    rows += [{"url": f"https://b.example/{i}", "text": t} for i, t in enumerate(SPECULATIVE * 3)]
    docs.write_text("".join(json.dumps(r) + "\n" for r in rows))
    page = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", str(docs), "--id-column", "url", "--by", "domain", "-o", str(page)])
    html = page.read_text()
    assert "<h2>Sources, by domain</h2>" in html, result.output
    assert html.count('<div class="interval">') == 2 and 'href="#doc-' in html
    assert "a.example" in html and "b.example" in html


def test_a_backslash_ends_the_host_as_browsers_read_it() -> None:
    table = score_sources(
        rows(("http://evil.com\\@good.com/a", "speculative", 0.9), ("https://good.com/b", "reported", 0.1))
    )
    assert set(by_key(table)) == {"evil.com", "good.com"}
    assert by_key(table)["good.com"]["n"] == 1


def test_one_spelling_per_host_full_width_punycode_and_trailing_dots() -> None:
    table = score_sources(
        rows(
            ("https://ＥＸＡＭＰＬＥ.com/a", "speculative", 0.9),
            ("https://example.com./b", "reported", 0.1),
            ("http://xn--bcher-kva.example/c", "reported", 0.2),
            ("https://www.Bücher.example/d", "speculative", 0.8),
        )
    )
    groups = by_key(table)
    assert set(groups) == {"example.com", "bücher.example"}
    assert groups["example.com"]["n"] == groups["bücher.example"]["n"] == 2
