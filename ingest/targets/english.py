"""English target sentences: "conserve at least 30 percent of our lands and waters by 2030",
"reduce overall emissions … to fifty million metric tons", "133 reactors were authorized".

A figure is recorded when its sentence states a goal (goal, target, objective, shall, will, a verb of
change or delivery, a bound such as "at least" or "up to", a future year "by 2030" / "in 2030"):
a target of that year. Without a goal, a figure that is the subject of a past or perfect verb
("authorized the construction of 133 reactors", "two reactors have entered") is achieved, and one
that is the subject of a present verb ("87 percent of reactors … are based on", "Over 75% of homes
are heated") a baseline; "from approximately 100 GW in 2024" is the baseline of that year.
Anything else (a description, a definition's threshold, a task's deadline "within 90 days of the
date of this order") is not a record. A markdown table row is read cell by cell: a row that opens
with a year ("2035 Objective (ii) …") gives its figures that year.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ingest.models import TargetKind
from ingest.recognise.en_phrases import in_recital
from ingest.recognise.number_words import english_numbers
from ingest.recognise.polities import local_dollar, polities_named
from ingest.targets.context import DocContext
from ingest.targets.english_figures import Figure, bound_of, english_figures
from ingest.targets.found import Found

_WINDOW = 240  # characters around a figure its reading looks at
_FUTURE = re.compile(r"(?<!beginning )(?<!starting )(?<!commencing )"  # "beginning in FY 2008": when it starts
                     r"\b(?i:by|before|until|through|no(?:t)? later than|in|for|during)\s+"
                     r"(?:(?:the\s+)?(?i:end|middle)\s+of\s+|(?i:end|mid)-|the\s+year\s+)?"
                     r"(?:(?i:fiscal\s+year)\s+|FY\s*|[A-Z][a-z]+\s+\d{1,2}(?:st|nd|rd|th)?,?\s+|"
                     r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+|[A-Z][a-z]+\s+)?"
                     r"((?:19|20)\d{2})\b")
# "2035 Objective (ii) …", and a list item that opens with its year: "a. 2030: 60% of 1990 emissions."
_LEAD_YEAR = re.compile(r"^\W*(?:[a-z]\.\s+|\([a-z]\)\s+|\d{1,2}\.\s+)?((?:19|20)\d{2})"
                        r"(?:\s+(?:objective|target|goal|ambition|milestone)|\s*:)", re.I)
_GOAL = re.compile(r"^\W*(?:Building|Delivering|Planting|Creating|Providing|Recruiting|Hiring|Training|Installing|"
                   r"Deploying|Opening|Launching|Cutting|Reducing|Raising|Halving|Doubling|Achieving|Adding|"
                   r"Connecting|Retrofitting|Upgrading|Insulating|Restoring|Protecting|Treating|Funding)\b|"
                   # a goal list's imperative item: "Produce 15 000 technicians per year.", "Provide 2 million places"
                   r"^\W*(?:Produce|Provide|Train|Build|Deliver|Create|Plant|Recruit|Install|Retrofit|Construct|"
                   r"Establish|Employ|Enrol|Generate|Connect|Double|Halve|Triple)\s+(?:at\s+least\s+|more\s+than\s+|over\s+|"
                   r"about\s+|around\s+|some\s+)?\d|"
                   r"\b(?:goals?|targets?|aim(?:s|ed|ing)?|objectives?|ambition|shall|will|must|should|to be|seeks?|"
                   r"commit(?:s|ted)? to|ensure|achieve|achieving|reach|reaching|reduce|reducing|increase|"
                   r"increases|increasing|expand|expanding|deliver|delivering|limit|limiting|cap|"
                   r"facilitate|convert|converting|install|approve|pursue|create|release|deploy|deploying|restore|"
                   r"plant|build|double|doubling|triple|tripling|raise|cut|lower|phase out|abatement|accelerated?|"
                   r"estimated?)\b"
                   # a share stated as a standard to meet, with no verb of its own: "85% of patients to receive care
                   # within 28 days", "90% of infants fully vaccinated at 18 months of age"
                   r"|^\W*\d+(?:\.\d+)?\s*(?:%|per\s*cent|percent)\s+of\s+(?:[a-z][\w-]*\s+){1,4}?"
                   r"(?:to\s+(?!be\b)[a-z]+|(?:fully|being)\s+[a-z]+|[a-z]+(?:ed|en)\s+(?:within|at|by|before)\b)", re.I)
_FORECAST = re.compile(r"\b(?:anticipated|projected|expected|forecast(?:ed)?|predicted)\s+$"
                       # a course things take unless acted on: "relative to the business as usual projection of 52 Mt",
                       # "likely to increase from 20 Mt in 2015 to 31 Mt by 2035"
                       r"|\b(?:business[- ]as[- ]usual|BAU)\b[^.;]{0,40}$|\bprojection\s+of\s+$"
                       r"|\blikely\s+to\s+(?:rise|increase|grow|reach|fall|decline|decrease)\b[^.;]{0,40}$", re.I)
# "…expected to rise to 160 Mt in 2035 unless further action is taken": what happens if nothing is done
_UNLESS = re.compile(r"[^.;]{0,60}?\b(?:unless|in\s+the\s+absence\s+of|without\s+(?:further|additional|new)\s+"
                     r"(?:action|measures|policies|intervention))", re.I)
# someone else's forecast: "the operator's neutral scenario forecasts that EVs will comprise 1.5% of …"
_FORECAST_CLAUSE = re.compile(r"\b(?:forecasts?|projects|predicts?|estimates?|models?|modelling|modeling|projections?)\s+"
                              r"(?:show\s+)?that\b|\bscenario\b", re.I)  # ("are expected to" may be the text's own aim)
# the state a sentence reports as today's, in the figure's own clause: "is currently a modest 0.4%", "at present 26%"
_CURRENTLY = re.compile(r"\b(?:currently|at\s+present|presently|as\s+of\s+today|to\s+date)\b[^,;]*$", re.I)
# a figure set against another: "40-50% lower than for diesel buses"
_COMPARED = re.compile(r"^\s*(?:lower|higher|cheaper|dearer|less|more|greater|smaller|faster|slower|fewer)\s+than\b", re.I)
_GOAL_WORD = re.compile(r"\b(?:goals?|targets?|aims?|objectives?|commit(?:s|ted)?|will|shall|must|by\s+(?:19|20)\d{2})\b", re.I)
_DEFINES = re.compile(r"(?<!that )(?<!this )(?<!which )\b(?:means|is defined as|refers to|as used in|shall consist of|is composed of|"
                      r"shall be composed of|membership)\b", re.I)
_STANDARD_TIME = re.compile(r"(?:no more than|not more than|not to exceed|at most|up to|deadline of|time limit of)\s*$|"
                            r"^(?:no more than|not more than|not to exceed|at most|up to)\b", re.I)
_PAST_BEFORE = re.compile(r"(?<!\bbe )(?<!\bbeen )(?<!\bto )(?<!\bwill have )(?<!\bshall have )\b(?:authorized|constructed|built|completed|added|achieved|installed|connected|"
                          r"reached|delivered|produced|recorded|provided|awarded|invested|cleared|funded|secured|"
                          r"mobilized|mobilised|distributed|granted|trained|created|saved|removed|replaced|repaired|"
                          r"retired|generated|raised|made|served|helped|supported|announced|committed|pledged|emitted|showed|showing|shows|"
                          r"reported|fell|rose|decreased|increased|dropped|declined|grew|launched|approved|opened|established|"
                          r"introduced|allocated|spent|planted|restored|upgraded|retrofitted|hired|recruited|welcomed|benefit+ed|assisted|"
                          r"housed|treated|vaccinated|enrolled|employed)\b"
                          r"(?:(?!\b(?:are|is|will|shall|to|goals?|targets?|aims?)\b)[^,;])*$",
                          re.I)
_PAST_AFTER = re.compile(r"^[^,;]{0,60}?\b(?:have|has|had)\s+(?:\w+\s+)?(?:been|become|\w+ed)\b|"
                         r"^[^,;]{0,60}?\b(?:was|were)\b", re.I)
# a past time frame: with it, any past-tense verb before the figure makes a fact of the past
_PAST_FRAME = re.compile(r"\b(?:between\s+(?:19|20)\d{2}\s+and\s+(?:19|20)\d{2}|since\s+(?:19|20)\d{2}|"
                         r"over\s+the\s+(?:past|last)|last\s+year|to\s+date|so\s+far)\b", re.I)
_ED_BEFORE = re.compile(r"(?<!\bare )(?<!\bis )(?<!\bbe )\b[a-z]+ed\s+(?:[\w’'-]+\s+){0,3}$")
_STATE_AFTER = re.compile(r"^[^,;]{0,60}?\b(?:are|is)\s+(?!to\b)(?:\w+ed|\w+ing|now|currently|based|located|"
                          r"heated|powered|owned|covered|in)\b", re.I)
_FROM_YEAR = re.compile(r"^\s*in\s+((?:19|20)\d{2})\b")
# a level as it stands: "the trade deficit stands at over", "the fleet now totals nearly"
_STANDS_AT = re.compile(r"\b(?:stands?\s+at|now\s+(?:totals?|stands?\s+at|exceeds?|is|are))\s+(?:over|more\s+than|nearly|almost|about|"
                        r"around|approximately|some|roughly)?\s*\$?\s*$", re.I)
_REDUCE = re.compile(r"\b(?:reduc\w*|cut\w*|lower\w*|limit\w*|decreas\w*|cap)\b[^;]*\bto\s*$", re.I)
_BELOW = re.compile(r"^\s*(?:below|under|lower than|less than)\b", re.I)
_ORDER_TIME = re.compile(r"^[^;]{0,30}?\b(?:of|from|after)\s+the\s+date\s+of\s+this\b|^[^;]{0,12}\bof\s+this\s+order",
                         re.I)
# "by 40% below 2010 levels by 2030, 60% by 2040 and 80% by 2050": the next milestone of the same measure
_NEXT_MILESTONE = re.compile(r"\s*(?:(?:below|above|under|over)\s+(?:(?:19|20)\d{2}\s+)?(?:baseline\s+)?levels?\s+)?"
                             r"(?:by|in)\s+(?:the\s+end\s+of\s+)?(?:19|20)\d{2}\s*(?:,\s*(?:and\s+)?|and\s+)", re.I)
# a sum that picks out the things it qualifies: "requests that exceed $5 million", "contracts over $250,000"
_THRESHOLD = re.compile(r"\b[a-z]{3,}s\s+(?:\([A-Za-z]+\)\s+)?(?:that|which)\s+(?:exceeds?|(?:is|are)\s+(?:more|less|greater)"
                        r"\s+than)\s*$|\b[a-z]{3,}s\s+(?:exceeding|over|under|above|below|of\s+(?:more|less)\s+than)\s*$",
                        re.I)
# a superseded figure ("65% by 2030 (previously 50%)") and a goal marked as met ("25% by 2020 (achieved)")
_FORMER = re.compile(r"\(\s*(?:previously|formerly|originally|was)\s*$", re.I)
_MET = re.compile(r"^[^;()]{0,30}\(\s*(?:achieved|met|reached|completed)\b", re.I)
_PERMITTED = re.compile(r"\bmay\b(?:(?!\b(?:shall|must)\b)[^.;])*$", re.I)
_DURATION = re.compile(r"^(?:天|年|月|周|小时|分钟|days?|months?|years?|weeks?|hours?)$")
_ITEM_MARK = re.compile(r"\(\s*(?:[ivx]{1,4}|[a-h])\s*\)\s*$")
_INDICATOR_BEFORE = re.compile(r"(?P<verb>reduc\w*|increas\w*|expan\w*|limit\w*|conserv\w*|rais\w*|cut\w*|lower\w*)\s+"
                               r"(?P<obj>[a-z][a-z\s\-’']{1,70}?)\s+(?P<prep>by|to)\b(?:\s*$|[^;]{0,70},\s*or\s*$)", re.I)
_SUBJECT = re.compile(r"(?:^[^A-Za-z]*|[,;:]\s*|\bthat\s+)(?:the\s+)?(?P<subj>[A-Za-z][\w\s\-’']{1,60}?)\s+(?:will\s+|shall\s+|"
                      r"should\s+|must\s+|is\s+to\s+|are\s+to\s+)?(?:reach|reaches|achieve|exceed|be|is|are|rise to|"
                      r"increases? to|falls? to|be reduced to|is accelerated to)\s*$", re.I)
# "from 26% in 2009 to 21% by 2030": 2009 dates the start, not a goal
_START_YEAR = re.compile(r"\bfrom\s+(?:about\s+|approximately\s+)?[\d.,]+\s*(?:%|percent|per\s*cent)?\s*\(?\s*$", re.I)
# "as calculated from the baseline established … for fiscal year 2005", "compared with 2003": the year measured from
_BASE_BEFORE = re.compile(r"\bbaseline\s+(?:year\s+)?(?:established|set|calculated|defined|determined|of|for)\b[^.;]{0,60}$"
                          r"|\b(?:below|above|under)\s+(?:the\s+)?(?:levels?|those)\b[^.;]{0,40}$"  # "below the levels … in 1990"
                          r"|\b(?:compared\s+(?:with|to)|relative\s+to)\s+(?:the\s+)?(?:fiscal\s+year\s+|FY\s*)?$", re.I)
# "a 20 percent reduction in annual petroleum consumption": what changes is named after the change
_CHANGE_IN = re.compile(r"^\s+(?P<change>reduction|increase|decrease|cut|rise|improvement|growth|decline)\s+(?:in|of)\s+"
                        r"(?:the\s+|our\s+)?(?P<what>(?!(?:19|20)\d{2}\b)(?:(?!(?:by|before|until|within|and|as|from|for|"
                        r"compared|in)\b)[\w’'-]+\s?)"
                        r"{1,6})", re.I)
# "Reducing the percentage of adult smokers (from 20.6% to 12.0%)": the first figure is where it starts
# "from 20.6% to 12.0%", "from the current 21 percent to over 60 percent": the level a change starts from
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:(?:the|a|its|our|their)\s+)?(?:current(?:ly)?\s+|present\s+|existing\s+|"
                          r"today[’']s\s+)?(?:about\s+|approximately\s+|around\s+|an?\s+estimated\s+)?$", re.I)
_TO_AFTER = re.compile(r"^\s*(?:\(?in\s+((?:19|20)\d{2})\)?\s*)?,?\s*to\s+(?:about\s+|approximately\s+|around\s+|"
                       r"(?:well\s+)?over\s+|more\s+than\s+|at\s+least\s+|nearly\s+|almost\s+)?[\d.]", re.I)
_CHANGE_OF = re.compile(r"\b(?:reduc|increas|rais|lower|improv|decreas|cut|expand|grow|boost|shrink)\w*\s+"
                        r"(?:the\s+)?(?P<obj>[A-Za-z][\w\s\-’']{1,70}?)\s*[(,]?\s*from\s+(?:the\s+)?(?:current\s+|present\s+)?"
                        r"(?:about\s+|approximately\s+)?(?:[\d.,]+\s*(?:%|percent|per\s*cent)?\s*(?:\(?in\s+(?:19|20)\d{2}\)?\s*)?,?"
                        r"\s*to\s*(?:(?:well\s+)?over\s+|more\s+than\s+|at\s+least\s+)?)?$", re.I)
# a share followed by what it is a share of, written as a noun phrase ("100% Stock Condition Surveys")
_NOUN_AFTER_SHARE = re.compile(r"^\s+(?!(?:of|by|below|above|compared|relative|from|over|less|more|lower|higher|"
                               r"reduction|increase|cut|decrease|rise|growth|in|on|to|for|and|or|the|a|an|per|each|"
                               r"between|than|at|with|without|is|are|was|were|will|would|should|must|shall|annually|"
                               r"yearly|every|through|until)\b)"
                               r"([A-Za-z][\w-]*(?:\s+(?!(?:of|by|in|for|to|across|within|at|from|and|on)\b)[A-Za-z][\w-]*){0,4})"
                               r"(?=\s+(?:of|by|in|for|to|across|within|at|from|and|on|over|since|compared|relative|"
                               r"below|above)\b|\s*[,.;:()]|\s*$)", re.I)
_FUNCTION_WORDS = frozenset(("of", "the", "a", "an", "and", "or", "to", "in", "for", "by", "with", "on", "at", "from",
                             "nearly", "about", "over", "more", "than", "up", "least", "some"))
_WORDS_AFTER = re.compile(r"^\s*(?:of\s+)?((?:(?!(?:by|before|until|within|in|to)\b)[A-Za-z][\w’'-]*\s*){1,6})")
_MONEY_UNITS = frozenset(("USD", "EUR", "GBP", "CAD", "AUD", "NZD", "INR", "HKD", "SGD", "TWD"))
_MONEY_IN = re.compile(r"^\s*(?:in|of)\s+((?:new\s+|additional\s+|federal\s+|private\s+)?[a-z][a-z\s-]{2,40}?)"
                       r"(?=\s+(?:for|to|from|through|under|across|in|that|which|over|by|before|until|within|each|"
                       r"per|annually)\b|[,.;]|$)", re.I)
# "a £20 million Energy Investment Fund", "a £10 billion programme of …": what the sum is
_MONEY_NOUN = re.compile(r"^\s+((?:[A-Za-z][\w-]*\s+){0,3}?(?:fund|programme|program|package|investment|grant|budget|"
                         r"scheme|loan|funding|portfolio)s?)\b", re.I)
# "£2 million to take ideas to market", "$5 million to support local investment by 2026": what it is for
_MONEY_FOR = re.compile(r"^\s+(to\s+[a-z]+(?:\s+(?:\d{1,3}(?:,\d{3})+|[\w’'-]+)){1,8}?)"  # "to deliver 50,000 homes"
                        r"(?=\s+(?:by|in|before|within|over|through)\b|[,.;]|$)")
_OF_AFTER = re.compile(r"^\s*of\s+(?:all\s+|the\s+|our\s+)?(?P<obj>(?:(?!(?:by|before|until|within)\b)[\w’'-]+\s?){1,6})")
# "… of lead pipes in the country by 2035": the words a phrase cut short ends on are not the measure
_LOOSE_END = re.compile(r"(?:\s+(?:in|to|of|for|and|or|the|a|an|at|on|from|with|during))+\s*$", re.I)


def _cells(text: str, s0: int, s1: int) -> list[tuple[int, int]]:
    """A markdown row's cells (| a | b |) and the lines of a cell (<br>), or the span itself."""
    if "|" not in text[s0:s1] and "<br>" not in text[s0:s1]:
        return [(s0, s1)]
    out: list[tuple[int, int]] = []
    pos = s0
    for m in re.finditer(r"\||<br>", text[s0:s1]):
        a, b = pos, s0 + m.start()
        if text[a:b].strip():
            out.append((a + len(text[a:b]) - len(text[a:b].lstrip()), b - (len(text[a:b]) - len(text[a:b].rstrip()))))
        pos = s0 + m.end()
    if text[pos:s1].strip():
        out.append((pos, s1))
    return out


