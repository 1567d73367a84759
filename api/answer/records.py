"""Find the records a question is about: tasks (units, roles, deadlines) and targets (values).

Retrieval ranks chunks; a record is a candidate when its cited span overlaps a retrieved
chunk, and it is scored by that chunk's rank and by how much of the question's wording
it shares. A unit named in the question ("水土局牵头的任务有哪些") selects that unit's tasks.
"""

from __future__ import annotations

import re

from api.answer.lexical import overlap, terms, title_precision
from index.store import Store
from ingest.models import Citation, Deadline, Hit, Target, Task, Unit
from ingest.recognise.periods import five_year_periods
from ingest.recognise.places import place_core
from ingest.recognise.unit_names import normalize_names
from ingest.recognise.units import looks_like_unit

MIN_TASK_SCORE = 0.5
MAX_LIST = 30
# role phrases that narrow "who" to part of a task's units when the question uses them
_SPECIFIC_ROLES = ("组织协调", "技术牵头", "承担", "配合", "协助", "协调")
_LEAD_WORDS = re.compile(r"牵头|负责|主责|lead|responsib", re.IGNORECASE)
_PARTICIPANT_ONLY = re.compile(r"(?:哪些|谁)(?:单位|部门)?(?:参与|配合|协助)|who (?:participates|assists|supports)",
                               re.IGNORECASE)
_KIND_CUES = {"baseline": re.compile(r"现状|基准|baseline|current", re.I),
              "achieved": re.compile(r"实际完成|完成情况|实现|achieved|actual", re.I),
              "target": re.compile(r"目标|规划目标|到20\d\d|target|aim|plan", re.I)}


_NUMBER_REF = re.compile(r"(?:\bNo\.?|\bnumber|\bmeasure|\bitem|\btask|第)\s*(\d{1,3})(?!\d)\s*(?:项|条|号)?", re.I)
_INLINE = re.compile(r"由([^,，;；。、由]{2,24}?)(?:具体)?(?:负责|落实|牵头|承担|组织实施|实施|办理)")


def number_refs(question: str) -> set[str]:
    """Item numbers the question points at: "measure (No. 28)", "第28项"."""
    return {m.group(1) for m in _NUMBER_REF.finditer(question)}


def docs_mentioning(store: Store, doc_ids: list[str], places: list[str]) -> list[str]:
    """The documents whose title or text names every place of the question (by its core name)."""
    if not places:
        return doc_ids
    cores = [place_core(p) or p for p in places]
    keep = []
    for doc_id in doc_ids:
        info = store.document_info(doc_id)
        hay = f"{info['title'] if info else ''}\n{store.text(doc_id) or ''}"
        if all(c in hay for c in cores):
            keep.append(doc_id)
    return keep


def inline_assignment(question: str, task: Task) -> list[Unit]:
    """A unit the task's own wording assigns to the asked action ("…建设,由县水保中心落实基地建设")."""
    q = terms(question, question=True)
    best: tuple[float, str] | None = None
    for sentence in re.split(r"[。；;]", task.text):
        for m in _INLINE.finditer(sentence):
            name = m.group(1)
            score = overlap(q, sentence)
            if looks_like_unit(name) and score >= 0.5 and (best is None or score > best[0]):
                best = (score, name)
    if best is None:
        return []
    name = best[1]
    normalized = normalize_names([[name], [u.name for u in task.units]]).get(name, name)
    return [Unit(name=name, normalized=normalized, role="lead")]


def _docs_of(hits: list[Hit]) -> list[str]:
    seen: list[str] = []
    for h in hits:
        if h.doc_id not in seen:
            seen.append(h.doc_id)
    return seen


def _rank_bonus(hits: list[Hit], doc_id: str, start: int, end: int) -> float:
    """1 for the top hit, falling linearly to 0 past the last: retrieval ranks are a soft prior,
    and neighbouring ranks should not outweigh what the record itself says."""
    for rank, h in enumerate(hits):
        if h.doc_id == doc_id and h.chunk_start < end and start < h.chunk_end:
            return 1.0 - rank / len(hits)
    return 0.0


def units_named_in(question: str, tasks: list[Task]) -> set[str]:
    """Normalised names of the units the question names (as written or normalised, longest first)."""
    names = {n: u.normalized or u.name for t in tasks for u in t.units for n in (u.name, u.normalized) if n}
    found: set[str] = set()
    taken = question
    for name in sorted(names, key=len, reverse=True):
        if len(name) >= 2 and name in taken:
            found.add(names[name])
            taken = taken.replace(name, " ")
    return found


def match_tasks(store: Store, question: str, hits: list[Hit], wants_list: bool,
                places: list[str]) -> list[Task]:
    """The task(s) the question is about, best first; empty when none is close enough."""
    tasks = [t for doc_id in docs_mentioning(store, _docs_of(hits), places) for t in store.tasks(doc_id)]
    refs = number_refs(question)
    if refs:
        numbered = [t for t in tasks if t.number.strip(".、．)） (（") in refs]
        if not numbered:  # the measure named by number may sit in a document retrieval missed
            numbered = [t for t in store.tasks() if t.number.strip(".、．)） (（") in refs]
        tasks = numbered or tasks
    if not tasks:
        return []
    named = units_named_in(question, tasks)
    if named and wants_list:
        lead_only = bool(_LEAD_WORDS.search(question))
        picked = [t for t in tasks if any((u.normalized or u.name) in named and
                                          (not lead_only or u.role != "participant") for u in t.units)]
        if picked:
            return picked[:MAX_LIST]
    q = terms(question, question=True)
    scored = []
    for t in tasks:
        c = t.citation
        score = (overlap(q, t.text) + 0.5 * title_precision(q, t.title)
                 + 0.5 * _rank_bonus(hits, c.doc_id, c.start, c.end))
        if named and any((u.normalized or u.name) in named for u in t.units):
            score += 0.2
        scored.append((score, t))
    scored.sort(key=lambda x: -x[0])
    best = scored[0][0]
    if best < MIN_TASK_SCORE and not refs:
        return []
    if wants_list:
        return [t for s, t in scored if s >= 0.8 * best][:MAX_LIST]
    return [scored[0][1]]


