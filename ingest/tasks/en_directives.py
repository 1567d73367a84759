"""Directive sentences: "X shall / must …", "X are directed to …", "X are to …", "X is responsible for …".

A sentence is a directive when one of these verbs has an actor for subject (`en_actors.py`).
Not directives: "should", "may", "will" (recommendations, permissions, policy statements; but see
`commitments`: an announcement states its duties with "will"); "shall
not" (prohibitions); passives ("shall be implemented", "shall be considered") and verbs of being
and membership ("shall consist of", "shall have a staff", "means"); a modal inside a relative
clause ("…, which shall coordinate"); subjects that are things ("The report shall include",
"This order shall be implemented", "Nothing in this order shall"). A second modal coordinated
with the first ("… shall be guided by X and shall in particular:") shares its subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.models import Role
from ingest.recognise.en_actors import CUE_RE, Actor, participant_actors, subject_actors
from ingest.recognise.en_phrases import QUALIFIER_OPENERS, depths, is_actor, is_recital, segments

_MODAL = re.compile(r"\b(?P<resp>(?:is|are|shall\s+be|will\s+be)\s+(?:also\s+|jointly\s+|primarily\s+|hereby\s+)?"
                    r"(?:responsible|accountable)\s+for)\b"
                    r"|\b(?P<directed>(?:is|are)\s+(?:hereby\s+|also\s+)?(?:(?:authorized|empowered)\s+and\s+)?"
                    r"(?:directed|required|ordered)(?:\s+and\s+(?:authorized|empowered))?\s+to|(?:is|are)\s+to(?=\s+(?!be\b)[a-z]))\b"
                    r"|\b(?P<commit>(?:will\s+)?commit(?:s|ted)?\s+to|(?:is|are)\s+(?:firmly\s+)?committed\s+to)(?=\s+[a-z]+ing\b)"  # a plan's
                    r"|\b(?P<modal>shall|must)\b")  # commitment: "The Subcommittee commits to publishing a report"
# an announcement's commitments ("The Department of Energy will issue guidance by …"): read only in documents
# that announce actions (a fact sheet, a press release), where "will" is how a duty is stated
_COMMITMENT = re.compile(_MODAL.pattern.replace(r"(?P<modal>shall|must)", r"(?P<modal>shall|must|will)"))
_BLOCKED = re.compile(r"^(?:not|never|be|consist|comprise|mean|means|have(?!\s+the\s+following\s+(?:powers|functions|duties|"
                      r"responsibilities))|remain|serve|constitute)\b", re.I)
# "The Board shall have the following powers and functions:": its items are its duties
_POWERS = re.compile(r"\s*have\s+the\s+following\s+(?:powers|functions|duties|responsibilities)"
                     r"(?:\s*(?:,|and)\s*(?:powers|functions|duties|responsibilities))*\s*$", re.I)
_ADVERBS = re.compile(r"^(?:also|each|jointly|together|further|subsequently|then|expeditiously|promptly|immediately|"
                      r"specifically|in\s+particular|otherwise|continue\s+to|hereafter|hereby)\b\s*", re.I)
_RELATIVE = re.compile(r"\b(?:which|who|whom|that)\s*$", re.I)
_COORDINATED = re.compile(r"(?:,|\band|\bor)\s*$")
# a first verb the subject took before the duty's modal: the subject ends there
_OTHER_MODAL = re.compile(r"\s+(?:may|can|will|should|would|might|shall|must)\s+(?!not\b)(?=[a-z])")
_FILLERS = re.compile(r"\b(?:in\s+particular|the\s+following|as\s+follows|also|each|jointly|together|further|"
                      r"among\s+other\s+things|responsible\s+for|be)\b|[,:;—–\-]", re.I)
_ABBREVIATION = re.compile(r"(?:\b(?:Sec|Secs|No|Nos|Fed|Reg|Stat|Pub|Inc|Co|Corp|Ltd|Dr|Mr|Ms|Mrs|St|Jr|Sr|vs|etc|"
                           r"Art|para|paras|pp|Vol|Ch|approx|Dept|Gov|Govt|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|"
                           r"Nov|Dec|al|seq|cf|viz)|\b[A-Za-z](?:\.[A-Za-z])*)$")
_SENTENCE_END = re.compile(r"[.!?](?:\*\*|__)?[”’\"')\]]*(?=\s+[A-Z“\"(\[]|\s*$)")  # "**§5 Study.** The Board …"


# "…, and the agencies represented on the Task Force shall …": a second subject in the same sentence shares the duty
_SECOND_SUBJECT = re.compile(r",\s+and\s+(?P<subject>(?:the\s+|all\s+|each\s+)?[^,;.:]{3,120}?)\s+(?:shall|must)\b")


def _second_subjects(text: str, start: int, end: int, lead: list[Actor]) -> list[Actor]:
    """Leads named by a coordinated clause after the first duty, when they read as actors and are new."""
    known = {a.name.lower().removeprefix("the ") for a in lead}
    out: list[Actor] = []
    for m in _SECOND_SUBJECT.finditer(text, start, end):
        found = subject_actors(m.group("subject"), m.start("subject"), "lead") or []
        out += [a for a in found if a.name.lower().removeprefix("the ") not in known]
    return out


_INSERTED = re.compile(r"\band,\s*(?:as|where)\s+(?:appropriate|necessary|applicable)\s*,")
_TRAILING_ADVERB = re.compile(r"(?<=\S)\s+(?:also|further|likewise|then|thereafter|jointly|each)\s*$", re.I)
MAX_SUBJECT_CHARS = 600  # no subject with its opening phrase is longer; bounds the work per modal
MAX_PREDICATE_CHARS = 1500


@dataclass
class Directive:
    """A directive sentence: its span, the verb's span, who acts and who takes part."""

    start: int
    end: int
    verb_start: int
    verb_end: int
    role: Role  # what the subject's actors are: lead (shall, must, directed) or responsible
    actors: list[Actor]
    participants: list[Actor] = field(default_factory=list)

    @property
    def lead_names(self) -> list[str]:
        return [a.name for a in self.actors if a.role in ("lead", "responsible")]


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """English sentence spans of text[start:end]: a full stop before a capital, not after an abbreviation."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if text[m.start()] == "." and _ABBREVIATION.search(text, max(start, m.start() - 12), m.start()):
            continue
        out.append((pos, m.end()))
        pos = m.end()
    out.append((pos, end))
    spans = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def find_directive(text: str, start: int, end: int, commitments: bool = False) -> Directive | None:
    """The directive sentence text[start:end] states, or None (see the module doc for what is not one);
    with `commitments`, "X will …" is one too (an announcement's way of stating a duty)."""
    if is_recital(text, start):
        return None
    previous: list[Actor] | None = None
    last_end = start
    for m in (_COMMITMENT if commitments else _MODAL).finditer(text, start, end):
        role: Role = "responsible" if m.group("resp") else "lead"
        clause = _clause_start(text, max(start, m.start() - MAX_SUBJECT_CHARS), m.start())
        why = _THAT_IS_WHY.search(text, clause, m.start())
        clause = why.end() if why else clause  # "That is why the President will …": the President
        pre = _TRAILING_ADVERB.sub("", text[clause:m.start()])  # "The Board also shall …": the Board
        pre = _INSERTED.sub(lambda x: " " * (len(x.group(0)) - 1) + ",", pre)  # "The Board and, as appropriate, its members"
        first_verb = _OTHER_MODAL.search(pre)
        if first_verb and re.search(r"\band\s*$", pre):  # "The Secretary may solicit comment … and shall recommend"
            pre = pre[:first_verb.start()]
        actors = subject_actors(pre, clause, role) if not _RELATIVE.search(pre) else None
        if actors is None and previous and _COORDINATED.search(text[last_end:m.start()]) is not None \
                and m.start() - last_end < 400:
            actors = previous
        last_end = m.end()
        if actors and m.group("modal") == "will" and all(_POLICY_VOICE.match(a.name.strip()) for a in actors):
            actors = None  # "That is why the President will …": the announcement's own voice, no duty
        if not actors:
            continue
        previous = actors
        verb = _verb_text(text, m.end(), end)
        if m.group("modal") and (_BLOCKED.match(verb) or _membership(verb)):
            continue
        lead = [a for a in actors if a.role != "participant"]
        if not lead:
            continue
        lead += _second_subjects(text, m.end(), end, lead)
        tail = min(end, m.end() + MAX_PREDICATE_CHARS)
        parts = [a for a in actors if a.role == "participant"] + participant_actors(text[m.end():tail], m.end())
        opening = _CONSULTED_FIRST.match(text, clause, m.start())  # "In consultation with X, the Minister must"
        if opening:
            parts = participant_actors(text[clause:opening.end()], clause) + parts
        return Directive(start, end, m.start(), m.end(), role, lead, _unique(parts, lead))
    return None


# a duty reported ("the order directs the Department of X to prepare …", "the President has directed the
# Secretary to …", "requires state agencies to evaluate …"): the bodies after the verb are the ones to act
_REPORTED = re.compile(r"\b(?:direct(?:s|ed)?|require[sd]?|order(?:s|ed)?|instruct(?:s|ed)?|charge[sd]?)\s+", re.I)
# who makes policy statements, not commitments: "The President will use his authority", "the Administration will"
_POLICY_VOICE = re.compile(r"^(?:the\s+)?(?:(?:vice\s+)?president|administration|governor|mayor|united\s+states|nation|"
                           r"federal\s+government|state|city|county)$", re.I)
_THAT_IS_WHY = re.compile(r"\b(?:that|this|which|it)\s+is\s+why\s+", re.I)
_NOUN_BEFORE = frozenset(("the", "this", "that", "an", "a", "its", "his", "her", "their", "executive", "such", "each",
                          "any", "no", "court", "administrative"))
_OBJECT_OPENING = re.compile(r"(?:the|all|each|every|relevant|appropriate|state|federal|local|other)\s|[A-Z]")
_REPORTED_OBJECT = re.compile(r"(?P<obj>[A-Za-z][^,;:()“”\"]{1,110}?(?:\([A-Z][A-Za-z&]{1,9}\))?)\s+to\s+(?!be\b)[a-z]{3,}")
# a clause opened by the parties the actor works with ("In consultation with X, the Minister must …")
_CONSULTED_FIRST = re.compile(rf"\s*(?:\(\d+(?:\.\d+)?\)\s*)?{CUE_RE.pattern}[^;:]*?,(?=\s)", re.I)
_WITH_LIST = re.compile(r"\b(?:with|among|between|including|from)\b")
_NEXT_OBJECT = re.compile(r",\s*(?:and\s+)?|;\s*(?:and\s+)?|\s+and\s+")


def _object_at(text: str, pos: int, end: int, first: bool = True) -> re.Match[str] | None:
    """"the Department of Transportation to develop …" at `pos`, when it names an office holder or body."""
    om = _REPORTED_OBJECT.match(text, pos, end)
    if om is None or not (first or _OBJECT_OPENING.match(om.group("obj"))):
        return None  # "…, and partner with leading organizations to …": a verb, not the next body
    return om if is_actor(om.group("obj")) else None


# a plan that commits a body to the list below: "…, the Corporate Plan commits the Council:" / "commits the City to:"
_COMMITS = re.compile(r"\bcommit(?:s|ted)\s+(?P<obj>(?:the|this|our|its)\s+[A-Z][\w’' -]{1,60}?)\s*(?:to)?\s*:\s*$")


def find_reported(text: str, start: int, end: int) -> Directive | None:
    """A duty a sentence reports: "X directs/directed/requires Y to <verb> …" (and "…, Z to <verb> …"), Y and
    Z the leads, or a list a document commits a body to ("the Corporate Plan commits the Council:"); None when
    what follows the verb names no office holder or body."""
    if is_recital(text, start):
        return None
    commits = _COMMITS.search(text, start, end)
    if commits and is_actor(commits.group("obj")):
        found = subject_actors(commits.group("obj"), commits.start("obj"))
        lead = [a for a in found or [] if a.role != "participant"]
        if lead:
            colon = text.rfind(":", commits.start(), commits.end())
            return Directive(start, end, commits.start(), colon, "lead", lead, [])
    for m in _REPORTED.finditer(text, start, end):
        if m.start() == start and text[start:start + 1].islower():
            continue  # "(2) require the Secretary … to perform …": an item whose subject is its chapeau's
        before = re.search(r"([A-Za-z]+)\s*$", text[max(start, m.start() - 20):m.start()])
        if before and before.group(1).lower() in _NOUN_BEFORE:
            continue  # "The order requires …": "order" is the noun, "requires" the verb
        actors: list[Actor] = []
        om = _object_at(text, m.end(), end)
        while om is not None:
            found = subject_actors(om.group("obj"), om.start("obj"))
            if not found:
                break
            actors.extend(a for a in found if a.role != "participant")
            om = next((o for n in _NEXT_OBJECT.finditer(text, om.end(), end)
                       if (o := _object_at(text, n.end(), end, first=False)) is not None), None)
            if om is not None and _WITH_LIST.search(text, m.end(), om.start()):
                break  # "directs agencies to work with OS, its partners and other cities to develop": with whom
        if actors:
            tail = min(end, m.end() + MAX_PREDICATE_CHARS)
            return Directive(start, end, m.start(), m.end(), "lead", actors,
                             _unique(participant_actors(text[m.end():tail], m.end()), actors))
    return None


# a duty in the passive with its doer after "by": "A project report shall be prepared by the Development Authority"
# (not how a body is made up or acts on others' behalf: "chaired by", "appointed by", "performed by", "approved by")
_AGENT_PASSIVE = re.compile(r"\b(?P<modal>shall|must|will)\s+be\s+(?:[a-z]+ly\s+)?"
                            r"(?!(?:co-?)?chaired|appointed|headed|composed|convened|designated|nominated|selected|elected|"
                            r"staffed|supported|performed|exercised|governed|determined|approved|signed|issued|granted|"
                            r"deemed|considered|reviewed|accepted|funded|paid|borne|given)"
                            r"[a-z]+(?:ed|en|wn|ne|de|lt|ut|pt)\s+"
                            r"by\s+(?P<agent>(?:the\s+)?[A-Z][^,;:.()]{2,120}?)(?=\s*(?:[,;:.(]|\s(?:within|before|after|"
                            r"for|in|on|at|under|through|to|and\s+(?:shall|will|must))\b|$))")


def find_agent_passive(text: str, start: int, end: int, commitments: bool = False) -> Directive | None:
    """A duty stated in the passive with its doer: "A project report will be prepared by the Development Authority"
    (with `commitments`, "will"; else "shall"/"must"): the body after "by" leads. A passive without a doer names no
    one (not a task)."""
    if is_recital(text, start):
        return None
    for m in _AGENT_PASSIVE.finditer(text, start, end):
        if m.group("modal") == "will" and not commitments:
            continue
        agent = m.group("agent").strip()
        actors = subject_actors(agent, m.start("agent"))
        lead = [a for a in actors or [] if a.role != "participant"]
        if lead and is_actor(agent):
            return Directive(start, end, m.start(), m.end(), "lead", lead, [])
    return None


def _membership(verb: str) -> bool:
    """"shall include the Deputy Assistant …", "shall represent employers, labor, …": who a body is made of,
    not what it must do."""
    if re.match(r"represent\s+(?!the\s+(?:United States|State|City|Department|Government)\b)[a-z]", verb):
        return True  # its members stand for groups; "shall represent the United States in …" is a duty
    m = re.match(r"(?:include|includes|consist\s+of|be\s+composed\s+of)\s+", verb)
    if m and re.match(r"(?:an?|one|two|three|\d+)?\s*(?:designees?|representatives?|members?|delegates?)\b",
                      verb[m.end():]):
        return True  # "shall include a designee from each Deputy Mayor's office"
    return m is not None and is_actor(re.split(r"[,;.]", verb[m.end():], maxsplit=1)[0])


def _clause_start(text: str, start: int, pos: int) -> int:
    """Where the clause holding `pos` starts: after the last top-level semicolon of the sentence."""
    depth = depths(text[start:pos])
    cut = max((i for i, ch in enumerate(text[start:pos]) if ch == ";" and depth[i] == 0), default=-1)
    return start + cut + 1


def _verb_text(text: str, pos: int, end: int) -> str:
    """The words after a modal with adverbs and a comma insert ("shall, as appropriate, be …") skipped."""
    rest = text[pos:min(end, pos + MAX_PREDICATE_CHARS)].lstrip()
    if rest.startswith(","):
        pieces = [p.strip() for p in rest[1:].split(",")]
        rest = next((p for p in pieces[1:] if p and p[0].islower() and not re.match(
            r"(?:in|as|to|with|after|subject|consistent|where|if|through|and|or|including|pursuant|within|by|for|on|"
            r"at|from|working|acting|when|the)\b", p)), rest[1:].strip())
    while (m := _ADVERBS.match(rest)) and m.end():
        rest = rest[m.end():]
    return rest


_ENSURE_THAT = re.compile(r"\bensure\s+that\b(?:\s+[\w’'-]+){0,3}\s*$")


def open_chapeau(text: str, verb_end: int, colon: int) -> bool:
    """"X shall:", "X shall in particular:", "X is responsible for the following:": the items complete the verb.

    Qualifying pieces between the verb and the colon (", within existing appropriations and
    consistent with applicable law") do not complete it. "X must take all necessary actions to ensure that
    their contractors:" is open too: each item says what the contractors are to be made to do."""
    if _ENSURE_THAT.search(text, verb_end, colon) or _POWERS.match(text[verb_end:colon]):
        return True
    kept = [p for p in segments(text, verb_end, colon) if p[1] > p[0]
            and text[p[0]:p[1]].split()[0].lower() not in QUALIFIER_OPENERS]
    return not any(re.search(r"[A-Za-z]", _FILLERS.sub(" ", text[s:e])) for s, e in kept)


def _unique(parts: list[Actor], lead: list[Actor]) -> list[Actor]:
    """Participants once each, and never one of the leads again."""
    seen = {a.name.lower().removeprefix("the ") for a in lead}
    out = []
    for a in parts:
        key = a.name.lower().removeprefix("the ")
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out
