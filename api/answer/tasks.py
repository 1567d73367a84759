"""Answering from task records: which task(s) a question is about, and which of their units and
deadlines it asks for.

Retrieval ranks chunks; a task is a candidate when its cited span overlaps a retrieved chunk,
scored by that chunk's rank and by how much of the question's wording it shares. Two shapes:

- **a task's units** ("X由哪些单位负责", "谁牵头，谁配合"): the best task's units, narrowed to the
  role asked (牵头 -> leads, 配合/参与 -> participants, both -> all with their roles, a role
  phrase such as 组织协调 -> the units it follows), to the unit note that follows the sentence
  the question names when one item carries several notes, or to the unit its wording assigns
  to the asked action ("…由县水保中心落实基地建设"). A role asked that the task does not state
  is recorded (`TaskMatch.missing_role`) so the answer can say so instead of guessing;
- **a unit's tasks** ("水土局牵头的任务有哪些、什么时候完成", "证监会负责哪项任务"): every task
  naming the unit (in the role asked), with its deadlines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from api.answer.actors import LEADER
from api.answer.lexical import overlap, title_precision
from api.answer.named_party import asks_named_party, named_party
from api.answer.query import SPECIFIC_ROLES, Query
from index.store import Store
from ingest.models import Citation, Deadline, Hit, Task, Unit
from ingest.recognise.unit_names import normalize_names
from ingest.recognise.units import looks_like_unit

MIN_TASK_SCORE = 0.5
_CJK = re.compile(r"[\u4e00-\u9fff]")
MAX_LIST = 40
_GENERIC = frozenset(("单位", "部门", "有关部门", "相关部门", "有关单位", "相关单位", "各有关部门"))
_ASKS_TASKS = re.compile(r"(?:哪些|哪项|哪几项|什么|哪个|哪一项)(?:具体)?(?:任务|工作|措施|举措|事项)|任务有哪些|"
                         r"\bwhat (?:must|should|shall|does|do|will)\b.*\b(?:do|doing)\b|"
                         r"\b(?:which|what) (?:tasks|actions|measures)\b", re.I)
_SUBJECT = re.compile(r"(?:^|[，,。:：\s》])([^，,。《》:：\s]{2,24}?)(?:牵头|负责|参与|配合|是)(?:的)?"
                      r"(?:哪项|哪些|哪几项|什么|哪个)")
_INLINE = re.compile(r"由([^,，;；。、由]{2,24}?)(?:具体)?(?:负责|落实|牵头|承担|组织实施|实施|办理)")
_NOTE = re.compile(r"[（(\[［〔【]\s*(?:责任单位|牵头单位|配合单位)?[:：]?([^（）()\[\]［］〔〕【】]{2,200}?)"
                   r"(?:负责|牵头|参与|配合)?\s*[)）\]］〕】]")


@dataclass
class TaskMatch:
    """The tasks a question is about, with the units and deadlines it asks for."""

    tasks: list[Task]
    units: dict[str, list[Unit]] = field(default_factory=dict)
    deadlines: dict[str, list[Deadline]] = field(default_factory=dict)
    by_unit: str | None = None  # the unit whose tasks are listed ("X负责哪项任务")
    score: float = 0.0  # lexical fit of the best task
    missing_role: str | None = None  # a role asked that the task does not state
    missing_unit: str | None = None  # a unit asked about that no task names


def _key(unit: Unit) -> str:
    return unit.normalized or unit.name


def units_named_in(text: str, tasks: list[Task]) -> set[str]:
    """Normalised names of the units `text` names (as written or normalised, longest first)."""
    names = {n: _key(u) for t in tasks for u in t.units for n in (u.name, u.normalized) if n}
    found: set[str] = set()
    taken = text
    for name in sorted(names, key=len, reverse=True):
        if len(name) >= 2 and name in taken:
            found.add(names[name])
            taken = taken.replace(name, " ")
    return found


def asked_subject(q: Query) -> str | None:
    """The unit a "which tasks does X have" question is about, as written ("银保监会负责哪项任务")."""
    m = _SUBJECT.search(q.text)
    if m and (looks_like_unit(m.group(1)) or re.search(r"(?:局|委|办|部|厅|署|会|院|中心|政府)$", m.group(1))):
        return m.group(1)
    return None


def rank_bonus(hits: list[Hit], c: Citation) -> float:
    """1 when the top hit holds the record's citation `c`, falling linearly to 0 past the last
    hit: a soft prior for task and target records alike."""
    for rank, h in enumerate(hits):
        if h.doc_id == c.doc_id and h.chunk_start < c.end and c.start < h.chunk_end:
            return 1.0 - rank / len(hits)
    return 0.0


def _score(q: Query, t: Task, hits: list[Hit], named: set[str], document: str) -> float:
    terms = q.terms_for(t.text, document)
    score = overlap(set(terms), t.text) + 0.5 * title_precision(set(terms), t.title) + 0.5 * rank_bonus(hits, t.citation)
    if named and any(_key(u) in named for u in t.units):
        score += 0.2
    if q.lang == "en" and _WHO_DOES.search(q.text) and _object_of_question(q.text, t):
        score *= 0.3  # "Who sets up the team that …?": the team's own task does not answer who sets it up
    return score


# the wh-word is the subject ("who sets up …", "which official establishes …", "who must …"), not the object
# ("which officials does the Secretary coordinate with": the Secretary is the one asked about)
_WHO_DOES = re.compile(r"\b(?:who|which\s+\w+)\s+(?!is\b|are\b|was\b|were\b|does\b|do\b|did\b)\w+", re.I)


def _object_of_question(question: str, t: Task) -> bool:
    """Whether every lead of an English task is named after the question's verb ("sets up the team"): what the
    question asks about, not who acts on it."""
    leads = [u for u in t.units if u.role in ("lead", "responsible")]
    verb = _WHO_DOES.search(question)
    rest = question[verb.end():].lower() if verb else ""
    return bool(leads) and all(re.sub(r"^the\s+", "", u.name.lower()) in rest for u in leads)


def match_tasks(store: Store, q: Query, hits: list[Hit], doc_ids: list[str],
                lines: dict[str, str]) -> TaskMatch | None:
    """The task(s) the question is about, best first, or None when none is close enough."""
    tasks = [t for doc_id in doc_ids for t in store.tasks(doc_id)]
    if q.numbers:
        numbered = [t for t in tasks if t.number.strip(".、．)） (（") in q.numbers]
        tasks = numbered or tasks
    if not tasks:
        return None
    named = units_named_in(q.matching_text, tasks)
    listed = None if asks_named_party(q) else _unit_tasks(q, tasks, named)  # "Whom must X consult": not X's tasks
    if listed is not None:
        return listed
    scored = sorted(((_score(q, t, hits, named, lines.get(t.doc_id, "")), t) for t in tasks), key=lambda x: -x[0])
    best = scored[0][0]
    if best < MIN_TASK_SCORE and not q.numbers:
        return None
    chosen = [t for s, t in scored if s >= 0.8 * best][:MAX_LIST] if q.kind.wants_list else [scored[0][1]]
    if asks_named_party(q):  # the best task whose sentence names the party asked for
        chosen = [t for t in chosen if named_party(q, t)][:1] or chosen
    match = TaskMatch(tasks=chosen, score=best)
    for t in chosen:
        units, missing = select_units(q, t)
        match.units[t.task_id] = units
        match.deadlines[t.task_id] = select_deadlines(q, t)
        match.missing_role = match.missing_role or missing
    return match


def _unit_tasks(q: Query, tasks: list[Task], named: set[str]) -> TaskMatch | None:
    """"X负责哪项任务" / "X牵头的任务有哪些": every task naming X, in the role asked; None when the
    question is not of that shape. A unit asked about that no task names is recorded as missing."""
    if not (_ASKS_TASKS.search(q.text) or (named and q.kind.wants_list)):
        return None
    subject = asked_subject(q)
    if subject is not None and not units_named_in(subject, tasks):
        return TaskMatch(tasks=[], missing_unit=subject)
    if subject is not None:
        named = units_named_in(subject, tasks)
    if not named:
        return None
    picked = [t for t in tasks if any(_key(u) in named for u in t.units)]
    if "lead" in q.roles:
        leads = [t for t in picked if any(_key(u) in named and u.role == "lead" for u in t.units)]
        picked = leads or picked
    if not picked:
        return None
    match = TaskMatch(tasks=picked[:MAX_LIST], by_unit=sorted(named)[0], score=1.0)
    for t in match.tasks:
        match.units[t.task_id] = _note_naming(t, named) or [u for u in t.units if u.name not in _GENERIC]
        match.deadlines[t.task_id] = list(t.deadlines)
    return match


def _note_naming(task: Task, named: set[str]) -> list[Unit]:
    """When one item carries several unit notes: the units of the note naming the asked unit."""
    notes = [m.group(0) for m in _NOTE.finditer(task.text)]
    if len(notes) < 2:
        return []
    for note in notes:
        units = [u for u in task.units if u.name in note or (u.normalized and u.normalized in note)]
        if any(_key(u) in named for u in units):
            return units
    return []


def inline_assignment(q: Query, task: Task) -> list[Unit]:
    """A unit the task's own wording assigns to the asked action ("…建设,由县水保中心落实基地建设")."""
    best: tuple[float, str] | None = None
    for sentence in re.split(r"[。；;]", task.text):
        for m in _INLINE.finditer(sentence):
            score = overlap(set(q.terms_for(sentence)), sentence)
            if (looks_like_unit(m.group(1)) or LEADER.fullmatch(m.group(1))) and score >= 0.5 \
                    and (best is None or score > best[0]):
                best = (score, m.group(1))
    if best is None:
        return []
    name = best[1]
    normalized = normalize_names([[name], [u.name for u in task.units]]).get(name, name)
    return [Unit(name=name, normalized=normalized, role="lead")]


