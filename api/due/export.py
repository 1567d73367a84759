"""The due list as spreadsheet rows and as an iCalendar file.

The calendar is written with `icalendar` (RFC 5545): one all-day VEVENT per task deadline that
falls on a day, the task's number and title as SUMMARY, the units with their roles, the
deadline as written and the citation (source, section, quoted span) in DESCRIPTION, the
status as CATEGORIES, and a link to the cited span on the page when a base URL is known.
UIDs are stable (task, deadline text and day), so re-importing updates events instead of
duplicating them. Undated items (ongoing, no deadline) have no day and are left out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any
from urllib.parse import urlencode

from icalendar import Calendar, Event

from api.due.listing import DueItem
from api.i18n import msg

ROW_FIELDS = ["status", "date", "days", "basis", "lead", "participants", "number", "title", "deadline", "source",
              "section", "quote"]


def due_rows(items: list[DueItem], lang: str) -> list[dict[str, Any]]:
    """One row per item with localised headers and values (status, basis), for CSV and XLSX."""
    head = {k: msg(lang, "col_" + k) for k in ROW_FIELDS}
    rows = []
    for i in items:
        t = i.task
        values = {
            "status": msg(lang, "status_" + i.status), "date": i.date.isoformat() if i.date else "",
            "days": "" if i.days is None else i.days, "basis": msg(lang, "basis_" + i.basis) if i.basis else "",
            "lead": "、".join(i.lead), "participants": "、".join(i.participants), "number": t.number,
            "title": t.title, "deadline": i.deadline.text if i.deadline else "", "source": t.source,
            "section": t.section, "quote": t.citation.quote,
        }
        rows.append({head[k]: v for k, v in values.items()})
    return rows


def cite_url(base_url: str, item: DueItem) -> str:
    """The page's address that opens the task's cited span."""
    c = item.task.citation
    return base_url.rstrip("/") + "/#doc?" + urlencode({"doc": c.doc_id, "start": c.start, "end": c.end})


def _uid(item: DueItem) -> str:
    text = item.deadline.text if item.deadline else ""
    key = f"{item.task.task_id}|{text}|{item.date}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24] + "@policykb"


def _description(item: DueItem, lang: str, url: str | None) -> str:
    t, c = item.task, item.task.citation
    lines = []
    units = "、".join(f"{u.name}（{msg(lang, 'role_' + u.role)}）" for u in t.units)
    if units:
        lines.append(f"{msg(lang, 'units')}: {units}")
    if item.deadline:
        lines.append(f"{msg(lang, 'deadline')}: {item.deadline.text}")
    if item.basis and item.basis != "stated":
        lines.append(msg(lang, "basis_" + item.basis))
    lines.append(f"{msg(lang, 'source')}: {c.source}" + (f" · {c.section}" if c.section else "")
                 + (f" · {msg(lang, 'page')} {c.page}" if c.page else ""))
    lines.append(f"“{c.quote}”")
    if url:
        lines.append(url)
    return "\n".join(lines)


def due_calendar(items: list[DueItem], lang: str = "zh", base_url: str | None = None,
                 stamp: dt.datetime | None = None) -> bytes:
    """The items that fall on a day as an iCalendar file (bytes, UTF-8, CRLF line ends)."""
    cal = Calendar()
    cal.add("prodid", "-//policykb//deadlines//" + lang.upper())
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", msg(lang, "ics_name"))
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    for item in items:
        if item.date is None:
            continue
        url = cite_url(base_url, item) if base_url else None
        ev = Event()
        ev.add("uid", _uid(item))
        ev.add("dtstamp", stamp)
        ev.add("dtstart", item.date)
        ev.add("dtend", item.date + dt.timedelta(days=1))
        ev.add("summary", " ".join(p for p in (item.task.number, item.task.title) if p) or item.task.text[:60])
        ev.add("description", _description(item, lang, url))
        ev.add("categories", [msg(lang, "status_" + item.status)])
        ev.add("transp", "TRANSPARENT")
        if url:
            ev.add("url", url)
        cal.add_component(ev)
    return cal.to_ical()
