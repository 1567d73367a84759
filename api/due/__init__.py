"""Deadline follow-up: which tasks are overdue, due within a window or later, on an as-of date.

`resolve.py` puts a deadline on the calendar (stated, relative to the document's date,
recurring); `listing.py` lists the task deadlines of a home with their status and counts
each unit's load; `export.py` writes the list as spreadsheet rows and as an iCalendar file.
The CLI (`policykb due`, `policykb units`) and the HTTP routes (`GET /due`, `/due.csv`,
`/due.ics`, `GET /units`) are thin layers over these.
"""

from api.due.listing import STATUSES, DueItem, DueQuery, due_list, status_counts, unit_load, window_end

__all__ = ["STATUSES", "DueItem", "DueQuery", "due_list", "status_counts", "unit_load", "window_end"]