@dataclass
class _Cell:
    """What a sentence (or table cell) says as a whole, read once: each figure then looks up, never rescans."""

    goal: bool
    defines: bool
    past_frame: bool
    future: list[tuple[int, int]]  # (offset, year) of "by 2030", "in 2030", "by July 4, 2026"

    @classmethod
    def read(cls, text: str, s0: int, s1: int) -> _Cell:
        sentence = text[s0:s1]
        return cls(bool(_GOAL.search(sentence)), bool(_DEFINES.search(sentence)), bool(_PAST_FRAME.search(sentence)),
                   [(s0 + m.start(), int(m.group(1))) for m in _FUTURE.finditer(sentence)
                    if not _START_YEAR.search(sentence, 0, m.start())
                    and not _BASE_BEFORE.search(sentence, max(0, m.start() - 80), m.start())])


def _target_year(text: str, cell: _Cell, f: Figure, lead: int | None, base: int | None) -> int | None:
    """The year a goal is for: one named after the figure in its own clause, else before it, else the row's;
    never a past one. ("goals for the year 2030: … 70% of electricity from renewables, … 100% … by 2040": the
    70% is for 2030.)"""
    i = bisect_left(cell.future, (f.end, -1))
    after = cell.future[i][1] if i < len(cell.future) and (
        i == 0 or not re.search(r"[,;]", text[f.end:cell.future[i][0]])) else None
    j = bisect_left(cell.future, (f.start, -1))
    before = cell.future[j - 1][1] if j else None
    for year in (after, before, lead):
        if year and (base is None or year > base):
            return year
    return None if cell.future else lead


