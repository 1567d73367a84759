"""Drafts: the answer each source gives (task records, target records, a table cell, sentences),
with the evidence it rests on, before the near-miss check and the confidence decide on it.

Each builder returns a `Draft` or None when its source has nothing that fits. Nothing is
generated: the text is rendered from records (`render`) or is the cited sentences themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from api.answer import render
from api.answer.actors import ASKED_SUBJECT, chinese_units, duty_subjects, english_actors
from api.answer.classify import asks_deadline, asks_period
from api.answer.lexical import overlap
from api.answer.pinned import Difference, Evidence
from api.answer.query import Query
from api.answer.readings import numbers_in_words, relative_deadlines
from api.answer.tables import column_score, lookup_cell
from api.answer.targets import clause_around, match_targets, place_table, wants_places
from api.answer.tasks import TaskMatch, match_tasks
from api.answer.text import best_sentences, same_table
from index.home import Home
from ingest.models import Citation, Deadline, Hit, Target, Unit
from ingest.recognise.deadlines import counts_from_document, find_dates

HEAD_CHARS = 600
CLOSE_FIT = 0.5  # a dated sentence elsewhere in the task's document sharing this much of the question answers it


@dataclass
class Draft:
    type: str
    text: str
    citations: list[Citation]
    evidence: Evidence
    source: str  # tasks | targets | cell | sentences
    fit: float = 0.0  # how well the source matched the question (lexical, 0..~2)
    units: list[Unit] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    difference: Difference | None = None

    def records(self) -> dict[str, Any]:
        return {"units": self.units, "deadlines": self.deadlines, "targets": self.targets}


@dataclass
class Context:
    """What every builder reads: the home, the question, the hits and the documents in scope."""

    home: Home
    q: Query
    hits: list[Hit]
    doc_ids: list[str]
    lines: dict[str, str]  # doc_id -> document line
    chunks: dict[str, str]  # chunk_id -> passage text (document line, context, headers, text)
    titles: dict[str, str]  # doc_id -> title

    def chunk_texts(self, citations: list[Citation]) -> list[str]:
        """The passages the cited spans lie in."""
        return [self.chunks.get(h.chunk_id, h.text) for h in self.hits for c in citations
                if h.doc_id == c.doc_id and h.chunk_start <= c.start < h.chunk_end]

    def doc_lines(self, doc_ids: list[str]) -> list[str]:
        return [self.lines.get(d, "") for d in dict.fromkeys(doc_ids)]

    def heads(self, doc_ids: list[str]) -> list[str]:
        """The opening of each document (title block, dates): where a document's own year is stated."""
        return [(self.home.store.text(d) or "")[:HEAD_CHARS] for d in dict.fromkeys(doc_ids)]


def from_tasks(ctx: Context) -> Draft | None:
    """Units and roles, or deadlines, of the task(s) the question is about."""
    q = ctx.q
    match = match_tasks(ctx.home.store, q, ctx.hits, ctx.doc_ids, ctx.lines)
    if match is None:
        return None
    if match.missing_unit:
        return Draft("none", "", [], Evidence([], []), "tasks", difference=Difference("unit", match.missing_unit))
    tasks = match.tasks
    cites = [t.citation for t in tasks]
    ev = Evidence(texts=[t.text for t in tasks] + [t.section for t in tasks],
                  lines=ctx.doc_lines([t.doc_id for t in tasks]), context=ctx.chunk_texts(cites),
                  heads=ctx.heads([t.doc_id for t in tasks]),
                  tables=[t.section for t in tasks] + ctx.chunk_texts(cites))
    if q.intent == "responsibility" and not match.by_unit and not _units_from_sentences(q, match):
        return None  # nobody named in the task or a persons note: the best sentence may name who (sentence path)
    if match.missing_role:
        return Draft("none", "", cites, ev, "tasks", difference=Difference("role", match.missing_role))
    listing = match.by_unit is not None or q.kind.wants_list
    deadlines = _deadlines_asked(q, match, listing)
    if q.intent == "deadline" and not listing and _asks_a_period_not_given(q, deadlines):
        return None  # "多长时间内公开？" asks a period ("作出之日起7个工作日内"), not the measure's date: its sentence says
    if q.intent == "deadline" and not deadlines and not listing:
        return _undated(ctx, match, ev)
    asked = ASKED_SUBJECT.search(q.text) if q.lang == "en" else None
    if asked:  # "what must the Secretary of X do": X is who acts
        named = [u for t in tasks for u in match.units[t.task_id] if u.name.lower() in asked.group(1).lower()
                 or asked.group(1).lower().endswith(u.name.lower().removeprefix("the "))]
        for t in tasks:
            match.units[t.task_id] = [u for u in match.units[t.task_id] if u in named] or match.units[t.task_id]
    units = [u for t in tasks for u in match.units[t.task_id]]
    if q.intent == "responsibility" or match.by_unit:
        text = render.responsibility_answer(tasks, match.units, q.lang)
        if deadlines and (listing or asks_deadline(q.text)):  # "由谁牵头，什么时候完成？" asks both
            text += "\n" + render.deadline_answer(tasks, match.deadlines, q.lang)
        type_ = "responsibility"
    else:
        text = render.deadline_answer(tasks, match.deadlines, q.lang)
        if counted := _counted_from(ctx, tasks, deadlines):
            text = text.rstrip(".。") + counted + ("。" if q.lang == "zh" else ".")
        type_ = "deadline"
    return Draft(type_, text, cites, ev, "tasks", fit=match.score, units=units, deadlines=deadlines)


