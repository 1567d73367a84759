"""Sentence spans in Chinese and English text, for chunk boundaries, snippets and answers."""

from __future__ import annotations

import re

from ingest.models import Span

# A sentence ends after 。！？； (with closing quotes/brackets) or after . ! ? ; followed by a space
# or line end; a line break always ends one. A period after a capital ("U.S.", "Sec.") does not, nor one
# after a list number at a line's start ("1. ", "12. ") or an abbreviation ("Executive Order No. 246", "Sec. 3");
# one after a year does ("… by 2035. Since 2021, …"), and so does one closing a bold run-in heading
# ("**§12-5 Energy study.** The board shall:").
_END = re.compile(r"[。！？；!?;]+[”’」』)）\]】]*|(?<![A-Z])(?<!^\d)(?<!^\d\d)(?<!\n\d)(?<!\n\d\d)(?<!\bNo)(?<!\bNos)(?<!\bno)"
                  r"(?<!\bSec)(?<!\bArt)(?<!\bvs)(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bJr)\.(?:\*\*|__)?(?=\s|$)[”’\"')]*|\n+")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Spans of the sentences of text[start:end], whitespace trimmed, none empty."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    pos = start
    for m in _END.finditer(text, start, end):
        _add(text, pos, m.end(), spans)
        pos = m.end()
    _add(text, pos, end, spans)
    return spans


def _add(text: str, s: int, e: int, out: list[Span]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append(Span(s, e))