def _year_follows(text: str, cell: _Cell, f: Figure, base: int | None) -> bool:
    """A goal year in the figure's own clause after it ("… replaced 100 pipes by 2030"); not a year a past verb
    is dated by ("emitted 987 kt in 2018"), one gone by, nor one after a new verb ("… and plans to complete …")."""
    i = bisect_left(cell.future, (f.end, -1))
    return i < len(cell.future) and not re.search(r"[,;]|\band\s+(?:plans?|aims?|will|intends?|expects?|seeks?|"
                                                  r"(?:is\s+|are\s+)?(?:projected|predicted|expected|forecast))\b",
                                                  text[f.end:cell.future[i][0]]) \
        and (base is None or cell.future[i][1] > base) and not text.startswith("in ", cell.future[i][0])


def _fact_year(pre: str) -> int | None:
    """The year a past fact is of ("In 2023, …"); a year a span starts from ("Since 2021, … has invested") is not."""
    years = [m for m in re.finditer(r"\b((?:19|20)\d{2})\b", pre)
             if not re.search(r"\b(?:by|until|before|to|through)\s+(?:the\s+end\s+of\s+)?$", pre[:m.start()], re.I)]  # a goal's
    if not years or re.search(r"\b(?:since|from|between)\s+$", pre[:years[-1].start()], re.I):
        return None
    return int(years[-1].group(1))