def _counted_from(ctx: Context, tasks: list[Any], deadlines: list[Deadline]) -> str:
    """The document's date a relative limit counts from, said once ("" when no limit counts from it or the
    document has no date): the reader sees where "within 1 year of the date of this order" starts."""
    if not any(d.date and counts_from_document(d.text) for d in deadlines):
        return ""
    info = ctx.home.store.document_info(tasks[0].doc_id)
    start = info["meta"].date if info else None
    if not start or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", start):
        return ""
    if ctx.q.lang == "zh":
        return f"（自文件日期{start}起算）"
    return f" (counted from the document's date, {render.date_en(start)})"


# a period stated ("7个工作日内", "within 30 days")
_PERIOD_STATED = re.compile(r"[\d一二三四五六七八九十]+\s*(?:个)?(?:工作)?(?:日|天|周|个月|月|年)(?:内|以内)|"
                            r"\bwithin\s+\S+\s+(?:\(\d+\)\s+)?(?:calendar\s+|business\s+|working\s+)?"
                            r"(?:days?|weeks?|months?|years?)\b", re.I)


def _undated(ctx: Context, match: TaskMatch, ev: Evidence) -> Draft | None:
    """"By when …?" of measures that state no deadline: the time another section sets for them, a dated sentence
    in (or citing) them (None: the sentence path answers), or none."""
    q, tasks = ctx.q, match.tasks
    cites = [t.citation for t in tasks]
    citing = _dating_tasks(ctx, tasks)
    if citing:  # "With respect to the rulemakings described in section 2, … no later than March 2031"
        phrases = "; ".join(render.deadline_phrase(d, q.lang) for t in citing for d in t.deadlines)
        setters = ", ".join(render.task_label(t, q.lang) for t in citing)
        text = f"{render.upper_first(render.task_label(tasks[0], q.lang))}: {phrases} (set in {setters})."
        return Draft("deadline", text, [t.citation for t in citing] + cites, ev, "tasks", fit=match.score,
                     units=[u for t in tasks for u in match.units[t.task_id]],
                     deadlines=[d for t in citing for d in t.deadlines])
    if _dated_sentence_inside(ctx, cites, [t.number for t in tasks]):
        return None  # the task states no deadline field, but a dated sentence in it (or citing it) answers
    return Draft("none", "", cites, ev, "tasks", fit=match.score, difference=Difference("deadline", ""))


def _asks_a_period_not_given(q: Query, deadlines: list[Deadline]) -> bool:
    """The question asks how long a time is allowed, and the matched deadlines are dates, no period."""
    return asks_period(q.text) and bool(deadlines) and not any(_PERIOD_STATED.search(d.text) for d in deadlines)


def _units_from_sentences(q: Query, match: TaskMatch) -> bool:
    """A task without a unit note: who does it is read from its sentences ("省财政厅要会同…", "审计厅负责…"). False when
    no matched task names anyone, by a note, a sentence's subject or a persons note ("牵头责任人:…")."""
    for t in match.tasks:
        if not t.units and not match.units.get(t.task_id) and (named := duty_subjects(t.text, q.text)):
            match.units[t.task_id], match.missing_role = named, None
    return any(t.units or match.units.get(t.task_id) or render.PERSONS_NOTE.search(t.text) for t in match.tasks)


