"""Countries and first-level states named in English titles ("Canada's Action Plan …", "Victorian
renewable energy targets", "Our Norway Transport Plan 2030").

The names come from `pycountry` (ISO 3166-1 countries, and the states, provinces, territories and
constituent countries of ISO 3166-2 where English plans are written), not from a list kept here. A
name counts as a whole word, in the possessive, or as its adjective made the regular way ("Canada" ->
"Canadian", "Victoria" -> "Victorian", "Australia" -> "Australian"). Lower levels (councils, counties,
cities) are left to the title patterns of `places.py`: their ISO names ("Bristol, City of") are not
how documents write them.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

# where English plans are written, the first level below the country: states, provinces, territories,
# the nations of the United Kingdom
_STATES_OF = ("US", "CA", "AU", "IN", "GB")
_STATE_TYPES = frozenset(("State", "Province", "Territory", "Union territory", "Country"))


# how English texts write some names short (ISO gives the long forms only)
_SHORT_NAMES = {"UK": "United Kingdom", "U.K.": "United Kingdom", "USA": "United States", "U.S.A.": "United States",
                "NSW": "New South Wales"}


@lru_cache(maxsize=1)
def _names() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern over every name (longest first, so "New South Wales" beats "Wales"), and name -> spelling."""
    import pycountry  # imported where used: 249 countries and 5,000 subdivisions most commands never need

    spelled: dict[str, str] = {}
    for country in pycountry.countries:
        usual = getattr(country, "common_name", None) or country.name
        for name in (country.name, usual, getattr(country, "official_name", None)):
            if name and "," not in name:
                spelled[name] = usual
    for sub in pycountry.subdivisions:
        if sub.country_code in _STATES_OF and sub.type in _STATE_TYPES:
            name = re.sub(r"\s*\[.*\]$", "", sub.name)  # "Wales [Cymru GB-CYM]"
            spelled.setdefault(name, name)
    spelled.update(_SHORT_NAMES)
    forms = sorted(spelled, key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in forms)
    # the name, its possessive, or its adjective: Canada -> Canadian (drop the final a, add -ian), Victoria -> Victorian
    pattern = re.compile(rf"\b(?P<name>{alternatives})(?:['’]s\b|n\b|\b)|\b(?P<stem>"
                         rf"{'|'.join(re.escape(n[:-1]) for n in forms if n.endswith('a'))})ian\b")
    return pattern, spelled


def polity_in(title: str) -> str | None:
    """The first country or state an English title names, as usually spelled, else None."""
    pattern, spelled = _names()
    m = pattern.search(title or "")
    if not m:
        return None
    if m.group("name"):
        return spelled[m.group("name")]
    stem = m.group("stem")
    return spelled.get(stem + "a")


def _by_name(m: re.Match[str]) -> bool:
    """A match of `_names()`'s pattern that names the place, not its adjective ("Victorian")."""
    name = m.group("name")
    return bool(name) and not m.group(0).endswith(name + "n")


def polity_most_named(text: str) -> str | None:
    """The country or state an English text names most, by name (not adjective), if it names it at least
    twice and at least twice as often as any other: the place of a plan whose title does not say it ("Our
    Targets" over "Westland's Green Plan charts targets … across Westland")."""
    pattern, spelled = _names()
    counts = Counter(spelled[m.group("name")] for m in pattern.finditer(text or "") if _by_name(m))
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]


# the countries that call their own currency the dollar and write it "$" (a bare "$" in their texts is theirs)
_DOLLARS = {"AU": "AUD", "CA": "CAD", "NZ": "NZD", "HK": "HKD", "SG": "SGD", "TW": "TWD"}


@lru_cache(maxsize=256)
def local_dollar(place: str) -> str | None:
    """The currency a bare "$" means in a text of `place` (a country or one of its states), when that country's
    dollar is not the US one: "New South Wales" -> "AUD", "Hong Kong" -> "HKD"; None otherwise."""
    import pycountry

    name = (place or "").strip()
    if not name:
        return None
    code = None
    try:
        code = pycountry.countries.lookup(name).alpha_2
    except LookupError:
        code = next((sub.country_code for sub in pycountry.subdivisions
                     if sub.country_code in _DOLLARS and re.sub(r"\s*\[.*\]$", "", sub.name) == name), None)
    return _DOLLARS.get(code or "")


def polities_named(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, usual spelling) of every country or state text[start:end] names after "in" ("in South Australia",
    "in the Netherlands"): the place a figure of that clause is for."""
    pattern, spelled = _names()
    out = []
    for m in re.finditer(r"\bin\s+(?:the\s+)?", text[start:end]):
        at = start + m.end()
        hit = pattern.match(text, at, end)
        if hit and _by_name(hit):
            out.append((at, hit.end("name"), spelled[hit.group("name")]))
    return out
