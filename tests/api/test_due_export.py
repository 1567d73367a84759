"""The due list's files: the iCalendar export read back by two parsers, the CSV with localised headers."""

from __future__ import annotations

import csv
import datetime as dt
import io

import icalendar
import ics

from api.due import DueQuery, due_list
from api.due.export import due_calendar, due_rows
from api.i18n import msg
from api.records import csv_bytes
from index.store import Store

AS_OF = dt.date(2023, 10, 1)


def test_the_calendar_round_trips_through_icalendar_and_ics(seed_store: Store) -> None:
    items = due_list(seed_store, DueQuery(as_of=AS_OF))
    dated = [i for i in items if i.date]
    assert dated, "the seed corpus has dated deadlines"
    body = due_calendar(items, "zh", base_url="http://127.0.0.1:8000/")
    assert body.startswith(b"BEGIN:VCALENDAR") and b"\r\n" in body

    cal = icalendar.Calendar.from_ical(body)
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(dated)
    assert len({str(e["uid"]) for e in events}) == len(events), "UIDs are unique"
    by_uid = {str(e["uid"]): e for e in events}
    for item, ev in zip(dated, events, strict=True):
        assert ev.decoded("dtstart") == item.date and ev.decoded("dtend") == item.date + dt.timedelta(days=1)
        assert str(ev["summary"]) == f"{item.task.number} {item.task.title}"
        text = str(ev["description"])
        assert item.task.citation.quote[:30] in text and item.task.citation.source in text
        assert all(u.name in text for u in item.task.units)
        assert str(ev["url"]).startswith("http://127.0.0.1:8000/#doc?doc=" + item.task.doc_id)

    other = ics.Calendar(body.decode("utf-8"))
    assert len(other.events) == len(dated)
    for ev in other.events:
        twin = by_uid[ev.uid]
        assert ev.all_day and ev.begin.date() == twin.decoded("dtstart")
        assert ev.name == str(twin["summary"]) and ev.description == str(twin["description"])


def test_only_dated_items_become_events_and_an_empty_list_is_a_valid_calendar(seed_store: Store) -> None:
    overdue = due_list(seed_store, DueQuery(as_of=dt.date(2030, 1, 1), overdue_only=True))
    assert overdue and all(i.status == "overdue" for i in overdue)
    cal = icalendar.Calendar.from_ical(due_calendar(overdue, "en"))
    assert {str(c) for e in cal.walk("VEVENT") for c in e["categories"].cats} == {"overdue"}
    empty = due_calendar([], "en")
    assert icalendar.Calendar.from_ical(empty).walk("VEVENT") == [] and len(ics.Calendar(empty.decode()).events) == 0


def test_the_csv_speaks_the_asked_language(seed_store: Store) -> None:
    items = due_list(seed_store, DueQuery(as_of=AS_OF, unit="水土局"))
    assert items and all(any("水土局" in u.name for u in i.task.units) for i in items)
    for lang in ("zh", "en"):
        rows = list(csv.reader(io.StringIO(csv_bytes(due_rows(items, lang)).decode("utf-8-sig"))))
        assert rows[0][:3] == [msg(lang, "col_status"), msg(lang, "col_date"), msg(lang, "col_days")]
        assert len(rows) == len(items) + 1
        assert {r[0] for r in rows[1:]} <= {msg(lang, "status_" + s) for s in
                                            ("overdue", "due", "later", "ongoing", "no deadline")}