def _deadlines_asked(q: Query, match: TaskMatch, listing: bool) -> list[Deadline]:
    """The matched tasks' deadlines, each task's narrowed to the limit the question asks about."""
    if q.intent == "deadline" and not listing:
        for t in match.tasks:
            match.deadlines[t.task_id] = _deadline_asked(q, t.text, match.deadlines[t.task_id])
    return [d for t in match.tasks for d in match.deadlines[t.task_id]]


def _deadline_asked(q: Query, text: str, deadlines: list[Deadline]) -> list[Deadline]:
    """A task's several dated limits, each with what it governs, the one whose words the question asks about first
    ("6月底前完成…普查，12月底前全面完成河道范围划定": asked about the 河道, 12月底前 leads)."""
    dated = [d for d in deadlines if d.date]
    spans = [text.find(d.text) for d in dated]
    if len(dated) < 2 or min(spans) < 0:
        return deadlines
    scored = []
    for d, at in zip(dated, spans, strict=True):
        stop = re.search(r"[。；;]", text[at:])
        end = min([s for s in spans if s > at] + [at + stop.start() if stop else len(text)])
        clause = text[at:end]
        governs = clause[len(d.text):].strip(" ，,") or d.what
        scored.append((overlap(set(q.terms_for(clause)), clause), replace(d, what=governs)))
    best = max(score for score, _ in scored)
    if best <= 0 or sorted((s for s, _ in scored), reverse=True)[1] + 0.2 > best:
        return deadlines
    lead = next(d for s, d in scored if s == best)
    return [lead] + [d for _, d in scored if d is not lead] + [d for d in deadlines if not d.date]


def _target_evidence(ctx: Context, targets: list[Target]) -> Evidence:
    if ctx.q.tables:  # a table named: what that table's records state
        named = [t for t in targets if any(ref in re.sub(r"\s+", "", t.table or "") for ref in ctx.q.tables)]
        targets = named or targets
    if not (ctx.q.kind.wants_list or ctx.q.parts or wants_places(ctx.q)):
        targets = targets[:1]  # one value asked: the best record must state it by itself
    cites = [t.citation for t in targets]
    # with the clause the figure is written in ("小微创业者…购买词元时，…抵扣比例不高于80%"): what the value is of
    texts = [f"{t.indicator} {t.scope} {t.table or ''} {t.value:g}{t.unit or ''} {t.citation.quote} "
             f"{clause_around(ctx.home.store.text(t.doc_id) or '', t.citation.start, t.citation.end)}" for t in targets]
    chunk = ctx.chunk_texts(cites)
    years = {t.year for t in targets if t.year} | {y for t in targets if not t.year for y in _title_year(ctx, t.doc_id)}
    return Evidence(texts=texts, lines=ctx.doc_lines([t.doc_id for t in targets]), context=chunk,
                    heads=ctx.heads([t.doc_id for t in targets]), years=years,
                    tables=[t.table or "" for t in targets] + chunk)


def _title_year(ctx: Context, doc_id: str) -> set[int]:
    """The one year a document's title names ("2024年重点工作任务落实清单"): the year of its undated figures."""
    years = {int(y) for y in re.findall(r"(?:19|20)\d{2}", ctx.lines.get(doc_id, "").split(" · ")[0])}
    return years if len(years) == 1 else set()


def _as_column(t: Target) -> str:
    """A record named as a table column would name it: its indicator and its year ("绿道2026年")."""
    return f"{t.indicator}{t.year}年" if t.year else t.indicator