def note_units(q: Query, task: Task) -> list[Unit]:
    """When one item carries several unit notes, the units of the note that follows the sentence
    the question names best ([] when the item has fewer than two notes or none fits clearly)."""
    notes = list(_NOTE.finditer(task.text))
    if len(notes) < 2:
        return []
    best: tuple[float, int] | None = None
    start = 0
    for i, m in enumerate(notes):
        before = task.text[start:m.start()]
        score = overlap(set(q.terms_for(before)), before)
        if best is None or score > best[0]:
            best = (score, i)
        start = m.end()
    if best is None or best[0] < 0.3:
        return []
    note = notes[best[1]].group(0)
    return [u for u in task.units if u.name in note or (u.normalized and u.normalized in note)]


def role_phrase(text: str, unit: Unit) -> str:
    """The role words written after a unit's list in the task text ("组织协调", "参与", …)."""
    pos = text.find(unit.name)
    if pos < 0:
        return ""
    m = re.match(r"[^,，;；。()（）\[\]]*", text[pos:])
    clause = m.group(0) if m else ""
    for phrase in (*SPECIFIC_ROLES, "按职责分工负责", "负责", "牵头", "参与"):
        if phrase in clause:
            return phrase
    return ""


def select_units(q: Query, task: Task) -> tuple[list[Unit], str | None]:
    """(the units the question asks for, a role it asks for that the task does not state)."""
    party = named_party(q, task)  # "Who is to be the executive agent ...?": not the actor, the one named
    if party:
        return party, None
    units = note_units(q, task) or [u for u in task.units if u.name not in _GENERIC]
    inline = inline_assignment(q, task)
    if inline:
        return inline, None
    both = "lead" in q.roles and "participant" in q.roles
    asked = [] if both else [p for p in SPECIFIC_ROLES if p in q.roles and p in task.text]
    if asked:
        chosen = [u for u in units if role_phrase(task.text, u) in asked]
        if chosen:
            return chosen, None
    if q.asks_lead_only:
        leads = [u for u in units if u.role == "lead"]
        if len(leads) > 1 and "牵头" in q.text:  # "由哪个部门牵头": the units a note says 牵头 of, not those 负责落实
            leads = [u for u in leads if role_phrase(task.text, u) == "牵头"] or leads
        return (leads, None) if leads else ([], "lead")
    if q.asks_participants_only:
        others = [u for u in units if u.role == "participant"]
        return (others, None) if others else ([], "participant")
    if q.lang == "en" and "participant" not in q.roles and not _CJK.search(task.text):
        leads = [u for u in units if u.role in ("lead", "responsible")]  # "in consultation with" parties do not act
        return (leads or units), None
    return units, None


def select_deadlines(q: Query, task: Task) -> list[Deadline]:
    """The task's deadlines, the one whose deliverable the question names first."""
    return sorted(task.deadlines, key=lambda d: -overlap(set(q.terms_for(d.what or "")), d.what or ""))
