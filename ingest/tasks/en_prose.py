"""English tasks from running text: one per directive sentence, and one per item completing a chapeau.

How such documents distribute duties, and how each shape becomes tasks:
- a directive sentence is a task ("The Secretary of Energy shall …"); several in one paragraph
  are several tasks; "they" takes the actors of the sentence before;
- "The Secretary of the Treasury shall:" / "Deputy heads are responsible for the following:" is
  completed by its items, each a task of that actor ("(i) direct the Federal Insurance Office
  …"); an item's own later sentences belong to it; the items repeat the limit stated in the
  chapeau's paragraph (the nearest one before the colon);
- a chapeau whose items each name their own actor ("the specified heads of agencies shall submit
  the following reports: (i) The Secretary of Commerce … shall submit …") only frames them: the
  items are the tasks, with the chapeau's limit where they state none;
- any other directive ending in a colon ("shall take the following actions:", "shall develop a
  strategy regarding:") is the task, its items the content, whose limits it takes when it
  states none ("The state shall limit emissions …: (i) By 2020, reduce …");
- under "the functions of each ministry:" (or a "Roles and Responsibilities" section), a line that is only
  a body's name ("1. Ministry of Public Works (MPW)") heads the bulleted duties below it, each a task of
  that body ("* Develop and maintain infrastructure for water supply").
Sections that only frame the instrument (general provisions, definitions) hold no tasks.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace

from ingest.models import Deadline, Role
from ingest.recognise.en_actors import CUE_RE, Actor, participant_actors, subject_actors
from ingest.recognise.en_deadlines import sentence_deadlines
from ingest.recognise.en_phrases import is_actor
from ingest.tasks.en_directives import (
    Directive,
    find_agent_passive,
    find_directive,
    find_reported,
    open_chapeau,
    sentences,
)
from ingest.tasks.en_outline import BULLET, Para, children

_FRAME_SECTION = re.compile(r"^(?:(?:general|other|miscellaneous|additional)\s+provisions?|definitions?|severability|"
                            r"savings?\s+clause|declaration\s+of\s+(?:state\s+)?polic(?:y|ies)|(?:legislative\s+)?findings|"
                            r"short\s+title|summary|synopsis|justification)\b", re.I)  # (a declared policy states aims, a bill page's
# summary retells the bill: they assign no duty)
_PRONOUN = re.compile(r"^(?:they|he|she)$", re.I)
_NO_BODY = re.compile(r"^(?:they|he|she|it|we|these|those|such)\b", re.I)  # a pronoun or "these managers": no named body


@dataclass
class EnDraft:
    """A task before names are normalised: span, numbering, heading, units and deadlines."""

    start: int
    end: int
    number: str
    section: str
    title: str
    units: list[tuple[str, Role]]
    deadlines: list[Deadline] = field(default_factory=list)


class _Walker:
    """Walks the outline once, keeping what chapeaus hand down to the items below them."""

    def __init__(self, text: str, paras: list[Para], order_date: str | None, commitments: bool) -> None:
        self.text, self.paras, self.order_date, self.commitments = text, paras, order_date, commitments
        self.drafts: list[EnDraft] = []
        self.items: dict[int, tuple[Directive, list[Deadline]]] = {}  # item -> (chapeau directive, its limits)
        self.inherited: dict[int, list[Deadline]] = {}  # item -> limits of a framing chapeau
        self.last_lead: list[Actor] = []
        self.designated: tuple[str, list[Actor]] = ("", [])  # (section, the body named the lead agency there)

    def run(self) -> list[EnDraft]:
        done: set[int] = set()
        for i, p in enumerate(self.paras):
            if i in done or p.kind == "table" or _FRAME_SECTION.match(p.section):
                continue
            duties = self._body_duties(i, p)
            if duties:
                done.update(duties)
                continue
            if self._action_line(p):
                continue
            if p.kind == "heading" or self.text[p.body:p.body + 1] in "“\"":
                continue
            if i in self.items:
                self._item(i, p, *self.items[i])
            elif not self._limit_opener(i, p):
                self._paragraph(i, p)
        return self.drafts

    def _limit_opener(self, i: int, p: Para) -> bool:
        """"Sec. 2. … Within 30 days of the date of this order:" over "(a) The Secretary of the Army shall: …": a
        limit alone before a colon is the limit of every duty in the items below it that states none."""
        body = self.text[p.body:p.end].strip()
        kids = children(self.paras, i)
        if not kids or not body.endswith(":") or len(body) > MAX_OPENER or self._directive(p.body, p.end):
            return False
        limits = sentence_deadlines(body, self.order_date)
        if not limits or not _LIMIT_ONLY.fullmatch(body):
            return False
        for k in kids:
            for j in [k, *self._descendants(k)]:
                self.inherited.setdefault(j, limits)
        return True

    def _descendants(self, k: int) -> list[int]:
        """Every item nested under item k, at any depth."""
        out: list[int] = []
        for j in range(k + 1, len(self.paras)):
            q = self.paras[j]
            if q.kind != "item" or q.section != self.paras[k].section or q.level <= self.paras[k].level:
                break
            out.append(j)
        return out

    def _body_duties(self, i: int, p: Para) -> list[int]:
        """The bullets under a line naming only a body, in a passage about who does what: one task each."""
        name = _body_line(self.text[p.body:p.end])
        if not name:
            return []
        bullets = self._bullets_after(i)
        if not bullets or not self._duty_frame(i, p):
            return []
        for j in bullets:
            b = self.paras[j]
            self.drafts.append(EnDraft(b.body, b.end, p.number, p.section, _title(self.text, b),
                                       [(name, "lead")], sentence_deadlines(self.text[b.body:b.end], self.order_date)))
        return bullets

    def _bullet(self, p: Para) -> bool:
        return p.kind == "text" and bool(BULLET.match(self.text[p.start:p.body].lstrip()))

    def _duty_frame(self, i: int, p: Para) -> bool:
        """Whether the passage says it assigns duties: its section's heading, or the paragraph that opens the
        list of bodies ("the following are the specific functions assigned to each ministry:")."""
        if _DUTY_FRAME.search(p.section):
            return True
        for k in range(i - 1, -1, -1):
            q = self.paras[k]
            if self._bullet(q) or _body_line(self.text[q.body:q.end]):
                continue
            return bool(_DUTY_FRAME.search(self.text, q.body, q.end))
        return False

    def _paragraph(self, i: int, p: Para) -> None:
        spans = sentences(self.text, p.body, p.end)
        first = len(self.drafts)
        for k, (s, e) in enumerate(spans):
            will_list = k == len(spans) - 1 and _WILL_LIST.search(self.text, s, e)
            if will_list and self._will_list(i, p, s, e, will_list):
                continue
            self._designation(p, s, e)
            d = self._directive(s, e) or self._it_shall(p, s, e)
            if d is None:
                if len(self.drafts) > first:  # "The report must include …, developed in consultation with X"
                    self._elaborate(self.drafts[-1], s, e)
                    self._passive_limit(self.drafts[-1], s, e)
                continue
            if k == len(spans) - 1 and _OPEN_END.search(self.text[s:e]) and self._chapeau(i, p, d, s):
                continue
            own = sentence_deadlines(self.text[s:e], self.order_date)
            period = _THAT_PERIOD.search(self.text, s, e)
            if not own and period and len(self.drafts) > first:  # "During that period, WIS … shall": the period just set
                own = [replace(d, text=period.group(0)) for d in self.drafts[first].deadlines if d.date][:1]
            self._add(p, d, own or self.inherited.get(i, []))

    def _passive_limit(self, draft: EnDraft, s: int, e: int) -> None:
        """"… shall issue a proposed rule …. A final rule shall be published within 200 days of the date of this
        order": a duty in the passive with no one named is the next step of the duty before it, its dated limit one
        more."""
        if not _PASSIVE_DUTY.search(self.text, s, e):
            return
        known = {(d.text, d.date) for d in draft.deadlines}
        draft.deadlines.extend(d for d in sentence_deadlines(self.text[s:e], self.order_date)
                               if d.date and (d.text, d.date) not in known)  # "within 90 days of the request": others'
        # step, counted from an event

    def _designation(self, p: Para, s: int, e: int) -> None:
        """"The Office of X shall be the lead agency in …": the body the rest of the section calls "it"."""
        m = _DESIGNATION.search(self.text, s, e)
        if m and (actors := subject_actors(self.text[s:m.start()], s, "lead")):
            self.designated = (p.section, actors)

    def _it_shall(self, p: Para, s: int, e: int) -> Directive | None:
        """"As the lead agency, it shall:" after a designation in the same section: that body's duty."""
        section, actors = self.designated
        m = _IT_SHALL.search(self.text, s, e)
        if not m or not actors or section != p.section:
            return None
        return Directive(s, e, m.start("modal"), m.end("modal"), "lead", list(actors))

    def _action_line(self, p: Para) -> bool:
        """"Action 02: All departments will ensure …" (a heading or a line): a plan's numbered action stating who
        commits to it is a task, whatever the document (its label says it is one)."""
        m = _ACTION_LINE.match(self.text, p.start, p.end)
        if not m:
            return False
        s, e = m.start("body"), p.end
        d = find_directive(self.text, s, e, commitments=True)
        if d is None or any(_NO_BODY.match(a.name) for a in d.actors):
            return False
        self.last_lead = d.actors
        self.drafts.append(EnDraft(s, e, m.group("label").strip(), p.section, self.text[s:e].strip(" *_#").rstrip("."),
                                   _units(d.actors, d.participants), sentence_deadlines(self.text[s:e], self.order_date)))
        return True

    def _will_list(self, i: int, p: Para, s: int, e: int, m: re.Match[str]) -> bool:
        """"The Digital Office will:" / "**We will:**" over bullets: a plan's list of commitments,
        each bullet a task of the subject ("we", the plan's author, names no unit). True when handed down.
        Not a role's description ("These managers will:" / "- be experienced leaders", "- have the skills …")."""
        kids = children(self.paras, i) or self._bullets_after(i)
        if not kids or 2 * sum(bool(_BEING.match(self.text, self.paras[k].body)) for k in kids) >= len(kids):
            return False
        d = find_directive(self.text, s, e, commitments=True)
        if d is None and _WE.fullmatch(self.text[s:m.start()].strip(" *_")):
            d = Directive(s, e, m.start(), m.end(), "lead", [])
        if d is None or any(_NO_BODY.match(a.name) for a in d.actors):
            return False
        return self._chapeau(i, p, d, s)

    def _elaborate(self, draft: EnDraft, s: int, e: int) -> None:
        """A sentence about the deliverable of the duty before it: the parties it names take part in that duty."""
        if not CUE_RE.search(self.text, s, e):
            return
        known = {n.lower().removeprefix("the ") for n, _ in draft.units}
        for a in participant_actors(self.text[s:e], s):
            if a.name.lower().removeprefix("the ") not in known:
                draft.units.append((a.name, "participant"))

    def _directive(self, s: int, e: int) -> Directive | None:
        d = find_directive(self.text, s, e, self.commitments) or find_reported(self.text, s, e) \
            or find_agent_passive(self.text, s, e, self.commitments)
        if d and len(d.actors) == 1 and _PRONOUN.match(d.actors[0].name) and self.last_lead:
            d.actors = list(self.last_lead)
        return d

    def _chapeau(self, i: int, p: Para, d: Directive, s: int) -> bool:
        """Hand the chapeau down to its items; True when the chapeau itself is not a task."""
        kids = children(self.paras, i) or self._bullets_after(i)
        if not kids or _COPULA_LIST.search(self.text, s, d.end):
            return False  # "The amount … shall be:" / "(A) not less than …": its items say what the amount is, no duty
        limits = sentence_deadlines(self.text[s:d.end], self.order_date) or self._earlier_limit(p, s) \
            or self.inherited.get(i, [])
        colon = self.text.rfind(":", s, d.end)
        if open_chapeau(self.text, d.verb_end, colon) if colon >= 0 else self._completed_by_items(kids):
            for k in kids:
                self.items[k] = (d, limits)
            self.last_lead = d.actors
            return True
        if any(find_directive(self.text, *span, self.commitments) for k in kids
               for span in sentences(self.text, self.paras[k].body, self.paras[k].end)):
            for k in kids:
                self.inherited[k] = limits
            if _BY_MEANS.search(self.text, s, d.end):  # "… shall seek to increase X, including by:": a duty of its own
                self._add(p, d, limits)
            return True
        own = sentence_deadlines(self.text[s:d.end], self.order_date)
        self._add(p, d, own or [x for k in kids for x in self._leading_limits(k)])
        return True

    def _bullets_after(self, i: int) -> list[int]:
        """The unnumbered bullets right under paragraph i (a body's name, a chapeau: "…commits the Council:")."""
        return list(itertools.takewhile(lambda k: self._bullet(self.paras[k]), range(i + 1, len(self.paras))))

    def _completed_by_items(self, kids: list[int]) -> bool:
        """"The Minister must set the target / (a) for the 2035 milestone year, no later than December 1, 2024;":
        items that go on in lower case complete a chapeau that has no colon (each is one duty)."""
        return all(self.text[self.paras[k].body:self.paras[k].body + 1].islower() for k in kids)

    def _leading_limits(self, k: int) -> list[Deadline]:
        """The limit an item opens with ("By 2030, reduce …"): the stages of its chapeau's duty."""
        p = self.paras[k]
        found = sentence_deadlines(self.text[p.body:p.end], self.order_date)
        return found[:1] if found and self.text.startswith(found[0].text, p.body) else []

    def _earlier_limit(self, p: Para, s: int) -> list[Deadline]:
        """The nearest dated limit stated before the chapeau in its paragraph."""
        found = [x for x in sentence_deadlines(self.text[p.body:s], self.order_date) if x.date]
        return found[-1:]

    def _item(self, i: int, p: Para, chapeau: Directive, limits: list[Deadline]) -> None:
        """An item completing an open chapeau: the chapeau's actors, the item's participants and limits."""
        parts: list[Actor] = list(chapeau.participants)
        for s, e in sentences(self.text, p.body, p.end):
            d = find_directive(self.text, s, e, self.commitments)
            if d and {a.name.lower().removeprefix("the ") for a in d.actors} - \
                    {a.name.lower().removeprefix("the ") for a in chapeau.actors}:
                self._add(p, d, sentence_deadlines(self.text[s:e], self.order_date))
                continue
            parts.extend(d.participants if d else participant_actors(self.text[s:e], s))
        deadlines = sentence_deadlines(self.text[p.body:p.end], self.order_date) or limits
        self.drafts.append(EnDraft(p.body, p.end, p.number, p.section, _title(self.text, p),
                                   _units(chapeau.actors, parts), deadlines))

    def _add(self, p: Para, d: Directive, deadlines: list[Deadline]) -> None:
        self.last_lead = d.actors
        self.drafts.append(EnDraft(d.start, d.end, p.number, p.section, _title(self.text, p, d.start),
                                   _units(d.actors, d.participants), deadlines))


