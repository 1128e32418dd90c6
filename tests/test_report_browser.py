"""The seeds' HTML report as headless Chromium renders it: cues marked, boilerplate greyed, table sortable.

Needs the Debian packages chromium and chromium-driver and the PyPI package selenium (see docs/report.md).
"""

from __future__ import annotations

import base64
import re
import shutil
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from scorer.artifact import default_model_path
from scorer.errors import ScorerError
from scorer.labels import read_labelled_csv
from scorer.report import render_report
from scorer.scoring import Scorer
from scorer.training import train

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture(scope="module")
def seeds_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    try:
        scorer = Scorer(default_model_path())
    except ScorerError:  # no shipped model yet: a model of the five labelled seeds
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # scikit-learn: fewer rows than quantiles
            scorer = Scorer(train(read_labelled_csv(ROOT / "labels" / "seeds.csv"), tmp_path_factory.mktemp("m")))
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    results = scorer.score_texts([p.name for p in seeds], texts)
    page = tmp_path_factory.mktemp("report") / "report-seeds.html"
    page.write_text(render_report(list(zip(results, texts, strict=True)), title="sourcescore seeds"), encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def loaded(browser: WebDriver, seeds_page: Path) -> WebDriver:
    browser.get(seeds_page.as_uri())
    return browser


def _texts(driver: WebDriver, selector: str) -> list[str]:
    return driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent)", selector
    )


def _rgb(css: str) -> tuple[float, ...]:
    return tuple(float(v) for v in re.findall(r"[\d.]+", css)[:3])


@pytest.mark.browser
def test_speculative_seed_hedges_are_marked(loaded: WebDriver) -> None:
    hedges = [t.lower() for t in _texts(loaded, "section[data-doc^='002_'] .text .cue-hedge")]
    assert hedges, "no hedge marked in the speculative seed"
    assert "likely" in hedges and "probably" in hedges
    assert _texts(loaded, "section[data-doc^='002_'] .text .cue-filler")
    for kind in ("quote", "attribution", "person", "date"):  # the quoted, attributed seed
        assert _texts(loaded, f"section[data-doc^='003_'] .text .cue-{kind}"), kind


@pytest.mark.browser
def test_boilerplate_lines_are_greyed(loaded: WebDriver) -> None:
    styles = loaded.execute_script("""
        const body = getComputedStyle(document.querySelector("section[data-doc^='000_'] .text")).color;
        return [...document.querySelectorAll("section[data-doc^='000_'] .text .boilerplate")].map(e => {
            const s = getComputedStyle(e); return [e.textContent, s.color, s.opacity, body]; });""")
    assert any(text == "Read next" for text, *_ in styles)
    assert len(styles) >= 10
    for text, color, opacity, body in styles:
        r, g, b = _rgb(color)
        assert max(r, g, b) - min(r, g, b) < 40 and 100 < r < 200, (text, color)  # a mid grey
        assert _rgb(body) != (r, g, b) and float(opacity) < 1, (text, color, opacity)


@pytest.mark.browser
def test_table_links_sorts_and_page_runs_cleanly(loaded: WebDriver) -> None:
    links = loaded.execute_script("return [...document.querySelectorAll('#summary a')].map(a => a.hash)")
    assert links == [f"#doc-{i}" for i in range(5)]
    assert all(loaded.execute_script("return !!document.querySelector(arguments[0])", h) for h in links)
    header = loaded.execute_script(
        "return [...document.querySelectorAll('#summary th')].find(th => th.textContent === 'p speculative')"
    )
    column = "[...document.querySelectorAll('#summary tbody tr')].map(r => parseFloat(r.cells[3].dataset.v))"
    header.click()
    values = loaded.execute_script(f"return {column}")
    assert values == sorted(values)
    header.click()
    assert loaded.execute_script(f"return {column}") == sorted(values, reverse=True)
    errors = [e for e in loaded.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors  # e.g. a CSP violation or a script error


@pytest.mark.browser
def test_screenshot(loaded: WebDriver, seeds_page: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    loaded.execute_script("window.scrollTo(0, 0)")
    shot = loaded.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    png = base64.b64decode(shot["data"])
    assert png.startswith(b"\x89PNG")
    (ARTIFACTS / "report-seeds.png").write_bytes(png)
    shutil.copyfile(seeds_page, ARTIFACTS / "report-seeds.html")
