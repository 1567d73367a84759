"""Units of an English directive sentence: who shall act, and who takes part.

The subject before "shall / must / is responsible for" names the actors (`lead`), after any
opening phrase ("Within 90 days of the date of this order, the Secretary of Energy …"): the
subject is the earliest comma piece from which the rest of the clause reads as actors,
qualifiers and participation phrases. Units named after a participation cue are `participant`:
"in coordination / consultation / collaboration / cooperation with", "with the participation
of", "after consultation with", "subject to the concurrence of", "after review by", "working
with", "consult / coordinate / cooperate / engage / work … with", "direct X to", "designate the
X as", and, in the subject only, "through" (the office an actor acts through). Recipients and
channels of reports ("submit to the President, through the Assistant to …") are not units.
Appositions ("The Secretary of the Interior, as Chairman of the Endangered Species Committee")
and alternatives ("Federal members of the Committee, or their designees") stay in the name,
as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.models import Role
from ingest.recognise.en_phrases import (
    ACRONYM,
    DETERMINERS,
    QUALIFIER_OPENERS,
    actor_nouns,
    conjuncts,
    depths,
    has_title,
    is_actor,
    opens_phrase,
    plural_title,
    segments,
    trim,
)

_JOINT = r"(?:coordination|consultation|collaboration|cooperation|partnership|conjunction)"
_CUE = (rf"in\s+(?:close\s+|full\s+|direct\s+)?{_JOINT}(?:\s+(?:or|and|and/or)\s+{_JOINT})?\s+with|with\s+the\s+"
        r"(?:participation|assistance|support|concurrence)\s+of|after\s+(?:consultation\s+with|consulting\s+with|review\s+by)|subject\s+"
        r"to\s+the\s+concurrence\s+of|(?:working|together|jointly)\s+with|working\s+together\s+with")
CUE_RE = re.compile(rf"\b(?:{_CUE})\s+", re.I)
_THROUGH = re.compile(r"(?:acting\s+)?through\s+", re.I)  # used with .match: at a subject piece's start
_ACTING_THROUGH = re.compile(r"\bacting\s+through\s+", re.I)
_INNER_CUE = re.compile(rf"\s+and\s+(?=(?:{_CUE}|through)\s)", re.I)
# verbs of working together (and "co-host", "co-design": a co- verb does it with someone)
_WITH_VERB = re.compile(r"\b(?:consult|coordinate|cooperate|collaborate|engage|work|partner|liaise|confer)(?:s|ed|ing)?\b"
                        r"|\b[Cc]o-[a-z]{3,}\b")
# "with" after a verb of working together; not "consistent with", and not inside a name ("People with Disabilities")
_WITH = re.compile(r"(?<!consistent )(?<!accordance )(?<!comply )(?<!complies )(?<![A-Z]\w )(?<![A-Z]\w\w )"
                   r"(?<![A-Z]\w\w\w )(?<![A-Z]\w{4} )(?<![A-Z]\w{5} )\bwith"
                   r"(?:\s*,\s*(?:as|where|when)\s+(?:appropriate|necessary|needed|practicable)\s*,)?"  # ", as appropriate,"
                   r"\s+(?!respect\b|regard\b)")
_DIRECT = re.compile(r"\b(?:direct|designate)\s+(?=the\s|its\s|their\s)", re.I)
# a statute cited inside a subject, or the short name it is given: "12 U.S.C. 345(2)(B)", "(7) (agencies)"
_CITATION = re.compile(r"^\s*(?:\d+\s+(?:U\.\s?S\.\s?C\.|C\.\s?F\.\s?R\.|CFR|Stat\.)\s*[\w.()\-]*|\(\w{1,4}\)(?:\s*\([a-z][\w\s]*\))?)\s*$")
_APPOSITION = re.compile(r"^as\s+(?!appropriate|necessary|needed|required|requested|applicable|defined|described|"
                         r"provided|set\s+forth|soon|well|specified|permitted|authorized|consistent)\S", re.I)
_REFERRED = re.compile(r"\s+(?:referred\s+to|mentioned|described|listed|named)\s+in\s+(?:sub)?(?:section|paragraph|"
                       r"article|clause|schedule)s?\s+[\w.()]+")
_NP_END = re.compile(r"\s+(?:regarding|about|concerning|including|as\s+well\s+as|so\s+that|in\s+order)\b"
                     r"|\s+(?:and\s+)?(?:consistent|in\s+accordance|in\s+compliance)\s+with\b"  # "… and consistent with law"
                     r"|\s+(?:to|on|in|for|from|by|with|during|within|when|where|while|that|which|who|"
                     r"so|if|under|upon|pursuant|before|after|until|unless|once|since|prior)\s+(?=(?!the\s+[A-Z])[a-z])"
                     r"|\s+\(\w+\s+\w+\s+\w+|\s+[—–-]\s+")
_AND_WORD = re.compile(r"\s+and\s+([a-z][\w\-]*)")
_PARTICIPLE = re.compile(r"(?<=\w)\s+(?:involved|providing|conducting|engaged)\b")
_CONJ = re.compile(r"(?:and|or)\s+", re.I)  # used with .match(text, pos)
_LIST_LEAD = re.compile(r"(?:and\s+)?(through|including)\s+", re.I)
_LEADING_CONJ = re.compile(r"^(?:and|or)\s+", re.I)
_TRAILERS = frozenset(("appropriate", "applicable", "necessary", "designee", "designees"))
_CONNECTORS = frozenset(("of", "the", "and", "for", "on", "to", "&"))


@dataclass(frozen=True)
class Actor:
    """A unit named in a sentence: its span (absolute offsets), name as written and role."""

    start: int
    end: int
    name: str
    role: Role


def _actor(text: str, s: int, e: int, base: int, role: Role) -> Actor:
    s, e = trim(text, s, e)
    m = _CONJ.match(text, s, e)
    s = m.end() if m else s
    return Actor(base + s, base + e, text[s:e], role)


def _absorbed(last: str, piece: str) -> bool:
    """"the Secretaries of Commerce, Labor, and Energy": a piece that continues a plural title."""
    bare = _LEADING_CONJ.sub("", piece)
    return plural_title(last) and not has_title(bare) and bare[:1].isupper()


def subject_actors(clause: str, base: int = 0, role: Role = "lead") -> list[Actor] | None:
    """Actors of the subject that ends `clause` (the text before the modal), or None.

    Tries each comma piece as the subject's start, earliest first, so opening phrases
    ("To advance the policy …,", "Given the expertise … of light-, medium-, and heavy-duty
    vehicles,") are passed over."""
    masked = _masked_name_commas(clause)
    pieces = segments(masked)
    for i, (s, e) in enumerate(pieces):
        if not all(is_actor(masked[a:b]) for a, b in conjuncts(masked, s, e)):
            continue
        found = _read_subject(masked, pieces[i:], base, role)
        if found:
            found += _opening_participants(masked, pieces[:i], base)
            return [Actor(a.start, a.end, a.name.replace(_NAME_COMMA, ","), a.role) for a in found]
    return None


def _opening_participants(text: str, pieces: list[tuple[int, int]], base: int) -> list[Actor]:
    """"Within 120 days …, and in consultation with the Secretary of Education, the Secretary of Labor shall": a
    participation phrase in the opening, before the subject, names participants of its duty too."""
    out: list[Actor] = []
    for s, e in pieces:
        m = CUE_RE.search(text, s, e)
        if m:
            out.extend(_actor(text, a, b, base, "participant") for a, b in _names(text, m.end(), e))
    return out


# a body named by a list of its fields ("the Ministry of Environment, Natural Resources, and Energy"): one name, its
# commas no list's
_LISTED_NAME = re.compile(r"\b(?:Ministry|Department|Office|Bureau|Commission|Council|Agency|Authority|Secretary|"
                          r"Minister)\s+(?:of|for)\s+[A-Z][\w&’'-]*(?:\s+[A-Z][\w&’'-]*)*"
                          r"(?:,\s+[A-Z][\w&’'-]*(?:\s+[A-Z][\w&’'-]*)*)*,?\s+and\s+[A-Z][\w&’'-]*")
_NAME_COMMA = "\u201a"  # stands in for such a comma while the clause is cut at its commas (same length)


def _masked_name_commas(clause: str) -> str:
    return _LISTED_NAME.sub(lambda m: m.group(0).replace(",", _NAME_COMMA), clause) if "," in clause else clause


def _read_subject(text: str, pieces: list[tuple[int, int]], base: int, role: Role) -> list[Actor]:
    """The actors of comma pieces that start with the subject: names, appositions, cues, qualifiers."""
    out: list[Actor] = []
    mode: Role = role
    for s, e in _split_inner_cues(text, pieces):
        piece = text[s:e]
        bare = _LEADING_CONJ.match(piece)  # ", and in collaboration with the Director of …,"
        skip = bare.end() if bare else 0
        opener = _THROUGH.match(piece, skip) or CUE_RE.match(piece, skip)
        if opener:
            out.extend(_actor(text, a, b, base, "participant") for a, b in _names(text, s + opener.end(), e))
            mode = "participant" if opener.re is CUE_RE else mode
        elif out and _CITATION.match(piece):
            continue  # "…, 12 U.S.C. 345(2)(B), (7) (agencies), shall": the statute a name is defined by
        elif out and (_APPOSITION.match(piece) or piece.lower().startswith("or ") or _absorbed(out[-1].name, piece)):
            last = out.pop()
            out.append(Actor(last.start, base + e, text[last.start - base:e], last.role))
        elif all(is_actor(text[a:b]) for a, b in conjuncts(text, s, e)):
            out.extend(_actor(text, a, _before_parent(text, a, b), base, mode) for a, b in conjuncts(text, s, e))
        elif _LEADING_CONJ.sub("", piece).split(" ", 1)[0].lower() not in QUALIFIER_OPENERS:
            return []  # a noun phrase that is no actor: the subject starts later
    return out


_PARENT = re.compile(r"\s+within\s+the\s+(?=[A-Z])")


def _before_parent(text: str, s: int, e: int) -> int:
    """Where a body's name ends before the body it sits in: "the Westland Institute of Standards
    (WIS) | within the Department of Commerce" (the parent says where, the name says who)."""
    m = _PARENT.search(text, s, e)
    return m.start() if m else e


def _split_inner_cues(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"through the Agency and in consultation with the Secretary" -> two pieces."""
    out = []
    for s, e in pieces:
        pos = s
        for m in _INNER_CUE.finditer(text, s, e):
            out.append((pos, m.start()))
            pos = m.end()
        out.append((pos, e))
    return out


def _names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The names listed from `start`: comma pieces while they read as names, each cut where the name ends."""
    out: list[tuple[int, int]] = []
    for s, e in _merge_adjectives(text, segments(text, start, end)):
        lead = _LIST_LEAD.match(text, s, e)
        if lead and out:
            if lead.group(1).lower() == "including":  # "the heads of relevant agencies, including A, B": A, B
                out.pop()
            s = lead.end()
        stop = _name_end(text, s, e)
        if out and _absorbed(text[out[-1][0]:out[-1][1]], text[s:stop]):
            out[-1] = (out[-1][0], stop)
            continue
        names = [span for span in conjuncts(text, s, stop) if _is_name(text[span[0]:span[1]])]
        if not names:
            break
        out.extend(names)
        if stop < e:
            break
    return out


def _name_end(text: str, s: int, e: int) -> int:
    """Where a listed name ends inside a comma piece: before a clause ("to develop", "on ways", "and provide")."""
    referred = _REFERRED.search(text, s, e)  # "the ministers referred to in section 12": one name
    m = _NP_END.search(text, referred.end() if referred else s, e)
    stop = m.start() if m else e
    for w in _AND_WORD.finditer(text, s, stop):
        if not opens_phrase(w.group(1)):
            stop = w.start()
            break
    participle = _PARTICIPLE.search(text, s, stop)
    if participle:
        stop = participle.start()
    if re.match(r"\s+as\s+appropriate\s*$", text[stop:e]):
        stop = e
    dangling = re.search(r"\s+(?:and|or)\s*$", text[s:stop])  # "the Secretary of State and | after consultation with"
    return s + dangling.start() if dangling else stop


def _merge_adjectives(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"State, local, and Tribal officials": single-word pieces belong to the phrase they qualify."""
    out: list[tuple[int, int]] = []
    run = False  # the last piece is a run of single words
    for s, e in pieces:
        single = " " not in text[s:e] and not ACRONYM.match(text[s:e])
        if out and run and (single or _CONJ.match(text, s)):
            out[-1] = (out[-1][0], e)
            run = single
            continue
        out.append((s, e))
        run = single
    return out


def _is_name(phrase: str) -> bool:
    """After an explicit cue, a named party: an actor, or a proper name ("the State of California").

    A common noun after a proper name ("Department of Energy facilities") names a thing."""
    words = _LEADING_CONJ.sub("", phrase.strip()).split()
    if not words or len(words) > 16 or "](" in phrase or "://" in phrase:
        return False  # a link ("alignment with the [Data Standards](https://…)") names a document, not a party
    last = words[-1].strip("(),.;:’'")
    if len(words) > 1 and last[:1].islower() and last.lower() not in actor_nouns() | _TRAILERS \
            and words[-2][:1].isupper():
        return False
    if is_actor(phrase):
        return True
    first = words[0].lstrip("“\"(")
    rest = words[1:] if first[:1].isupper() and first.lower() not in DETERMINERS else \
        words[2:] if first.lower() in DETERMINERS and len(words) > 1 and words[1][:1].isupper() else None
    return rest is not None and len(words) <= 8 and all(w[:1].isupper() or w.lower() in _CONNECTORS for w in rest)


def participant_actors(text: str, base: int = 0) -> list[Actor]:
    """Participants named in a predicate (the text after the modal): cues, "consult … with", "direct X to"."""
    spans: list[tuple[int, int]] = []
    clause_end = _clause_end(text)
    for m in CUE_RE.finditer(text, 0, clause_end):
        spans.extend(_names(text, m.end(), clause_end))
    for m in _ACTING_THROUGH.finditer(text, 0, clause_end):  # "(i) acting through the Administrator of …, expedite"
        spans.extend(_names(text, m.end(), clause_end)[:1])
    cue_ends = {m.end() for m in CUE_RE.finditer(text, 0, clause_end)}
    verb = _WITH_VERB.search(text, 0, clause_end)
    if verb:
        for m in _WITH.finditer(text, verb.end(), clause_end):
            if m.end() not in cue_ends:
                spans.extend(_names(text, m.end(), clause_end)[:8])
    for m in _DIRECT.finditer(text, 0, clause_end):
        stop = re.search(r"\s+(?:to|as)\s+", text[m.end():clause_end])
        if stop and is_actor(text[m.end():m.end() + stop.start()]):
            spans.append((m.end(), m.end() + stop.start()))
    return [_actor(text, s, e, base, "participant") for s, e in dict.fromkeys(spans)]


def _clause_end(text: str) -> int:
    """Where the predicate's own clause ends: at a top-level semicolon or colon."""
    depth = depths(text)
    return next((i for i, ch in enumerate(text) if ch in ";:" and depth[i] == 0), len(text))