# a sentence whose limit is the one just set: "During that period, …", "By the end of the 180-day period, …"
_THAT_PERIOD = re.compile(r"\b(?:during|within|in|by\s+the\s+end\s+of|at\s+the\s+end\s+of)\s+(?:that|this|such|the\s+[\w-]+-"
                          r"(?:day|week|month|year))\s+period\b", re.I)
# a duty in the passive naming no one: "A final rule shall be published within 200 days", "The plan must be updated"
_PASSIVE_DUTY = re.compile(r"\b(?:shall|must|will)\s+(?:also\s+)?be\s+\w+(?:ed|en|ne|wn)\b", re.I)


# a limit and nothing else, before a colon: "Within 30 days of the date of this order:", "By December 31, 2026, and
# annually thereafter:", "Not later than 90 days after the date of enactment of this Act —"
_LIMIT_ONLY = re.compile(r"(?:(?:within|by|no\s+later\s+than|not\s+later\s+than|before|beginning|starting|on\s+or\s+before)\s"
                         r"[^.;:]{3,120}?)\s*[:—–-]", re.I)
MAX_OPENER = 160
_BY_MEANS = re.compile(r",?\s*(?:including|in\s+part)?\s*by\s*:\s*$|,\s*including\s*:\s*$")
_COPULA_LIST = re.compile(r"\b(?:shall|must|will)\s+(?:also\s+)?be\s*:\s*$")
_DUTY_FRAME = re.compile(r"\b(?:functions|responsibilities|roles|duties)\b", re.I)
_NAME_LINE = re.compile(r"^[A-Z][\w’'&,.\- ]{2,120}?(?:\s*\([A-Z][A-Za-z&]{1,12}\))?\s*:?$")


