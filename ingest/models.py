"""Plain data types shared by ingest, index and api.

Everything else in the project passes these around; they carry no behaviour beyond
conversion to the JSON objects of CONTRACT.md. Offsets (`start`, `end`) always refer
to the document's canonical text, end exclusive.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Role = Literal["lead", "participant", "responsible"]
DeadlineKind = Literal["by", "in_year", "ongoing"]
TargetKind = Literal["target", "baseline", "achieved"]
Comparator = Literal[">=", ">", "<=", "<", "=", "~"]  # ~: about (左右, approximately)
BlockKind = Literal["heading", "paragraph", "list_item", "table_title", "table_row", "box_title"]


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass
class Block:
    """A structural unit of a document: a heading, a paragraph, a list item or a table row."""

    kind: BlockKind
    start: int
    end: int
    section: str  # heading path, e.g. "二、重点任务 > (三)强化技术模式创新"
    page: int | None = None
    number: str | None = None  # the item's own numbering as written ("1.", "(三)", "第二章")
    level: int | None = None  # heading level (1 = top) for headings
    table: str | None = None  # table/box title for table rows, e.g. "附表2 ..."
    cells: list[Span] = field(default_factory=list)  # table rows: each cell's span


@dataclass
class Chunk:
    chunk_id: str
    doc_id: str
    start: int
    end: int
    section: str
    page: int | None
    text: str  # == canonical_text[start:end]
    ordinal: int = 0
    table: str | None = None  # caption of the table/box the chunk lies in

    @property
    def context(self) -> str:
        """What retrieval prefixes to the chunk: its heading path and table caption."""
        if self.table and self.section.endswith(self.table):  # an annex table's rows: the caption is the section
            return self.section
        return " > ".join(p for p in (self.section, self.table) if p)


@dataclass
class Citation:
    doc_id: str
    source: str
    section: str
    page: int | None
    start: int
    end: int
    quote: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Unit:
    name: str  # as written
    normalized: str
    role: Role

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Deadline:
    text: str
    date: str | None  # YYYY-MM-DD, last day the text allows
    kind: DeadlineKind
    what: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Task:
    task_id: str
    doc_id: str
    source: str
    number: str
    section: str
    title: str
    text: str
    units: list[Unit]
    deadlines: list[Deadline]
    ongoing: bool
    citation: Citation

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Target:
    target_id: str
    doc_id: str
    source: str
    indicator: str
    indicator_normalized: str
    scope: str
    value: float
    unit: str
    comparator: Comparator
    year: int | None
    kind: TargetKind
    citation: Citation
    scope_normalized: str = ""
    table: str | None = None  # the table/box the value came from, None for prose

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DocMeta:
    """What a document says about itself (`ingest.facts`), refined by a manifest where one is given."""

    title: str | None = None
    issuer: str | None = None
    date: str | None = None  # YYYY-MM-DD (or a year) of the document: its 落款 or release date
    lang: str | None = None
    kind: str | None = None  # plan, opinion, notice, measures, work_report, executive_order, law, paper …
    doc_number: str | None = None  # 发文字号, e.g. 国发〔2018〕39号
    region: str | None = None  # the place it governs (全国 for central organs)


@dataclass
class ParsedDocument:
    """Everything ingestion makes of one file; the index stores it as one transaction."""

    doc_id: str  # content hash of the file's bytes
    source: str  # file name
    path: str
    title: str
    lang: str  # "zh" | "en"
    text: str  # canonical text
    page_starts: list[int]  # offset where each page begins (empty for formats without pages)
    blocks: list[Block]
    chunks: list[Chunk]
    tasks: list[Task] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    meta: DocMeta = field(default_factory=DocMeta)

    @property
    def pages(self) -> int:
        return len(self.page_starts)

    def summary(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "source": self.source,
            "title": self.title,
            "lang": self.lang,
            "pages": self.pages,
            "chunks": len(self.chunks),
            "tasks": len(self.tasks),
            "targets": len(self.targets),
        }


def page_at(page_starts: list[int], offset: int) -> int | None:
    """1-based page holding `offset`, or None for formats without pages."""
    if not page_starts:
        return None
    from bisect import bisect_right

    return max(1, bisect_right(page_starts, offset))


@dataclass
class Hit:
    """One search result: a chunk, cited by its best sentence for the query."""

    chunk_id: str
    doc_id: str
    source: str
    section: str
    page: int | None
    start: int  # span of `quote` in the canonical text
    end: int
    quote: str
    text: str  # the whole chunk
    score: float
    scores: dict[str, float | None] = field(default_factory=dict)  # {"bm25": ..., "dense": ...}
    chunk_start: int = 0  # span of the whole chunk
    chunk_end: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of a hit (written out: `dataclasses.asdict` cost ~30 µs a hit, deep-copying)."""
        return {"chunk_id": self.chunk_id, "doc_id": self.doc_id, "source": self.source, "section": self.section,
                "page": self.page, "start": self.start, "end": self.end, "quote": self.quote, "text": self.text,
                "score": self.score, "scores": dict(self.scores)}

    def citation(self) -> Citation:
        return Citation(doc_id=self.doc_id, source=self.source, section=self.section, page=self.page,
                        start=self.start, end=self.end, quote=self.quote)
