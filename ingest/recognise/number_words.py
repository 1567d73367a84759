"""Numbers written in words: English ("forty-five", "ninety million five hundred thousand") and the
Chinese numerals plans use for round goals (百个, 千家, 万名, 四个, 半日).

English statutes and executive orders spell figures out ("reduce … to five million metric tons, or
ninety-five percent below 1990 levels"); `english_numbers` finds each run of number words with its
span and converts it with text2num (a maintained parser: "eight hundred five thousand" -> 805000).
A lone "one" or "a" is never a figure: it is an article or a pronoun far more often than a count.

Chinese plans write a round goal as a bare order of magnitude (建成百个, 培育千家, 超万名) or a
small count (四个); `chinese_number` reads these with cn2an, and 半 as one half.

    >>> [(v, text[a:b]) for v, a, b in english_numbers(text := "to fifty million metric tons")]
    [(50000000.0, 'fifty million')]
"""

from __future__ import annotations

import re

from text_to_num import text2num

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = "hundred thousand million billion trillion".split()
_WORD = rf"(?:{'|'.join(_TENS)})(?:-(?:{'|'.join(_UNITS[1:10])}))?|{'|'.join(sorted(_UNITS, key=len, reverse=True))}|" \
        rf"{'|'.join(_SCALES)}"
_RUN = re.compile(rf"\b(?:{_WORD})(?:(?:\s+|\s+and\s+|-)(?:{_WORD}))*\b", re.IGNORECASE)
_NOT_ALONE = {"one", "zero", "hundred", "thousand", "million", "billion", "trillion"}
_MULTIPLES = {"doubling": 2.0, "double": 2.0, "doubled": 2.0, "tripling": 3.0, "triple": 3.0, "tripled": 3.0,
              "quadrupling": 4.0, "quadruple": 4.0, "halving": 0.5, "halve": 0.5, "halved": 0.5,
              "by half": 0.5, "in half": 0.5}  # "reduce by half the number of collisions", "cut in half"
MULTIPLE = re.compile(rf"\b(?:{'|'.join(_MULTIPLES)})\b", re.IGNORECASE)


def english_numbers(text: str, start: int = 0, end: int | None = None) -> list[tuple[float, int, int]]:
    """(value, start, end) of every run of English number words in text[start:end]."""
    out: list[tuple[float, int, int]] = []
    for m in _RUN.finditer(text, start, len(text) if end is None else end):
        words = m.group(0)
        if words.lower() in _NOT_ALONE:
            continue
        try:
            value = float(text2num(re.sub(r"\s+and\s+", " ", words.lower()), "en"))
        except ValueError:
            continue
        out.append((value, m.start(), m.end()))
    return out


def multiple(word: str) -> float:
    """The factor a word of multiplication states ("doubling" -> 2)."""
    return _MULTIPLES[word.lower()]


CN_DIGITS = "零一二两三四五六七八九十百千万"


def chinese_number(text: str) -> float | None:
    """A Chinese numeral's value (四 -> 4, 百 -> 100, 千 -> 1000, 万 -> 10000, 半 -> 0.5), or None."""
    import cn2an  # imported where used: ~0.6 s of imports and pattern compiling most commands never need

    if text == "半":
        return 0.5
    if text in ("百", "千", "万"):
        text = "一" + text
    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, TypeError, IndexError):
        return None