def from_targets(ctx: Context) -> Draft | None:
    """The values of the indicator, place, year and table asked (a table of places when asked)."""
    q = ctx.q
    scored = match_targets(ctx.home.store, q, ctx.hits, ctx.doc_ids, ctx.lines)
    for part in q.parts:  # "一共多少个？其中新建几个？": each part asks for its own value
        sub = Query(**{**q.__dict__, "text": part, "parts": ()})
        scored += [x for x in match_targets(ctx.home.store, sub, ctx.hits, ctx.doc_ids, ctx.lines, limit=1)
                   if x[1] not in [t for _, t in scored]]
    targets = [t for _, t in scored]
    cell = lookup_cell(ctx.home, q.matching_text, ctx.hits)
    if cell is not None and cell[1] > max((column_score(q.matching_text, [_as_column(t)]) for t in targets), default=0.0):
        targets.insert(0, cell[0])  # the question names a column no record covers
    if not targets:
        return None
    if wants_places(q) and targets[0] is not (cell[0] if cell else None):
        targets = place_table(ctx.home.store, q, targets[0], ctx.doc_ids) or targets
    values = {round(t.value, 1) for t in targets if t.kind == targets[0].kind and t.year == targets[0].year}
    conflict = len(values) > 1 and len({t.indicator_normalized for t in targets}) == 1 and not wants_places(q)
    if conflict and not q.kind.wants_list and len({t.doc_id for t in targets}) == 1 and not any(t.table for t in targets):
        # one text's values of one indicator in prose ("全市新增5G基站2000个；重点园区…新增5G基站500个") are different things'
        # values, not two sources (two plans, two tables of one plan) disagreeing: the one whose clause is asked
        targets, conflict = targets[:1], False
    text = render.target_answer(targets, q.lang, conflict, ctx.titles)
    fit = scored[0][0] if scored else (cell[1] if cell else 0.0)
    source = "cell" if cell is not None and targets[0] is cell[0] else "targets"
    return Draft("target", text, [t.citation for t in targets], _target_evidence(ctx, targets), source,
                 fit=fit, targets=targets)


def from_sentences(ctx: Context) -> Draft | None:
    """The best sentences, cited; a "who" question also gets the units they name, a "when"
    question the dates they state."""
    q = ctx.q
    cites = best_sentences(q, ctx.hits, prefer_numbers=q.intent == "target", lines=ctx.lines,
                           prefer_deadlines=q.intent == "deadline")
    if not cites:
        return None
    cites = cites[:1] + [c for c in cites[1:] if c.doc_id == cites[0].doc_id]  # one document's words: a place
    # and a year the question names must both be of it, not one from each of two documents
    sep = "" if q.lang == "zh" else " "
    text = sep.join(c.quote for c in cites[:2])
    if q.lang == "en" and any("\u4e00" <= ch <= "\u9fff" for ch in text):
        text = "The documents say (quoted as written): " + text
    units: list[Unit] = []
    if q.intent == "responsibility":
        cites, units = _with_actors(ctx, cites)
        text = sep.join(c.quote for c in cites[:2])
    deadlines: list[Deadline] = []
    if q.intent == "deadline":
        info = ctx.home.store.document_info(cites[0].doc_id)
        relative = relative_deadlines(cites[0].quote, info["meta"].date if info else None)
        deadlines = relative + sentence_deadlines(cites[0].quote)
        text += "".join(render.relative_note(d, q.lang) for d in relative)
    numbers = [n for c in cites[:2] for n in numbers_in_words(c.quote)]
    if numbers:
        text += " (= " + "; ".join(render.number(n) for n in numbers) + ")"
    ev = Evidence(texts=[c.quote for c in cites[:2]], lines=ctx.doc_lines([c.doc_id for c in cites[:2]]),
                  context=ctx.chunk_texts(cites[:1]), tables=ctx.chunk_texts(cites[:2]),
                  heads=ctx.heads([c.doc_id for c in cites[:2]]))
    fit = overlap(set(q.terms_for(cites[0].quote, ctx.lines.get(cites[0].doc_id, ""))), cites[0].quote)
    type_ = "responsibility" if units else ("deadline" if deadlines else "fact")
    # "who is responsible for …?" answered by sentences that name nobody: the documents do not say who
    # (who issued the document is read from its lines, not from a duty: "这份方案由谁印发")
    nobody = Difference("nobody", "") if q.intent == "responsibility" and not units and not _ISSUER.search(q.text) else None
    return Draft(type_, text, cites, ev, "sentences", fit=fit, units=units, deadlines=deadlines, difference=nobody)


_ISSUER = re.compile(r"印发|发布|发文|出台|签发|\bissu(?:e|ed|es|ing)\b|\bsigned\b|\bpublished\b", re.I)
_DOC_NUMBER = re.compile(r"文号|发文字号|发文号|document number", re.I)


