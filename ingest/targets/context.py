"""What a document says about itself that every target inherits: its region and its period.

A figure's year and kind (target, baseline, achieved) are rarely on the figure: they come
from the plan period in the title ("(2021-2025年)" or "十四五"), from a five-year period
named in a heading or caption ("“十三五”目标完成情况" -> 2016-2020), from the heading
it sits under (成效 -> achieved, 现状 -> baseline) and from words in its sentence
(到2025年, 目前). This module reads those signals; it names no document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.models import ParsedDocument
from ingest.recognise.periods import Period, annual_year, five_year_period, year_range
from ingest.recognise.places import council_place, english_place_in_title, place_in_title
from ingest.recognise.polities import polity_in

_PLAN_WORDS = re.compile(r"规划|方案|计划|意见|通知|要点|纲要|办法|决定|行动|措施|举措|政策|细则|清单|分工|指标|目标|实事|plan|programme|program|strategy|roadmap|"
                         r"action|policy|objectives|targets|goals|framework|agenda|blueprint|pathway|"
                         # a government's own account of where things stand: its figures are facts worth keeping
                         r"submission|inquiry|consultation|briefing|progress|update|报告|汇报|情况", re.IGNORECASE)
_PLAN_OPENING = re.compile(r"行动计划|实施方案|工作方案|规划|重点工作|工作要点|任务分工|责任分解|任务分解|民生实事|惠民实事|民生项目|"
                           r"实施意见|指导意见|若干意见|"
                           r"\b(?:action plan|plan of actions|climate action|"
                           r"strategy|roadmap|programme of actions|submission|inquiry)\b", re.I)
# a work report's parts: "2026年重点工作" (the year it is for), "2025年工作回顾" / "回顾了2025年的工作" (the year before)
_REPORT_AHEAD = re.compile(r"((?:19|20)\d{2})年(?:重点工作|主要预期目标|工作安排|工作建议|政府工作)")
_REPORT_BACK = re.compile(r"((?:19|20)\d{2})年(?:和[^、，,。]{0,12})?工作回顾|回顾了?((?:19|20)\d{2})年(?:的|以来的)?工作")
# a year's list of livelihood projects, named in the opening of a news copy: the year its figures are for
_YEARS_PROJECTS = re.compile(r"((?:19|20)\d{2})\s*年(?:的|度)?[^，,。；;]{0,12}?(?:民生实事|惠民实事|民生项目|为民实事)")
_OPENING = 1500  # characters: a news copy's lead
_PAPER_KINDS = ("paper", "article", "论文", "期刊", "journal", "thesis")

ACHIEVED_HEADING = re.compile(r"成效|成就|成绩|进展|完成情况|(?:全面|圆满|超额|顺利)完成|回顾|工作总结|取得|achievements?|progress|review", re.I)
GOAL_HEADING = re.compile(r"目标|指标")
STATUS_HEADING = re.compile(r"现状|状况|基本情况|存在的(?:主要)?问题|概况|基础条件|发展基础|发展背景|规划背景|现实基础|"
                            r"current situation|status|baseline",
                            re.I)


@dataclass
class DocContext:
    """The region, period and nature of one document, as its targets inherit them."""

    scope: str
    period: Period | None
    is_plan: bool
    lang: str
    doc_year: int | None = None
    places: set[str] = field(default_factory=set)
    kind: str | None = None  # the document's kind (plan, work_report, …) as ingest/facts.py reads it

    @property
    def base_year(self) -> int | None:
        """The year current values (现状值) describe: the year before the plan starts."""
        if self.period:
            return self.period[0] - 1
        return self.doc_year - 1 if self.doc_year else None

    @property
    def end_year(self) -> int | None:
        """The year targets without a year of their own aim at: the plan's last year."""
        return self.period[1] if self.period else None


def _doc_year(doc: ParsedDocument) -> int | None:
    m = re.search(r"(19|20)\d{2}", doc.meta.date or "")
    if m:
        return int(m.group(0))
    if doc.meta.kind == "work_report":  # undated (a news copy): the year its work is planned for
        ahead = _REPORT_AHEAD.search(doc.text[:3000])
        if ahead:
            return int(ahead.group(1))
        back = _REPORT_BACK.search(doc.text[:3000])
        return int(back.group(1) or back.group(2)) + 1 if back else None  # "报告回顾了2025年的工作"
    return None


def _is_plan(doc: ParsedDocument) -> bool:
    """Not a paper: a document of a known kind, or one whose title or opening calls itself a plan, or one that
    sets tasks ("某市推进政务服务智能化 / (1)… 12月底前推广至…": its measures are a plan's)."""
    kind = (doc.meta.kind or "").lower()
    if any(k in kind for k in _PAPER_KINDS):
        return False
    return bool(kind) or bool(_PLAN_WORDS.search(doc.title or "")) or bool(_PLAN_OPENING.search(doc.text[:3000])) \
        or bool(doc.tasks)


def own_scope(doc: ParsedDocument) -> str:
    """The region a document is about: the place its title (or issuer) starts with, else the region its
    facts name (a work report's congress: "——…在青岚省第十四届人民代表大会…上"), else the country or state
    an English title names anywhere in it (or the council an English plan keeps naming), else ""."""
    find = english_place_in_title if doc.lang == "en" else place_in_title
    for source in (doc.title, doc.meta.title or "", doc.meta.issuer or ""):
        place = find(source)
        if place:
            return place
    if doc.lang == "en" and (council := council_place(doc.text)):
        return council  # a city's plan that keeps naming its council, whatever country it also names
    if doc.meta.region or doc.lang != "en":
        return doc.meta.region or ""
    return polity_in(doc.title or "") or polity_in(doc.meta.title or "") or ""  # "Canada's Action Plan for …"


def document_context(doc: ParsedDocument) -> DocContext:
    """Read the region, plan period and plan-ness of `doc` from its title and metadata."""
    title = doc.title or ""
    year = annual_year(title) if doc.lang == "zh" else None
    period = year_range(title) or five_year_period(title) or ((year, year) if year else None)
    if period is None and doc.lang == "zh" and (projects := _YEARS_PROJECTS.search(doc.text[:_OPENING])):
        period = (int(projects.group(1)), int(projects.group(1)))  # a news copy of "2025年的10件重点民生实事"
    return DocContext(scope=own_scope(doc), period=period, is_plan=_is_plan(doc), lang=doc.lang,
                      doc_year=_doc_year(doc), kind=doc.meta.kind)


def heading_context(section: str) -> str | None:
    """"achieved", "baseline" or "target" when the nearest telling heading says so (成效, 现状, 主要目标),
    else None."""
    for part in reversed([p for p in section.split(" > ") if p]):
        if ACHIEVED_HEADING.search(part):
            return "achieved"
        if STATUS_HEADING.search(part):
            return "baseline"
        if GOAL_HEADING.search(part):
            return "target"
    return None


def heading_period(section: str) -> Period | None:
    """A five-year period or a single target year ("2035年目标展望") named by the nearest heading."""
    for part in reversed([p for p in section.split(" > ") if p]):
        p = five_year_period(part)
        if p:
            return p
        m = re.search(r"((?:19|20)\d{2})\s*年", part)
        if m:
            y = int(m.group(1))
            return y, y
    return None


def heading_year(section: str) -> int | None:
    """A single year the nearest heading names ("二、2025年主要预期目标" -> 2025), else None."""
    for part in reversed([p for p in section.split(" > ") if p]):
        m = re.search(r"((?:19|20)\d{2})\s*年", part)
        if m:
            return int(m.group(1))
    return None
