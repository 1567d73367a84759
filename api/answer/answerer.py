"""Questions -> grounded answers with citations (CONTRACT.md `Answer`).

Classify the question, retrieve, then answer from records where a record matches (task
units and roles, deadlines, target values) and otherwise from the best sentences of the
hits. Nothing is generated: every statement is a record or a quote, every citation's
quote is the canonical text at its span, and a question the passages do not ground
gets `type: none` with the nearest passages cited.
"""

from __future__ import annotations

import re
from typing import Any

from api.answer import render
from api.answer.classify import QuestionKind, classify
from api.answer.crosslingual import expand_english
from api.answer.grounding import ground, place_names
from api.answer.lexical import overlap, terms
from api.answer.records import (
    match_targets,
    match_tasks,
    number_refs,
    select_deadlines,
    select_units,
    units_in_sentence,
)
from api.answer.tables import column_score, lookup_cell
from api.answer.text import best_sentences
from index.home import Home
from index.passages import header_rows, passage_text
from ingest.errors import BadQueryError
from ingest.models import Citation, Hit, Task

MAX_QUESTION_CHARS = 2000
RETRIEVE_K = 12


def _answer(question: str, kind: QuestionKind, type_: str, text: str, citations: list[Citation],
            confidence: float, **records: Any) -> dict[str, Any]:
    return {
        "question": question, "type": type_, "answer": text,
        "units": [u.to_dict() for u in records.get("units", [])],
        "deadlines": [d.to_dict() for d in records.get("deadlines", [])],
        "targets": [t.to_dict() for t in records.get("targets", [])],
        "citations": [c.to_dict() for c in _dedupe(citations)],
        "confidence": round(confidence, 3),
    }


def _dedupe(citations: list[Citation]) -> list[Citation]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for c in citations:
        key = (c.doc_id, c.start, c.end)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


_HEADERS: dict[str, dict[tuple[str, str], tuple[int, str]]] = {}  # doc_id (a content hash) -> table headers


def _table_headers(home: Home, doc_id: str) -> dict[tuple[str, str], tuple[int, str]]:
    if doc_id not in _HEADERS:
        if len(_HEADERS) > 256:
            _HEADERS.clear()
        _HEADERS[doc_id] = header_rows(home.store.blocks(doc_id), home.store.text(doc_id) or "")
    return _HEADERS[doc_id]


def _passages(hits: list[Hit], home: Home) -> list[str]:
    """What grounding reads: each hit as retrieval read it (heading path, table caption and
    column headers, text), with its document's title."""
    titles = {d["doc_id"]: d["title"] for d in home.store.documents()}
    chunks = home.store.chunks_by_id(h.chunk_id for h in hits)
    out = []
    for h in hits:
        chunk = chunks.get(h.chunk_id)
        body = passage_text(chunk, _table_headers(home, h.doc_id)) if chunk else h.text
        out.append(f"{titles.get(h.doc_id, '')}\n{body}")
    return out