# a plural noun qualified by a participle or "with" and a figure: the class a measure applies to ("services handling
# over 50,000 transactions", "schools with fewer than 80 pupils", "households earning less than $30,000")
_CLASS_OF = re.compile(r"\b(?:[a-z]{3,}s|fleet|agency|entity|facility|building|site)\s+(?:handling|processing|serving|"
                       r"employing|earning|receiving|having|with|comprising|containing|operating|"
                       r"of\s+more\s+than|of\s+over|of\s+fewer\s+than|of\s+less\s+than)\s+"
                       r"(?:over|more\s+than|fewer\s+than|less\s+than|at\s+least|up\s+to|under|above|below)\s*$", re.I)


def _states_nothing(text: str, s0: int, f: Figure, pre: str, cell: _Cell) -> bool:
    """A figure that picks out which things ("any requests that exceed $5 million"), someone's forecast ("the
    anticipated 50% increase", "the scenario forecasts that EVs will comprise 1.5%"), a definition, a membership or
    a former value ("(previously 50%)"): no goal and no fact of the text's own."""
    number = re.search(r"[$€£₹\d]|Rs|INR", text[f.start:f.end])  # the figure's span may open with its bound ("over")
    if f.unit in _MONEY_UNITS and _THRESHOLD.search(text[max(s0, f.start - 60):f.start + (number.start() if number else 0)]):
        return True
    if _CLASS_OF.search(text[max(s0, f.start - 40):f.start + (number.start() if number else 0)]):
        return True  # "services handling over 50,000 transactions a year": which services, no goal
    return bool(_FORECAST.search(pre) or _FORECAST_CLAUSE.search(pre) or cell.defines or _FORMER.search(pre[-24:])
                or _UNLESS.match(text, f.end))


