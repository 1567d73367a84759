"""What one sentence says about the time and status of its figures, read once per sentence.

A figure's year and kind come from words around it: 到2028年 / 2028年前 (a target year),
a sentence opening with a year (2026年，先行培育… or 2026年新建… is that year's goal; 2020年，全县… a past state),
由2016年的 (the baseline of a change), 目前 / 现有 / 已 / 依托 (what exists), 每年 (a recurring
commitment: no single year). `SentenceMarks` finds these once, with their offsets, so each figure
looks up the last mark before it by bisection: reading a sentence stays linear in its length
however many figures it holds.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ingest.recognise.periods import five_year_period

# 到2028年 / 2028年前 / 2028年6月底前 / by 2028 / a period's end ("2026—2028年，累计…"; not a title's "（2018—2035年）")
FUTURE_YEAR = re.compile(r"(?:到|至|截至)\s*((?:19|20)\d{2})\s*年|((?:19|20)\d{2})\s*年(?:\d{1,2}\s*月)?(?:底|末|份)?(?:前|之前)|"
                         r"\bby\s+(?:the\s+end\s+of\s+)?((?:19|20)\d{2})\b|"
                         r"(?<![(（])(?:19|20)\d{2}\s*年?\s*[-－—–~～]{1,2}\s*((?:19|20)\d{2})\s*年", re.I)
_AND_YEAR = re.compile(r"(?:底|末)?\s*(?:和|、|及|与)\s*((?:19|20)\d{2})\s*年")
ANY_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# "2026年，…" and "2026年新建…" (a clause opening straight after its year); not "2026年起" / "2026年以来" /
# "2026年和2027年" (a span or several years) nor "2026年6月" (a date)
LEAD_YEAR = re.compile(r"\s*(?:[(（]?[一二三四五六七八九十\d]+[)）.、．]\s*)?(?:计划|拟|预计|力争)?(?:在|于)?((?:19|20)\d{2})\s*年(?:底|末|内|度)?"
                       r"(?:\s*[,，:：]|(?=[\u4e00-\u9fff])(?!起|开始|以来|以后|后|至|到|间|期间|和|与|及|或|、))")
# time words that date a whole sentence to now; 现有 (existing) is read in the figure's own clause (EXISTING), since
# "用好现有扶持政策，力争…建成6个示范基地" uses what exists to reach a goal
BASELINE_CUES = re.compile(r"目前|现状|仍有|截至|截止|当前")
# a clause naming what already exists: the figure after it is a baseline, unless a verb of doing intervenes
# ("每千人口拥有…托位数" names a per-capita indicator, not what exists)
EXISTING = re.compile(r"(?:现有|已有|已建成?|已经|(?<![不而早])已(?=[\u4e00-\u9fff])|依托|联动|立足|(?<![人口])拥有|目前|截至目前|当前)"
                      r"(?P<rest>[^，,；;。]*)$")
DOING = re.compile(r"建成|建设|新建|培育|打造|构建|新增|达到|力争|实现|提升|提高|形成|推动|引育|集聚|吸引|开放|举办|组织")
RECURRING = re.compile(r"每(?:年|季度|月|半年)|annually|each year|per year", re.I)
PER_PERIOD = re.compile(r"/(?:年|月|季度|周|天|日)$")  # 次/年: a frequency, not a rate per area or volume
TARGET_CUES = re.compile(r"到\s*(?:19|20)\d{2}\s*年|(?:19|20)\d{2}\s*年(?:底)?前|目标|力争|确保|达到|提高到|提升到|"
                         r"提高至|提升至|控制在|不低于|不少于|新增|新建|建设|建成|实施|开展|治理|规划|完成|改造|"
                         r"升级|培育|创建|构建|(?<![主重需纪摘提简必])要(?![求点素闻害])|计划|每年|打造|集聚|突破|提供|挖掘|开放|发布|"
                         r"举办|组织|评选|引育|吸引|带动|落地|形成|推出|办结|压缩|稳定在|发放|安排|组建|认定|推进|纳入|列入|预计|"
                         r"培训|(?:[一二三四五两]|\d)年(?:内)?累计")


# the end of a five-year plan's period as a horizon: "到“十四五”末", "至“十四五”期末"
_PLAN_END = re.compile(r"(?:到|至)\s*[“\"]?十[一二三四五六七八九]五[”\"]?(?:时期|期)?末")


@dataclass
class SentenceMarks:
    """Year marks of one sentence (or paragraph), by offset."""

    future: list[tuple[int, int]] = field(default_factory=list)  # (offset, year) of 到YYYY年 / YYYY年前 / by YYYY
    years: list[tuple[int, int]] = field(default_factory=list)  # every YYYY年
    lead_year: int | None = None  # the year the sentence opens with ("2026年，…")

    @classmethod
    def read(cls, text: str, s0: int, s1: int) -> SentenceMarks:
        future: list[tuple[int, int]] = []
        for m in FUTURE_YEAR.finditer(text, s0, s1):
            future.append((m.start(), int(m.group(1) or m.group(2) or m.group(3) or m.group(4))))
            also = _AND_YEAR.match(text, m.end(), s1)  # "到2023年底和2025年": both are goal years
            if also:
                future.append((also.start(1), int(also.group(1))))
        for m in _PLAN_END.finditer(text, s0, s1):  # "到“十四五”末": the plan period's last year
            period = five_year_period(m.group(0))
            if period:
                future.append((m.start(), period[1]))
        future.sort()
        years = [(m.start(), int(m.group(1))) for m in ANY_YEAR.finditer(text, s0, s1)]
        lead = LEAD_YEAR.match(text, s0, s1)
        return cls(future, years, int(lead.group(1)) if lead else None)

    def future_before(self, pos: int) -> int | None:
        """The last target year named before `pos`."""
        i = bisect_left(self.future, (pos, -1))
        return self.future[i - 1][1] if i else None

    def last_year_before(self, pos: int, at_most: int | None) -> int | None:
        """The last year named before `pos` that is not after `at_most`."""
        i = bisect_right(self.years, (pos, 10_000))
        for _, year in reversed(self.years[:i]):
            if at_most is None or year <= at_most:
                return year
        return None


def exists_before(pre: str) -> bool:
    """"依托现有高校在校生超5万人…", "现有…12家": the clause describes what exists, not a goal."""
    m = EXISTING.search(pre)
    return m is not None and not DOING.search(m.group("rest")[-6:])
