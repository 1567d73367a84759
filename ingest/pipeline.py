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
from ingest.read.budgets import Budgets, over
from ingest.read.loaders import SUPPORTED_SUFFIXES, load_file
from ingest.settings import active

MANIFEST_NAME = "manifest.json"
_CJK = re.compile(r"[\u3400-\u9fff]")


def content_hash(data: bytes) -> str:
    """The hash that tells one version of a source from another (never its identity)."""
    return hashlib.sha256(data).hexdigest()[:32]


def doc_id_for(source: str) -> str:
    """A new document's id, from its source: a document is its source (the file's path under the
    ingested folder, or the upload's name), so two sources with the same bytes are two documents
    and a new version of a source keeps its id."""
    return hashlib.sha256(("source:" + source).encode("utf-8")).hexdigest()[:16]


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


def iter_sources(paths: list[Path]) -> list[tuple[Path, str]]:
    """(file, source name) for every file to ingest: a given file is named by its own name, a file
    found in a given folder by its path under that folder (`sub/plan.pdf`)."""
    out: list[tuple[Path, str]] = []
    for p in paths:
        if p.is_dir():
            out.extend((f, f.relative_to(p).as_posix()) for f in iter_files([p]))
        else:
            out.append((p, p.name))
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


def _titled_by_file(meta: DocMeta, source: str) -> str:
    """A page with no title line is titled by its file's name ("某市交通运输2024年工作要点"), which may name its place."""
    from ingest.recognise.places import place_in_title

    stem = Path(source).stem
    meta.region = meta.region or place_in_title(stem)
    return stem


def parse_file(path: Path, data: bytes | None = None, meta: DocMeta | None = None,
               source: str | None = None, doc_id: str | None = None, budgets: Budgets | None = None) -> ParsedDocument:
    """Parse one file into a `ParsedDocument`; raises `IngestError` naming the file.

    `doc_id` defaults to the id of a new document named `source` (`doc_id_for`). Chunk ids
    also depend on the bytes, so two versions of one source never share a chunk id.

    The stages are imported here, not at module level: the index layer imports this module
    in every command, and the extraction rules with cn2an cost ~0.6 s of imports that
    read-only commands never use (`python -X importtime`)."""
    from ingest.facts import merge, read_facts
    from ingest.read.chunking import chunk_id, make_chunks
    from ingest.read.clean import build_canonical
    from ingest.read.script import restore_script, simplified_reading
    from ingest.read.structure import parse_blocks
    from ingest.recognise.places import place_in_title
    from ingest.targets.extract import extract_targets
    from ingest.tasks.extract import extract_tasks

    source = source or path.name
    budgets = budgets or active().budgets
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise IngestError(str(path), f"cannot read the file ({exc.strerror})") from exc
    if meta is None:
        meta = read_manifest(path.parent).get(path.name, DocMeta())
    loaded = load_file(path, data, budgets)
    raw_chars = sum(len(p) for p in loaded.pages)
    if raw_chars > 2 * budgets.chars:  # cleaning keeps (nearly) every character: do not clean what will fail
        raise over(str(path), "the number of characters", raw_chars, budgets.chars, "POLICYKB_MAX_CHARS")
    canon = build_canonical(loaded.pages, loaded.has_pages)
    if not canon.text.strip():
        raise IngestError(str(path), "no text left after cleaning")
    if len(canon.text) > budgets.chars:
        raise over(str(path), "the number of characters", len(canon.text), budgets.chars, "POLICYKB_MAX_CHARS")
    doc_id = doc_id or doc_id_for(source)
    reading = simplified_reading(canon.text)  # a Traditional-script text is read in simplified characters
    text = reading or canon.text
    blocks = parse_blocks(text, canon.page_starts)
    chunks = make_chunks(doc_id, text, blocks, canon.page_starts)
    if len(chunks) > budgets.chunks:
        raise over(str(path), "the number of chunks", len(chunks), budgets.chunks, "POLICYKB_MAX_CHUNKS")
    version = f"{doc_id}@{content_hash(data)}"
    for c in chunks:
        c.chunk_id = chunk_id(version, c.start, c.end)
    facts = read_facts(text, loaded.title)
    if facts.date is None and loaded.date:  # the date a file's front matter gives, where the text states none
        facts.date = loaded.date
    if loaded.issuer:  # the issuer a file's front matter names, where the text names none; its place likewise
        facts.issuer = facts.issuer or loaded.issuer
        facts.region = facts.region or place_in_title(loaded.issuer)
    meta = merge(facts, meta)
    lang = meta.lang or detect_lang(text)
    title = meta.title or _titled_by_file(meta, source)
    doc = ParsedDocument(doc_id=doc_id, source=source, path=str(path), title=title, lang=lang, text=text,
                         page_starts=canon.page_starts, blocks=blocks, chunks=chunks, meta=meta)
    doc.tasks = extract_tasks(doc)
    doc.targets = extract_targets(doc)
    if reading is not None:
        restore_script(doc, canon.text)
    return doc
