"""English noun phrases that name actors: the pieces `en_actors.py` assembles into units.

How officials write lists of actors, and what these helpers rely on:
- a list is cut at top-level commas and semicolons (never inside brackets);
- "and" joins two actors only when the second has its own determiner ("The Director of OMB and
  the Chair of the Council"); without one it is part of a single name ("the Secretary of Housing
  and Urban Development", "the Assistant to the President and National Climate Advisor");
- a plural title distributes over what follows ("the Secretaries of Commerce, Labor, and
  Energy", "the Directors of the FWS and the BLM") until another title starts a new actor;
- an actor is a phrase whose head (the last word before its first preposition, participle or
  relative clause) is an office holder or body (`ingest/data/en_actor_nouns.tsv`), or an
  acronym ("the NRC").
All spans are offsets into the text given, so callers can cite every name.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

ACTOR_NOUNS_FILE = Path(__file__).resolve().parents[1] / "data" / "en_actor_nouns.tsv"
# the polity as a whole: "The United States must …" is a statement of policy, not a duty of one body
_POLITY = re.compile(r"^(?:the\s+|this\s+|my\s+|our\s+)?(?:United\s+States(?:\s+of\s+America)?|Federal\s+Government|"
                     r"Government|Nation|Administration|country|America)$", re.I)
_NEGATIONS = frozenset(("no", "neither", "nothing", "none", "nor"))
_ARTICLES = frozenset("the a an all each any every its their this that these those".split())
DETERMINERS = frozenset("the all each any every other its their his her both such".split())
PRONOUNS = frozenset(("they", "he", "she"))
TITLES = frozenset("secretary administrator director chair chairman chairperson chief commissioner head member "
                   "advisor adviser assistant officer envoy governor minister president".split())
# words that open a qualifying phrase, not a name: "as appropriate", "within existing appropriations"
QUALIFIER_OPENERS = frozenset("as within consistent subject in to where if when pursuant under with after by for on at "
                              "through including respectively each also while unless except upon following prior "
                              "notwithstanding whether".split())
_STOPS = frozenset("of for at to on in under with from by that which who whose as within through including "
                   "pursuant regarding about during between into upon when where while if".split())
_SUBJECT_TO = re.compile(r"\s+subject\s+to\b", re.I)  # a postmodifier naming the law a class falls under
_OPENERS = frozenset(("appropriate", "specified", "relevant", "certain", "several"))
_NOT_PARTICIPLE = frozenset(("red", "need", "seed", "bed", "shed", "ing"))
_WORD = re.compile(r"[\w’'\-&.]+|[()]")
ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,7}s?$")
_PLURAL_TITLE = re.compile(r"^(?:the\s+)?(?:\w+\s+)?(?:secretaries|directors|administrators|chairs|heads|chiefs|"
                           r"commissioners|members|assistants)\s+of\b", re.I)
_AND = re.compile(r"\s+(?:and|&)\s+")
_LEADING = re.compile(r"^(?:and|or|both|also)\s+|^[\s“”\"'‘’*]+", re.I)


@lru_cache(maxsize=4)
def actor_nouns(path: str = str(ACTOR_NOUNS_FILE)) -> frozenset[str]:
    """The head nouns of the data table (comments and blank lines skipped)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.lstrip().startswith("#"))

# "regional", "relevant", "executive", "public": words that qualify a noun rather than name one
_ADJECTIVE_ENDS = ("al", "ed", "ant", "ent", "ive", "ic", "ous", "ary", "ible", "able")

def depths(text: str) -> list[int]:
    """Bracket depth before each character (round and square brackets)."""
    out, d = [], 0
    for ch in text:
        if ch in ")]" and d:
            d -= 1
        out.append(d)
        if ch in "([":
            d += 1
    return out


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    """The span without surrounding blanks, list punctuation and quotes."""
    while s < e and text[s] in " \t\n,;:“”\"'*—–-":
        s += 1
    while e > s and text[e - 1] in " \t\n,;:.“”\"'*—–":
        e -= 1
    return s, e


