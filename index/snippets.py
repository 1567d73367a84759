"""The quote of a hit: the chunk's best sentence (or table row) for the query, as an exact span.

Candidate units are the chunk's sentences (`ingest.read.sentences.sentence_spans`); inside a
table they are its rows (blank-line separated in the canonical text), since a row is what
a lookup wants to cite. A unit scores the summed weight of the distinct query tokens it
holds - words weigh more than character bigrams, so a unit naming the asked-for term wins
over one that shares only characters with it. Chinese tokens are found as substrings of
the normalised unit and English ones among its stemmed words, which is much cheaper than
segmenting every sentence of every hit again. With no overlap at all (an English question
over a Chinese chunk) the first unit that is more than a bare heading is quoted. Offsets
are those of the canonical text: `quote == text[start:end]` always.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from index.tokenize import en_stem, normalize
from ingest.models import Chunk, Hit, Span
from ingest.read.sentences import sentence_spans

_ROW_BREAK = re.compile(r"\n[ \t]*\n")
WORD_WEIGHT = 2.0
BIGRAM_WEIGHT = 1.0


def units(chunk: Chunk) -> list[Span]:
    """Sentences of the chunk, or rows for a table chunk; offsets relative to the chunk text."""
    text = chunk.text
    if chunk.table:
        spans: list[Span] = []
        pos = 0
        for m in [*_ROW_BREAK.finditer(text), None]:
            end = m.start() if m else len(text)
            s, e = pos, end
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                spans.append(Span(s, e))
            pos = m.end() if m else len(text)
        if len(spans) > 1:
            return spans
    return sentence_spans(text) or [Span(0, len(text))]


_LATIN = re.compile(r"[a-z][a-z0-9]*(?:['’][a-z]+)?|\d+(?:\.\d+)?")


def unit_score(text: str, terms: list[tuple[str, float]]) -> float:
    """Summed weight of the query terms found in `text`."""
    return _Scorer(terms).score(normalize(text))


class _Scorer:
    """A query's terms split once into Chinese (found as substrings) and ASCII (found among the stemmed
    words, which are read only when there is such a term): a hit scores every unit against every term."""

    def __init__(self, terms: list[tuple[str, float]]) -> None:
        self.substrings = [(t, w) for t, w in terms if not t.isascii()]
        self.words = [(t, w) for t, w in terms if t.isascii()]

    def score(self, norm: str) -> float:
        score = 0.0
        for term, weight in self.substrings:
            if term in norm:
                score += weight
        if self.words:
            found = {en_stem(w) if w[0].isalpha() else w for w in _LATIN.findall(norm)}
            for term, weight in self.words:
                if term in found:
                    score += weight
        return score


def query_terms(query_tokens: Iterable[str]) -> list[tuple[str, float]]:
    """Query tokens as (text to look for, weight): bigrams (`#..`) weigh less than words."""
    return [(t[1:], BIGRAM_WEIGHT) if t.startswith("#") else (t, WORD_WEIGHT) for t in set(query_tokens) if t]


def best_span(chunk: Chunk, terms: list[tuple[str, float]]) -> Span:
    """The best unit's span in the canonical text (see the module docstring).

    The chunk is normalised once and cut into units when normalising kept its length (the
    usual case: NFKC, lower case and the simplified folding map one character to one); else
    each unit is normalised on its own."""
    cands = units(chunk)
    text = chunk.text
    whole = normalize(text)
    aligned = len(whole) == len(text)
    scorer = _Scorer(terms)
    best: Span | None = None
    best_score = 0.0
    for span in cands:
        score = scorer.score(whole[span.start:span.end] if aligned else normalize(text[span.start:span.end]))
        if score > best_score:
            best, best_score = span, score
    if best is None:
        heading = chunk.section.rsplit(" > ", 1)[-1].strip()
        best = next((s for s in cands if text[s.start:s.end].strip() != heading), cands[0])
    return Span(chunk.start + best.start, chunk.start + best.end)


def make_hit(chunk: Chunk, terms: list[tuple[str, float]], source: str, score: float,
             bm25: float | None, dense: float | None) -> Hit:
    """A chunk as a `Hit`, quoted by its best unit: every backend builds hits here, so the
    same chunk is cited the same way whichever index found it."""
    span = best_span(chunk, terms)
    return Hit(chunk_id=chunk.chunk_id, doc_id=chunk.doc_id, source=source, section=chunk.section,
               page=chunk.page, start=span.start, end=span.end,
               quote=chunk.text[span.start - chunk.start:span.end - chunk.start], text=chunk.text,
               score=score, scores={"bm25": bm25, "dense": dense}, chunk_start=chunk.start, chunk_end=chunk.end)
