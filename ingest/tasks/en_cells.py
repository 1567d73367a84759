"""What a responsibility cell of an English table says: which bodies, in which role.

Cells are not always lists. Plans write "Vattenfall and Bristol City Council", "Required for
all agencies", but also "To be agreed, but would likely be A, B and C" (A, B, C tentatively
responsible), "A is the main responsible body", "A would have a significant role with regard to
…" (A takes part), "To be confirmed as this action is developed" or "The overall responsible body
would be identified as this work progresses" (nobody yet). Sentences that are prose (a modal
verb, "suggest", "look at") name no unit; generic pieces ("others to be confirmed", "their key
stakeholders", "stakeholders representing …") are not units either.
"""

from __future__ import annotations

import re

from ingest.models import Role
from ingest.recognise.en_phrases import ACRONYM, actor_nouns, opens_phrase

_SENTENCES = re.compile(r"(?<=[a-z)])\.\s+|<br\s*/?>|\n|;\s*")
_LIKELY = re.compile(r"\b(?:would|will)?\s*(?:likely|probably)\s+(?:to\s+)?be\s+(?P<names>.+)$", re.I)
_MAIN_BODY = re.compile(r"^(?P<names>.+?)\s+(?:is|are)\s+the\s+(?:\w+\s+)?(?:responsible|lead|accountable|"
                        r"implementing)\s+(?:body|bodies|organi[sz]ations?|part(?:y|ies)|partners?|agenc(?:y|ies))\b", re.I)
_ROLE = re.compile(r"^(?P<names>.+?)\s+(?:would\s+|will\s+)?(?:have|has)\s+an?\s+(?:\w+\s+)?role\b", re.I)
_PENDING = re.compile(r"^(?:to\s+be\s+(?:confirmed|agreed|determined|decided|identified)|tbc|tbd|n/?a|none|not\s+"
                      r"applicable)\b", re.I)
_PROSE = re.compile(r"\b(?:would|will|could|may|might|should|shall|must|can|is|are|likely|noting|include|including)\b",
                    re.I)
_NOT_NAME = re.compile(r"\b(?:is|are|be|been|being|likely|noting|note|including|include|identified|confirmed|agreed|"
                       r"progresses|playing|look|suggest)\b", re.I)
_GENERIC = re.compile(r"^(?:others?|their|its|stakeholders?|the\s+need|all\s+others|etc)\b", re.I)
_PREFIX = re.compile(r"^(?:required\s+for|applies\s+to|led\s+by|lead:|responsible:)\s+", re.I)
# "Required for CFO Act agencies only, encouraged for non-CFO Act agencies": those required are the ones responsible
_ENCOURAGED = re.compile(r"[,;]?\s*(?:and\s+|but\s+)?(?:encouraged|optional|recommended)\s+for\b.*$", re.I)
_ONLY = re.compile(r"\s+only\s*$", re.I)
_SPLIT = re.compile(r",(?!\s*as\s+well\s+as)\s*|\s+and\s+|\s*&\s*|\s*/\s*(?=[A-Z])")
MAX_NAME_WORDS = 14
_FOOTNOTE = re.compile(r"\[\^[\w-]+\]|\*+(?=\s*$)|(?<=\w)[¹²³⁴⁵⁶⁷⁸⁹⁰†‡]+")  # "Data Council*", "Committee[^7]": a note's mark


def cell_units(text: str, role: Role) -> list[tuple[str, Role]]:
    """(name, role) pairs a responsibility cell states, as written, in order."""
    out: list[tuple[str, Role]] = []
    for sentence in _SENTENCES.split(text):
        s = sentence.strip(" .-–—")
        if not s:
            continue
        for pattern, as_role in ((_LIKELY, role), (_MAIN_BODY, role), (_ROLE, "participant")):
            m = pattern.search(s)
            if m:
                out.extend((n, as_role) for n in _names(m.group("names")))
                break
        else:
            if not _PENDING.match(s) and not _PROSE.search(s):
                out.extend((n, role) for n in _names(s))
    unique: dict[str, tuple[str, Role]] = {}
    for n, r in out:
        unique.setdefault(n.lower(), (n, r))
    return list(unique.values())


def _names(text: str) -> list[str]:
    """The names of a list ("A, B and C"), generic and prose pieces dropped."""
    text = _ONLY.sub("", _ENCOURAGED.split(_PREFIX.sub("", text.strip()))[0])
    pieces: list[str] = []
    for piece in _SPLIT.split(text):
        piece = re.sub(r"^(?:and|or)\s+", "", _FOOTNOTE.sub("", piece).strip(" .,;:-–—"))  # "A, B, and C": the serial comma's "and"
        if pieces and (_shares_head(pieces[-1], piece, text) or _name_goes_on(pieces[-1], piece, text)
                       or _fields_of_one_body(pieces[-1], piece, text)):
            pieces[-1] = f"{pieces[-1]} and {piece}"
            continue
        pieces.append(piece)
    return [p for p in pieces if _is_name(p)]


def _name_goes_on(left: str, right: str, whole: str) -> bool:
    """"Division of Purchase and Property", "Department of Health and Human Services": a body named by its
    fields goes on after "and" in capitals, with no body noun of its own."""
    words = right.split()
    return f"{left} and {right}" in whole and bool(re.search(r"\b(?:of|for)\s+[A-Z]", left)) and 0 < len(words) <= 3 \
        and all(w[:1].isupper() for w in words) and not ACRONYM.match(right) \
        and not any(w.lower() in actor_nouns() for w in words)


def _fields_of_one_body(left: str, right: str, whole: str) -> bool:
    """"Housing and Retrofit Sub-Group", "Finance and Audit Committee": one body named by two fields - a lone
    capitalised word that names no body itself, "and", then a name ending in a body noun."""
    words = right.split()
    last = words[-1].lower().split("-")[-1] if words else ""
    return f"{left} and {right}" in whole and " " not in left and left[:1].isupper() and not ACRONYM.match(left) \
        and left.lower() not in actor_nouns() and left.lower().rstrip("s") not in actor_nouns() and last in actor_nouns() \
        and _common_noun(left)


def _common_noun(word: str) -> bool:
    """A word of the English dictionary used as a noun ("Buildings", "Finance"), not a proper name ("Eastwind"):
    lemminflect's tables hold the one and not the other."""
    from lemminflect import getAllLemmas

    return "NOUN" in getAllLemmas(word.lower())


def _shares_head(left: str, right: str, whole: str) -> bool:
    """"CIO and Chief Data Officer Councils", "State and Tribal authorities": one name with a shared plural head."""
    last = right.split()[-1].lower() if right.split() else ""
    return f"{left} and {right}" in whole and " " not in left and last.endswith("s") and not _GENERIC.match(right) and \
        (last in actor_nouns() or last.rstrip("s") in actor_nouns())


def _is_name(piece: str) -> bool:
    """A short noun phrase naming a body, not prose and not a placeholder."""
    words = piece.split()
    if not words or len(words) > MAX_NAME_WORDS or _GENERIC.match(piece) or _NOT_NAME.search(piece):
        return False
    first = words[0]
    if first[0].isupper() or ACRONYM.match(first):
        return True
    last = words[-1].lower()
    return opens_phrase(first) or last in actor_nouns() or (last.endswith("s") and not last.endswith("ss"))
