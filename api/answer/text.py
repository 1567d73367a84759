"""Fact answers: the best sentences of the top hits, each cited by its exact span."""

from __future__ import annotations

import re

from api.answer.lexical import overlap
from api.answer.query import Query
from api.answer.readings import figures_stated
from ingest.models import Citation, Hit
from ingest.read.sentences import sentence_spans
from ingest.recognise.deadlines import find_dates
from ingest.recognise.en_phrases import is_recital

TOP_HITS = 6
_DIGIT = re.compile(r"\d")
# a period a duty must be done within: "within 18 months", "no later than July 2024", "30日内"
_WITHIN = re.compile(r"\b(?:within|no later than|not later than)\b|\d+\s*(?:日|天|个工作日|个月|周|年)(?:内|以内)", re.I)
_NUMBER_WORD = re.compile(r"\b(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion)\b",
                          re.I)
SHORT_SENTENCE = 40
DEADLINE_BONUS = 0.3  # for a sentence setting a time limit, when the question asks by when
RECITAL_WEIGHT = 0.4  # for a recital (WHEREAS …): the reasons an order gives, not what it orders


def _citation(hit: Hit, start: int, end: int) -> Citation:
    rel_s, rel_e = start - hit.chunk_start, end - hit.chunk_start
    return Citation(doc_id=hit.doc_id, source=hit.source, section=hit.section, page=hit.page,
                    start=start, end=end, quote=hit.text[rel_s:rel_e])


_HOW_MANY = re.compile(r"how many ((?:[a-z]+)(?: (?:and|or) [a-z]+)*)", re.I)
_CN_COUNT = re.compile(r"(?:多少|几)(个|座|处|条|项|家|人|万|亿)?([\u4e00-\u9fff]{1,4})")


def counted_nouns(question: str) -> list[re.Pattern[str]]:
    """Patterns for "a number, then the counted thing": "how many villages and people" looks
    for "20 villages" and "110000 people"; "多少座崩岗" for "800座"."""
    out = []
    for m in _HOW_MANY.finditer(question):
        for noun in re.split(r" (?:and|or) ", m.group(1)):
            stem = noun[:-1] if noun.endswith("s") else noun
            out.append(re.compile(rf"\d[\d,.]*\s*(?:\(?[a-z]*\)?\s*)?{re.escape(stem[:5])}", re.I))
    for m in _CN_COUNT.finditer(question):
        measure = m.group(1) or ""
        out.append(re.compile(rf"\d[\d,.]*\s*{re.escape(measure)}{re.escape(m.group(2)[:1]) if not measure else ''}"))
    return out


def states_a_deadline(sentence: str) -> bool:
    """Whether a sentence sets a time limit ("by December 2022", "within 18 months", "2025年底前"),
    not merely names a year ("beginning with model year 2027")."""
    return bool(_WITHIN.search(sentence)) or any(m.limit for m in find_dates(sentence))


def _states_figure(sentence: str, figures: frozenset[tuple[float, str]]) -> bool:
    """Whether a sentence states one of the figures a question names, in digits or in words."""
    stated, worded = figures_stated(sentence)  # worded: "One hundred per cent of its sales"
    return bool(stated & figures) or any(v in worded and (unit != "%" or _PERCENT_WORDS.search(sentence))
                                         for v, unit in figures)


_PERCENT_WORDS = re.compile(r"%|per\s*cent|percent|％", re.I)


def _score(query: Query, sentence: str, base: float, counted: list[re.Pattern[str]] | None,
           prefer_deadlines: bool) -> float:
    """A sentence's score: its overlap and rank (`base`), with what the question's kind looks for."""
    score = base
    if counted is not None and (_DIGIT.search(sentence) or _NUMBER_WORD.search(sentence)):
        score += 0.2 + 0.3 * sum(bool(p.search(sentence)) for p in counted)
    if prefer_deadlines and states_a_deadline(sentence):
        score += DEADLINE_BONUS  # a "by when" question is answered by a sentence that sets a limit
    if query.years and any(str(y) in sentence for y in query.years):
        score += 0.6  # the year asked is what tells a plan's targets apart
    if query.figures and _states_figure(sentence, query.figures):
        score += 0.6  # "By when … 100 per cent?": the item of a list of goals that states the figure asked
    if is_recital(sentence, 0):
        score *= RECITAL_WEIGHT  # "WHEREAS, Order No. 25 rescinded …" says why; the order's sections what
    return score


def best_sentences(query: Query, hits: list[Hit], limit: int = 3, prefer_numbers: bool = False,
                   lines: dict[str, str] | None = None, prefer_deadlines: bool = False) -> list[Citation]:
    """Up to `limit` sentence windows, best first, scored by lexical overlap and hit rank.

    The question's terms are those for the hit's language (an English question's Chinese
    translation for Chinese text), without the words of the hit's document line: the title a
    question names chose the document; it does not say which of its sentences answers. A short
    best sentence takes its neighbour along (answers often span two); with no lexical overlap
    at all the retriever's own best sentence of each hit stands.
    """
    lines = lines or {}
    counted = counted_nouns(query.text) if prefer_numbers else []
    scored: list[tuple[float, Hit, int, int]] = []
    any_overlap = False
    for rank, hit in enumerate(hits[:TOP_HITS]):
        q = set(query.terms_for(hit.text, lines.get(hit.doc_id, "")))
        spans = sentence_spans(hit.text)
        for i, s in enumerate(spans):
            sentence = hit.text[s.start:s.end]
            lexical = overlap(q, sentence)
            any_overlap = any_overlap or lexical > 0
            score = _score(query, sentence, lexical + 0.3 / (rank + 1), counted if prefer_numbers else None,
                           prefer_deadlines)
            start, end = s.start, s.end
            if end - start < SHORT_SENTENCE and i + 1 < len(spans):
                end = spans[i + 1].end
            scored.append((score, hit, hit.chunk_start + start, hit.chunk_start + end))
    if not scored:
        return []
    scored.sort(key=lambda x: -x[0])
    if not any_overlap:
        return [h.citation() for h in hits[:limit]]
    out: list[Citation] = []
    for _, hit, start, end in scored:
        if any(c.doc_id == hit.doc_id and c.start < end and start < c.end for c in out):
            continue
        out.append(_citation(hit, start, end))
        if len(out) == limit:
            break
    return out


def same_table(text: str, start: int, end: int, sentence: int, until: int | None = None) -> bool:
    """The sentence at `sentence` is a row of the table whose cell text[start:end] names a task ("| Action description |
    …" under "| Action name | X |"): an action outline's rows all describe that action. Every line between is a table
    line; or, given `until` (where the next task starts), the outline goes on after a page break up to there."""
    a, b = sorted((start, sentence))
    if b - a >= MAX_TABLE_SPAN or "|" not in text[max(0, start - 2):end + 2]:
        return False
    first = text.rfind("\n", 0, a) + 1
    last = text.find("\n", b)
    lines = text[first:last if last >= 0 else len(text)].split("\n")
    if all(line.strip().startswith("|") for line in lines):  # a blank line or prose ends the table
        return True
    return until is not None and start <= sentence < until and lines[-1].strip().startswith("|")


MAX_TABLE_SPAN = 4000
