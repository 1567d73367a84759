"""What "分别" hands out to each figure of the run after it, besides the indicators (`prose.respective_indicators`).

"到2023年底和2025年，绿色建筑占新建建筑比例分别不低于60%和80%": the years listed before 分别 go to the
figures in order (60% for 2023, 80% for 2025), and the bound written once after 分别 holds for every figure
of the run, not only the first (both are at least). A figure with its own bound or year keeps it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.targets.found import Found

_RESPECTIVELY = re.compile(r"分别")
_GAP = re.compile(r"\s*(?:以上|以下|左右|以内)?\s*(?:、|和|及|与|,|，)\s*")
# "2023年底和2025年", "2026年、2027年和2028年": years listed one after another
_YEAR_LIST = re.compile(r"((?:19|20)\d{2})\s*年(?:底|末)?(?:\s*(?:、|和|及|与)\s*((?:19|20)\d{2})\s*年(?:底|末)?)+")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# the bound written once right after 分别 ("分别不低于", "分别达到…以上" is read per figure already)
_BOUND_AFTER = re.compile(r"\s*(?:不低于|不少于|不高于|不超过|超过|高于|低于|达到)")


def spread_over_runs(text: str, s0: int, s1: int, found: list[Found]) -> list[Found]:
    """`found` (one sentence's figures, in order) with the years and bound of each 分别 run handed out."""
    by_at = {f.at: i for i, f in enumerate(found) if f.at is not None}
    out = list(found)
    for m in _RESPECTIVELY.finditer(text, s0, s1):
        run = _run_after(text, m.end(), s1, sorted(a for a in by_at if a is not None and a >= m.end()))
        if len(run) < 2:
            continue
        members = [by_at[a] for a in run]
        first = out[members[0]]
        if _BOUND_AFTER.match(text, m.end()) and first.comparator != "=":
            for i in members[1:]:
                if out[i].comparator == "=":
                    out[i] = replace(out[i], comparator=first.comparator)
        years = _listed_years(text, s0, m.start())
        if len(years) == len(members):
            for i, year in zip(members, years, strict=True):
                out[i] = replace(out[i], year=year)
    return out


def _run_after(text: str, start: int, end: int, ats: list[int]) -> list[int]:
    """The figures (by where each is written) that follow `start` one after another, separated only by 、和及."""
    if not ats or not re.fullmatch(r"[^，,；;。0-9]{0,8}", text[start:ats[0]]):
        return []
    run = [ats[0]]
    for at in ats[1:]:
        between = text[run[-1]:at]
        figure_end = re.match(r"[^\d、和及与,，;；。]{0,4}[\d.]+\s*[^\d、和及与,，;；。\s]{0,6}", between)  # 不低于60%
        gap = between[figure_end.end():] if figure_end else between
        if not _GAP.fullmatch(gap) or at >= end:
            break
        run.append(at)
    return run


def _listed_years(text: str, start: int, end: int) -> list[int]:
    """The years of the last list of years before 分别 in its sentence ("到2023年底和2025年" -> [2023, 2025])."""
    lists = list(_YEAR_LIST.finditer(text, start, end))
    return [int(y) for y in _YEAR.findall(lists[-1].group(0))] if lists else []
