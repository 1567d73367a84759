"""Traditional-script documents, read with the same rules as simplified ones.

Every recognition rule (numbering, unit names, 牵头/配合, dates, targets) is written in simplified
characters. A document in Traditional script (a Hong Kong, Macao or Taiwan text, or a mainland
document a website converted) is therefore read through a *reading*: the same text with each
Traditional character folded to its simplified form, character by character, so every offset
stays the same (`simplified_reading`). The records are then given back the document's own
script (`Restorer`): citations quote the canonical text, and names and indicators are the
original words at the offsets where the reading found them. Text is never rewritten.

The table is OpenCC's character table (the `opencc` package ships it; nothing is downloaded).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from ingest.models import Citation, ParsedDocument

_CJK = re.compile(r"[\u3400-\u9fff]")
SPAN_WINDOW = 600  # characters after a record's start its composed names are looked for in
MIN_TRADITIONAL_SHARE = 0.03  # of CJK characters: below it, a few variant characters in a simplified text


@lru_cache(maxsize=1)
def t2s_table() -> dict[int, str]:
    """Traditional -> simplified, one character to one, from OpenCC's TSCharacters table ({} without it)."""
    try:
        import opencc
    except ImportError:
        return {}
    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    table: dict[int, str] = {}
    for line in lines:
        parts = line.split()
        if len(parts) >= 2 and len(parts[0]) == 1 and len(parts[1]) == 1 and parts[0] != parts[1]:
            table[ord(parts[0])] = parts[1]
    return table


def to_simplified(text: str) -> str:
    """Traditional characters folded to simplified, one for one (offsets unchanged): how a question and
    a passage are compared whatever script each is written in."""
    return text.translate(t2s_table())


def simplified_reading(text: str) -> str | None:
    """The text with Traditional characters folded to simplified (same length), or None when it is not
    written in Traditional script (a simplified or English text is read as it is)."""
    table = t2s_table()
    cjk = len(_CJK.findall(text))
    if not table or not cjk:
        return None
    folded = to_simplified(text)
    changed = sum(a != b for a, b in zip(text, folded, strict=True))
    return folded if changed >= MIN_TRADITIONAL_SHARE * cjk else None


class Restorer:
    """Gives strings read from the reading back the original script, by where the reading has them."""

    def __init__(self, reading: str, original: str) -> None:
        self.reading, self.original = reading, original

    def __call__(self, s: str, near: int = 0) -> str:
        """`s` as the original writes it: its first occurrence in the reading from `near` (else anywhere);
        a name the readers put together ("能源消耗降低" from "能源消耗和…分别降低") character by character,
        each where it next occurs after `near`. Characters the reading lacks stay as they are."""
        if not s:
            return s
        i = self.reading.find(s, max(0, near))
        if i < 0:
            i = self.reading.find(s)
        if i >= 0:
            return self.original[i:i + len(s)]
        out, pos = [], max(0, near)
        stop = min(len(self.reading), pos + SPAN_WINDOW)
        for ch in s:
            j = self.reading.find(ch, pos, stop)
            if j < 0:
                out.append(ch)
                continue
            out.append(self.original[j])
            pos = j + 1
        return "".join(out)

    def path(self, section: str) -> str:
        """A heading path ("一、總體要求 > （一）…"), part by part."""
        return " > ".join(self(part) for part in section.split(" > ")) if section else section


def restore_script(doc: ParsedDocument, original: str) -> None:
    """Give a document read through its simplified reading (`doc.text`) back its own script: the canonical
    text, heading paths, citations, quoted titles and names. Normalised names stay simplified (they are
    what documents are compared by)."""
    restore = Restorer(doc.text, original)
    doc.text = original
    doc.title = restore(doc.title)
    doc.meta = replace(doc.meta, **{f: restore(v) for f in ("title", "issuer", "region") if (v := getattr(doc.meta, f))})
    for b in doc.blocks:
        b.section = restore.path(b.section)
        b.table = restore(b.table) if b.table else b.table
    for c in doc.chunks:
        c.section = restore.path(c.section)
        c.text = original[c.start:c.end]
    for t in doc.tasks:
        _restore_citation(t.citation, restore, original)
        t.text, t.section, t.title = t.citation.quote, restore.path(t.section), restore(t.title, t.citation.start)
        t.units = [replace(u, name=restore(u.name, t.citation.start)) for u in t.units]
        t.deadlines = [replace(d, text=restore(d.text, t.citation.start)) for d in t.deadlines]
    for g in doc.targets:
        _restore_citation(g.citation, restore, original)
        g.indicator = restore(g.indicator, g.citation.start)
        g.scope = restore(g.scope, g.citation.start)
        g.table = restore(g.table) if g.table else g.table


def _restore_citation(c: Citation, restore: Restorer, original: str) -> None:
    c.quote, c.section = original[c.start:c.end], restore.path(c.section)
