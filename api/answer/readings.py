"""Readings a quoted sentence needs beside its words: numbers written as words, and deadlines
counted from the document's own date.

Law and executive orders write figures in words ("fifty million metric tons, or forty-five
percent below 1990 levels") and deadlines relative to themselves ("within 90 days of the date
of this order", "自本意见印发之日起30日内"). An answer that quotes them is right but unusable
in a table or a calendar, so the answer adds the reading: `(= 50,000,000; 45)`, or the
date the period ends, counted from the document's date (`index` facts: the 落款 or signing date).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ingest.models import Deadline

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_NUMBER_WORD = "|".join([*_UNITS, *_TENS, *_SCALES])
_WORDS = re.compile(rf"\b(?:{_NUMBER_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_NUMBER_WORD}))*\b", re.I)
_EN_PERIOD = re.compile(rf"within\s+(\d+|(?:{_NUMBER_WORD})(?:[\s-]+(?:{_NUMBER_WORD}))*)\s+(days?|months?|years?)\s+"
                        r"(?:of|after|from)\s+the\s+date\s+of\s+this\s+(?:order|act|memorandum|policy)", re.I)
_ZH_PERIOD = re.compile(r"(?:自|从)?本(?:意见|通知|办法|方案|决定|文件)?印发之日起\s*(\d+)\s*(日|天|个月|年)内")


def words_to_number(text: str) -> int | None:
    """"forty-seven thousand" -> 47000, "fifty million" -> 50000000 (None when not a number)."""
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", text.lower()):
        if word == "and" or not word:
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def numbers_in_words(sentence: str) -> list[int]:
    """The numbers a sentence writes in words (two or more words, or a scale word: not "one of")."""
    out = []
    for m in _WORDS.finditer(sentence):
        phrase = m.group(0)
        value = words_to_number(phrase)
        if value is not None and (len(re.split(r"[\s-]+", phrase)) > 1 or value >= 10):
            out.append(value)
    return out


def _add(start: dt.date, amount: int, unit: str) -> dt.date:
    if unit.startswith(("day", "日", "天")):
        return start + dt.timedelta(days=amount)
    months = amount * (12 if unit.startswith(("year", "年")) else 1)
    year, month = divmod(start.month - 1 + months, 12)
    year, month = start.year + year, month + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def relative_deadlines(sentence: str, document_date: str | None) -> list[Deadline]:
    """Deadlines a sentence counts from its document's date, resolved to the day they end."""
    try:
        start = dt.date.fromisoformat(document_date or "")
    except ValueError:
        return []
    out = []
    for m in [*_EN_PERIOD.finditer(sentence), *_ZH_PERIOD.finditer(sentence)]:
        raw = m.group(1)
        amount = int(raw) if raw.isdigit() else words_to_number(raw)
        if amount:
            end = _add(start, amount, m.group(2).lower())
            out.append(Deadline(text=m.group(0), date=end.isoformat(), kind="by",
                                what=f"counted from {start.isoformat()}"))
    return out


def figures_stated(text: str) -> tuple[set[tuple[float, str]], set[float]]:
    """The figures a text states: (value, unit) of those in digits, and the values it writes in words ("One hundred
    per cent"), for comparing them with the figures a question names."""
    from ingest.recognise.quantities import find_quantities

    return ({(q.value, q.unit) for q in find_quantities(text, 0, len(text))},
            {float(n) for n in numbers_in_words(text)})
