"""Questions -> grounded answers with citations (CONTRACT.md `Answer`).

Read the question once (`query.parse_question`), retrieve - only in the documents it names
when it names some - and check that the passages ground it; then draft an answer from task
records, target records or a table cell where one fits, else from the best sentences
(`draft`); check that the evidence states every detail the question pins down (`pinned`),
and answer `none` with the nearest passages and what differs when one is missing; last,
say how sure the answer is (`confidence`). Nothing is generated: every statement is a
record or a quote, and every citation's quote is the canonical text at its span.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from api.answer import render
from api.answer.classify import asks_date, asks_figure
from api.answer.confidence import confidence
from api.answer.draft import (
    Context,
    Draft,
    from_document,
    from_sentences,
    from_targets,
    from_tasks,
    outline_row,
    sentence_deadlines,
)
from api.answer.grounding import ground
from api.answer.items import missing_item, other_coded_item
from api.answer.lexical import overlap, terms
from api.answer.pinned import Difference, check, names_a_document, states_a_date, title_known
from api.answer.query import Query, parse_question
from api.answer.targets import wants_places
from index.backend import SearchFilters
from index.home import Home
from index.named import document_weights, title_place
from index.passages import chunk_leads, document_lines, header_rows, passage_text
from ingest.errors import BadQueryError
from ingest.models import Citation, Deadline, Hit

MAX_QUESTION_CHARS = 2000
RETRIEVE_K = 12


def _dedupe(citations: list[Citation]) -> list[Citation]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for c in citations:
        key = (c.doc_id, c.start, c.end)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _citation_dicts(citations: list[Citation], titles: dict[str, str]) -> list[dict[str, Any]]:
    """Citations as the contract writes them, with the document's title beside its file name."""
    return [{**c.to_dict(), "title": titles.get(c.doc_id) or c.source} for c in _dedupe(citations)]


def _result(q: Query, type_: str, text: str, citations: list[Citation], conf: float, titles: dict[str, str],
            **records: Any) -> dict[str, Any]:
    return {
        "question": q.asked or q.text, "type": type_, "answer": text,
        "units": [u.to_dict() for u in records.get("units", [])],
        "deadlines": [d.to_dict() for d in records.get("deadlines", [])],
        "targets": [{**t.to_dict(), "title": titles.get(t.doc_id) or t.source} for t in records.get("targets", [])],
        "citations": _citation_dicts(citations, titles),
        "confidence": round(conf, 3),
    }


def _none(q: Query, hits: list[Hit], titles: dict[str, str], why: str = "",
          near: list[Citation] | None = None) -> dict[str, Any]:
    text = render.NONE_ZH if q.lang == "zh" else render.NONE_EN
    if why:
        text = f"{why}{'' if q.lang == 'zh' else ' '}{text}"
    cites = (near or []) + [h.citation() for h in hits[:3]]
    return _result(q, "none", text, cites[:4], 0.0, titles)


def _passages(home: Home, hits: list[Hit], lines: dict[str, str]) -> dict[str, str]:
    """Each hit as retrieval read it (document line, heading path, table headers, the English lines
    it continues, text), by chunk id."""
    chunks = home.store.chunks_by_id(h.chunk_id for h in hits)
    headers: dict[str, dict[tuple[str, str], tuple[int, str]]] = {}
    english = {d["doc_id"] for d in home.store.documents() if d["lang"] == "en"}
    leads = chunk_leads(home.store, [chunks[h.chunk_id] for h in hits if h.chunk_id in chunks], english)
    out = {}
    for h in hits:
        chunk = chunks.get(h.chunk_id)
        if chunk is None:
            out[h.chunk_id] = f"{lines.get(h.doc_id, '')}\n{h.text}"
            continue
        if chunk.table and h.doc_id not in headers:
            headers[h.doc_id] = header_rows(home.store.blocks(h.doc_id), home.store.text(h.doc_id) or "")
        out[h.chunk_id] = passage_text(chunk, headers.get(h.doc_id), lines.get(h.doc_id, ""),
                                         *leads.get(h.chunk_id, ("", "")))
    return out


