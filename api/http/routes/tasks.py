"""GET /tasks (JSON), /tasks.csv (the flat list) and /tasks.xlsx (the responsibility matrix), filterable."""

from __future__ import annotations

import datetime as dt
import io
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.http.deps import HomeDep, known_doc
from api.http.schemas import MAX_DOC_ID, MAX_FILTER, Task, clean_text, error_responses
from api.matrix import matrix_workbook
from api.records import csv_bytes, export_rows, list_tasks
from ingest.models import Task as TaskRecord

router = APIRouter(tags=["records"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

UnitQ = Annotated[str | None, Query(max_length=MAX_FILTER, description="a unit as written or normalised, or a "
                                    "distinctive part of one", examples=["水土保持局"])]
DocQ = Annotated[str | None, Query(max_length=MAX_DOC_ID, description="only this document")]
DueBefore = Annotated[dt.date | None, Query(description="only tasks with a deadline before this date (YYYY-MM-DD); "
                                            "see `due_rule`", examples=["2024-01-01"])]
DueRule = Annotated[Literal["any", "last"], Query(description="`any`: some deadline of the task is before "
                                                  "`due_before`; `last`: its last deadline is")]
LangQ = Annotated[Literal["zh", "en"], Query(description="language of headers and roles")]


def _tasks(home: HomeDep, unit: str | None, doc: str | None, due_before: dt.date | None,
           due_rule: str) -> list[TaskRecord]:
    return list_tasks(home.store, unit=clean_text(unit or "") or None, doc_id=known_doc(home, doc or None),
                      due_before=due_before.isoformat() if due_before else None, due_rule=due_rule)


@router.get("/tasks", response_model=list[Task], responses=error_responses(404, 422))
def tasks(home: HomeDep, unit: UnitQ = None, doc: DocQ = None, due_before: DueBefore = None,
          due_rule: DueRule = "any") -> list[dict[str, Any]]:
    """Tasks with their units (lead / participant / responsible) and deadlines, each with its citation."""
    return [t.to_dict() for t in _tasks(home, unit, doc, due_before, due_rule)]


@router.get("/tasks.csv", response_class=Response, responses={200: {"content": {"text/csv": {}}},
                                                              **error_responses(404, 422)})
def tasks_csv(home: HomeDep, unit: UnitQ = None, doc: DocQ = None, due_before: DueBefore = None,
              due_rule: DueRule = "any", lang: LangQ = "zh") -> Response:
    """The tasks as a flat list, one row per task (UTF-8 CSV with BOM), headers in `lang`."""
    rows = export_rows(_tasks(home, unit, doc, due_before, due_rule), lang)
    return Response(csv_bytes(rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="policykb-tasks.csv"'})


@router.get("/tasks.xlsx", response_class=Response, responses={200: {"content": {XLSX: {}}},
                                                               **error_responses(404, 422)})
def tasks_xlsx(home: HomeDep, unit: UnitQ = None, doc: DocQ = None, due_before: DueBefore = None,
               due_rule: DueRule = "any", lang: LangQ = "zh") -> Response:
    """The responsibility matrix of the tasks: units down, tasks across, the role in each cell with its
    citation as a comment; all documents on the first sheet, then one sheet per document."""
    titles = {d["doc_id"]: d["title"] or d["source"] for d in home.store.documents()}
    buf = io.BytesIO()
    matrix_workbook(_tasks(home, unit, doc, due_before, due_rule), lang, titles).save(buf)
    return Response(buf.getvalue(), media_type=XLSX,
                    headers={"Content-Disposition": 'attachment; filename="policykb-matrix.xlsx"'})
