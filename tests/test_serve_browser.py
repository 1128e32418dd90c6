"""The service's page in headless Chromium: paste seed 002, see it judged speculative with its hedges
marked, no console error, and no script run from pasted markup.

Runs a real uvicorn server on a free local port; needs the serve extra and Chromium (see conftest).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

pytest.importorskip("uvicorn", reason="the serve extra is not installed: pip install 'sourcescore[serve]'")
import uvicorn

from scorer.service import Settings, create_app

from .conftest import SEEDS, SPECULATIVE_SEED

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

MARKUP = '<script>window.pwned = 1</script><img src="x" onerror="window.pwned = 2">'


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(Settings()), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not running.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    running.should_exit = True
    thread.join(30)


def _submit(browser: WebDriver, url: str, text: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(url)
    area = browser.find_element(By.NAME, "content")
    browser.execute_script("arguments[0].value = arguments[1]", area, text)  # a paste, without typing it out
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(browser, 30).until(expected_conditions.presence_of_element_located((By.ID, "result")))


@pytest.mark.browser
def test_pasted_seed_is_judged_speculative_with_its_hedges_marked(browser: WebDriver, server: str) -> None:
    browser.get_log("browser")  # drop what earlier pages logged
    _submit(browser, server, (SEEDS[0].parent / SPECULATIVE_SEED).read_text(encoding="utf-8"))
    verdict = browser.execute_script("return document.querySelector('#result .label-speculative')?.textContent")
    assert verdict == "speculative"
    hedges = browser.execute_script(
        "return [...document.querySelectorAll('#result .text .cue-hedge')].map(e => e.textContent.toLowerCase())"
    )
    assert "likely" in hedges and "probably" in hedges
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors  # e.g. a CSP violation


@pytest.mark.browser
def test_pasted_markup_is_shown_as_text_and_never_run(browser: WebDriver, server: str) -> None:
    hostile = MARKUP + "\n" + SEEDS[3].read_text(encoding="utf-8")
    _submit(browser, server, hostile)
    assert browser.execute_script("return window.pwned") is None
    assert browser.execute_script("return document.querySelectorAll('#result script, #result img').length") == 0
    shown = browser.execute_script("return document.querySelector('#result').textContent")
    assert "<script>window.pwned = 1</script>" in shown
    assert browser.execute_script("return document.querySelector('textarea').value") == hostile
