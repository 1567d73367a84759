"""A new user's first hour on the page, in Debian's headless chromium against a real server on an empty home.

One walk (browser tests are slow): the page says the home is empty; a document is uploaded
with progress; a question is asked and its citation opened at the highlighted span; tasks
are filtered by unit and deadline (the rule's meaning is written beside it) and downloaded
as CSV (the flat list) and XLSX (read back: a matrix); the deadlines view is filtered by one
unit and its calendar downloaded (read back by icalendar); the Chinese page shows no English
words but names and the English page the same controls; the document is deleted with
progress and the empty-home notice comes back. The server uses the hash embedder: the walk
checks the page, not retrieval quality.
"""

from __future__ import annotations

import csv
import io
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import icalendar
import pytest
from openpyxl import load_workbook

from tests.live_server import live_server
from tests.system.test_browser import CHROMEDRIVER, CHROMIUM, FLAGS, screenshot

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "corpus" / "003_6069217e3a45af15.txt"  # the 长江委 plan: units with roles, dated deadlines
QUESTION = "崩岗治理由哪些单位负责？"
UNIT = "水土局"
DUE_BEFORE, AS_OF = "2024-01-01", "2023-10-01"
NAMES = {"policykb", "CSV", "Excel", "ICS", "API", "BM25", "MB", "pdf", "txt", "md", "docx", "html", "htm",
         "ingest", "English"}

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(CHROMIUM is None or CHROMEDRIVER is None,
                                 reason="Debian chromium and chromium-driver are not installed; `make browser-deps`")]


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[str]:
    with live_server(tmp_path / "home", "--embedder", "hash", log=tmp_path / "serve.log") as base:
        yield base


@pytest.fixture()
def driver(tmp_path: Path) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for flag in [*FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]:
        opts.add_argument(flag)
    opts.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh",
                                           "download.default_directory": str(downloads),
                                           "download.prompt_for_download": False})
    d = webdriver.Chrome(options=opts, service=Service(executable_path=str(CHROMEDRIVER)))
    d.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    d.downloads = downloads  # type: ignore[attr-defined]
    try:
        yield d
    finally:
        d.quit()


def wait_for(fn: Callable[[], Any], timeout: float = 60) -> Any:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            value = fn()
        except Exception:  # noqa: BLE001 - an element not there yet
            value = None
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {fn}")


def click(d: Any, selector: str) -> None:
    """Click an element the page may be re-rendering (a list reloaded after a language switch): retry."""
    from selenium.webdriver.common.by import By

    wait_for(lambda: d.find_element(By.CSS_SELECTOR, selector).click() or True, 30)


def downloaded(folder: Path, suffix: str) -> Path:
    return wait_for(lambda: next((p for p in folder.iterdir() if p.suffix == suffix), None), 30)


def watch_progress(d: Any) -> None:
    """Record whether the progress line was ever shown (uploads and deletes may be quick)."""
    d.execute_script("window.__progress = []; new MutationObserver(() => { const p = document.getElementById("
                     "'progress'); if (!p.hidden) window.__progress.push(document.getElementById('progress-text')"
                     ".textContent); }).observe(document.getElementById('progress'), {attributes: true, subtree: true,"
                     " childList: true, characterData: true});")


def stray_english(d: Any, allowed: set[str]) -> set[str]:
    words = set(re.findall(r"[A-Za-z]{2,}", d.execute_script("return document.body.innerText")))
    return {w for w in words if w not in NAMES and w not in allowed}


def data_words(base: str) -> set[str]:
    """Words that come from the documents themselves (names, units of measure): not the page's own."""
    blob = " ".join(httpx.get(base + path, timeout=60).text for path in ("/documents", "/tasks", "/targets",
                                                                         "/crosscheck"))
    return set(re.findall(r"[A-Za-z]{2,}", blob))