def named_documents(q: Query, lines: dict[str, str]) -> list[str]:
    """The documents the question names by title or by their place, when it names some."""
    ids = list(lines)
    weights = document_weights(set(terms(q.matching_text)), [set(terms(lines[d])) for d in ids],
                               [set(terms(title_place(lines[d]))) for d in ids])
    return [d for d, w in zip(ids, weights, strict=True) if w >= 0.99]


def _retrieve(home: Home, q: Query, lines: dict[str, str]) -> tuple[list[Hit], list[str]]:
    """Hits, and the documents answers may come from: those named, else those retrieved."""
    named = named_documents(q, lines)
    if named and len(named) < len(lines) and not wants_places(q):
        hits = home.search(q.text, k=RETRIEVE_K, filters=SearchFilters(doc_ids=named))
        if hits:
            return hits, named
    hits = home.search(q.text, k=RETRIEVE_K)
    return hits, list(dict.fromkeys(h.doc_id for h in hits))


def answer_question(home: Home, question: str) -> dict[str, Any]:
    """Answer `question` from the home's documents (see the module docstring)."""
    question = " ".join(question.split())
    if not question:
        raise BadQueryError("the question is empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise BadQueryError(f"the question is longer than {MAX_QUESTION_CHARS} characters")
    q = parse_question(question, home.store)
    lines = document_lines(home.store)
    titles = {d["doc_id"]: d["title"] for d in home.store.documents()}
    hits, doc_ids = _retrieve(home, q, lines)
    for title in q.titles:  # a title no document has and no passage found cites ("按照《…办法》" cites one)
        if names_a_document(title) and not title_known(title, list(lines.values())) \
                and not any(title in h.text for h in hits):
            return _none(q, [], titles, Difference("document", title).sentence(q.lang))
    if not hits:
        return _none(q, [], titles)
    chunks = _passages(home, hits, lines)
    grounding = ground(q.text, list(chunks.values()))
    if not grounding.grounded:
        missing = next(iter(grounding.missing), "")
        why = Difference("place", missing).sentence(q.lang) if missing else ""
        return _none(q, hits, titles, why)
    ctx = Context(home, q, hits, doc_ids, lines, chunks, titles)
    draft = _draft(ctx)
    if draft is None:
        return _none(q, hits, titles)
    diff = _difference(home, q, draft, lines)
    if diff is not None and diff.what == "indicator" and draft.source not in ("sentences", "document"):
        fallback = from_sentences(ctx)  # the record is about something else: a sentence may say it
        if fallback is not None and check(q, fallback.evidence, list(lines.values())) is None:
            draft, diff = fallback, None
    if diff is not None:
        given = draft.text if draft.type != "none" else ""
        return _none(q, hits, titles, diff.sentence(q.lang, given[:120]), draft.citations[:2])
    conf = confidence(q, draft, grounding.coverage)
    return _result(q, draft.type, draft.text, draft.citations + _supporting(ctx, draft), conf, titles,
                   **draft.records())


def _difference(home: Home, q: Query, draft: Draft, lines: dict[str, str]) -> Difference | None:
    """The first detail the question pins that the draft's evidence does not state (`pinned.check`), an item of a
    coded list other than the one asked, or a date asked where the evidence gives none."""
    diff = draft.difference or missing_item(home.store, q, draft.citations) or check(q, draft.evidence, list(lines.values())) \
        or other_coded_item(home.store, q, draft.citations)
    if diff is None and q.intent == "deadline" and draft.source == "sentences" and not states_a_date(
            [c.quote for c in draft.citations[:1]]):
        diff = Difference("deadline", "")
    if diff is None and asks_date(q.text) and draft.deadlines and not any(d.date for d in draft.deadlines):
        diff = Difference("deadline", "")  # "By what date …?" of work done "annually": no date is set
    return diff


def _supporting(ctx: Context, draft: Draft) -> list[Citation]:
    """After a record's own span, the sentence that best supports it when that lies elsewhere in
    the same document (the unit note of a measure, the goal sentence a table value repeats)."""
    if draft.source not in ("tasks", "targets", "cell") or len(draft.citations) > 3:
        return []
    sentences = from_sentences(ctx)
    docs = {c.doc_id for c in draft.citations}
    return [c for c in (sentences.citations[:2] if sentences else []) if c.doc_id in docs]


def _draft(ctx: Context) -> Draft | None:
    """The answer's draft; a "how many …, and by when …?" question gets the figure beside the date."""
    draft = _first_draft(ctx)
    if draft is not None and draft.type == "deadline" and draft.deadlines and asks_figure(ctx.q.text):
        return _with_figure(ctx, draft)
    return draft


def _with_figure(ctx: Context, draft: Draft) -> Draft:
    """The dated draft with the goal figure its own cited span states ("approve at least three reactors … by
    July 4, 2026"): the question asks both. A figure stated elsewhere is not added."""
    figures = from_targets(ctx)
    best = figures.targets[0] if figures is not None and figures.targets else None
    if best is None or not any(c.doc_id == best.citation.doc_id and c.start < best.citation.end and best.citation.start < c.end
                               for c in draft.citations):
        return draft
    sep = "；" if ctx.q.lang == "zh" else "; "
    figure = render.target_answer([best], ctx.q.lang, False, ctx.titles)
    return replace(draft, text=f"{draft.text.rstrip('.。')}{sep}{figure}", targets=[best])


def _first_draft(ctx: Context) -> Draft | None:
    """Records first (tasks for who/when, targets for how much), then sentences."""
    draft = from_document(ctx)
    if draft is not None:
        return draft
    if ctx.q.intent == "deadline" and ctx.q.figures and (goal := _goal_of_figure(ctx)) is not None:
        return goal  # "By when … 100 per cent?": the goal stating the figure asked, whatever task matches too
    if ctx.q.intent in ("responsibility", "deadline"):
        draft = from_tasks(ctx)
        if draft is not None and draft.source == "tasks" and draft.difference is None and not _tasks_fit(ctx, draft):
            draft = None
    elif ctx.q.intent == "target":
        draft = from_targets(ctx)
    return draft or from_sentences(ctx)


def _goal_of_figure(ctx: Context) -> Draft | None:
    """"By when must the utilities reach 100 per cent?": the goal that states the figure asked gives its year."""
    draft = from_targets(ctx)
    if draft is None or not draft.targets or (draft.targets[0].value, draft.targets[0].unit) not in ctx.q.figures \
            or not draft.targets[0].year:
        return None
    best = draft.targets[0]
    stated = [d for d in sentence_deadlines(best.citation.quote) if d.date and d.date.startswith(str(best.year))]
    deadlines = stated[:1] or [Deadline(text=str(best.year), date=f"{best.year}-12-31", kind="by")]
    text = f"{deadlines[0].text}: {render.target_answer([best], ctx.q.lang, False, ctx.titles)}"
    return replace(draft, type="deadline", text=text,
                   targets=[best], citations=[best.citation], deadlines=deadlines)


def _tasks_fit(ctx: Context, draft: Draft) -> bool:
    """False when a sentence outside the matched tasks fits the question clearly better: the
    question is about something the plan says in prose, not about one of its measures."""
    if ctx.q.numbers or len(draft.citations) > 1:
        return True
    sentences = from_sentences(ctx)
    if sentences is None:
        return True
    s = sentences.citations[0]
    inside = any(s.doc_id == c.doc_id and (c.start <= s.start < c.end or outline_row(ctx, c, s)) for c in draft.citations)
    task_text = draft.evidence.texts[0] if draft.evidence.texts else ""
    task_fit = overlap(set(ctx.q.terms_for(task_text, ctx.lines.get(s.doc_id, ""))), task_text)
    return inside or sentences.fit <= task_fit + 0.15
