"""English questions over Chinese documents: add the Chinese names and terms they refer to.

The multilingual embedder carries meaning across languages, but names and numbers-heavy
table rows need words: "Wanzhou District" must reach the row `万州区`. Two sources, both
data: the places and units the corpus itself names (matched through their pinyin, so
nothing is listed by hand) and an editable glossary of domain terms.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from index.store import Store
from ingest.recognise.places import place_core
from ingest.settings import active, path_text

GLOSSARY = Path(__file__).resolve().parents[2] / "ingest" / "data" / "glossary_en_zh.tsv"
_PROPER = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)?\b")


def _read_glossary(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#") and "\t" in line:
            en, zh = line.split("\t", 1)
            rows.append((en.strip().lower(), zh.strip()))
    return rows


@lru_cache(maxsize=4)
def glossary(extra: str | None = None) -> list[tuple[str, str]]:
    rows = _read_glossary(GLOSSARY)
    if extra and Path(extra).is_file():
        rows += _read_glossary(Path(extra))
    return sorted(rows, key=lambda r: -len(r[0]))


@lru_cache(maxsize=8)
def _names_by_pinyin(store_path: str, generation: int) -> dict[str, list[str]]:
    """{pinyin of a name without its suffix: [names]} for every scope and unit the records name."""
    from pypinyin import lazy_pinyin

    store = Store(Path(store_path))
    names: set[str] = set()
    for t in store.targets():
        names.update(n for n in (t.scope, t.scope_normalized) if n)
    for task in store.tasks():
        names.update(u.normalized or u.name for u in task.units)
    out: dict[str, list[str]] = {}
    for name in names:
        core = place_core(name) or name
        if len(core) >= 2:
            out.setdefault("".join(lazy_pinyin(core)).lower(), []).append(name)
    store.close()
    return out


def expand_english(question: str, store: Store) -> str:
    """The question plus the Chinese names and glossary terms it refers to ('' when none)."""
    low = question.lower()
    added: list[str] = []
    for en, zh in glossary(path_text(active().glossary)):
        if re.search(rf"(?<![a-z]){re.escape(en)}(?![a-z])", low):
            added.extend(zh.split())
            low = low.replace(en, " ")
    names = _names_by_pinyin(str(store.path), store.generation())
    for word in _PROPER.findall(question):
        added.extend(names.get(word.lower(), []))
    return " ".join(dict.fromkeys(added))