def _states_today(text: str, s0: int, f: Figure, pre: str, post: str, cell: _Cell, base: int | None) -> bool:
    """Today's level ("the market share is currently 0.4%, … predicted to reach 20% by 2030") or how things compare
    ("Running costs of e-buses are 40-50% lower than for diesel buses"): a state, no goal."""
    if _CURRENTLY.search(pre) and not _year_follows(text, cell, f, base):
        return True
    return bool(_COMPARED.match(post)) and not _GOAL_WORD.search(text[s0:f.start])


def _classify(text: str, s0: int, s1: int, f: Figure, cell: _Cell, ctx: DocContext,
              lead: int | None) -> tuple[TargetKind, int | None] | None:
    """(kind, year) of a figure, or None when its sentence neither sets a goal nor states a fact about it.
    Only a window around the figure is read, so a sentence of many figures stays linear."""
    pre, post = text[max(s0, f.start - _WINDOW):f.start], text[f.end:min(s1, f.end + _WINDOW)]
    base = ctx.base_year
    m = _FROM_YEAR.match(post)
    if m and re.search(r"\bfrom\s*$", pre[-20:].replace("approximately", "").rstrip() + " "):
        return "baseline", int(m.group(1))
    to = _TO_AFTER.match(post)
    if to and _FROM_BEFORE.search(pre[-30:]):  # "from 20.6% to 12.0%": the level it starts from
        return "baseline", int(to.group(1)) if to.group(1) else None
    if m and base is not None and int(m.group(1)) <= base and not _GOAL.search(pre[-40:]):
        return "baseline", int(m.group(1))
    if _DURATION.match(f.unit):  # "within 90 days of …" is a task's deadline; "no more than 18 months" a standard
        ok = (_STANDARD_TIME.search(pre) or _STANDARD_TIME.match(text[f.start:f.end])) and not _ORDER_TIME.match(post) \
            and not _PERMITTED.search(pre)  # "a credit may exist for up to three years": what is allowed, no goal
        return ("target", None) if ok else None
    if _states_nothing(text, s0, f, pre, cell):
        return None
    if _PAST_AFTER.match(post) and not cell.goal and not lead and not _BELOW.match(post):
        # "In 2023, 15,765 homes were delivered." (not "10 per cent below the levels that were emitted in 1990")
        return "achieved", _fact_year(pre)
    if not lead and _PAST_BEFORE.search(pre) and not _year_follows(text, cell, f, base):
        dated = re.match(r"^[^,;.]{0,30}?\bin\s+(?:[A-Z][a-z]+\s+)?((?:19|20)\d{2})\b", post)  # "emitted 987 kt CO2 eq in 2018"
        return "achieved", _fact_year(pre) or (int(dated.group(1)) if dated else None)  # "has cleared 1,065 …"
    if _states_today(text, s0, f, pre, post, cell, base) or _as_it_is(pre, post, cell, lead):
        return "baseline", None
    if cell.goal or f.comparator in (">=", "<=") or lead or cell.future:
        year = _target_year(text, cell, f, lead, base)
        return ("achieved" if _MET.match(post) else "target"), year  # "- 25% by 2020 (achieved)"
    if _PAST_BEFORE.search(pre) or _PAST_AFTER.match(post) or (cell.past_frame and _ED_BEFORE.search(pre)):
        return "achieved", _fact_year(pre)
    if _STATE_AFTER.match(post):
        return "baseline", None
    return None


