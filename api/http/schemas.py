"""Request and response models of the HTTP API (the objects of CONTRACT.md).

Requests are strict: unknown fields, wrong types and out-of-range values are 422s, and
free text is cleaned of control and format characters (NUL, zero-width spaces, lone
surrogates) before anything searches with it. Responses allow extra fields, so the
records may grow without breaking the API; the required fields are CONTRACT.md's.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

MAX_TEXT = 2000
MAX_FILTER = 200
MAX_DOC_ID = 128

_KEEP_AS_SPACE = {"\t", "\n", "\r"}


def clean_text(value: str) -> str:
    """Drop control, format and surrogate characters (tabs and newlines become spaces); trim."""
    out = []
    for ch in value:
        if ch in _KEEP_AS_SPACE:
            out.append(" ")
        elif unicodedata.category(ch) not in ("Cc", "Cf", "Cs"):
            out.append(ch)
    return "".join(out).strip()


def _searchable(value: str) -> str:
    cleaned = clean_text(value)
    if not cleaned:
        raise ValueError("the text is empty (after removing control and invisible characters)")
    return cleaned


SearchText = Annotated[str, Field(min_length=1, max_length=MAX_TEXT), AfterValidator(_searchable)]
DocId = Annotated[str, Field(min_length=1, max_length=MAX_DOC_ID, examples=["b981b7f294dee084"])]
Mode = Literal["hybrid", "bm25", "dense"]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Response(BaseModel):
    model_config = ConfigDict(extra="allow")


# -- requests --------------------------------------------------------------------------------
class SearchRequest(_Request):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"query": "崩岗治理 责任单位", "k": 5},
        {"query": "who is responsible for soil and water monitoring", "k": 10, "mode": "hybrid",
         "doc_ids": ["b981b7f294dee084"]},
    ]})

    query: SearchText = Field(description="what to look for, Chinese or English (1-2000 characters)")
    k: int = Field(10, ge=1, le=100, strict=True, description="number of hits (1-100)")
    doc_ids: list[DocId] | None = Field(None, max_length=100, description="only these documents")
    mode: Mode = Field("hybrid", description="hybrid (BM25 + dense, fused), bm25 or dense")
    lang: Literal["zh", "en"] | None = Field(None, description="only documents in this language")
    section: str | None = Field(None, max_length=MAX_FILTER, description="only chunks whose heading path "
                                "starts with this")


class AskRequest(_Request):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"question": "崩岗治理由哪些单位负责？"},
        {"question": "What is Chongqing's soil and water conservation rate target for 2025?"},
    ]})

    question: SearchText = Field(description="a question in Chinese or English (1-2000 characters)")


# -- records ---------------------------------------------------------------------------------
class Citation(_Response):
    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{
        "doc_id": "b981b7f294dee084", "source": "002_c523826dc1e3ad33.txt",
        "section": "二、重点任务 > (三)强化技术模式创新", "page": None, "start": 3673, "end": 3712,
        "quote": "[责任单位:县水土保持中心、县自然资源局、县水利局、县林业局,各乡镇人民政府]"}]})

    doc_id: str
    source: str
    section: str
    page: int | None
    start: int
    end: int
    quote: str = Field(description="exactly the canonical text at [start, end)")
    title: str | None = Field(None, description="the document's title, as people read it (`source` is its file name)")


class Hit(Citation):
    chunk_id: str
    text: str = Field(description="the whole chunk")
    score: float
    scores: dict[str, float | None] = Field(description='{"bm25": ..., "dense": ...}; null when a retriever '
                                            "did not return the chunk")


class Unit(_Response):
    name: str = Field(description="as written")
    normalized: str
    role: Literal["lead", "participant", "responsible"]


class Deadline(_Response):
    text: str
    date: str | None = Field(description="YYYY-MM-DD, the last day the text allows")
    kind: Literal["by", "in_year", "ongoing"]
    what: str | None = None


class _TaskRef(_Response):
    """What names a task: its id, document, number, section and title (a task and a due item)."""

    task_id: str
    doc_id: str
    source: str
    number: str
    section: str
    title: str


class Task(_TaskRef):
    text: str
    units: list[Unit]
    deadlines: list[Deadline]
    ongoing: bool
    citation: Citation


class Target(_Response):
    target_id: str
    doc_id: str
    source: str
    indicator: str
    indicator_normalized: str
    scope: str
    value: float
    unit: str
    comparator: Literal[">=", ">", "<=", "<", "=", "~"]
    year: int | None
    kind: Literal["target", "baseline", "achieved"]
    citation: Citation


class FindingValue(_Response):
    value: float | str = Field(description="a number, or a name for `naming` findings")
    unit: str
    citation: Citation


class Finding(_Response):
    kind: Literal["conflict", "sum", "naming", "unmet"]
    indicator: str
    scope: str
    note: str
    values: list[FindingValue]
    note_id: str = Field("", description="the note's key in the page's message table (`note_<id>`)")
    note_args: dict[str, str] = Field(default_factory=dict, description="the values the note's template names")


class UnitTask(_Response):
    task_id: str
    role: Literal["lead", "participant", "responsible"]


class UnitRow(_Response):
    unit: str = Field(description="normalised unit name")
    aliases: list[str] = Field(description="other names it is written as")
    tasks: list[UnitTask]
    led: int = Field(0, description="tasks it leads (role lead or responsible)")
    joined: int = Field(0, description="tasks it takes part in (role participant)")
    overdue: int = Field(0, description="its tasks with a deadline passed on the as-of date")


DueStatus = Literal["overdue", "due", "later", "ongoing", "no deadline"]


class DueItem(_TaskRef):
    status: DueStatus = Field(description="on the as-of date: overdue, due (within the window), later, ongoing, "
                              "no deadline")
    date: str | None = Field(description="the day the deadline falls on (YYYY-MM-DD), null when none")
    basis: Literal["stated", "relative", "recurring"] | None = Field(
        description="stated in the text; counted from the document's date; the next occurrence of a recurring one")
    days: int | None = Field(description="days from the as-of date to `date` (negative: overdue)")
    deadline: Deadline | None = Field(description="the deadline as extracted, null for undated tasks")
    units: list[Unit]
    citation: Citation


class DueList(_Response):
    as_of: str
    within: str
    until: str = Field(description="the last day of the `due` window")
    counts: dict[str, int] = Field(description="items by status")
    items: list[DueItem]


# -- responses -------------------------------------------------------------------------------
class SearchResponse(_Response):
    query: str
    mode: Mode
    hits: list[Hit]
    vectors: dict[str, Any] | None = Field(default=None, description="`chunks` searched, `embedded` with vectors "
                                           "(dense ranking covers only those), `complete`")


class Answer(_Response):
    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{
        "question": "崩岗治理由哪些单位负责？", "type": "responsibility",
        "answer": "“推动长江上中游地区坡耕地水土流失防治和南方崩岗治理”由水土局、规计局牵头/负责；水土监测站、长科院参与。",
        "units": [{"name": "水土局", "normalized": "水土局", "role": "lead"},
                  {"name": "长科院", "normalized": "长科院", "role": "participant"}],
        "deadlines": [{"text": "持续推进", "date": None, "kind": "ongoing", "what": None}], "targets": [],
        "citations": [{"doc_id": "d7dd5c6833c1c0d3", "source": "003_6069217e3a45af15.txt",
                       "section": "三、助推加快治理", "page": None, "start": 3883, "end": 3912,
                       "quote": "15.推动长江上中游地区坡耕地水土流失防治和南方崩岗治理。"}],
        "confidence": 0.8}]})

    question: str
    type: Literal["responsibility", "deadline", "target", "fact", "none"]
    answer: str
    units: list[Unit]
    deadlines: list[Deadline]
    targets: list[Target]
    citations: list[Citation]
    confidence: float = Field(description="how sure the answer is, calibrated on the dev sets: at 0.7 and above "
                              "an answer was right at least nine times in ten; below it, treat it as a lead")


class DocSummary(_Response):
    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{
        "doc_id": "b981b7f294dee084", "source": "002_c523826dc1e3ad33.txt",
        "title": "兴国县建设全国水土保持高质量发展先行区实施方案(2022-2025年)", "lang": "zh", "pages": 0,
        "chunks": 37, "tasks": 24, "targets": 4}]})

    doc_id: str
    source: str = Field(description="the file's name")
    title: str
    lang: str
    pages: int
    chunks: int
    tasks: int
    targets: int
    embedded: int | None = Field(default=None, description="chunks that have their vectors (they follow an "
                                 "upload in the background; the text is searchable at once)")


class UploadResult(DocSummary):
    status: Literal["ingested", "unchanged"] = Field(description="`unchanged` when the same bytes were "
                                                     "already ingested under this name")


class DocumentText(_Response):
    doc_id: str
    source: str
    text: str = Field(description="the canonical text, or its [start, end) slice")
    start: int
    end: int
    length: int = Field(description="length of the whole canonical text")


class Removed(_Response):
    removed: str


class Health(_Response):
    status: Literal["ok"]
    documents: int
    backend: str
    writes: Literal["open", "key", "refused"] = Field(
        description="open: loopback without a key; key: writes need the bearer key; refused: no writes")
    max_upload_mb: float
    version: str
    cache: dict[str, dict[str, int]] = Field(default_factory=dict, description="entries, hits and misses of the "
                                             "search and answer caches")
    vectors: dict[str, Any] = Field(default_factory=dict, description="`chunks` searchable, `embedded` with their "
                                    "vectors, `complete`, and whether the background worker is `working`")


class ErrorDetail(BaseModel):
    code: str = Field(examples=["not_found"])
    message: str = Field(examples=["no document with id 'x'; GET /documents lists them"])
    details: list[dict[str, Any]] | None = None


class ErrorResponse(BaseModel):
    error: ErrorDetail


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries for the given error statuses, all with the error body."""
    text = {400: "Bad request", 401: "Missing or wrong bearer key", 403: "Writes refused", 404: "Unknown document",
            413: "Upload too large", 415: "Unsupported file type", 422: "Invalid input",
            429: "Too many uploads at once", 503: "Busy or index not ready"}
    return {s: {"model": ErrorResponse, "description": text.get(s, "Error")} for s in statuses}