def segments(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Top-level comma/semicolon pieces of text[start:end], trimmed, empty ones dropped."""
    end = len(text) if end is None else end
    depth = depths(text)
    cuts = [i for i in range(start, end) if text[i] in ",;" and depth[i] == 0]
    out = []
    for s, e in zip([start] + [c + 1 for c in cuts], cuts + [end], strict=True):
        s, e = trim(text, s, e)
        if e > s:
            out.append((s, e))
    return out


def head_word(phrase: str) -> str:
    """The last word before the phrase's first preposition, participle, relative clause or bracket."""
    chunk: list[str] = []
    phrase = _SUBJECT_TO.split(phrase, maxsplit=1)[0]  # "Ferry operators | subject to Westland Code 12.4"
    for w in _WORD.findall(_LEADING.sub("", phrase)):
        low = w.lower()
        if w in "()" or w in _STOPS:
            break
        if chunk and low.endswith(("ing", "ed")) and low not in _NOT_PARTICIPLE and low not in actor_nouns() \
                and (chunk[-1].lower() in actor_nouns() or ACRONYM.match(chunk[-1])):
            break  # "Agency heads conducting reviews"; but "the specified heads" reads on
        chunk.append(w)
    if not chunk:
        return ""
    return re.sub(r"[’']s$|[.’']$", "", chunk[-1])


_TIME_OPENERS = frozenset(("within", "by", "upon", "after", "before", "during", "until", "not", "no", "beginning",
                           "starting", "following", "once", "when", "whenever", "if", "unless", "in", "on", "at"))


def is_actor(phrase: str) -> bool:
    """Does the phrase name an office holder or body (or is it a pronoun standing for one)?"""
    p = _LEADING.sub("", phrase).strip()
    if not p:
        return False
    if p.lower() in PRONOUNS:
        return True
    first = p.split(" ", 1)[0]
    if first.lower() in _TIME_OPENERS:
        return False  # "Within 30 days after issuing the EA": when, not who
    if first.lower() in _NEGATIONS or _POLITY.match(p):
        return False  # "No agency shall …" forbids; "The Federal Government must …" states policy
    if first[0].islower() and not opens_phrase(first) and (
            len(p.split()) > 4 or any(w.lower() in _ARTICLES for w in p.split()[1:])):
        return False  # a verb ("develop a plan", "provide the Office"), not a noun phrase ("port authorities")
    head = head_word(p)
    return bool(head) and (head.lower() in actor_nouns() or bool(ACRONYM.match(head)))


def opens_phrase(word: str) -> bool:
    """A lower-case word that can open a noun phrase: a determiner, an actor noun, an adjective."""
    w = word.lower()
    return (w in DETERMINERS or w in actor_nouns() or w in _OPENERS
            or w.endswith(_ADJECTIVE_ENDS))


def has_title(phrase: str) -> bool:
    """Does the phrase name its own office holder (Secretary, Director …), not just a body?"""
    return any(w.lower().rstrip("s") in TITLES for w in _WORD.findall(phrase))


def conjuncts(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """One list piece cut at "and" where the right side starts its own actor (see module doc)."""
    depth = depths(text)
    cuts = [m for m in _AND.finditer(text, s, e) if not depth[m.start()] and (
        _starts_actor(text[m.end():e].lstrip()) or _joins_officials(text[s:m.start()], text[m.end():e].lstrip()))]
    pieces = [(a, b) for a, b in zip([s] + [m.end() for m in cuts], [m.start() for m in cuts] + [e], strict=True)]
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        if out and plural_title(text[out[-1][0]:out[-1][1]]) and not has_title(text[a:b]):
            out[-1] = (out[-1][0], b)  # "the Directors of the NPS and the BLM"
            continue
        out.append((a, b))
    return [span for span in (trim(text, a, b) for a, b in out) if span[1] > span[0]]


def _starts_actor(rest: str) -> bool:
    """Does the text after an "and" open a new actor (a determiner, an acronym, or a body's head noun and "of" first:
    "… Office of Public Affairs and Office of Public Engagement")?"""
    first = rest.split(" ", 1)[0]
    return first.lower() in DETERMINERS or bool(ACRONYM.match(first.rstrip(",;"))) or bool(_BODY_OF.match(rest))


_BODY_OF = re.compile(r"(?:Office|Department|Bureau|Agency|Commission|Council|Board|Ministry|Administration|Division|"
                      r"Institute|Service)\s+(?:of|for|on)\s+[A-Z]")


def _joins_officials(left: str, rest: str) -> bool:
    """"the Secretary of the Interior and agency heads": after a named office holder, a short lower-case actor
    phrase opened by a noun is a second actor (no office's name goes on in lower case), and so is one after a
    body's proper name ("the Ministry of Science and Technology and renewable energy stakeholders"); "departments
    and agencies" or "local, and territorial governments" share their head."""
    words = rest.split()
    if not (1 < len(words) <= 4 and words[0].islower() and is_actor(rest)):
        return False
    if has_title(left):
        return len(words) <= 3 and not words[0].endswith(_ADJECTIVE_ENDS)
    body = left.split()  # "the Board and collaborating ministries": a body's proper name ends where lower case starts
    return len(body) >= 2 and body[-1][:1].isupper() and is_actor(left)


def plural_title(phrase: str) -> bool:
    """"the Secretaries of …", "the heads of …": a title shared by the names that follow."""
    return bool(_PLURAL_TITLE.match(_LEADING.sub("", phrase)))


# an order's recital ("WHEREAS, Executive Order No. 11 requires City agencies to …"): why it is made, no duty of it
_RECITAL = re.compile(r"\s*(?:and\s+)?(?:WHEREAS|Whereas)\b")


_OPERATIVE = re.compile(r"\bNOW,?\s+THEREFORE\b|\bit\s+is\s+hereby\s+ordered\b", re.I)


def is_recital(text: str, start: int) -> bool:
    """Whether the sentence at `start` is a recital: its facts and the duties it reports are not the order's."""
    return bool(_RECITAL.match(text, start))


def in_recital(text: str, start: int, pos: int) -> bool:
    """Whether `pos` lies in a recital of the sentence starting at `start` (recitals joined by "; and" read as
    one sentence): a WHEREAS before it and no "NOW, THEREFORE" between."""
    at = text.rfind("WHEREAS", start, pos)
    if at < 0:
        at = text.rfind("Whereas", start, pos)
    return at >= 0 and not _OPERATIVE.search(text, at, pos)