def _body_line(line: str) -> str:
    """The body a line names, when the line is nothing but its name ("Ministry of Public Works (MPW)",
    "**Department of Health:**"), else ""."""
    name = line.strip().strip("*_").strip()
    if not _NAME_LINE.match(name) or len(name.split()) > 14:
        return ""
    name = name.rstrip(":").strip()
    return name if is_actor(name) else ""


# a lead-in that lists commitments: "X will:" (bold or not), the colon right after the modal
_WILL_LIST = re.compile(r"\bwill\s*(?=:\s*(?:\*\*|__)?\s*$)")
# a body named the one in charge: "… shall be the lead agency for this Act"
_DESIGNATION = re.compile(r"\bshall\s+be\s+the\s+(?:lead|implementing|responsible|coordinating|focal)\s+"
                          r"(?:agency|body|office|department|institution|ministry|point|unit)\b", re.I)
_IT_SHALL = re.compile(r"(?:^|[,;:]\s*)[Ii]t\s+(?P<modal>shall|must)\b")
_BEING = re.compile(r"(?:\*\*|__)?(?:be|have|hold|possess)\b", re.I)
# "Action 02: …", "#### Action 3 – …", "Commitment 4. …": a plan's numbered action on its own line
_ACTION_LINE = re.compile(r"^(?:#{1,6}\s*)?(?:\*\*|__)?(?P<label>(?:Key\s+|Priority\s+)?(?:Action|Commitment)\s+[A-Z]?\d{1,3}"
                          r"(?:\.\d{1,2})?[a-z]?)(?:\*\*|__)?\s*[:.–—-]\s*(?:\*\*|__)?\s*(?P<body>\S)", re.M)
