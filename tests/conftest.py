"""Shared fixtures: the seeds, a small model trained in a temporary folder, and one local Spark session."""

from __future__ import annotations

import http.server
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SPECULATIVE_SEED = "002_503cd9d9790a9bdf.txt"

REPORTED = [
    'Foreign Minister Anna Berg said on Tuesday that talks would resume in Oslo. "We are ready," she told reporters.',
    "The council approved a $4.2 million budget on March 3, 2024, according to Mayor John Hale.",
    'Police said a 34-year-old man was arrested on Friday. "He is cooperating," Inspector Lee Park said.',
    "Shares in Acme rose 12% on Monday after the company reported profits of $1.3 billion, its chief executive said.",
    "Ambassador Michael Carpenter told a briefing on Wednesday that 19 projects were under way.",
    "The court ruled on 5 June that the law was valid, Judge Maria Alves wrote in a 40-page decision.",
    "Health Minister Sara Lind announced on Thursday that 3,200 nurses would be hired by 2026, officials said.",
]
SPECULATIVE = [
    "The leaders probably discussed many issues. It is likely that they may have disagreed on several points.",
    "Let's dive in! Experts say this could potentially change everything, and it seems the future is uncertain.",
    "Sources say the star might be planning a comeback. Many believe it is possible that she may have signed.",
    "In summary, the meeting was likely significant. Perhaps they will meet again, some say, and maybe agree.",
    "It remains to be seen what happens. Rumours suggest the deal is expected to collapse, insiders claim.",
    "Why does this matter? Well, guys, it is important to note that the talks could have gone either way.",
    "Reportedly the couple may have split. Apparently fans think the rumour is probably true.",
]


SPECULATIVE_ARTICLE = " ".join(SPECULATIVE)  # a plainly speculative text, for tests that need one


@pytest.fixture(scope="session")
def labelled_rows():
    from scorer.labels import LabelledText

    rows = [LabelledText(f"r{i}", t, "reported") for i, t in enumerate(REPORTED)]
    return rows + [LabelledText(f"s{i}", t, "speculative") for i, t in enumerate(SPECULATIVE)]


@pytest.fixture(scope="session")
def small_model(tmp_path_factory, labelled_rows) -> Path:
    from scorer.training import train

    return train(labelled_rows, tmp_path_factory.mktemp("models"), name="tiny")


@pytest.fixture(scope="session")
def labels_csv(tmp_path_factory, labelled_rows) -> Path:
    import csv

    path = tmp_path_factory.mktemp("labels") / "labels.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "text", "label"])
        writer.writerows([r.id, r.text, r.label] for r in labelled_rows)
    return path


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local Spark session (two cores) for every Spark test: the JVM starts once."""
    pytest.importorskip("pyspark", reason='pyspark is not installed: pip install "sourcescore[spark]"')
    from pyspark.sql import SparkSession

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PYSPARK_PYTHON", sys.executable)  # workers run the venv's Python
        mp.setenv("PYSPARK_DRIVER_PYTHON", sys.executable)
        session = (
            SparkSession.builder.master("local[2]")
            .appName("sourcescore-test")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "3")
            .getOrCreate()
        )
        try:
            yield session
        finally:
            session.stop()


# Headless Chromium for the browser tests (the report, the service page).
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1000",
)


def _binary(env: str, *names: str) -> str | None:
    found = os.environ.get(env) or next((p for n in names if (p := shutil.which(n))), None)
    return found if found and os.access(found, os.X_OK) else None


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    chromium = _binary("CHROMIUM", "chromium", "chromium-browser", "google-chrome")
    driver_path = _binary("CHROMEDRIVER", "chromedriver")
    if not chromium or not driver_path:
        missing = " and ".join(n for n, p in (("chromium", chromium), ("chromedriver", driver_path)) if not p)
        pytest.skip(f"{missing} not installed: apt-get install -y chromium chromium-driver")
    from selenium import webdriver  # a missing selenium fails loudly: pip install selenium
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def site() -> Iterator[str]:
    """A local web server: a page, a redirect loop, a missing page, an image."""
    page = f"<html><head><title>Talks</title></head><body><article><p>{(SEEDS[0].parent / SPECULATIVE_SEED).read_text(encoding='utf-8')}</p></article></body></html>"

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/loop":
                self.send_response(302)
                self.send_header("Location", "/loop")
                self.end_headers()
                return
            found = {"/page.html": ("text/html; charset=utf-8", page.encode()), "/img.png": ("image/png", b"\x89PNG")}
            if self.path not in found:
                self.send_error(404)
                return
            kind, body = found[self.path]
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