def from_document(ctx: Context) -> Draft | None:
    """What a document says about itself, asked directly: its 文号 (document number), or how long it is in force
    ("有效期多长", "试行多久", "how long is it valid"), cited where its text states it."""
    if _VALIDITY_ASKED.search(ctx.q.text):
        return _validity(ctx)
    if not _DOC_NUMBER.search(ctx.q.text):
        return None
    store = ctx.home.store
    for doc_id in ctx.doc_ids:
        info = store.document_info(doc_id)
        number = info["meta"].doc_number if info else None
        text = store.text(doc_id) or ""
        start = text.find(number) if number else -1
        if info is None or not number or start < 0:
            continue
        cite = Citation(doc_id=doc_id, source=info["source"], section="", page=None, start=start,
                        end=start + len(number), quote=number)
        answer = f"文号为{number}。" if ctx.q.lang == "zh" else f"Its document number is {number}."
        ev = Evidence(texts=[number, ctx.lines.get(doc_id, "")], lines=ctx.doc_lines([doc_id]))
        return Draft("fact", answer, [cite], ev, "document", fit=1.0)
    return None


_VALIDITY_ASKED = re.compile(r"有效期|试行(?:期|多久|多长|几年)|(?:施行|实施|执行)(?:期限|多久|多长时间)|多久有效|有效多久|"
                             r"\bvalid(?:ity)?\b|\bin (?:force|effect) for\b|\bexpire", re.I)
# "本办法自印发之日起施行，有效期五年", "有效期至2028年12月31日", "试行两年", "This policy … remains in effect for five years"
_VALIDITY_STATED = re.compile(r"(?:有效期|试行期)[为是]?(?:至|到)?[^。；;\n]{0,4}?(?:\d{4}年[^。；;，,\n]{0,8}|"
                              r"[一二两三四五六七八九十\d]+个?(?:年|月))|试行[一二两三四五六七八九十\d]+个?(?:年|月)|"
                              r"\b(?:remains?|be|is|are|stays?)\s+(?:valid|in (?:force|effect))\s+(?:for|until)\s+[^.;]{2,40}", re.I)


def _validity(ctx: Context) -> Draft | None:
    """The sentence of the asked document that says how long it is in force, with its figures in digits."""
    from ingest.recognise.number_words import chinese_number

    store = ctx.home.store
    for doc_id in ctx.doc_ids[:3]:
        text = store.text(doc_id) or ""
        m = _VALIDITY_STATED.search(text)
        info = store.document_info(doc_id)
        if m is None or info is None:
            continue
        start = max(text.rfind(stop, 0, m.start()) for stop in "。；;\n") + 1
        ends = [i for i in (text.find(stop, m.end()) for stop in "。；;\n") if i >= 0]
        end = min(ends) + 1 if ends else len(text)
        quote = text[start:end].strip()
        start = text.find(quote, start)
        digits = [f"{n:g}{u}" for w, u in re.findall(r"([一二两三四五六七八九十]+)个?(年|月)", m.group(0))
                  if (n := chinese_number(w)) is not None]
        said = m.group(0) + (f"（{'、'.join(digits)}）" if digits else "")
        answer = f"{said}：{quote}" if ctx.q.lang == "zh" else f"{said}: “{quote}”"
        cite = Citation(doc_id=doc_id, source=info["source"], section="", page=None, start=start,
                        end=start + len(quote), quote=quote)
        ev = Evidence(texts=[quote], lines=ctx.doc_lines([doc_id]), heads=ctx.heads([doc_id]))
        return Draft("deadline", answer, [cite], ev, "document", fit=1.0)
    return None


def _dated_sentence_inside(ctx: Context, cites: list[Citation], numbers: list[str] | None = None) -> bool:
    """Whether the best sentence for the question states a date or a period and lies in the cited task,
    or elsewhere in its document while sharing most of the question's words or citing the task by
    its number ("With respect to the rulemaking described in section 3(a) of this order, … by
    January 2022" for task "Sec. 3(a)")."""
    sentences = from_sentences(ctx)
    if sentences is None:
        return False
    s = sentences.citations[0]
    inside = any(s.doc_id == c.doc_id and (c.start <= s.start < c.end or outline_row(ctx, c, s)) for c in cites)
    same_doc = any(s.doc_id == c.doc_id for c in cites)
    close = same_doc and (sentences.fit >= CLOSE_FIT or _cites_number(s.quote, numbers or []))  # the date set elsewhere
    dated = bool(find_dates(s.quote)) or bool(re.search(r"\d+\s*(?:日|天|个月|年)内|within", s.quote))
    return (inside or close) and dated


