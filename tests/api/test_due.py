"""Deadline follow-up: resolving deadlines to days, statuses on an as-of date, and the due list against the gold.

The gold comparison parses the seed and dev corpora into a plain store (no index, no
embedder), matches extracted tasks to gold tasks as `eval/tasks_scorer.py` does, and
compares the set of statuses of each matched task with the statuses its gold deadlines
give on a fixed as-of date. Task extraction improves in parallel, so the test separates
what the due list decides from what extraction found: on every matched task whose
extracted deadlines the scorer counts right, the statuses must agree (all of them); the
agreement over all matched tasks and the coverage (gold tasks matched) are reported.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.due import DueQuery, due_list, window_end
from api.due.listing import doc_dates, status_of, task_items
from api.due.resolve import next_occurrence, relative_date, resolve
from eval.gold_io import load_gold
from eval.tasks_scorer import deadline_ok, match_task
from index.store import Store
from ingest.errors import BadQueryError
from ingest.models import Citation, Deadline, Task, Unit
from ingest.pipeline import iter_files, parse_file

ROOT = Path(__file__).resolve().parents[2]
D = dt.date


# -- resolving one deadline ------------------------------------------------------------------
@pytest.mark.parametrize(("text", "doc_date", "expected"), [
    ("Within 30 days of the date of this order", D(2025, 3, 1), D(2025, 3, 31)),
    ("within 90 days of the date of this order", D(2025, 3, 1), D(2025, 5, 30)),
    ("not later than 120 days after the date of this order", D(2025, 3, 1), D(2025, 6, 29)),
    ("within one year of the date of this order", D(2025, 5, 23), D(2026, 5, 23)),
    ("within 6 months of the date of this order", D(2025, 8, 31), D(2026, 2, 28)),
    ("本意见印发之日起30日内", D(2018, 12, 5), D(2019, 1, 4)),
    ("自本通知印发之日起三个月内", D(2019, 1, 9), D(2019, 4, 9)),
])
def test_relative_deadlines_count_from_the_documents_date(text: str, doc_date: D, expected: D) -> None:
    assert relative_date(text, doc_date) == expected
    assert resolve(text, None, D(2030, 1, 1), doc_date) is not None


def test_a_relative_deadline_without_a_document_day_stays_open() -> None:
    assert relative_date("within 30 days of the date of this order", None) is None
    assert resolve("within 30 days of the date of this order", None, D(2025, 1, 1), None) is None


@pytest.mark.parametrize(("text", "as_of", "expected"), [
    ("每年3月底前", D(2026, 2, 10), D(2026, 3, 31)),
    ("每年3月底前", D(2026, 4, 1), D(2027, 3, 31)),
    ("每年3月底前", D(2026, 3, 31), D(2026, 3, 31)),  # due today, not overdue
    ("2020年起，每年2月底前", D(2024, 3, 1), D(2025, 2, 28)),
    ("每年2月底前", D(2024, 1, 1), D(2024, 2, 29)),
    ("每年6月10日前报送", D(2026, 6, 11), D(2027, 6, 10)),
    ("每季度末", D(2026, 5, 5), D(2026, 6, 30)),
    ("每月", D(2026, 2, 3), D(2026, 2, 28)),
    ("submit annually by January 31", D(2026, 2, 1), D(2027, 1, 31)),
    ("report each year", D(2026, 2, 1), D(2026, 3, 1)),  # the document's anniversary (2025-03-01)
])
def test_recurring_deadlines_give_their_next_occurrence(text: str, as_of: D, expected: D) -> None:
    assert next_occurrence(text, as_of, D(2025, 3, 1)) == expected


def test_a_stated_date_wins_and_a_plain_year_is_not_recurring() -> None:
    assert resolve("2023年12月底前", "2023-12-31", D(2030, 1, 1), None).basis == "stated"  # type: ignore[union-attr]
    assert next_occurrence("2023年度完成", D(2024, 1, 1)) is None
    assert next_occurrence("an annual report by June 2024", D(2024, 1, 1)) is None


def test_statuses_and_windows() -> None:
    as_of = D(2024, 1, 1)
    end = window_end(as_of, "90d")
    assert end == D(2024, 3, 31)
    assert window_end(as_of, "3m") == D(2024, 4, 1) and window_end(as_of, "1y") == D(2025, 1, 1)
    assert window_end(as_of, "2w") == D(2024, 1, 15) and window_end(as_of, "10") == D(2024, 1, 11)
    assert [status_of(d, as_of, end) for d in (D(2023, 12, 31), as_of, end, D(2024, 4, 1))] == \
        ["overdue", "due", "due", "later"]
    with pytest.raises(ValueError):
        window_end(as_of, "soon")
    assert window_end(D(2999, 1, 1), "9999y") == D.max
    with pytest.raises(BadQueryError):
        DueQuery(as_of=D(9999, 12, 31))
    with pytest.raises(BadQueryError):
        DueQuery(as_of=as_of, within="-3d")


def _task(deadlines: list[Deadline], ongoing: bool = False, text: str = "text") -> Task:
    cite = Citation("d", "s.txt", "一、", None, 0, 4, text)
    return Task("t1", "d", "s.txt", "1.", "一、", "title", text, [Unit("水利局", "水利局", "lead")], deadlines,
                ongoing, cite)


def test_a_span_from_the_documents_date_in_the_tasks_own_text_counts() -> None:
    text = "The Secretary of the Interior shall, within 60 days of the date of this order, submit a plan."
    [item] = task_items(_task([], text=text), D(2025, 4, 15), D(2025, 7, 14), D(2025, 3, 1))
    assert (item.status, item.date, item.basis) == ("due", D(2025, 4, 30), "relative")
    assert item.deadline is not None and item.deadline.text == "within 60 days of the date of this order"
    assert [i.status for i in task_items(_task([], text=text), D(2025, 4, 15), D(2025, 7, 14), None)] == \
        ["no deadline"]


def test_task_items_cover_dated_ongoing_and_undated_tasks() -> None:
    as_of, end = D(2024, 1, 1), D(2024, 3, 31)
    mixed = _task([Deadline("2023年完成", "2023-12-31", "in_year"), Deadline("其他持续推进", None, "ongoing")], True)
    assert [i.status for i in task_items(mixed, as_of, end, None)] == ["overdue", "ongoing"]
    started = _task([Deadline("Starting in January 2022", "2022-01-31", "ongoing")], True)
    assert [i.status for i in task_items(started, as_of, end, None)] == ["overdue", "ongoing"]
    recurring = _task([Deadline("每年1月底前", None, "ongoing")], True)
    items = task_items(recurring, as_of, end, None)
    assert [(i.status, i.basis, i.date) for i in items] == [("due", "recurring", D(2024, 1, 31))]
    assert [i.status for i in task_items(_task([], True), as_of, end, None)] == ["ongoing"]
    assert [i.status for i in task_items(_task([]), as_of, end, None)] == ["no deadline"]
    assert [i.status for i in task_items(_task([Deadline("按上级要求", None, "by")]), as_of, end, None)] == \
        ["no deadline"]


# -- the due list against the gold -------------------------------------------------------------
SETS = {  # corpus, gold, as-of date chosen so that the gold deadlines fall on every side of it
    "seed": (ROOT / "corpus", ROOT / "eval" / "gold", D(2023, 10, 1)),
    "dev-zh": (ROOT / "eval/dev/zh/corpus", ROOT / "eval/dev/zh/gold", D(2019, 6, 1)),
    "dev-en": (ROOT / "eval/dev/en/corpus", ROOT / "eval/dev/en/gold", D(2025, 4, 15)),
}


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Store]]:
    """Each corpus parsed into a plain store: records and document facts, no index."""
    out = {}
    for name, (corpus, _, _) in SETS.items():
        store = Store(tmp_path_factory.mktemp(name) / "store.sqlite")
        for path in iter_files([corpus]):
            store.put_document(parse_file(path), origin=str(path))
        out[name] = store
    yield out
    for store in out.values():
        store.close()


def _gold_day(d: dict[str, Any]) -> str | None:
    """A gold deadline's last day: `date_end` (dev), or `date` as YYYY-MM or YYYY-MM-DD (seed)."""
    value = d.get("date_end") or d.get("date")
    if not value:
        return None
    if len(value) == 7:
        y, m = int(value[:4]), int(value[5:])
        return f"{value}-{calendar.monthrange(y, m)[1]:02d}"
    return str(value)