def _as_it_is(pre: str, post: str, cell: _Cell, lead: int | None) -> bool:
    """"Nearly 70 percent of rural medicines are now imported", "the deficit stands at over $15 billion": an approximate level
    as it is, in a sentence that sets no goal ("nearly", "over" qualify the figure, they bound nothing)."""
    return not (cell.goal or lead or cell.future) and bool(_STATE_AFTER.match(post) or _STANDS_AT.search(pre))


def _prohibited_above(text: str, s0: int, f: Figure) -> bool:
    """"prohibit the construction of buildings that have an energy-use index of greater than 90": a rating above the
    figure is prohibited, so the figure is the highest allowed."""
    return not f.unit and bool(f.noun) and f.comparator in (">", ">=") and \
        bool(_PROHIBITS.search(text, max(s0, f.start - _WINDOW), f.start))


_ROUNDING = re.compile(r"\b(?:nearest\s+(?:multiple\s+of|whole|tenth|hundredth)|rounded\s+(?:up\s+|down\s+)?to)\s*[^\s]*\s*$",
                       re.I)
_EXEMPTS = re.compile(r"\bexempt(?:s|ed|ion|ions)?\b|\bdoes\s+not\s+apply\b", re.I)
_PROHIBITS = re.compile(r"\b(?:prohibit(?:s|ed|ing)?|ban(?:s|ned)?|may\s+not\s+(?:use|sell|install)|shall\s+not\s+"
                        r"(?:use|sell|install))\b", re.I)


def _comparator(text: str, s0: int, f: Figure) -> str:
    """"reduce … to X" is an upper bound; "X percent below 1990 levels" a reduction of at least X."""
    if _prohibited_above(text, s0, f):
        return "<="
    if f.comparator != "=":
        return f.comparator
    if _BELOW.match(text[f.end:f.end + 12]):
        return ">="  # "reduce emissions to 40% below 2005 levels": a cut of 40%, not a level of at most 40%
    if _REDUCE.search(text[max(s0, f.start - _WINDOW):f.start]):
        return "<="
    return "="