def outline_row(ctx: Context, task: Citation, sentence: Citation) -> bool:
    """The sentence is a row of the table outline the task is named in (up to the next task, page breaks allowed)."""
    starts = sorted(t.citation.start for t in ctx.home.store.tasks(task.doc_id) if t.citation.start > task.start)
    text = ctx.home.store.text(task.doc_id) or ""
    return same_table(text, task.start, task.end, sentence.start, starts[0] if starts else len(text))


def _cites_number(sentence: str, numbers: list[str]) -> bool:
    """Whether an English sentence cites one of the outline numbers ("Sec. 3(a)") as "section 3(a)", or the
    section it is part of ("section 3": every subsection of it)."""
    for number in numbers:
        ref = re.sub(r"^(?:Sec\.|Section)\s*", "", number)
        if not ref[:1].isdigit():
            continue
        whole = re.match(r"\d+", ref)
        for cited in {ref, whole.group(0) if whole else ref}:
            if re.search(rf"\b(?:section|sec\.)\s+{re.escape(cited)}(?![\w(.])", sentence, re.I):
                return True
    return False


# a measure that sets the time of work another section describes: "With respect to the rulemaking described in
# section 3(a) of this order, … by January 2022"; not one that merely reports on it ("a report on the actions
# taken under section 2", whose date is the report's)
_SETS_TIME_OF = re.compile(r"^\W*(?:\(\w+\)\s*)?(?:with respect to|for|as to|regarding)\s+(?:the|any|each|all)?\s*"
                           r"(?:other\s+)?[\w\s-]{0,60}?\b(?:described|set out|set forth|referred to|identified|required)"
                           r"\s+(?:in|under|by)\s+(?:section|sec\.)", re.I)


def _dating_tasks(ctx: Context, tasks: list[Any]) -> list[Any]:
    """Dated measures of the same document that set the time of the matched (undated) English measures by citing
    their section: the matched measure's deadline is stated there."""
    numbers = [t.number for t in tasks if t.number]
    if ctx.q.lang != "en" or not numbers:
        return []
    own = {t.task_id for t in tasks}
    docs = {t.doc_id for t in tasks}
    return [o for d in docs for o in ctx.home.store.tasks(d)
            if o.task_id not in own and o.deadlines and _SETS_TIME_OF.search(o.text) and _cites_number(o.text, numbers)]


def _with_actors(ctx: Context, cites: list[Citation]) -> tuple[list[Citation], list[Unit]]:
    """For a who-question: the first of the best sentences that names someone, moved to the front,
    with the units it names."""
    for i, c in enumerate(cites[:3]):
        if c.start < HEAD_LINES_CHARS and _in_title_block(ctx, c):
            continue  # the issuer under the title issued the document; it is not who a measure names
        units = (english_actors(c.quote, ctx.q.text) if not _is_cjk(c.quote)
                 else chinese_units(ctx.home.store, ctx.q.text, c))
        if units:
            return [c, *cites[:i], *cites[i + 1:]], units
    return cites, []


HEAD_LINES_CHARS = 400


def _in_title_block(ctx: Context, c: Citation) -> bool:
    """The citation starts in the document's title block: its lines before the first that is a sentence or a
    numbered part (title, issuer, document number, date)."""
    text = ctx.home.store.text(c.doc_id) or ""
    pos = 0
    for line in text[:HEAD_LINES_CHARS].split("\n"):
        body = line.strip()
        if re.match(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．]|Sec(?:tion|\.)\s)", body) \
                or re.search(r"[。；;:：]$|[.!?]$", body) or len(body) > 60:
            break
        pos += len(line) + 1
    return c.start < pos


def _is_cjk(text: str) -> bool:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text) > len(text) / 4


def sentence_deadlines(sentence: str) -> list[Deadline]:
    """Dates a cited sentence states, as deadlines (its own words as the text)."""
    out = []
    for m in find_dates(sentence):
        if m.date:
            out.append(Deadline(text=sentence[m.start:m.end], date=m.date, kind=m.kind))  # type: ignore[arg-type]
    return out[:3]