def expected_statuses(gold: dict[str, Any], as_of: D, end: D, doc_date: D | None) -> set[str]:
    """The statuses a gold task's deadlines give on `as_of`: dated ones by their day, undated ones by the
    resolution rules (recurring, relative) or as ongoing, and `ongoing` for a task the gold says goes on
    (unless a recurring deadline is why); none at all is `no deadline`."""
    out: set[str] = set()
    recurring = False
    for d in gold.get("deadlines") or []:
        r = resolve(d.get("text") or "", _gold_day(d), as_of, doc_date)
        if r is not None:
            out.add(status_of(r.date, as_of, end))
            recurring = recurring or r.basis == "recurring"
        elif d.get("kind") == "ongoing":
            out.add("ongoing")
    if gold.get("ongoing") and not recurring:  # what goes on besides the dated parts ("其他持续推进")
        out.add("ongoing")
    return out or {"no deadline"}


def compare(store: Store, gold_dir: Path, as_of: D) -> dict[str, Any]:
    items = due_list(store, DueQuery(as_of=as_of))
    end = window_end(as_of, "90d")
    tasks = store.tasks()
    by_task: dict[str, set[str]] = {}
    for i in items:
        by_task.setdefault(i.task.task_id, set()).add(i.status)
    doc_day = doc_dates(store)
    task_dicts = [t.to_dict() for t in tasks]
    gold = load_gold(gold_dir, "tasks.jsonl")
    matched = agree = extracted_right = agree_right = 0
    wrong, wrong_right = [], []
    for g in gold:
        k = match_task(g, task_dicts)
        if k is None:
            continue
        matched += 1
        task = tasks[k]
        want = expected_statuses(g, as_of, end, doc_day.get(task.doc_id))
        same = by_task[task.task_id] == want
        agree += same
        right = deadline_ok(g, task_dicts[k])
        extracted_right += right
        agree_right += same and right
        if not same:
            (wrong_right if right else wrong).append((g["doc"][:20], g["task_id"], sorted(want),
                                                      sorted(by_task[task.task_id])))
    return {"gold": len(gold), "matched": matched, "agree": agree, "wrong": wrong, "wrong_right": wrong_right,
            "extracted_right": extracted_right, "agree_right": agree_right}


@pytest.mark.parametrize("name", list(SETS))
def test_due_statuses_match_the_gold_deadlines(stores: dict[str, Store], name: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    _, gold_dir, as_of = SETS[name]
    r = compare(stores[name], gold_dir, as_of)
    rate = r["agree"] / r["matched"] if r["matched"] else 0.0
    with capsys.disabled():
        print(f"\n  due vs gold [{name}] as of {as_of}: coverage {r['matched']}/{r['gold']} gold tasks matched; "
              f"statuses agree on {r['agree']}/{r['matched']} ({rate:.3f}); on the {r['extracted_right']} whose "
              f"extracted deadlines are right: {r['agree_right']}; extraction misses: {r['wrong'][:3]}")
    assert r["matched"] >= 1 and r["extracted_right"] >= 1
    assert not r["wrong_right"], r["wrong_right"][:10]
