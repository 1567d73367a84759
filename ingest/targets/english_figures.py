"""The figures of an English sentence: measures with units, counts of things, multiples.

English policy text states a figure as a measure ("30 percent", "5 gigawatt", "fifty million metric
tons"), a count of a noun ("10 new large reactors", "at least 20 officials", "three reactors",
"950 charge points") or a multiple ("doubling solar capacity" = 2 times). Numbers that only name
something are left alone: section and order numbers (Sec. 4, Executive Order 14156, 42 U.S.C. 7401),
years and dates, ordinals (120th Congress), money, a proper name after a number (123 Agreements),
and an anaphor ("each of the three reactors" repeats a figure already stated).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.recognise.number_words import MULTIPLE, english_numbers, multiple
from ingest.recognise.quantities import Quantity, find_quantities, noun_bound, unit_after

# thousands grouped by commas ("16,000") or, the way British, Irish and Asian papers set them, by spaces ("16 000")
_SPACED = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.])"
_DIGITS = re.compile(rf"(?<![\w.$§/-])(?P<sign>~\s*)?(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|{_SPACED}"
                     r"|\d+(?:\.\d+)?)(?![\w,.]\d)")
# "10 new large reactors", "8,800 new PSH tenancies" (an acronym among the modifiers), "6,400 affordable and cost
# rental homes" (two modifiers joined)
_NOUN_PHRASE = re.compile(r"\s+(?P<np>(?P<mods>(?:(?:[a-z0-9][\w’'-]*|[A-Z]{2,6})\s+(?:(?:and|or)\s+(?=[a-z]))?){0,3}?)"
                          r"(?P<noun>[A-Za-z][a-z-]{2,}s|people|children|women|men|staff|personnel))\b")  # plurals without -s too
_NOT_A_NOUN = re.compile(r"(?:ss|us|is)$|^(?:this|was|has|does|thus|plus|always|perhaps|whereas|as|its|"
                         r"times|series|percents?|years|months|days|hours|weeks|minutes|levels)$")
_FUNCTION_WORDS = {"of", "the", "and", "or", "to", "in", "for", "by", "at", "on", "a", "an", "with", "from", "that",
                   "which", "be", "is", "are", "was", "were", "than", "per"}
_NAME_BEFORE = re.compile(r"(?:\b(?:Sec|Secs|Section|Sections|section|sections|Order|No|Nos|Part|Title|Law|Act|"
                          r"Stat|Article|Chapter|Objective|Action|Actions|Phase|Generation|Tier|Module|Table|Figure|"
                          r"Appendix|Amendment|Executive Order|Public Law|Proclamation|Memorandum|FY|fiscal year|"
                          r"step|Step|Outcome|Milestone|Recommendation|Item|Annex|Schedule|Box|Web|Version|version|"
                          r"Year|Years|Grade|Grades|Key Stage|Stage|Level|Band|Ward|Zone|Route|Goal|SDG)\.?\s*|[§#]\s*)$")
# "scope 1, 2, and 3 emissions", "Phases 2 and 3": numbers that name the scopes, phases or tiers listed
_NAMED_LIST = re.compile(r"\b(?:[Ss]copes?|[Pp]hases?|[Tt]iers?|[Ss]tages?|Levels?|Grades?|Sections?|Parts?|Titles?|"
                         r"Articles?|Chapters?|Goals?|Objectives?|Actions?)\s+\d{1,3}[a-z]?(?:\s*,\s*\d{1,3}[a-z]?)*\s*"
                         r"(?:,\s*(?:and|or)|,|and|or|&)\s*$|\b[Ss]copes?\s+$")
_NAME_AFTER = re.compile(r"^(?:\s*(?:U\.S\.C|CFR|C\.F\.R|Fed\.|FR\b|Stat\.|st\b|nd\b|rd\b|th\b)|\)|\.\d|-\d|:\d)")
# "three out of four cancers", "one in five adults": the second number is a denominator, not a count
_DENOMINATOR = re.compile(r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten))\s+(?:out\s+of|in)\s+$", re.I)
_ANAPHOR = re.compile(r"\b(?:the|these|those|each of the|all|both|top|first|last|next|other)\s+$|’s\s+$|'s\s+$", re.I)
# counts of a text's own parts or of ideas, not of things a plan delivers
_OWN_PARTS = re.compile(r"^(?:objectives|goals|targets|actions|measures|commitments|principles|pillars|priorities|areas|"
                        r"sections|steps|elements|components|"
                        r"categories|parts|criteria|factors|recommendations|questions|topics|themes|ways|reasons|"
                        r"phases|stages|levels|types|kinds|examples|cases|instances|scenarios|options)$", re.I)
_COMPARATORS = [("at least ", ">="), ("not less than ", ">="), ("no less than ", ">="), ("a minimum of ", ">="),
                ("no more than ", "<="), ("not more than ", "<="), ("not to exceed ", "<="), ("up to ", "<="),
                ("at most ", "<="), ("more than ", ">"), ("over ", ">"), ("in excess of ", ">"),
                ("to exceed ", ">"), ("exceeding ", ">"), ("exceeds ", ">"),
                ("fewer than ", "<"), ("less than ", "<"), ("approximately ", "~"), ("about ", "~"),
                ("around ", "~"), ("nearly ", "~"), ("roughly ", "~"), ("in the region of ", "~")]


_SCALED = re.compile(r"(?<![\w.$£€₹§/-])(?P<dollar>(?:US|A|C|NZ)?\$\s?|£\s?|€\s?|₹\s?|Rs\.?\s?|INR\s?)?(?P<num>\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
                     r"(?P<upper>\s*[-–]\s*\d+(?:\.\d+)?)?"  # "£10-12 billion": from its lower end
                     r"(?:\s+(?P<scale>(?i:thousand|million|billion|trillion))\b|(?P<abbr>bn|m|k)\b)?")  # "$5.5 Billion"
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_ABBREVIATED = {"k": "thousand", "m": "million", "bn": "billion"}  # "£20m", "$1.2bn"
_CURRENCY = {"$": "USD", "US$": "USD", "A$": "AUD", "C$": "CAD", "NZ$": "NZD", "£": "GBP", "€": "EUR", "₹": "INR",
             "Rs": "INR", "INR": "INR"}


@dataclass(frozen=True)
class Figure:
    """A figure of an English sentence: `text[start:end]` is what states it (comparator words included)."""

    value: float
    unit: str
    comparator: str
    start: int
    end: int
    noun: str = ""  # the counted noun phrase ("new large reactors"), empty for measures
    value_max: float | None = None  # a range's upper end ("24–47%", "110 to 440 hectares")


def _comparator(text: str, start: int) -> tuple[str, int]:
    window = text[max(0, start - 20):start].lower()
    article = re.search(r"\ban?\s+$", window)  # "a minimum of an 80% reduction", "at least a 20 percent cut"
    if article:
        window, start = window[:article.start()], start - (len(window) - article.start())
    for word, cmp in _COMPARATORS:
        if window.endswith(word) and (len(window) == len(word) or not window[-len(word) - 1].isalpha()):
            return cmp, start - len(word)
    return noun_bound(text, start) or "=", start  # "a minimum reduction of 35%": the noun's bound


def _named(text: str, a: int, b: int, lo: int) -> bool:
    """A number that names or dates something rather than counting it."""
    before, after = text[max(lo, a - 24):a], text[b:b + 8]
    if _NAME_BEFORE.search(before) or _NAME_AFTER.match(after):
        return True
    if b - a <= 2 and _NAMED_LIST.search(text, max(lo, a - 40), a):
        return True  # the next of a list of scopes or phases ("scope 1, 2, and 3"); not "In Phase 2, 300 homes"
    raw = text[a:b].replace(",", "")
    return raw.isdigit() and 1900 <= int(raw) <= 2100 and "," not in text[a:b]


_NUMBER_OF = re.compile(r"\bnumber\s+of\s+(?P<np>(?:[\w’'-]+,?\s+){0,5}?(?P<noun>[a-z]+s))\s+(?:\([A-Za-z]{2,8}\)\s+)?"
                        r"(?:to|from)\s+(?:at\s+least\s+|more\s+than\s+|over\s+|about\s+|approximately\s+|nearly\s+)?"
                        r"(?P<num>" + _SPACED + r"|\d[\d,]*(?:\.\d+)?)(?![\d.,]*\s*(?:%|percent|per\s+cent))", re.I)


def _value(num: str) -> float:
    """"16,000", "16 000" -> 16000.0."""
    return float(re.sub(r"[,\s\u00a0\u202f]", "", num))


def _numbers_of(text: str, lo: int, hi: int) -> list[Figure]:
    """"increase the number of registered zero-emission vehicles to at least 80,000": a count of the noun
    before it, the number written bare."""
    out: list[Figure] = []
    for m in _NUMBER_OF.finditer(text, lo, hi):
        a = m.start("num")
        cmp, start = _comparator(text, a)
        out.append(Figure(_value(m.group("num")), m.group("noun"), cmp, max(lo, start), m.end("num"),
                          m.group("np").strip(" ,")))
    return out


def _counts(text: str, lo: int, hi: int) -> list[Figure]:
    """Numbers (digits or words) followed by a plural noun phrase: "10 new large reactors"."""
    numbers = [(_value(m.group("num")), m.start("num"), m.end(), bool(m.group("sign")))
               for m in _DIGITS.finditer(text, lo, hi)]
    numbers += [(v, a, b, False) for v, a, b in english_numbers(text, lo, hi)]
    out: list[Figure] = []
    for value, a, b, approx in numbers:
        plus = text.startswith("+", b) and not text[b + 1:b + 2].isdigit()  # "30+ nature reserves": at least 30
        m = _NOUN_PHRASE.match(text, b + plus, hi) or (_ACRONYM_PLURAL.match(text, b + plus, hi) if plus else None)
        if not m or _named(text, a, b, lo) or _ANAPHOR.search(text[max(lo, a - 14):a]) or \
                _DENOMINATOR.search(text[max(lo, a - 24):a]):
            continue
        words, noun = re.sub(r"\s(?:and|or)\s", " ", m.group("np")).split(), m.group("noun")
        if (_NOT_A_NOUN.search(noun.lower()) and not noun[:-1].isupper()) or any(w.lower() in _FUNCTION_WORDS for w in words) \
                or _OWN_PARTS.match(noun) or (noun[0].isupper() and not m.group("mods")):
            continue
        low = _RANGE_LOW.search(text, max(lo, a - 24), a)  # "around 10,000 to 12,000 jobs": a range
        if low and _value(low.group("lo1") or low.group("lo2")) < value:
            cmp, start = _comparator(text, low.start())
            out.append(Figure(_value(low.group("lo1") or low.group("lo2")), m.group("noun"),
                              cmp, max(lo, start), m.end("np"), m.group("np"), value_max=value))
            continue
        cmp, start = ("~", a - 1) if approx else (">=", a) if plus else _comparator(text, a)
        out.append(Figure(value, m.group("noun"), cmp, max(lo, start), m.end("np"), m.group("np")))
    return out


# a count written "30+ Aspirational LNRs": title-case modifiers and an acronym's plural
_ACRONYM_PLURAL = re.compile(r"\s+(?P<np>(?P<mods>(?:[A-Z][a-z]+\s+){0,3})(?P<noun>[A-Z]{2,6}s))\b")


def _scaled(text: str, lo: int, hi: int) -> list[Figure]:
    """Dollar amounts ("$2.5 billion") and digits with a scale word ("1 million trees", "5 million metric tons")."""
    out: list[Figure] = []
    for m in _SCALED.finditer(text, lo, hi):
        if not (m.group("dollar") or m.group("scale")) or (m.group("abbr") and not m.group("dollar")):
            continue  # "20m" alone is a length; "£20m" a sum
        scale = (m.group("scale") or _ABBREVIATED.get(m.group("abbr") or "", "")).lower()
        value = _value(m.group("num")) * _SCALES.get(scale, 1.0)
        cmp, start = _comparator(text, m.start())
        if m.group("upper") and cmp == "=":
            cmp = ">="
        if m.group("dollar"):
            out.append(Figure(value, _CURRENCY[m.group("dollar").strip().rstrip(".")], cmp, max(lo, start), m.end()))
            continue
        unit = unit_after(text, m.end(), hi)
        if unit:
            out.append(Figure(value, unit[0], cmp, max(lo, start), unit[1]))
            continue
        noun = _NOUN_PHRASE.match(text, m.end(), hi)
        if noun and not _NOT_A_NOUN.search(noun.group("noun").lower()):
            out.append(Figure(value, noun.group("noun"), cmp, max(lo, start), noun.end("np"), noun.group("np")))
    return out


_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# the bare low end of a range: "110 to 440 hectares", "between 5 and 8 GW" ("from 20 to 30%" is a change, not a range)
_RANGE_LOW = re.compile(rf"(?:\bbetween\s+(?P<lo1>{_NUM})\s+and|(?<!from )(?<!\bin )(?<!\bsince )(?<!\bof )(?<![\d,.])"
                        rf"(?P<lo2>{_NUM})\s*(?:to|-|–|—))\s*$", re.I)  # not "in 2007 to 268,887 tonnes": a year


def _measure(text: str, q: Quantity, lo: int) -> Figure:
    """A measure; "110 to 440 hectares" and "between 5 and 8 GW" (the low end written bare) are ranges too."""
    if q.value_max is None and (m := _RANGE_LOW.search(text, max(lo, q.start - 24), q.start)):
        low = _value(m.group("lo1") or m.group("lo2"))
        if low < q.value:
            return Figure(low, q.unit, q.comparator, m.start(), q.end, value_max=q.value)
    return Figure(q.value, q.unit, q.comparator, q.start, q.end, value_max=q.value_max)


# "110,000 affordable homes by 2032, of which 12,000 will be for social rent": a part of the whole before it
_OF_WHICH = re.compile(rf"\bof\s+which\s+(?:at\s+least\s+|up\s+to\s+|around\s+|about\s+|over\s+|more\s+than\s+)?"
                       rf"(?P<num>{_NUM})(?P<pct>\s*(?:%|percent\b|per\s*cent\b))?(?:\s+[a-z]+){{0,2}}?\s+"
                       rf"(?:will|shall|would|must|should|are|is)\s+(?:be\s+|go\s+)?"
                       rf"(?P<what>(?:for|in|from|at|on|delivered\s+(?:in|by|through))\s+[^,.;:]+)", re.I)


def _parts_of_a_whole(text: str, lo: int, hi: int, kept: list[Figure]) -> list[Figure]:
    """A figure after "of which" counts what the figure before it counts, narrowed by what the clause says it is
    for ("…, of which 12,000 will be for social rent": 12,000 affordable homes for social rent)."""
    out = list(kept)
    for m in _OF_WHICH.finditer(text, lo, hi):
        whole = next((f for f in reversed(kept) if f.end <= m.start() and f.noun), None)
        if whole is None:
            continue
        noun = f"{whole.noun} {' '.join(m.group('what').split())}"
        a = m.start("num")
        at = next((i for i, f in enumerate(out) if f.start <= a < f.end), None)
        if at is not None:
            out[at] = replace(out[at], noun=noun)
        elif not m.group("pct"):
            cmp, start = _comparator(text, a)
            out.append(Figure(_value(m.group("num")), whole.unit, cmp, max(lo, start), m.end("num"), noun))
    return sorted(out, key=lambda f: f.start)


def _bounds(f: Figure) -> list[Figure]:
    """A range is two figures: at least its low end, at most its high end."""
    if f.value_max is None:
        return [f]
    return [Figure(f.value, f.unit, ">=", f.start, f.end, f.noun), Figure(f.value_max, f.unit, "<=", f.start, f.end, f.noun)]


# "single and double head charging units", "double-decker buses": double as a kind of thing, not a multiple
_KIND_OF = re.compile(r"\bsingle\s*(?:and|or|/|,)\s*$", re.I)


# a rating or limit whose number has no unit: "a maximum energy-use index of 90", "an efficiency score of
# at least 75"; the measure is the noun phrase before "of" (a lead-in may end there: "… an index of greater than:")
MEASURE_PHRASE = r"(?:(?!(?:a|an|the)\s)[a-z][\w-]*\s+){0,3}(?:potential|index|rating|score|ratio|intensity|factor|limit|standard)"
BOUND_WORDS = (r"greater\s+than|more\s+than|less\s+than|at\s+least|at\s+most|no\s+more\s+than|not\s+more\s+than|"
               r"not\s+less\s+than|no\s+less\s+than|up\s+to|not\s+to\s+exceed")
_MEASURE_OF = re.compile(rf"\b(?P<np>{MEASURE_PHRASE})\s+of\s+(?P<cmp>{BOUND_WORDS})?\s*"
                         r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?!\s*(?:%|percent|per\s*cent|[A-Za-z]*\d))\b", re.I)
_MAXIMUM = re.compile(r"\b(?:maximum|max\.?|highest)\s+$", re.I)
_MINIMUM = re.compile(r"\b(?:minimum|min\.?|lowest)\s+$", re.I)


def _measures_of(text: str, lo: int, hi: int) -> list[Figure]:
    """"a maximum energy-use index of 90": a figure of the measure named before it, with no unit."""
    out: list[Figure] = []
    for m in _MEASURE_OF.finditer(text, lo, hi):
        np = m.group("np")
        cmp = bound_of(m.group("cmp") or "")
        before = text[max(lo, m.start() - 12):m.start()]
        if cmp == "=":
            cmp = "<=" if _MAXIMUM.search(before) or np.lower().startswith("maximum") else \
                ">=" if _MINIMUM.search(before) or np.lower().startswith("minimum") else "="
        out.append(Figure(_value(m.group("num")), "", cmp, m.start("num") if not m.group("cmp") else m.start("cmp"),
                          m.end("num"), re.sub(r"^(?:maximum|minimum)\s+", "", np, flags=re.I)))
    return out


# the comparator of each bound's words ("at least" >=, "not to exceed" <=), and "greater than" beside "more than"
_BOUNDS = {word.strip(): cmp for word, cmp in _COMPARATORS} | {"greater than": ">"}


def bound_of(words: str) -> str:
    """The comparator the words of a bound state ("=" for none)."""
    return _BOUNDS.get(" ".join(words.lower().split()), "=")


def english_figures(text: str, lo: int, hi: int) -> list[Figure]:
    """Every figure of text[lo:hi] in text order; where readings overlap, a scaled figure or a measure wins
    over a count (one sweep over the sorted readings: linear however many figures a sentence holds)."""
    readings = [(f, 0) for f in _scaled(text, lo, hi)]
    readings += [(_measure(text, q, lo), 1) for q in find_quantities(text, lo, hi)  # a range ("61-66 percent") names
                 if (q.value_max is not None and q.unit) or not _named(text, *_number_span(text, q), lo)]  # nothing
    readings += [(f, 2) for f in _counts(text, lo, hi)]
    readings += [(f, 2) for f in _numbers_of(text, lo, hi)]
    readings += [(f, 2) for f in _measures_of(text, lo, hi)]
    readings += [(Figure(multiple(m.group(0)), "times", "=", m.start(), m.end()), 3) for m in MULTIPLE.finditer(text, lo, hi)
                 if not _KIND_OF.search(text, max(lo, m.start() - 16), m.start()) and not text.startswith("-", m.end())]
    readings.sort(key=lambda r: (r[0].start, r[1], -r[0].end))
    kept: list[tuple[Figure, int]] = []
    for f, rank in readings:
        if kept and f.start < kept[-1][0].end:
            if rank < kept[-1][1]:
                kept[-1] = (f, rank)
            continue
        kept.append((f, rank))
    return [b for f in _parts_of_a_whole(text, lo, hi, [f for f, _ in kept]) for b in _bounds(f)]


def _number_span(text: str, q: Quantity) -> tuple[int, int]:
    m = re.search(r"\d[\d,]*(?:\.\d+)?", text[q.start:q.end])
    return (q.start + m.start(), q.start + m.end()) if m else (q.start, q.start)
