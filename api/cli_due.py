"""`policykb due`: the deadline follow-up list, as text, JSON, CSV, XLSX or an iCalendar file.

Kept apart from `api/cli.py` so the core command line stays small; `cli.py` adds it with
`register(add)` like any other sub-command. The help texts here are the ones the README's
command table is made from (`python -m api.cli_help`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ingest.errors import BadQueryError

HELP = "task deadlines on a date: overdue, due within a window, later, ongoing (with CSV, XLSX and ICS export)"


def iso_day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, not {value!r}") from None


def window(value: str) -> str:
    from api.due import window_end

    try:
        window_end(dt.date(2000, 1, 1), value)
    except (ValueError, OverflowError) as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


def lang_arg(value: str) -> str:
    if value not in ("zh", "en"):
        raise argparse.ArgumentTypeError("--lang takes zh or en")
    return value


def register(add: Callable[..., argparse.ArgumentParser], run: Callable[[argparse.Namespace], int]) -> None:
    """Add `due` through the core parser's `add(name, func, help)`; `run` is the command function."""
    sp = add("due", run, HELP)
    sp.add_argument("--as-of", type=iso_day, metavar="YYYY-MM-DD", help="the date statuses are for (default today)")
    sp.add_argument("--within", type=window, default="90d", metavar="SPAN",
                    help="the window of `due`: 90d, 12w, 3m, 1y (default 90d)")
    sp.add_argument("--overdue", action="store_true", help="only overdue deadlines")
    sp.add_argument("--unit", metavar="U", help="only tasks of this unit (as written or normalised)")
    sp.add_argument("--doc", metavar="DOC_ID", help="only this document")
    sp.add_argument("--csv", metavar="FILE", help="also write the list to a CSV file")
    sp.add_argument("--xlsx", metavar="FILE", help="also write the list to an Excel file")
    sp.add_argument("--ics", metavar="FILE", help="also write the dated deadlines to an iCalendar (.ics) file")
    sp.add_argument("--lang", type=lang_arg, metavar="zh|en", help="language of file headers (default: the locale)")


def run_due(args: argparse.Namespace, store: Any) -> dict[str, Any]:
    """Build the list, write the files asked for, and return the JSON document."""
    from api.due import DueQuery, due_list, status_counts
    from api.due.export import due_calendar, due_rows
    from api.i18n import default_lang
    from api.records import write_table

    if args.doc and not store.has_document(args.doc):
        from ingest.errors import NotFoundError

        raise NotFoundError(f"no document with id {args.doc!r}; `policykb documents` lists them")
    if args.unit is not None and not args.unit.strip():
        raise BadQueryError("--unit is empty")
    query = DueQuery(as_of=args.as_of or dt.date.today(), within=args.within, unit=args.unit, doc_id=args.doc,
                     overdue_only=args.overdue)
    items = due_list(store, query)
    lang = args.lang or default_lang()
    for path in (args.csv, args.xlsx):
        if path:
            write_table(Path(path), due_rows(items, lang))
    if args.ics:
        Path(args.ics).write_bytes(due_calendar(items, lang))
    return {"as_of": query.as_of.isoformat(), "within": query.within, "until": query.window_end.isoformat(),
            "counts": status_counts(items), "items": [i.to_dict() for i in items]}


def print_due(doc: dict[str, Any]) -> None:
    """The list for people: one line per deadline, then the counts."""
    for i in doc["items"]:
        units = "、".join(u["name"] for u in i["units"]) or "-"
        when = i["date"] or "-"
        text = (i["deadline"] or {}).get("text") or ""
        print(f"{i['status']:<11} {when:<10} {i['source'][:24]:<24} {i['number']} {i['title'][:40]}  [{units}]"
              f"{'  ' + text if text else ''}")
    counts = ", ".join(f"{n} {s}" for s, n in doc["counts"].items())
    print(f"as of {doc['as_of']} (due until {doc['until']}): {counts}", file=sys.stderr)