def _indicator(text: str, s0: int, s1: int, f: Figure) -> str:
    """What the figure measures: the counted noun, the object of a verb of change, or what a share is of."""
    if f.noun:
        return f.noun
    pre, post = text[max(s0, f.start - _WINDOW):f.start], text[f.end:min(s1, f.end + _WINDOW)]
    pre = _ITEM_MARK.sub("", pre)  # "reduction of energy intensity by (i) 3 percent …, or (ii) 30 percent"
    if f.unit in _MONEY_UNITS and (m := _MONEY_IN.match(post) or _MONEY_NOUN.match(post) or _MONEY_FOR.match(post)):
        return _LOOSE_END.sub("", m.group(1).strip())  # "$5 billion in grants for 560 projects", "£20m Energy Fund", "£2m to test ideas"
    m = _OF_AFTER.match(post)
    if m and f.unit in ("%", "times"):
        return _LOOSE_END.sub("", m.group("obj").strip())
    if f.unit == "times" and (named := _named_after(post)):
        return named  # "reduce by half the number of collisions": what is halved
    if f.unit == "%" and (m := _CHANGE_IN.match(post)):
        return f"{m.group('change').lower()} in {m.group('what').strip()}"  # "20 percent reduction in annual …"
    if f.unit == "%" and (m := _NOUN_AFTER_SHARE.match(post)):
        return m.group(1)  # "Complete 100% Stock Condition Surveys", "50% renewable electricity by 2030"
    if m := _CHANGE_OF.search(pre):  # "reducing the share of smokers from X to Y": the measure itself
        return m.group("obj").strip()
    m = _INDICATOR_BEFORE.search(pre)
    if m:  # "reduce X by 30%" / "X percent below 1990 levels": the change; "reduce X to 50 tons": the level of X
        obj = m.group("obj").strip()
        change = m.group("prep").lower() == "by" or bool(_BELOW.match(post))
        return f"{m.group('verb').lower()} {obj}" if change else obj
    if m := _SUBJECT.search(pre):
        return m.group("subj").strip()
    if m := _OF_AFTER.match(re.sub(r"^(?:-[a-z]+)?\s*\([^()]{1,12}\)", "", post)):  # "2.5 gigawatt-peak (GWp) of rooftop solar"
        return _LOOSE_END.sub("", m.group("obj").strip())
    return _words_before(pre) or _named_after(post)  # "5. 50% transportation emissions reduction citywide"


def _words_before(pre: str) -> str:
    """The last words before a figure, without a trailing preposition ("… petroleum products by 2 percent");
    empty when they name nothing ("Of the")."""
    verbs = list(_MODAL_VERB.finditer(pre))
    if verbs and _says_something(re.findall(r"[A-Za-z][\w’'-]*", pre[verbs[-1].end():])):
        pre = pre[verbs[-1].end():]  # "developers will leverage economic output": what the verb acts on
    words = re.findall(r"[A-Za-z][\w’'-]*", pre)[-6:]
    if not _says_something(words):
        return ""
    while words and words[-1].lower() in ("by", "to", "of", "at", "the", "a", "an"):
        words.pop()
    return " ".join(words)


_MODAL_VERB = re.compile(r"\b(?:will|shall|must|would|should)\s+(?:also\s+)?[a-z]+\s+")


def _says_something(words: list[str]) -> bool:
    """Whether some of the words are not function words ("Of the" names nothing)."""
    return any(w.lower() not in _FUNCTION_WORDS for w in words)


def _named_after(post: str) -> str:
    """The words right after a figure, when they name something ("" when they are only function words)."""
    after = _WORDS_AFTER.match(post)
    named = _LOOSE_END.sub("", after.group(1).strip()) if after else ""
    return named if _says_something(named.split()) else ""


def _listed_goal(text: str, s0: int, f: Figure, cell: _Cell) -> bool:
    """A figure of an item under a lead-in that calls its items targets, stating nothing against it: not a span of
    time ("in the next 5 years"), a former value, a forecast or a figure that picks out which things."""
    pre = text[max(s0, f.start - _WINDOW):f.start]
    return not _DURATION.match(f.unit) and not _states_nothing(text, s0, f, pre, cell)


def _named_place(text: str, s0: int, s1: int, f: Figure, named: list[tuple[int, int, str]]) -> str | None:
    """The country or state the figure's own clause names after "in": right after the figure ("28.8% in Norway"),
    else before it ("generation in Eastshire will reach 64%")."""
    if not named:
        return None
    after = next((p for a, e, p in named if f.end <= a and re.fullmatch(r"\s+in\s+(?:the\s+)?", text[f.end:a])), None)
    if after:
        return after
    return next((p for a, e, p in reversed(named) if e <= f.start and not re.search(r"[,;]", text[e:f.start])), None)


def _local_dollar(text: str, f: Figure, scope: str) -> str:
    """A bare "$" is the dollar of the country the text is of ("$15,000" in a New South Wales paper is AUD)."""
    if f.unit != "USD" or not re.match(r"[^$]{0,24}\$", text[f.start:f.end]) or re.search(r"US\$|USD", text[f.start:f.end]):
        return f.unit
    return local_dollar(scope) or f.unit


_STARTING = re.compile(r"\b(?:beginning|starting|effective|commencing)\s+(?:on\s+|in\s+)?(?:[A-Z][a-z]+\s+\d{1,2},?\s+)?"
                       r"((?:19|20)\d{2})\b")


def _starting_year(text: str, s0: int, s1: int) -> int | None:
    """"$16.50 per hour, beginning March 1, 2027": the year a scheduled level takes effect."""
    m = _STARTING.search(text, s0, s1)
    return int(m.group(1)) if m else None


