"""One file in, one `ParsedDocument` out: load -> clean -> structure -> facts -> chunk -> extract.

Pure: reads the file (and the manifest beside it) and touches nothing else, so a bad
file can fail alone and the store is only written by the index layer afterwards.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from ingest.errors import IngestError
from ingest.models import DocMeta, ParsedDocument
from ingest.read.loaders import SUPPORTED_SUFFIXES, load_file

MANIFEST_NAME = "manifest.json"
_CJK = re.compile(r"[\u3400-\u9fff]")


def doc_id_for(data: bytes) -> str:
    """Content hash: the same bytes are the same document wherever they come from."""
    return hashlib.sha256(data).hexdigest()[:16]


def detect_lang(text: str) -> str:
    sample = text[:20000]
    cjk = len(_CJK.findall(sample))
    latin = len(re.findall(r"[A-Za-z]", sample))
    return "zh" if cjk >= 0.2 * max(1, latin) else "en"


def read_manifest(folder: Path) -> dict[str, DocMeta]:
    """Titles and metadata from a `manifest.json` beside the files: {"files": {name: {...}}}."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = raw.get("files", raw) if isinstance(raw, dict) else {}
    out: dict[str, DocMeta] = {}
    for name, entry in files.items():
        if isinstance(entry, dict):
            out[name] = DocMeta(**{k: entry.get(k) for k in ("title", "issuer", "date", "lang", "kind")})
    return out


def iter_files(paths: list[Path]) -> list[Path]:
    """Files to ingest: the given files, and supported files found recursively in given folders."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES
                              and not any(part.startswith(".") for part in f.relative_to(p).parts)))
        else:
            out.append(p)
    return out


def parse_file(path: Path, data: bytes | None = None, meta: DocMeta | None = None,
               source: str | None = None) -> ParsedDocument:
    """Parse one file into a `ParsedDocument`; raises `IngestError` naming the file.

    The stages are imported here, not at module level: the index layer imports this module
    for `doc_id_for` and `iter_files` in every command, and the extraction rules with cn2an
    cost ~0.6 s of imports that read-only commands never use (`python -X importtime`)."""
    from ingest.facts import merge, read_facts
    from ingest.read.chunking import make_chunks
    from ingest.read.clean import build_canonical
    from ingest.read.structure import parse_blocks
    from ingest.targets.extract import extract_targets
    from ingest.tasks.extract import extract_tasks

    source = source or path.name
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise IngestError(str(path), f"cannot read the file ({exc.strerror})") from exc
    if meta is None:
        meta = read_manifest(path.parent).get(path.name, DocMeta())
    loaded = load_file(path, data)
    canon = build_canonical(loaded.pages, loaded.has_pages)
    if not canon.text.strip():
        raise IngestError(str(path), "no text left after cleaning")
    doc_id = doc_id_for(data)
    blocks = parse_blocks(canon.text, canon.page_starts)
    chunks = make_chunks(doc_id, canon.text, blocks, canon.page_starts)
    meta = merge(read_facts(canon.text, loaded.title), meta)
    lang = meta.lang or detect_lang(canon.text)
    title = meta.title or Path(source).stem
    doc = ParsedDocument(doc_id=doc_id, source=source, path=str(path), title=title, lang=lang, text=canon.text,
                         page_starts=canon.page_starts, blocks=blocks, chunks=chunks, meta=meta)
    doc.tasks = extract_tasks(doc)
    doc.targets = extract_targets(doc)
    return doc
