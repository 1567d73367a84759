"""The web page in Debian's headless chromium against a real server.

`test_first_hour.py` walks a new user's first hour with selenium (chromedriver, Debian's
`chromium-driver`). Here, without chromedriver, chromium's own `--dump-dom` loads the page
with the question in its address (`/#ask?q=...`) over the corpus home and the answer is
read from the DOM.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from tests.live_server import live_server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
QUESTION = "崩岗治理由哪些单位负责？"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--lang=zh-CN", "--window-size=1440,960"]

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed; `make browser-deps` "
                                 "installs it (apt-get install chromium chromium-driver)")]


@pytest.fixture(scope="module")
def server(corpus_home_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with live_server(corpus_home_dir, log=tmp_path_factory.mktemp("browser") / "serve.log") as base:
        yield base


@pytest.fixture(scope="module")
def expected(server: str) -> dict:
    return httpx.post(server + "/ask", json={"question": QUESTION}, timeout=60).json()


def screenshot(driver: object, tmp_path: Path) -> None:
    path = tmp_path / "page.png"
    driver.save_screenshot(str(path))  # type: ignore[attr-defined]
    assert path.stat().st_size > 10_000
    keep = os.environ.get("POLICYKB_SCREENSHOT")
    if keep:
        shutil.copyfile(path, keep)


def test_ask_by_address_with_dump_dom(server: str, expected: dict, tmp_path: Path) -> None:
    """Chromium alone: the page asks the question from its address and renders the cited answer."""
    url = f"{server}/#ask?q={quote(QUESTION)}"
    cmd = [str(CHROMIUM), *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=20000",
           "--dump-dom", url]
    dom = subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout
    assert 'id="answer"' in dom, dom[-2000:]
    n = len(re.findall(r'<li class="citation"', dom))
    assert n == len(expected["citations"]) >= 1
    first = expected["citations"][0]
    assert first["title"] in dom and first["source"] in dom  # the title shown, the file name on hover
