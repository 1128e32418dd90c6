"""The HTML report and the terminal rendering of the evidence behind a score."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scorer.cuekinds import SHOWN as KINDS
from scorer.report import render_document, render_report
from scorer.scoring import Result, Scorer
from scorer.spans import Span, markup
from scorer.terminal import render_explain

from .conftest import SPECULATIVE, SPECULATIVE_ARTICLE

EVERY_CUE = (
    "Hey guys, let's dive into the news. The talks will probably fail, and some say the deal is dead.\n"
    '"We will probably sign the deal on Tuesday," said Foreign Minister Sergei Lavrov on March 3, 2024.\n'
    "Officials counted 57 delegates. This is clearly outrageous, and we must act.\n"
    "Read next\n"
    "Leave the first comment"
)


@pytest.fixture(scope="module")
def scorer(small_model: Path) -> Scorer:
    return Scorer(small_model)


def score(scorer: Scorer, text: str, doc_id: str = "doc.txt") -> Result:
    return scorer.score_texts([doc_id], [text])[0]


class Spans(HTMLParser):
    """Classes, titles and texts of the spans inside ``div.text``; checks tags are balanced."""

    VOID = frozenset({"meta", "br", "wbr", "img", "link", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str, int | None]] = []  # (tag, classes, index in found)
        self.found: list[list[str]] = []  # [classes, title, text]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        a = {k: v or "" for k, v in attrs}
        inside = any("text" in cls.split() for _, cls, _ in self.stack)
        index = None
        if tag == "span" and inside:
            index = len(self.found)
            self.found.append([a.get("class", ""), a.get("title", ""), ""])
        self.stack.append((tag, a.get("class", ""), index))

    def handle_endtag(self, tag: str) -> None:
        open_tag, _, _ = self.stack.pop()
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>"

    def handle_data(self, data: str) -> None:
        for _, _, index in self.stack:
            if index is not None:
                self.found[index][2] += data


def spans_of(page: str) -> list[tuple[str, str, str]]:
    parser = Spans()
    parser.feed(page)
    assert not parser.stack, parser.stack
    return [(cls, title, text) for cls, title, text in parser.found]


def test_every_cue_kind_gets_its_class(scorer: Scorer) -> None:
    result = score(scorer, EVERY_CUE)
    fragment = render_document(result, EVERY_CUE)
    classes = {c for cls, _, _ in spans_of(fragment) for c in cls.split()}
    for kind in KINDS:
        assert f"cue-{kind}" in classes, kind
        assert f".cue-{kind}{{" in render_report([(result, EVERY_CUE)])  # each kind has a style
    hedges = [text for cls, _, text in spans_of(fragment) if "cue-hedge" in cls.split()]
    assert hedges == ["probably"]


def test_quote_nests_the_cues_inside_it(scorer: Scorer) -> None:
    result = score(scorer, EVERY_CUE)
    quotes = [text for cls, _, text in spans_of(render_document(result, EVERY_CUE)) if "cue-quote" in cls]
    assert quotes == ['"We will probably sign the deal on Tuesday,"']


def test_crossing_spans_are_split_into_balanced_markup() -> None:
    text = "alpha beta gamma"
    spans = [Span(0, 10, "quote", rank=0), Span(6, 16, "date"), Span(6, 10, "number")]
    marked = markup(text, spans, lambda s: f"<{s.kind}>", lambda s: f"</{s.kind}>")
    assert re.sub(r"</?\w+>", "", marked) == text
    assert marked == "<quote>alpha <date><number>beta</number></date></quote><date> gamma</date>"


def test_script_in_text_and_file_name_renders_as_text(scorer: Scorer) -> None:
    text = "Officials said <script>alert(1)</script> on Monday. It will probably rain & <b>pour</b>."
    result = score(scorer, text, doc_id='<img src=x onerror="alert(2)">.txt')
    page = render_report([(result, text)], title="<script>alert(3)</script>")
    assert "<script>alert" not in page and "<img" not in page and "<b>pour" not in page
    shown = html.unescape(re.sub(r"<[^>]+>", "", page.split('<div class="text">', 1)[1].split("</div>", 1)[0]))
    assert shown == text  # every character shown, as text
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in page
    assert page.count("<script>") == 1  # the sorting script only
    spans_of(page)


def test_boilerplate_lines_are_greyed_with_their_reason(scorer: Scorer) -> None:
    result = score(scorer, EVERY_CUE)
    page = render_report([(result, EVERY_CUE)])
    greyed = {text: title for cls, title, text in spans_of(page) if cls == "boilerplate"}
    assert greyed == {"Read next": "read-next link", "Leave the first comment": "comment prompt"}
    assert re.search(r"\.boilerplate\{color:#8c959f;opacity:\.75", page)


def test_error_rows_appear_in_the_table_and_their_section(scorer: Scorer) -> None:
    good = score(scorer, EVERY_CUE, "good.txt")
    bad = Result(id="missing<1>.txt", error="cannot read: <No such file>")
    page = render_report([(good, EVERY_CUE), (bad, "")])
    table = page.split('<table id="summary">', 1)[1].split("</table>", 1)[0]
    assert '<a href="#doc-1">missing&lt;1&gt;.txt</a>' in table
    assert "cannot read: &lt;No such file&gt;" in table
    assert 'id="doc-1"' in page and 'class="error">error: cannot read: &lt;No such file&gt;' in page
    assert "1 error(s)" in page


def test_page_is_self_contained(scorer: Scorer) -> None:
    page = render_report([(score(scorer, EVERY_CUE), EVERY_CUE)])
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "http://" not in page and "https://" not in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?!#)[^"'\s>]""", page)  # only in-page anchors
    assert "@import" not in page and "url(" not in page
    assert "default-src 'none'" in page  # the CSP forbids any fetch