def role_phrase(text: str, unit: Unit) -> str:
    """The role words written after a unit's list in the task text ("组织协调", "参与", …)."""
    pos = text.find(unit.name)
    if pos < 0:
        return ""
    m = re.match(r"[^,，;；。()（）\[\]]*", text[pos:])
    clause = m.group(0) if m else ""
    for phrase in (*_SPECIFIC_ROLES, "按职责分工负责", "负责", "牵头", "参与"):
        if phrase in clause:
            return phrase
    return ""


def select_units(question: str, task: Task) -> list[Unit]:
    """All the task's units, unless the question asks about one specific role the task uses,
    or about an action the task's wording assigns to one unit."""
    inline = inline_assignment(question, task)
    if inline:
        return inline
    asked = [p for p in _SPECIFIC_ROLES if p in question and p in task.text]
    if asked:
        chosen = [u for u in task.units if role_phrase(task.text, u) in asked]
        if chosen:
            return chosen
    if _PARTICIPANT_ONLY.search(question) and not _LEAD_WORDS.search(question):
        chosen = [u for u in task.units if u.role == "participant"]
        if chosen:
            return chosen
    return list(task.units)


def select_deadlines(question: str, task: Task) -> list[Deadline]:
    """The task's deadlines, the one whose deliverable the question names first."""
    q = terms(question, question=True)
    return sorted(task.deadlines, key=lambda d: -overlap(q, d.what or ""))


def _scope_core(scope: str) -> str:
    return place_core(scope or "")


_CAPTION_REF = re.compile(r"(附表|专栏|表)\s*(\d+)")


def question_years(question: str) -> set[int]:
    """Years a question names: 4-digit years, and five-year-plan periods by their last year (十四五 -> 2025)."""
    years = {int(y) for y in re.findall(r"(?<!\d)(20\d\d|19\d\d)(?!\d)", question)}
    years.update(end for _, end in five_year_periods(question))
    return years


def caption_refs(question: str) -> list[str]:
    """Tables and boxes a question names ("专栏1", "附表2"), spaces removed."""
    return [f"{a}{n}" for a, n in _CAPTION_REF.findall(question)]


def _caption_of(t: Target) -> str:
    return re.sub(r"\s+", "", t.table or "")


def _target_score(question: str, q: set[str], t: Target, hits: list[Hit]) -> float:
    c = t.citation
    score = overlap(q, f"{t.indicator} {t.scope} {t.table or ''} {c.quote}") + 0.5 * title_precision(q, t.indicator)
    score += 0.5 * _rank_bonus(hits, c.doc_id, c.start, c.end)
    for scope in (t.scope, t.scope_normalized):
        core = _scope_core(scope)
        if len(core) >= 2 and core in question:
            score += 0.6
            break
    years = question_years(question)
    if t.year and years:
        score += 0.3 if t.year in years else -0.2
    for ref in caption_refs(question):
        if _caption_of(t).startswith(ref):
            score += 0.4
    for kind, cue in _KIND_CUES.items():
        if cue.search(question):
            score += 0.3 if t.kind == kind else -0.1
    return score


def match_targets(store: Store, question: str, hits: list[Hit], places: list[str], limit: int = 4) -> list[Target]:
    """Target records for the question's indicator, scope and year, best first."""
    targets = [t for doc_id in docs_mentioning(store, _docs_of(hits), places) for t in store.targets(doc_id)]
    if not targets:
        return []
    q = terms(question, question=True)
    scored = sorted(((_target_score(question, q, t, hits), t) for t in targets), key=lambda x: -x[0])
    best = scored[0][0]
    if best < 0.5:
        return []
    out: list[Target] = []
    for ref in caption_refs(question):  # "专栏1和附表2分别…": the best value of each named table
        of_table = [t for _, t in scored if _caption_of(t).startswith(ref)]
        if of_table and of_table[0] not in out:
            out.append(of_table[0])
    for s, t in scored:
        if s < 0.8 * best or len(out) >= limit:
            break
        if not any(o.value == t.value and o.citation.start == t.citation.start for o in out):
            out.append(t)
    return out


_UNIT_IN_TEXT = re.compile(r"(?:各|[省市县区州乡镇])[\u4e00-\u9fff]{1,10}?(?:人民政府|政府|委员会|局|委|办公室|办|中心|厅|站|院|所|公司|集团)")


def units_in_sentence(store: Store, question: str, cite: Citation) -> list[Unit]:
    """Units a cited sentence names: the document's known unit names, else unit-shaped names."""
    known = {n: u.normalized or u.name for t in store.tasks(cite.doc_id) for u in t.units for n in (u.name, u.normalized)}
    found: list[Unit] = []
    rest = cite.quote
    for name in sorted(known, key=len, reverse=True):
        if len(name) >= 2 and name in rest and name not in question:
            found.append(Unit(name=name, normalized=known[name], role="responsible"))
            rest = rest.replace(name, " ")
    if not found:
        for m in _UNIT_IN_TEXT.finditer(rest):
            if m.group(0) not in question and looks_like_unit(m.group(0)):
                found.append(Unit(name=m.group(0), normalized=m.group(0), role="responsible"))
    return found[:8]