def test_the_first_hour(server: str, driver: Any, tmp_path: Path) -> None:  # noqa: PLR0915 - one walk
    from selenium.webdriver.common.by import By

    d, by = driver, By.CSS_SELECTOR
    tab = lambda view: d.find_element(by, f"#tabs button[data-view={view}]")  # noqa: E731
    d.get(server + "/")
    wait_for(lambda: d.find_element(by, "#empty-home").is_displayed())
    assert "policykb ingest" in d.find_element(by, "#empty-home").text

    # upload, with progress
    tab("documents").click()
    watch_progress(d)
    d.find_element(by, "#upload-file").send_keys(str(DOC))
    d.find_element(by, "#upload-form button[type=submit]").click()
    wait_for(lambda: d.find_element(by, "#upload-result .ok"), 120)
    assert d.execute_script("return window.__progress.length") > 0
    wait_for(lambda: not d.find_element(by, "#empty-home").is_displayed())

    # ask, see the limit, open a citation
    tab("ask").click()
    box = d.find_element(by, "#ask-input")
    box.send_keys(QUESTION)
    assert d.find_element(by, "#ask-count").text.startswith(f"已输入 {len(QUESTION)} / 2000")
    d.find_element(by, "#ask-form button[type=submit]").click()
    wait_for(lambda: d.find_element(by, "#ask-result .answer-text"))
    expected = httpx.post(server + "/ask", json={"question": QUESTION}, timeout=60).json()
    assert d.find_element(by, "#ask-result .answer-text").text.strip() == expected["answer"].strip()
    click(d, "#ask-result .citation a.cite-link")
    mark = wait_for(lambda: d.find_element(by, "#doc-mark"))
    assert d.execute_script("return arguments[0].textContent", mark) == expected["citations"][0]["quote"]
    screenshot(d, tmp_path)
    d.find_element(by, "#doc-close").click()
    d.execute_script("document.getElementById('ask-input').value = 'x'.repeat(2001);"
                     "document.getElementById('ask-input').dispatchEvent(new Event('input'));")
    assert "over" in d.find_element(by, "#ask-count").get_attribute("class")
    d.find_element(by, "#ask-form button[type=submit]").click()
    assert "2000" in d.find_element(by, "#ask-result .error").text

    # tasks by unit and deadline; CSV and XLSX
    tab("tasks").click()
    d.find_element(by, "#tasks-unit").send_keys(UNIT)
    d.execute_script(f"document.getElementById('tasks-due').value = '{DUE_BEFORE}'")
    d.find_element(by, "#tasks-due-rule option[value=last]").click()
    assert "最后一个时限" in d.find_element(by, "#tasks-due-note").text
    d.find_element(by, "#tasks-form button[type=submit]").click()
    want = httpx.get(server + "/tasks", params={"unit": UNIT, "due_before": DUE_BEFORE, "due_rule": "last"}).json()
    any_rule = httpx.get(server + "/tasks", params={"unit": UNIT, "due_before": DUE_BEFORE}).json()
    assert 0 < len(want) < len(any_rule)
    wait_for(lambda: len(d.find_elements(by, "#tasks-result table.grid > tbody > tr")) == len(want))
    d.find_element(by, "#tasks-csv").click()
    rows = list(csv.reader(io.StringIO(downloaded(d.downloads, ".csv").read_text(encoding="utf-8-sig"))))
    assert rows[0][:4] == ["来源", "编号", "章节", "任务"] and len(rows) == len(want) + 1
    d.find_element(by, "#tasks-xlsx").click()
    wb = load_workbook(downloaded(d.downloads, ".xlsx"))
    ws = wb.worksheets[0]
    assert ws.freeze_panes == "B3" and ws.max_column == len(want) + 1
    units = [ws.cell(r, 1).value for r in range(3, ws.max_row + 1)]
    assert UNIT in units and all(ws.cell(r, j).value in (None, "牵头", "参与", "负责")
                                 for r in range(3, ws.max_row + 1) for j in range(2, ws.max_column + 1))

    # deadlines for one unit; the calendar
    tab("due").click()
    d.execute_script(f"document.getElementById('due-as-of').value = '{AS_OF}'")
    d.find_element(by, "#due-unit").send_keys(UNIT)
    d.find_element(by, "#due-form button[type=submit]").click()
    due = httpx.get(server + "/due", params={"as_of": AS_OF, "unit": UNIT}).json()
    dated = [i for i in due["items"] if i["date"]]
    wait_for(lambda: len(d.find_elements(by, "#due-result .tl-item")) == len(dated) > 0)
    assert [g.get_attribute("data-unit") for g in d.find_elements(by, "#due-result details.due-unit")] == [UNIT]
    click(d, "#due-result .tl-item a.task-link")
    wait_for(lambda: d.find_element(by, "#doc-mark"))
    d.find_element(by, "#doc-close").click()
    d.find_element(by, "#due-ics").click()
    cal = icalendar.Calendar.from_ical(downloaded(d.downloads, ".ics").read_bytes())
    assert len(cal.walk("VEVENT")) == len(dated)

    # one language at a time
    allowed = data_words(server)
    for view in ("ask", "tasks", "due", "targets", "documents"):
        tab(view).click()
        time.sleep(1.0)
        assert not stray_english(d, allowed), (view, stray_english(d, allowed))
    d.find_element(by, "#lang-toggle").click()
    assert tab("due").text == "Deadlines" and d.find_element(by, "#tasks-csv").get_attribute("textContent") == "Download CSV"
    d.find_element(by, "#lang-toggle").click()

    # delete, with progress; the home is empty again
    tab("documents").click()
    watch_progress(d)
    click(d, "#documents-result button.remove")
    d.switch_to.alert.accept()
    wait_for(lambda: d.find_element(by, "#upload-result .ok"), 120)
    assert any("删除中" in p for p in d.execute_script("return window.__progress"))
    wait_for(lambda: d.find_element(by, "#empty-home").is_displayed())
    severe = [e for e in d.get_log("browser") if e.get("level") == "SEVERE"]
    assert not severe, severe