def test_table_has_the_sortable_columns(scorer: Scorer) -> None:
    page = render_report([(score(scorer, EVERY_CUE), EVERY_CUE)])
    columns = ("label", "probability", "hedges_per_sentence", "attributions_per_sentence", "boilerplate_line_share")
    for column in columns:
        assert re.search(rf'<th data-sort="\w+">{column.replace("_", "_<wbr>")}</th>', page), column
    assert "addEventListener('click'" in page


def test_document_without_its_text_still_shows_the_cues(scorer: Scorer) -> None:
    result = score(scorer, EVERY_CUE)
    found = spans_of(render_document(result, ""))
    assert ("cue cue-hedge", "hedge: probably", "probably") in found
    assert any(cls == "boilerplate" and text == "Read next" for cls, _, text in found)


def test_contribution_bars(scorer: Scorer) -> None:
    result = score(scorer, SPECULATIVE[0])
    fragment = render_document(result, SPECULATIVE[0])
    name, value = result.top_contributions(1)[0]
    assert f"<span>{name}</span>" in fragment and f"{value:+.3f}" in fragment
    assert 'style="width:100.0%"' in fragment  # the largest push fills its half


def test_terminal_plain_without_color(scorer: Scorer) -> None:
    out = render_explain(score(scorer, EVERY_CUE), EVERY_CUE, color=False)
    assert "\x1b[" not in out
    assert out.splitlines()[0].startswith("doc.txt: ")
    assert "The talks will [hedge: probably] fail, and [weasel: some say] the deal is dead." in out
    assert '[quote: "We will [attributed_hedge: probably] sign the deal [date: on Tuesday],"]' in out
    assert "[boilerplate: read-next link] Read next" in out
    assert "top contributions" in out


def test_terminal_ansi_with_color(scorer: Scorer) -> None:
    out = render_explain(score(scorer, EVERY_CUE), EVERY_CUE, color=True)
    assert "\x1b[" in out
    assert "[hedge:" not in out
    assert re.sub(r"\x1b\[[0-9;]*m", "", out).count("probably") == 2


def test_terminal_error_row() -> None:
    out = render_explain(Result(id="x.txt", error="empty document"), "", color=False)
    assert out == "x.txt: error: empty document"


def test_seed_model_report(scorer: Scorer) -> None:
    seeds = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    page = render_report(list(zip(scorer.score_texts([p.name for p in seeds], texts), texts, strict=True)))
    spans_of(page)
    assert page.count('<section class="doc"') == len(seeds)


