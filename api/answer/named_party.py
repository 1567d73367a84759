"""The party an English question asks for when it is not the task's actor: a role holder or an object.

A task's units are who acts ("The Secretary of Defense ... shall designate ..."). Two question
shapes ask for someone else the same sentence names, and are answered with that name:

- **a role** ("Who is to be the executive agent for ...?", "Who chairs the task force?"): the
  party a sentence designates, appoints or names as that role ("shall designate the Secretary
  of the Army as the executive agent for ..."), that serves or acts as it ("X shall serve as
  the lead agency"), or that chairs or heads ("shall be chaired by X", "X shall chair");
- **the object of a verb** ("Whom must the department consult on ...?", "To whom must the
  agency report ...?"): the noun phrase after that verb in the sentence the question names
  best ("shall consult with the climate impacts group at the University of Washington
  regarding ..." -> that group).

The question must name the role's head words (its words before the first preposition), or the
verb, so a task that designates someone for another role is not taken for an answer.
"""

from __future__ import annotations

import re
from typing import Literal

from api.answer.lexical import overlap
from api.answer.query import Query
from ingest.models import Task, Unit
from ingest.recognise.units import looks_like_unit

Role = Literal["lead", "participant"]  # a role holder leads; a consulted or addressed party takes part
_ARTICLE = r"(?:the\s+|an?\s+)?"
_NAME = r"[A-Z][\w'&-]*(?:(?:\s+(?:of|the|and|for|on))*\s+[A-Z][\w'&-]*)*"  # in title case: "Secretary of the Army"
_PARTY = rf"(?P<party>(?:the\s+)?{_NAME})"
_ROLE = r"(?P<role>[A-Za-z][A-Za-z -]{2,120})"
_DESIGNATED = re.compile(rf"\b(?:designate|appoint|name)[sd]?\s+{_PARTY}\s+(?:as|to\s+be|to\s+serve\s+as)\s+{_ARTICLE}{_ROLE}")
_SERVES = re.compile(rf"{_PARTY}\s+(?:shall|will|must|is\s+to|are\s+to)\s+(?:serve|act)\s+as\s+{_ARTICLE}{_ROLE}")
_PREPOSITION = re.compile(r"\s+(?:for|of|on|in|at|across|within|to|with|under|over|regarding)\b", re.I)
_ROLE_QUESTION = re.compile(r"^\s*who\s+(?:(?:is|are|will|shall|would|should)\s+(?:to\s+)?(?:be|serve|act|chair|head)|"
                            r"(?:chairs|heads|co-chairs|convenes))\b", re.I)
_CHAIRED = re.compile(rf"\b(?P<role>chair|head|co-chair|convene)(?:ed|d|s)?\s+by\s+{_PARTY}")  # "shall be chaired by X"
_CHAIRS = re.compile(rf"{_PARTY}\s+(?:shall|will|must)\s+(?P<role>chair|head|co-chair|convene)\b")  # "X shall chair"
_OBJECT_QUESTION = re.compile(r"^\s*(?:to\s+|with\s+)?whom\s+(?:must|shall|should|does|do|did|will|is|are|has|have)\s+"
                              r"(?:.+?\s+)?(?:required\s+to\s+|to\s+)?(?P<verb>consult|notify|inform|report|submit|"
                              r"coordinate|brief|advise|recommend|transmit|provide|deliver|send)\b", re.I)
# where the noun phrase after the verb ends: a clause or purpose word, or "for"/"on" not followed by a
# capitalised word (in "the Assistant to the President for Domestic Policy" they are part of the name)
_NP_END = re.compile(r"\s+(?:regarding|about|concerning|within|by|before|after|when|and\s+(?:shall|will|must)|"
                     r"no\s+later|not\s+later|that|which|to\s+(?:determine|assess|review|ensure))\b|"
                     r"\s+(?:for|on)\s+(?![A-Z])|[,;.:(]")
_WORD = re.compile(r"[a-z]+")


def asks_named_party(q: Query) -> bool:
    """Whether the question asks for a role holder or a verb's object, not for who acts."""
    asked = q.asked or q.text
    return q.lang == "en" and bool(_ROLE_QUESTION.match(asked) or _OBJECT_QUESTION.match(asked))


def named_party(q: Query, task: Task) -> list[Unit]:
    """The role holder or verb object the question asks for, as the task's sentence names it ([] if none)."""
    if not asks_named_party(q):
        return []
    asked = (q.asked or q.text).lower()
    verb = _OBJECT_QUESTION.match(asked)
    known = {n.lower() for u in task.units for n in (u.name, u.normalized) if n}  # what ingest took for units
    best: tuple[float, str, Role] | None = None
    for sentence in re.split(r"(?<=[.;])\s+", task.text):
        fit = overlap(set(q.terms_for(sentence)), sentence)
        for party, role in _candidates(sentence, verb.group("verb") if verb else None, asked):
            is_unit = looks_like_unit(party) or party.lower() in known or re.sub(r"^the\s+", "", party.lower()) in known
            if is_unit and (best is None or fit > best[0]):
                best = (fit, party, role)
    if best is None:
        return []
    return [Unit(name=best[1], normalized=best[1], role=best[2])]


def _candidates(sentence: str, verb: str | None, asked: str) -> list[tuple[str, Role]]:
    """(party, role) pairs the sentence offers for this question."""
    out: list[tuple[str, Role]] = []
    if verb is not None:
        # "to whom ... report/provide": the party after "to", past the thing handed over
        between = r"(?:[^,;.]*?\s+)?to\s+" if asked.lstrip().startswith("to ") else r"(?:with\s+|to\s+)?"
        for m in re.finditer(rf"\b{verb}(?:s|ed|es)?\s+{between}(?P<np>(?:the\s+)?[A-Za-z][^,;.]*)", sentence, re.I):
            np = _NP_END.split(m.group("np"), maxsplit=1)[0].strip()
            if np and not np.lower().startswith(("a report", "the report", "recommendations", "information")):
                out.append((np, "participant"))
        return out
    for pattern in (_DESIGNATED, _SERVES, _CHAIRED, _CHAIRS):
        for m in pattern.finditer(sentence):
            head = _PREPOSITION.split(m.group("role"), maxsplit=1)[0]
            words = _WORD.findall(head.lower())
            if words and all(re.search(rf"\b{w[:5]}", asked) for w in words):  # "chair" asked as chairs/chaired
                out.append((m.group("party"), "lead"))
    return out