_WE = re.compile(r"(?:(?:in|from|by|over|during)\s[^,]{2,40},\s*)?we(?:\s+(?:also|therefore|now|further))?", re.I)
_OPEN_END = re.compile(r"(?::|[A-Za-z0-9,)\]])\s*$")  # "… shall:", or a chapeau its items finish ("… must set the target")


def _units(actors: list[Actor], participants: list[Actor]) -> list[tuple[str, Role]]:
    """(name, role) pairs, leads first, each name once."""
    out: list[tuple[str, Role]] = []
    seen: set[str] = set()
    for a in [*actors, *participants]:
        key = a.name.lower().removeprefix("the ")
        if key not in seen:
            seen.add(key)
            out.append((a.name, a.role))
    return out


def _title(text: str, p: Para, start: int | None = None) -> str:
    """The section heading, else the first words of the task."""
    if p.section:
        return p.section.rstrip(".")
    first = text[start if start is not None else p.body:p.end]
    return first[:80].rstrip(" ,;:")


def prose_drafts(text: str, paras: list[Para], order_date: str | None, commitments: bool = False) -> list[EnDraft]:
    """The tasks of the document's running text (tables are read elsewhere); `commitments` reads "X will …"
    as a duty too (see `en_directives.find_directive`)."""
    return _Walker(text, paras, order_date, commitments).run()