def list_bound(lead_in: str, words: str) -> str:
    """The bound a lead-in sets on its items' figures: "prohibit … greater than:" allows at most each figure."""
    cmp = bound_of(words)
    return "<=" if cmp == ">" and _PROHIBITS.search(lead_in) else cmp


# a list item opening with its figure alone: "a. One hundred fifty for use in …", "(ii) 750 for existing rinks"
_ITEM_FIGURE = re.compile(r"^\W*(?:\(?[a-z0-9]{1,4}[.)]\s*)?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|[A-Z][a-z]+(?:[\s-][a-z]+){0,5})"
                          r"(?=\s+(?:for|in|on|by|from|after|before|until|where|when|if|to)\b|\s*[;,.]|$)")


def _item_figure(text: str, s0: int, s1: int, measure: str, bound: str) -> Figure | None:
    """The bare figure an item opens with, under a lead-in that names its measure and bound."""
    m = _ITEM_FIGURE.match(text[s0:s1])
    if not m:
        return None
    raw, a0, b0 = m.group("num"), s0 + m.start("num"), s0 + m.end("num")
    if raw[0].isdigit():
        return Figure(float(raw.replace(",", "")), "", bound, a0, b0, measure)
    words = english_numbers(text, a0, b0)
    if len(words) != 1 or words[0][1] != a0:
        return None
    value, a, b = words[0]
    return Figure(value, "", bound, a, b, measure)


def english_targets(text: str, start: int, end: int, section: str, table: str | None, ctx: DocContext,
                    spans: list[tuple[int, int]], forced: tuple[TargetKind, int | None] | None = None,
                    horizon: int | None = None, measure: str | None = None, goals: bool = False,
                    bound: str = "") -> list[Found]:
    """Targets, baselines and achieved figures of the English sentences `spans` inside text[start:end].
    `horizon` is the year a lead-in gave the list this item belongs to ("By 2025:", "Our goals by 2030 are to:"),
    `measure` what its targets measure ("Our renewable energy targets are:"), for items that name nothing
    ("- 40% by 2025"); `goals`: the lead-in calls its items targets ("Overall targets:" / "• 5000 MW of wind power
    projects;"), so a figure that states no goal of its own is one."""
    out: list[Found] = []
    lead_m = _LEAD_YEAR.match(text[start:end].lstrip("|# "))
    lead = int(lead_m.group(1)) if lead_m else horizon
    for p0, p1 in spans:
        label = ""  # the cell before, in a row of a table: "| Generated renewable energy | 48,000 kWh in 2031 |"
        for s0, s1 in _cells(text, p0, p1):
            cell = _Cell.read(text, s0, s1)
            named = polities_named(text, s0, s1)
            prev: tuple[Figure, str, str] | None = None  # the last figure, its indicator and comparator
            figures = english_figures(text, s0, s1)
            opening = _item_figure(text, s0, s1, measure, bound) if bound and measure else None
            if opening is not None and not any(f.start <= opening.start < f.end for f in figures):
                out.append(Found(measure or "", ctx.scope, opening.value, "", bound, lead, "target", s0, s1, section,
                                 table, opening.start))
            for f in figures:
                if not (forced or cell.future) and in_recital(text, s0, f.start):
                    continue  # "WHEREAS, climate action … can result in 40% of …": a reason for the order, no goal
                if _ROUNDING.search(text, max(s0, f.start - 30), f.start):
                    continue  # "rounded to the nearest multiple of $0.10": how a figure is rounded, no level
                got = forced or _classify(text, s0, s1, f, cell, ctx, lead) or (
                    ("target", lead) if (goals and _listed_goal(text, s0, f, cell)) or _prohibited_above(text, s0, f)
                    else None)
                if got is None or (not f.unit and f.noun and (got[0] != "target" or _EXEMPTS.search(
                        text, max(s0, f.start - _WINDOW), f.start))):
                    continue  # (an item of a list its lead-in calls targets, "Overall targets:", is one; a rating is
                    # read only as a limit set, not as what an exemption or a fact describes)
                kind, year = got
                same = prev is not None and prev[0].unit == f.unit and _NEXT_MILESTONE.fullmatch(text[prev[0].end:f.start])
                indicator, cmp = (prev[1], prev[2]) if prev is not None and same else (
                    _indicator(text, s0, s1, f) or measure or label, _comparator(text, s0, f))
                if bound and measure:  # an item of "The hourly rate … shall be at least:": the lead-in's level
                    indicator, cmp = measure, cmp if cmp != "=" else bound
                    year = year or _starting_year(text, s0, s1)
                scope = _named_place(text, s0, s1, f, named) or ctx.scope
                unit = _local_dollar(text, f, scope)
                out.append(Found(indicator, scope, f.value, unit, cmp, year, kind, s0, s1, section, table,
                                 f.start))
                prev = (f, indicator, cmp)
            if "|" in text[p0:p1]:
                label = re.sub(r"\s*\((?:if applicable|where applicable|optional)\)", "", text[s0:s1]).strip(" |*")
    return out
