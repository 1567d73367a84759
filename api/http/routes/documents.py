"""Documents: list, upload (ingest), remove, and the canonical text that citations point into."""

from __future__ import annotations

import unicodedata
from pathlib import PurePosixPath
from typing import Annotated, Any

from fastapi import APIRouter, File, Path, Query, Response, UploadFile

from api.http.deps import HomeDep, IngestSlotsDep, SettingsDep, WorkerDep, WriteGuard, known_doc
from api.http.errors import TooLargeError, TooManyIngestsError
from api.http.schemas import (
    MAX_DOC_ID,
    DocSummary,
    DocumentText,
    Removed,
    UploadResult,
    clean_text,
    error_responses,
)
from ingest.errors import BadQueryError, IngestError, NotFoundError, UnsupportedFormatError
from ingest.read.loaders import SUPPORTED_SUFFIXES

router = APIRouter(tags=["documents"])

DocIdPath = Annotated[str, Path(min_length=1, max_length=MAX_DOC_ID, description="a document id from GET /documents")]
MAX_NAME = 255


@router.get("/documents", response_model=list[DocSummary])
def list_documents(home: HomeDep) -> list[dict[str, Any]]:
    """Every document in the home, by source; `embedded` counts its chunks that have their vectors
    (they follow an upload in the background: a document is searchable by its text at once)."""
    return home.documents()


@router.post("/documents", response_model=UploadResult, status_code=201, dependencies=[WriteGuard],
             responses={200: {"model": UploadResult, "description": "Already ingested (same bytes)"},
                        **error_responses(401, 403, 413, 415, 422, 429)})
def upload_document(file: Annotated[UploadFile, File(description="a .pdf .txt .md .docx .html or .htm file")],
                    response: Response, home: HomeDep, settings: SettingsDep,
                    slots: IngestSlotsDep, worker: WorkerDep,
                    wait: Annotated[bool, Query(description="also wait for the document's vectors")] = False,
                    ) -> dict[str, Any]:
    """Ingest one uploaded file (multipart field `file`); 201 with its summary, 200 when unchanged.

    The file name's suffix picks the loader (415 for others); the size limit is
    POLICYKB_MAX_UPLOAD_MB (413). The file name is the document's source: uploading a new
    version under the same name replaces the old document, and a file with the same bytes
    under another name is another document. The answer comes once the document is
    searchable by its text; its vectors follow in the background (`embedded` in
    `GET /documents`), or before the answer with `?wait=true`. Searches go on meanwhile.
    """
    name = upload_name(file.filename)
    limit = settings.max_upload_bytes
    if file.size is not None and file.size > limit:
        raise TooLargeError(f"{name} is larger than the upload limit of {settings.max_upload_mb:g} MB "
                            "(POLICYKB_MAX_UPLOAD_MB)")
    if not slots.acquire(blocking=False):
        raise TooManyIngestsError(f"{settings.max_ingests} uploads are being ingested already; retry shortly")
    try:
        data = file.file.read(limit + 1)
        if len(data) > limit:
            raise TooLargeError(f"{name} is larger than the upload limit of {settings.max_upload_mb:g} MB")
        if not data:
            raise IngestError(name, "the file is empty")
        report = home.ingest_bytes(name, data, wait=wait)
    finally:
        slots.release()
    worker.notify()
    if report.failed:
        error = report.failed[0]["error"]
        raise IngestError(name, error.split(": ", 1)[-1] if error.startswith(name) else error)
    if report.ingested:
        return {**report.ingested[0], "status": "ingested", "embedded": _embedded(home, report.ingested[0])}
    response.status_code = 200
    return {**report.skipped[0], "status": "unchanged", "embedded": _embedded(home, report.skipped[0])}


def _embedded(home: HomeDep, summary: dict[str, Any]) -> int:
    return next((d["embedded"] for d in home.documents() if d["doc_id"] == summary.get("doc_id")), 0)


def upload_name(raw: str | None) -> str:
    """The uploaded file's base name (no folders, no control characters) with a supported suffix."""
    name = clean_text(unicodedata.normalize("NFC", raw or "")).replace("\\", "/")
    name = PurePosixPath(name).name.strip()
    if not name or name in (".", ".."):
        raise BadQueryError("the upload has no file name; send the file as multipart field 'file' with a filename")
    if len(name) > MAX_NAME:
        raise BadQueryError(f"the file name is longer than {MAX_NAME} characters")
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFormatError(name, f"unsupported file type {suffix or '(none)'}; "
                                           f"supported: {' '.join(SUPPORTED_SUFFIXES)}")
    return name


@router.delete("/documents/{doc_id}", response_model=Removed, dependencies=[WriteGuard],
               responses=error_responses(401, 403, 404))
def remove_document(doc_id: DocIdPath, home: HomeDep, worker: WorkerDep) -> dict[str, str]:
    """Remove a document with its chunks, records, cached vectors and index entries."""
    known_doc(home, doc_id)
    home.remove(doc_id)
    worker.notify()  # the segment that held it is rewritten without it
    return {"removed": doc_id}


@router.get("/documents/{doc_id}/text", response_model=DocumentText, responses=error_responses(404, 422))
def document_text(doc_id: DocIdPath, home: HomeDep,
                  start: Annotated[int | None, Query(ge=0, description="slice start (default 0)")] = None,
                  end: Annotated[int | None, Query(ge=0, description="slice end, exclusive (default the end)")] = None,
                  ) -> dict[str, Any]:
    """The document's canonical text, or its `[start, end)` slice: what every citation's offsets refer to."""
    text = home.store.text(doc_id)
    info = home.store.document_info(doc_id) if text is not None else None
    if text is None or info is None:
        raise NotFoundError(f"no document with id {doc_id[:80]!r}; GET /documents lists them")
    n = len(text)
    s = 0 if start is None else start
    e = n if end is None else end
    if e > n:
        raise BadQueryError(f"end={e} is past the end of the text ({n} characters)")
    if s > e:
        raise BadQueryError(f"start={s} is after end={e}")
    return {"doc_id": doc_id, "source": info["source"], "text": text[s:e], "start": s, "end": e, "length": n}
