"""Time to searchable and time to vectors for a 31-report-sized corpus (issue 15).

    python -m eval.bench.searchable                     # ~600k characters, default embedder (e5+use)
    python -m eval.bench.searchable --embedder hash     # the text phase alone, vectors nearly free

The dev corpora (`eval/dev/zh`, `eval/dev/en`) are copied, with every copy's text changed
(each number is shifted and the copy's number is written into every line), until the
corpus holds about --chars characters - the size of a folder of 31 provincial reports
(610k characters, 2,176 chunks), which took 11 min 18 s before anything of it could be
searched. `policykb ingest --no-wait` runs in a subprocess; another process polls the
home and records when each document is first found by BM25 (by a phrase of its own).
Then `policykb ingest --wait` (the resumable second phase) makes the vectors.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DEV = [ROOT / "eval" / "dev" / "zh" / "corpus", ROOT / "eval" / "dev" / "en" / "corpus"]


def _shift_numbers(text: str, shift: int) -> str:
    """Every number raised by `shift`: a copy that states other figures than its source."""
    return re.sub(r"\d+", lambda m: str(int(m.group()) + shift), text)


def make_corpus(folder: Path, chars: int) -> tuple[int, dict[str, str]]:
    """Copies of the dev documents, each changed, until `chars` characters; returns (characters, {file: phrase})."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    sources = sorted(p for d in DEV for p in d.glob("*.txt"))
    total, copy = 0, 0
    phrases: dict[str, str] = {}
    while total < chars:
        for path in sources:
            text = path.read_text(encoding="utf-8")
            text = _shift_numbers(text, copy)
            lines = text.splitlines()
            code = _code(len(phrases))  # characters no other document holds in this order
            lines.insert(min(3, len(lines)), f"核查码{code}。")
            name = f"c{copy:02d}_{path.name}"
            (folder / name).write_text("\n".join(lines), encoding="utf-8")
            phrases[name] = code
            total += len(text)
            if total >= chars:
                break
        copy += 1
    return total, phrases


def _code(i: int) -> str:
    """Three rare characters that only document i holds (no character of it occurs in another code)."""
    return "".join(chr(0x9F00 - 3 * i - j) for j in range(3))


def found(h: Any, phrases: dict[str, str]) -> set[str]:
    """The files whose phrase is the top BM25 hit now (`h`: the home as another process, a server, sees it)."""
    docs = {d["source"]: d["doc_id"] for d in h.store.documents()}
    out = set()
    for name, phrase in phrases.items():
        if name in docs:
            hits = h.backend.search(phrase, k=1, mode="bm25")
            if hits and hits[0].doc_id == docs[name]:
                out.add(name)
    return out


def run(work: Path, chars: int, embedder: str) -> dict[str, Any]:
    corpus, home = work / "corpus", work / "home"
    total, phrases = make_corpus(corpus, chars)
    shutil.rmtree(home, ignore_errors=True)
    cmd = [sys.executable, "-m", "api.cli", "--home", str(home), "--embedder", embedder, "ingest", "-q", "--json"]
    started = time.monotonic()
    proc = subprocess.Popen([*cmd, "--no-wait", str(corpus)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    first_seen: dict[str, float] = {}
    reader = None
    while len(first_seen) < len(phrases):
        if (home / "index" / "manifest.json").exists():
            if reader is None:
                from index.home import Home

                reader = Home(home, embedder=embedder)
            for name in found(reader, phrases) - set(first_seen):
                first_seen[name] = time.monotonic() - started
        if proc.poll() is not None and len(first_seen) < len(phrases) and time.monotonic() - started > 600:
            break
        time.sleep(0.5)
    out, _ = proc.communicate()
    if reader is not None:
        reader.close()
    report = json.loads(out)
    searchable = max(first_seen.values()) if first_seen else float("nan")
    t0 = time.monotonic()
    done = subprocess.run([*cmd, "--wait", str(corpus)], cwd=ROOT, capture_output=True, text=True)
    vectors = time.monotonic() - t0
    status = json.loads(done.stdout)["vectors"]
    return {"documents": len(phrases), "characters": total, "chunks": status["chunks"], "embedder": embedder,
            "all_searchable_bm25_s": round(searchable, 1), "first_searchable_s": round(min(first_seen.values()), 1),
            "ingest_no_wait_s": round(max(first_seen.values()), 1) if first_seen else None,
            "failed": len(report["failed"]), "vectors_after_s": round(vectors, 1),
            "vectors_complete": status["complete"]}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.bench.searchable", description=__doc__.split("\n")[0])
    p.add_argument("--chars", type=int, default=600_000)
    p.add_argument("--embedder", default="e5+use")
    p.add_argument("--work", type=Path, default=Path("/tmp/policykb-bench-searchable"))
    args = p.parse_args(argv)
    result = run(args.work, args.chars, args.embedder)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
