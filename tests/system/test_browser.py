"""The web page in Debian's headless chromium against a real server over the corpus home.

With chromedriver (Debian's `chromium-driver`) selenium types a question, waits for the
cited answer, opens a citation and checks the highlighted span, switches the language and
visits the tasks and targets views. Without chromedriver, chromium's own `--dump-dom`
loads the page with the question in its address (`/#ask?q=...`) and the answer is read
from the DOM. Set POLICYKB_SCREENSHOT=docs/screenshot.png to keep a screenshot.
"""

from __future__ import annotations

import csv
import io
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


@pytest.mark.skipif(CHROMEDRIVER is None, reason="chromedriver (Debian chromium-driver) is not installed")
def test_ask_open_citation_and_views_with_selenium(server: str, expected: dict, tmp_path: Path) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for flag in [*FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]:
        opts.add_argument(flag)
    opts.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    driver = webdriver.Chrome(options=opts, service=Service(executable_path=str(CHROMEDRIVER)))
    wait = WebDriverWait(driver, 60)
    try:
        driver.get(server + "/")
        wait.until(lambda d: d.find_element(By.ID, "ask-input").get_attribute("placeholder"))
        driver.find_element(By.ID, "ask-input").send_keys(QUESTION)
        driver.find_element(By.CSS_SELECTOR, "#ask-form button[type=submit]").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#ask-result .answer-text"))
        assert driver.find_element(By.CSS_SELECTOR, "#ask-result .answer-text").text.strip() == expected["answer"].strip()
        cites = driver.find_elements(By.CSS_SELECTOR, "#ask-result .citation")
        assert len(cites) == len(expected["citations"]) >= 1
        first = expected["citations"][0]
        assert first["quote"].split()[0][:20] in cites[0].find_element(By.TAG_NAME, "blockquote").text

        cites[0].find_element(By.CSS_SELECTOR, "a.cite-link").click()
        wait.until(lambda d: d.find_elements(By.ID, "doc-mark"))
        mark = driver.find_element(By.ID, "doc-mark")
        assert driver.execute_script("return arguments[0].textContent", mark) == first["quote"]
        visible = driver.execute_script(
            "const r = arguments[0].getBoundingClientRect(), p = document.getElementById('doc-text')"
            ".getBoundingClientRect(); return r.top >= p.top && r.top <= p.bottom;", mark)
        assert visible, "the highlighted span is not scrolled into view"
        screenshot(driver, tmp_path)

        driver.find_element(By.ID, "doc-close").click()
        ask_tab = driver.find_element(By.CSS_SELECTOR, "#tabs button[data-view=ask]")
        assert ask_tab.text == "问答"  # follows the browser's language
        driver.find_element(By.ID, "lang-toggle").click()
        assert ask_tab.text == "Ask"
        driver.find_element(By.CSS_SELECTOR, "#tabs button[data-view=tasks]").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#tasks-result table.grid tbody tr"))
        n_tasks = len(httpx.get(server + "/tasks", timeout=60).json())
        assert len(driver.find_elements(By.CSS_SELECTOR, "#tasks-result table.grid > tbody > tr")) == n_tasks
        csv_lines = list(csv.reader(io.StringIO(driver.execute_script("return csvText()").lstrip("\ufeff"))))
        assert csv_lines[0][:4] == ["source", "number", "section", "title"] and len(csv_lines) == n_tasks + 1
        driver.find_element(By.ID, "tasks-by-unit").click()
        assert driver.find_elements(By.CSS_SELECTOR, "#tasks-result table.grid tbody tr")
        driver.find_element(By.CSS_SELECTOR, "#tabs button[data-view=targets]").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#targets-result details.group"))
        driver.find_element(By.CSS_SELECTOR, "#tabs button[data-view=search]").click()
        driver.find_element(By.ID, "search-input").send_keys("水土保持率 目标")
        driver.find_element(By.CSS_SELECTOR, "#search-form button[type=submit]").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-result .hit .score-row"))
        logs = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
        assert not logs, logs
    finally:
        driver.quit()


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
    assert expected["citations"][0]["source"] in dom