def answer_question(home: Home, question: str) -> dict[str, Any]:
    """Answer `question` from the home's documents (see the module docstring)."""
    question = " ".join(question.split())
    if not question:
        raise BadQueryError("the question is empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise BadQueryError(f"the question is longer than {MAX_QUESTION_CHARS} characters")
    kind = classify(question)
    query = question
    if kind.lang == "en":
        query = f"{question} {expand_english(question, home.store)}".strip()
    hits = home.search(query, k=RETRIEVE_K)
    if not hits:
        return _none(question, kind, [])
    grounding = ground(question, _passages(hits, home))
    if not grounding.grounded:
        return _none(question, kind, hits)
    result = None
    # records are matched on the expanded query (Chinese names and terms for English questions)
    if kind.type in ("responsibility", "deadline"):
        result = _from_tasks(home, query, kind, hits)
    elif kind.type == "target":
        result = _from_targets(home, query, kind, hits)
    if result is None:
        result = _from_sentences(question, kind, hits, home)
    result["question"] = question
    result["confidence"] = round(min(1.0, result["confidence"] * (0.5 + 0.5 * grounding.coverage)), 3)
    return result


def _none(question: str, kind: QuestionKind, hits: list[Hit]) -> dict[str, Any]:
    text = render.NONE_ZH if kind.lang == "zh" else render.NONE_EN
    return _answer(question, kind, "none", text, [h.citation() for h in hits[:3]], 0.0)


def _from_tasks(home: Home, question: str, kind: QuestionKind, hits: list[Hit]) -> dict[str, Any] | None:
    tasks = match_tasks(home.store, question, hits, wants_list=kind.wants_list, places=place_names(question))
    if not tasks or not (kind.wants_list or _tasks_fit(question, tasks, hits)):
        return None
    units = {t.task_id: select_units(question, t) for t in tasks}
    deadlines = {t.task_id: select_deadlines(question, t) for t in tasks}
    if kind.type == "responsibility":
        text = render.responsibility_answer(tasks, units, kind.lang)
        if kind.wants_list and any(deadlines.values()):
            text += "\n" + render.deadline_answer(tasks, deadlines, kind.lang)
    else:
        text = render.deadline_answer(tasks, deadlines, kind.lang)
    all_units = [u for t in tasks for u in units[t.task_id]]
    all_deadlines = [d for t in tasks for d in deadlines[t.task_id]]
    return _answer(question, kind, kind.type, text, [t.citation for t in tasks], 0.8,
                   units=all_units, deadlines=all_deadlines)


def _tasks_fit(question: str, tasks: list[Task], hits: list[Hit]) -> bool:
    """False when a sentence outside the matched tasks fits the question clearly better:
    the question is about something the plan says in prose, not about one of its measures."""
    if number_refs(question):
        return True
    q = terms(question, question=True)
    sentence = best_sentences(question, hits, limit=1)
    if not sentence:
        return True
    s = sentence[0]
    inside = any(s.doc_id == t.doc_id and t.citation.start <= s.start < t.citation.end for t in tasks)
    return inside or overlap(q, s.quote) <= max(overlap(q, t.text) for t in tasks) + 0.15


def _from_targets(home: Home, question: str, kind: QuestionKind, hits: list[Hit]) -> dict[str, Any] | None:
    places = place_names(question)
    targets = match_targets(home.store, question, hits, places=places)
    parts = [p for p in re.split(r"[？?;；]", question) if len(p.strip()) >= 4]
    if len(parts) > 1:  # "一共多少个？其中新建几个？": each part asks for its own value
        for part in parts:
            targets += [t for t in match_targets(home.store, part, hits, places=places, limit=1) if t not in targets]
    cell = lookup_cell(home, question, hits)
    if cell is not None and cell[1] > max((column_score(question, [t.indicator]) for t in targets), default=0.0):
        targets.insert(0, cell[0])  # the question names a column no record covers
    if not targets:
        return None
    values = {round(t.value, 1) for t in targets if t.kind == targets[0].kind and t.year == targets[0].year}
    conflict = len(values) > 1 and len({t.indicator_normalized for t in targets}) == 1
    text = render.target_answer(targets, kind.lang, conflict)
    return _answer(question, kind, "target", text, [t.citation for t in targets], 0.75, targets=targets)


def _from_sentences(question: str, kind: QuestionKind, hits: list[Hit], home: Home) -> dict[str, Any]:
    """The best sentences, cited; a "who" question also gets the units those sentences name."""
    cites = best_sentences(question, hits, prefer_numbers=kind.type == "target")
    if not cites:
        return _none(question, kind, hits)
    sep = "" if kind.lang == "zh" else " "
    text = sep.join(c.quote for c in cites[:2])
    if kind.lang == "en" and any("\u4e00" <= ch <= "\u9fff" for ch in text):
        text = "The documents say (quoted as written): " + text
    units = units_in_sentence(home.store, question, cites[0]) if kind.type == "responsibility" else []
    return _answer(question, kind, "responsibility" if units else "fact", text, cites, 0.6, units=units)