def test_a_report_keeps_only_summary_rows_in_memory(scorer: Scorer) -> None:
    """Each section is written out as it is added; what stays is a row without text or evidence."""
    import io

    from scorer.report import Report

    result = score(scorer, EVERY_CUE)
    report = Report()
    report.add(result, EVERY_CUE)
    kept, text = report.rows[0]
    assert kept.explanation is None and text == "" and kept.p_speculative == result.p_speculative
    out = io.StringIO()
    report.write(out)
    assert out.getvalue() == render_report([(result, EVERY_CUE)])
    assert "cue-hedge" in out.getvalue()


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_report_reads_back_a_results_file_without_scoring_again(tmp_path: Path, fmt: str) -> None:
    from typer.testing import CliRunner

    from scorer.cli import app
    from scorer.sources import read_results

    from .conftest import SEEDS

    results = tmp_path / f"results.{'jsonl' if fmt == 'json' else 'csv'}"
    runner = CliRunner()
    assert runner.invoke(app, ["score", *map(str, SEEDS), "-o", str(results)]).exit_code == 0
    scored = read_results(results)
    page = tmp_path / "page.html"
    done = runner.invoke(app, ["report", str(results), "-o", str(page)])
    assert done.exit_code == 0, done.output
    shown = page.read_text(encoding="utf-8")
    for path, label, p in zip(scored["path"], scored["label"], scored["p_speculative"], strict=True):
        row = re.search(rf'<td data-v="{re.escape(html.escape(path))}">.*?</tr>', shown)
        assert row and f'data-v="{label}"' in row.group() and f"{p:.3f}" in row.group()
    assert shown.count("Evidence kept in the results file") == len(SEEDS)
    assert ("Hedged sentences" in shown) == (fmt == "json")  # a CSV row keeps scores and features only
    relabelled = runner.invoke(app, ["report", str(results), "-o", str(page), "--threshold", "0.01"])
    assert relabelled.exit_code == 0
    assert (
        page.read_text(encoding="utf-8").count('<td data-v="speculative">') == (scored["p_speculative"] >= 0.01).sum()
    )
    mixed = runner.invoke(app, ["report", str(results), str(SEEDS[0]), "-o", str(page)])
    assert mixed.exit_code == 2 and "results file" in mixed.output


def test_recorded_evidence_of_any_shape_is_escaped_text() -> None:
    hostile = {
        "hedged_sentences": [{"text": "<script>x()</script>", "cues": ["<b>", 3]}, "not a record", 7],
        "own_voice_sentences": "not a list",
        "boilerplate_lines": [{"line": "<img src=x>", "reason": None}],
        "sentence_claims": {"<i>fact</i>": "<u>2</u>"},
    }
    result = Result.from_record({"path": "<a>.txt", "label": "reported", "p_speculative": 0.1, "probability": 0.9,
                                 "evidence": hostile})  # fmt: skip
    section = render_document(result, "", recorded=hostile)
    assert "<script>" not in section and "<img" not in section and "<u>" not in section and "&lt;b&gt;" in section
    assert "&lt;script&gt;x()&lt;/script&gt;" in section and "&lt;img src=x&gt;" in section


def test_a_result_read_back_from_its_record_keeps_scores_features_and_pushes(scorer: Scorer) -> None:
    result = score(scorer, SPECULATIVE_ARTICLE, "doc.txt")
    back = Result.from_record({**result.to_dict(), "url": "https://example.org/a"})
    assert (back.id, back.label, back.p_speculative, back.threshold) == (
        "doc.txt",
        result.label,
        round(result.p_speculative or 0, 4),
        result.threshold,
    )
    assert back.features == pytest.approx(result.features, abs=1e-4)
    assert [k for k, _ in back.top_contributions()] == [k for k, _ in result.top_contributions()]
    assert [g for g, _ in back.ngram_pushes] == [g for g, _ in result.ngram_pushes]
    assert back.kept == {"url": "https://example.org/a"} and back.explanation is None


def test_report_of_a_results_file_groups_sources_by_its_kept_url(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from scorer.cli import app

    from .conftest import SEEDS

    table = tmp_path / "articles.jsonl"
    rows = [
        {"id": p.stem, "url": f"https://{'one' if i % 2 else 'two'}.example/{p.stem}", "text": p.read_text("utf-8")}
        for i, p in enumerate(SEEDS)
    ]
    table.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    results, page = tmp_path / "results.jsonl", tmp_path / "page.html"
    runner = CliRunner()
    scored = runner.invoke(app, ["score", str(table), "--id-column", "id", "--keep-columns", "url", "-o", str(results)])
    assert scored.exit_code == 0, scored.output
    done = runner.invoke(app, ["report", str(results), "--by", "domain", "-o", str(page)])
    assert done.exit_code == 0, done.output
    shown = page.read_text(encoding="utf-8")
    assert "Sources, by domain" in shown and "one.example" in shown and "two.example" in shown
