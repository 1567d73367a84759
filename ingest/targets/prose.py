"""Targets stated in sentences: "到2025年，森林覆盖率达到45%以上", "reduce … by 30% by 2030".

Each figure with a unit becomes a record: its indicator from the words before it (or the
thing a classifier counts, or the previous clause), its scope from a place the clause
starts with (else the section's place heading, else the document's region), its kind and
year from the sentence, its heading and the plan period. The citation quotes the clause(s)
the figure is stated in. Rules are about grammar and plan conventions, never a document.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from ingest.models import Block, ParsedDocument, TargetKind
from ingest.read.sentences import sentence_spans
from ingest.read.table_grid import pipe_cells
from ingest.recognise.periods import five_year_period, five_year_spans, year_spans
from ingest.recognise.places import looks_like_place
from ingest.recognise.quantities import COUNT_UNITS, SERVICE_VERBS, TIME_UNITS, Quantity, find_quantities
from ingest.targets.context import (
    GOAL_HEADING,
    STATUS_HEADING,
    DocContext,
    heading_context,
    heading_period,
    heading_year,
)
from ingest.targets.english import list_bound
from ingest.targets.english_figures import BOUND_WORDS, MEASURE_PHRASE
from ingest.targets.found import Found
from ingest.targets.marks import (
    LEAD_YEAR,
    PER_PERIOD,
    RECURRING,
    SentenceMarks,
    exists_before,
)
from ingest.targets.respective_runs import spread_over_runs
from ingest.targets.sentence import Sentence, bounds, keep, sentences, trim, unqualified
from ingest.targets.words import (
    counted_noun,
    has_words,
    head_noun,
    leading_place,
    measure_noun,
    noun_after_de,
    strip_clause,
    verb_tail,
    written_in_english,
)

_YEAR_BEFORE = re.compile(r"((?:19|20)\d{2})\s*年(?:底|末)?的?\s*$")
_TOTAL_MARK = re.compile(r"共计|总计|合计|共|总共")
_FACILITY_VERB = re.compile(r"提档升级|升级|改造|新建|建设|扩建|迁建|提升")
_RATE_ONLY = re.compile(r"(?:年均|年平均|平均)(?:增速|增长率|增幅|增长)|增速|增长率|增幅")
_CHANGE_ONLY = re.compile(r"(?:下降|上升|减少|增加|提高|降低|增长|缩减|扩大)")
_OWN_AREA = re.compile(r"(?:全市|全县|全省|全区|区内)(?=幅员|国土|土地|总面积)")
_GROWTH = re.compile(r"(增长|增速|下降|降低|减少|上涨|涨幅|上升)(?:了|率)?\s*$")
_AGGREGATE = re.compile(r"(?:每年|全市|全省|全区|全县|年度|每年度)*(?:总额|总规模|规模|总量|额度)(?:最高)?")
# a service time a plan sets ("助力合作社“一日开办”", "2小时内响应"): a standard, whatever verb leads to it
_SERVICE_TIME = re.compile(rf"[”\"’」]*\s*内?(?:{SERVICE_VERBS})")
_QUOTED = re.compile(r"[“\"]([^”\"]{2,12})[”\"]")
_REACHED = ("达到", "达")
_FRAMED_BY = re.compile(r"以[^，,；;。以]{0,30}$")
_FRAMES = re.compile(r"[^，,；;。]{0,20}?为(?:主要|重点|服务|工作)?(?:对象|重点|主体)")
_COMPARED_WITH = re.compile(r"(?:较|比|相比|与|同|从|由)\s*$")
_COMPARED_PERIOD = re.compile(r"(?:较|比|相比|与|同)[^，,；;。]{0,4}$")  # "较“十三五”末", "比上个“十三五”"
_LAST_YEAR = re.compile(r"过去一年|去年(?!同期)|上一年度?(?!同期)")
_THIS_YEAR = re.compile(r"今年|本年度?|年内")
_HORIZON_HEADING = re.compile(r"目标|愿景|展望")
_GOALS_LABEL = re.compile(r"\s*(?:[(（][一二三四五六七八九十\d]{1,2}[)）]|[一二三四五六七八九十]{1,2}、|\d{1,2}[.、])?\s*"
                          r"[\u4e00-\u9fff]{0,4}(?:目标|愿景)[。：:]")
# an English lead-in line of its own: "2030 targets:", "Targets for 2035", "By 2030:", "Our 2040 goals"
_EN_LEAD_IN = re.compile(r"(?:^\W*|\s)(?:(?:our|key|the)\s+)?(?:((?:19|20)\d{2})\s+(?:targets?|goals?|milestones?|"
                         r"objectives?|ambitions?)|(?:targets?|goals?|milestones?|objectives?)\s+(?:for|by)\s+"
                         r"((?:19|20)\d{2}))\s*:?\s*$|^\W*by\s+((?:19|20)\d{2})\s*:\s*$", re.I)
# "Westland's renewable energy targets … are:", "its rooftop solar targets, of:": what the items measure
_EN_TARGETS_OF = re.compile(r"(?:^|[\s(])(?:(?:[A-Z][\w]*[’']s|our|the|its|their|these|key|legislated|new)\s+)*"
                            r"(?P<what>(?:(?!(?:our|the|its|their|these|are|is|of|and|include|includes)\b)[a-z][\w-]*\s+)"
                            r"{0,3}?[a-z][\w-]*)\s+(?:targets?|goals?)\b")
# a lead-in whose items finish its sentence with their figures: "(g) emissions of nitrogen oxides are reduced by"
_EN_OPEN_CHANGE = re.compile(r"^\W*(?:\(?[a-z0-9]{1,4}[.)]\s*)?(?P<what>[a-z][\w\s-]{2,80}?)\s+(?:are|is|shall\s+be|must\s+be|be)\s+"
                             r"(?:reduced|increased|cut|raised|lowered|brought\s+down)\s+(?:by|to)\s*:?$", re.I)
# a lead-in whose items each give a figure of one measure: "… an energy-use index of greater than:" / "a. One
# hundred fifty for use in new equipment"
_EN_LIMIT_LEAD = re.compile(rf"\b(?P<what>{MEASURE_PHRASE})\s+of\s+(?P<cmp>{BOUND_WORDS})?\s*:$", re.I)
# a lead-in whose items are the levels a duty sets: "The hourly rate paid to workers … shall be at least:" (the level
# named last before the verb)
_LEVEL_NOUN = re.compile(r"(?:^|\s)(?:the\s+)?(?P<what>(?:(?!(?:the|a|an|of|to|and)\b)[a-z][\w-]*\s+){0,2}(?:wage|pay|rate|fee|"
                         r"price|amount|salary|allowance|payment|charge|level|limit))\b", re.I)
_EN_FLOOR_LEAD = re.compile(rf"\b(?:shall|must|will)\s+be\s+(?P<cmp>{BOUND_WORDS})\s*:$", re.I)
MAX_FLOOR_SUBJECT = 300
_EN_GOALS_LEAD = re.compile(r"\b(?:targets?|goals?|objectives?)\b[^.;]{0,40}:$", re.I)
_EN_ITEM_MARK = re.compile(r"(?:[-•*▪●◦–]\s|\(?[0-9]{1,2}[.)]\s|\(?[a-z][.)]\s|\(?[ivx]{1,4}[.)]\s)")
_STATED_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?!以来|来|以前|以后|同期|水平|的)")
_DONE_TITLE = re.compile(r"(?:全面|圆满|超额|顺利)完成|工作回顾|成效显著|完成情况")
_DONE_LEAD = re.compile(r"完成情况(?:公布|通报|发布)")  # "2026年10件民生实事具体完成情况公布": a news copy of a review
_FROM_HERE = re.compile(r"(?:从|由)\s*$")
# "共计25.2平方公里已完成达标评估": the figure is what is done already (the subject of a perfect)
_DONE_AFTER = re.compile(r"[\u4e00-\u9fff]{0,2}(?<![不而早])已(?:经)?(?:完成|建成|实现|达到|达标|通过|开展|投用|投入使用|覆盖)")
# what a text reports as done: since a past time ("2022年以来，…累计投入"), or a verb of doing with 了 ("对120所学校进行了
# 改造", "共投入了2亿元")
_SINCE = re.compile(r"(?:以来|来)\s*[，,]")
_DONE_VERBS = r"(?:进行|完成|实现|建成|投入|改造|新建|开展|组织|举办|培训|引进|新增|创建|打造|整治|修复|发放)"
_PERFECTIVE_BEFORE = re.compile(_DONE_VERBS + r"了\s*$")
_PERFECTIVE_AFTER = re.compile(r"[^，,；;。]{0,12}?" + _DONE_VERBS + r"了")
_RESPECTIVELY = re.compile(r"分别")
_THEN_CHANGE = re.compile(r"\s*[，,]\s*(?:分别)?(增长|下降|提高|增加|减少|上涨)了?\s*")
_PERIOD_ONLY = re.compile(r"每年度?|每季度?|每月|每半年|年均")
# what the clause before a bare yearly sum sets aside: "统筹安排专项资金", "设立生态保护基金"
_FUNDED = re.compile(r"(?:安排|设立|筹集|投入|落实|统筹|整合)+(?P<what>[\u4e00-\u9fff]{0,8}(?:资金|基金|经费|预算|补贴|奖补|贷款))"
                     r"[，,；;]?$")
# things that end like a place but are counted, not places: an area of a kind (社区, 园区, 示范片区 …), or what a
# verb makes ("打造停车治理片区20个")
_THING_AREA = re.compile(r"(?:社区|园区|小区|景区|校区|厂区|街区|示范区|开发区|功能区|集聚区|保护区|试验区|自贸区|服务区|"
                         r"实验区|先行区|样板区|创新区|示范片区)$|[A-Za-z\d]|^(?:打造|建设|建成|新建|创建|培育|设立|"
                         r"划定|改造|提升|推进|实施)")
_CHANGE_VERB = re.compile(r"(?:为|是|达到|达|提高|提升|下降|降低|减少|增加|增长|降|升|控制)?(?:到|至|在|了)?")
_LIST_SEP = re.compile(r"以及|和|及|与|、")
MIN_RESPECTIVE_NAME = 3
_VALUE_GAP = re.compile(r"\s*(?:以上|以下|左右|以内)?\s*(?:、|和|及|与|,|，)?\s*")


# a part that states who or what qualifies: its figures are thresholds, not goals
_CONDITIONS_HEADING = re.compile(r"(?:实施|申报|申请|准入|入选|遴选|评选|认定|参评|支持|补贴|奖励|参与)(?:条件|标准|对象)|"
                                 r"适用(?:范围|对象)|资格|\beligibility\b", re.I)


@dataclass
class _State:
    """What later figures of a sentence inherit from earlier ones."""

    indicator: str = ""
    subject: str = ""  # the last indicator named by a noun phrase (shares and changes refer to it)
    scope: str = ""
    clause_start: int = 0


def heading_place(section: str) -> str | None:
    """The place a section is about, when its nearest heading is a place name ("(一)东部片区")."""
    parts = [p for p in section.split(" > ") if p]
    if not parts:
        return None
    title = re.sub(r"^(?:第[一二三四五六七八九十\d]+[章节]|[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|"
                   r"\d+[.、])\s*", "", parts[-1]).strip()
    return title if looks_like_place(title) else None


def _listed_before(text: str, sent: Sentence, pos: int, least: int = 2) -> list[str]:
    """The names listed from the start of `pos`'s clause up to `pos` ("A、B和C" before 分别 / 均), each of
    `least` characters at least (1 for modifiers that share a head: "一、二、三产增加值")."""
    c0 = sent.clauses[sent.clause_of(pos)][0]
    return [p for p in (strip_clause(x) for x in _LIST_SEP.split(text[c0:pos])) if has_words(p, least)]


def respective_indicators(text: str, sent: Sentence, qs: list[Quantity]) -> dict[int, str]:
    """"婴儿死亡率和孕产妇死亡率分别为5‰和12/10万": the list before 分别 names one indicator per figure of the
    run after it, in order ({figure start: indicator}). Only when the list and the run have the same length
    and the run is nothing but figures and separators."""
    out: dict[int, str] = {}
    for m in _RESPECTIVELY.finditer(text, sent.s0, sent.s1):
        parts = _shared_head(_listed_before(text, sent, m.start(), least=1))
        after = [q for q in qs if q.start >= m.end()][:len(parts)]
        if len(parts) < 2 or len(after) < len(parts) or any(len(p) < MIN_RESPECTIVE_NAME for p in parts):
            continue
        verb = _CHANGE_VERB.match(text, m.end())
        if verb is None or not m.end() <= after[0].start <= verb.end() or not _one_run(text, after):
            continue
        growth = _GROWTH.search(text[m.end():verb.end()])
        for part, q in zip(parts, after, strict=True):
            out[q.start] = part + (growth.group(1) if growth and q.unit in ("%", "百分点") else "")
        rest = [q for q in qs if q.start >= after[-1].end][:len(parts)]
        then = _THEN_CHANGE.fullmatch(text[after[-1].end:rest[0].start]) if len(rest) == len(parts) else None
        if then and _one_run(text, rest):  # "…分别达42004元、30657元，增长4.8%、7.5%": the second run, in order
            for part, q in zip(parts, rest, strict=True):
                out[q.start] = part + (then.group(1) if q.unit in ("%", "百分点") else "")
    return out


def _one_run(text: str, qs: list[Quantity]) -> bool:
    """Figures written one after another with nothing but separators ("42004元、30657元")."""
    return all(_VALUE_GAP.fullmatch(text[a.end:b.start]) for a, b in zip(qs, qs[1:], strict=False))


def _shared_head(parts: list[str]) -> list[str]:
    """"城乡居民收入" is 城镇 and 农村; "城镇和农村居民收入": a two-character modifier shares the next part's head."""
    if len(parts) == 1 and "城乡" in parts[0]:
        return [parts[0].replace("城乡", "城镇", 1), parts[0].replace("城乡", "农村", 1)]
    if len(parts) == 2 and len(parts[0]) == 2 and len(parts[1]) > 4:
        return [parts[0] + parts[1][2:], parts[1]]
    width = len(parts[0]) if parts else 0
    if len(parts) >= 2 and width <= 2 and all(len(p) == width for p in parts[:-1]) and len(parts[-1]) > width + 2:
        head = parts[-1][width:]  # "一、二、三产增加值": 一产增加值, 二产增加值, 三产增加值
        return [p + head for p in parts[:-1]] + [parts[-1]]
    return parts


_EACH = re.compile(r"均")
_EACH_VERB = re.compile(r"(?:(?:比|较)\s*(?:19|20)\d{2}\s*年(?:底|末)?)?" + _CHANGE_VERB.pattern)


def each_indicators(text: str, sent: Sentence, qs: list[Quantity]) -> dict[int, list[str]]:
    """"二氧化硫、氮氧化物排放总量均下降15%": one figure stated for each item of the list before 均
    ({figure start: indicators}); only when 均 opens the figure's own clause tail and the list items are names."""
    out: dict[int, list[str]] = {}
    for m in _EACH.finditer(text, sent.s0, sent.s1):
        parts = _listed_before(text, sent, m.start())
        after = [q for q in qs if q.start >= m.end()]
        verb = _EACH_VERB.match(text, m.end())
        if len(parts) < 2 or any(len(p) < MIN_RESPECTIVE_NAME - 1 for p in parts) or not after or verb is None \
                or not m.end() <= after[0].start <= verb.end() or sent.clause_of(after[0].start) != sent.clause_of(m.start()):
            continue
        growth = _GROWTH.search(text[m.end():verb.end()])
        suffix = growth.group(1) if growth and after[0].unit in ("%", "百分点") else ""
        out[after[0].start] = [p + suffix for p in parts]
    return out


def _year_stated(before: str) -> int | None:
    """The last year `before` (a sentence up to a figure) states as the figure's own: not one it is compared
    with ("较2020年", "创2010年以来最好"), nor a level of a year ("2020年水平")."""
    stated = [m for m in _STATED_YEAR.finditer(before) if not _COMPARED_WITH.search(before[:m.start()])]
    return int(stated[-1].group(1)) if stated else None


class ProseReader:
    """Reads the figures of one document's paragraphs (and of long table cells)."""

    def __init__(self, doc: ParsedDocument, ctx: DocContext) -> None:
        self.doc, self.ctx, self.text = doc, ctx, doc.text
        self.horizon: int | None = None  # a goal year a list's lead-in sets ("到2028年，力争实现：")
        self.list_measure = ""  # what an English lead-in's targets measure ("Our renewable energy targets are:")
        self.goal_list = False  # the items below an English lead-in that calls them targets ("Overall targets:")
        self.list_bound = ""  # the bound a lead-in sets its items' bare figures ("… a potential of greater than:")
        self.horizon_level: int | None = None  # the numbering level of the item that set the horizon
        # "某县“十四五”卫生健康主要发展指标": a title that is a list of goals makes its figures goals
        title = doc.title or ""
        lead = "" if doc.meta.title else doc.text.split("\n", 1)[0]  # no title: a news copy's lead may say it
        self.title_context = "achieved" if _DONE_TITLE.search(title) or _DONE_LEAD.search(lead) else (  # "2021年…目标任务全面完成": a review
            "target" if GOAL_HEADING.search(title) and not STATUS_HEADING.search(title) else None)
        self._places: tuple[int, list[str]] = (-1, [])

    def read_blocks(self) -> list[Found]:
        """Figures of every paragraph and list item (table notes excluded: they qualify, not state).

        A document that is not a plan (a paper) reports facts; only the targets it states are kept."""
        out: list[Found] = []
        section = None
        for b in self.doc.blocks:
            if b.section != section:
                nested = section is not None and b.section.startswith(section + " > ")
                if not nested:  # the items under "(二)发展目标。到2025年，…" keep its year
                    self.horizon, self.list_measure, self.goal_list, self.list_bound = None, "", False, ""
                section = b.section
            if _CONDITIONS_HEADING.search(b.section or ""):
                continue  # "三、申报条件 / 1.单个厂房屋面面积2000平方米以上": what qualifies, not what is aimed at
            if (b.kind in ("paragraph", "list_item") and not (b.kind == "paragraph" and b.table)
                    and not self._table_line(b)) or self._goal_heading(b):
                if (self.horizon or self.goal_list) and self._ends_english_list(b):
                    self.horizon, self.list_measure, self.goal_list, self.list_bound = None, "", False, ""
                if self.horizon and b.kind == "list_item" and b.level is not None and self.horizon_level is not None \
                        and b.level <= self.horizon_level:
                    self.horizon = None  # "（三）试点范围。" after "（二）试点目标。到2027年，…": a sibling, not its item
                out.extend(self.read_span(b.start, b.end, b.section))
                before = self.horizon
                self._carry_horizon(b.start, b.end, b.section)
                if self.horizon != before:
                    self.horizon_level = b.level if b.kind == "list_item" else None
        return out if self.ctx.is_plan else [f for f in out if f.kind == "target"]

    def _ends_english_list(self, b: Block) -> bool:
        """An English paragraph of running prose (no list mark, a full sentence) after a lead-in's items: the
        list it led is over, and so is the year it gave ("…for the following reasons:" does not date a report)."""
        line = self.text[b.start:b.end].lstrip()
        return b.kind == "paragraph" and written_in_english(line) and not _EN_ITEM_MARK.match(line) \
            and len(line) > 120 and bool(re.search(r"[.!?]\s*$", line))

    def _goal_heading(self, b: Block) -> bool:
        """A numbered item of a goal list set as a heading of its own ("一、主要预期目标 > (一)地区生产总值增长7%以上",
        its 责任单位 line under it): the goal it states is read like a sentence."""
        return b.kind == "heading" and bool(b.section) and heading_context(b.section) == "target" and \
            bool(find_quantities(self.text, b.start, b.end))  # a heading's section is the headings above it

    def _table_line(self, b: Block) -> bool:
        """A Chinese `|` table line: the table reader reads its cells by their columns."""
        cells = pipe_cells(self.text, b)
        return cells is not None and (not cells or not written_in_english(self.text[b.start:b.end]))

    def _carry_horizon(self, start: int, end: int, section: str) -> None:
        """A lead-in ending in a colon ("到2028年，力争实现："), or a goal section's paragraph in a plan with no
        period of its own, names the year the next items aim at; a plan's period end is the default otherwise."""
        body = self.text[start:end].rstrip()
        limits = _EN_LIMIT_LEAD.search(body) if body.endswith(":") else None
        floor = _EN_FLOOR_LEAD.search(body) if body.endswith(":") else None
        level = self._floor_level(body, floor.start()) if floor else None
        if limits and written_in_english(body):  # "… prohibit substitutes that have a … potential of greater than:"
            self.list_measure, self.goal_list = limits.group("what"), True
            self.list_bound = list_bound(body, limits.group("cmp") or "")
        elif floor and level and written_in_english(body):  # "(a) The hourly rate … shall be at least:" / "(i) $16.50 …"
            self.list_measure, self.goal_list, self.list_bound = level, True, list_bound(body, floor.group("cmp"))
        elif body.endswith(":") and written_in_english(body):
            measured = list(_EN_TARGETS_OF.finditer(body))
            self.list_measure = measured[-1].group("what") if measured else ""
            self.goal_list = bool(_EN_GOALS_LEAD.search(body))  # "Overall targets:": its items are goals
        elif (open_end := _EN_OPEN_CHANGE.search(body)) and written_in_english(body):
            self.list_measure = open_end.group("what")  # "(g) emissions of nitrogen oxides are reduced by" / "(i) 20 per cent …"
        lead_in = _EN_LEAD_IN.search(body[-40:])
        if lead_in:  # "2030 targets:" (also when a wrapped item took it in): the items below aim at that year
            self.horizon = int(next(g for g in lead_in.groups() if g))
            return
        marks = SentenceMarks.read(self.text, start, end)
        year = marks.future[-1][1] if marks.future else marks.lead_year
        in_goals = self.ctx.period is None and (_HORIZON_HEADING.search(section.rsplit(" > ", 1)[-1])
                                                or _GOALS_LABEL.match(body))  # "(二)发展目标。到2025年，…"
        if year and (body.endswith((":", "：")) or in_goals):
            base = self.ctx.base_year
            if base is None or year > base:
                self.horizon = year

    @staticmethod
    def _floor_level(body: str, verb: int) -> str:
        """The level a floor's lead-in sets: the last level noun of its subject, no colon or semicolon after it."""
        named = list(_LEVEL_NOUN.finditer(body, max(0, verb - MAX_FLOOR_SUBJECT), verb))
        return named[-1].group("what") if named and not re.search(r"[:;]", body[named[-1].end():verb]) else ""

    def read_span(self, start: int, end: int, section: str, table: str | None = None,
                  forced: tuple[TargetKind, int | None] | None = None) -> list[Found]:
        """Figures of text[start:end]; `forced` (kind, year) comes from a table column."""
        if written_in_english(self.text[start:end]):
            return self.read_english(start, end, section, table, forced)
        para = SentenceMarks.read(self.text, start, end)
        out: list[Found] = []
        for s0, s1 in sentences(self.text, start, end):
            out.extend(self.read_sentence(para, s0, s1, section, table, forced))
        return out

    def read_sentence(self, para: SentenceMarks, s0: int, s1: int, section: str, table: str | None,
                      forced: tuple[TargetKind, int | None] | None) -> list[Found]:
        """Figures of one sentence; later figures inherit indicator and scope from earlier ones."""
        text = self.text
        sent = Sentence.read(text, s0, s1)
        qs = unqualified(text, [q for q in find_quantities(text, s0, s1) if keep(text, sent, q)])
        st = _State(scope=self._default_scope(section), clause_start=s0)
        out: list[Found] = []
        last_end: dict[int, int] = {}
        respective = respective_indicators(text, sent, qs)
        each = each_indicators(text, sent, qs)
        opening_scope = ""
        for q in qs:
            ci = sent.clause_of(q.start)
            c0, c1 = sent.clauses[ci]
            pre = text[max(c0, last_end.get(ci, c0)):q.start]
            last_end[ci] = q.end
            ind, scope, from_here = self._indicator(pre, text[q.end:c1], q, st)
            ind = respective.get(q.start, ind)
            if _AGGREGATE.fullmatch(ind) and (named := _QUOTED.findall(text[s0:q.start])):
                ind = named[-1] + ind.removesuffix("最高")  # “算力券”…全市每年总额: the named instrument's total
            elif _PERIOD_ONLY.fullmatch(ind) and ci > 0 and (funded := _FUNDED.search(text, *sent.clauses[ci - 1])):
                ind = funded.group("what")  # "统筹安排专项资金，每年不少于2亿元": the fund the clause before names
            if scope and not out:
                opening_scope = scope  # "到2027年，全国完成…，实施…": the sentence's subject is every clause's place
            if from_here:
                st.clause_start = c0
                st.scope = scope or opening_scope or self._default_scope(section)
            elif scope:
                st.scope = scope
            kind, year = forced or self._classify(section, para, sent, q, text[c0:q.start])
            if kind != "target" and q.comparator == ">=" and text.startswith(_REACHED, q.start):
                q = replace(q, comparator="=")  # "粮食产量达到612亿斤" in a review: the level reached, no floor
            for name in each.get(q.start, [ind]):  # "A、B均下降15%": the figure for each of them
                out.extend(bounds(Found(name, st.scope, q.value, q.unit, q.comparator, year, kind,
                                         self._quote_start(sent, st.clause_start, q), trim(text, c1), section, table,
                                         q.start), q))
            st.indicator = ind
        out = spread_over_runs(text, s0, s1, out)  # "到2023年底和2025年…分别不低于60%和80%"
        out.extend(self._implicit_parts(qs, sent, out))
        return out

    @staticmethod
    def _quote_start(sent: Sentence, start: int, q: Quantity) -> int:
        """The citation starts at the year phrase the figure's year comes from when it opens the sentence
        close by ("到2027年底，建成超10家…"), so the quote shows the year; else at the figure's clause."""
        i = bisect_right(sent.marks.future, (q.start, -1)) - 1
        if i >= 0 and sent.marks.future[i][0] < start and start - sent.marks.future[i][0] <= 60:
            return sent.clauses[sent.clause_of(sent.marks.future[i][0])][0]
        return start

    def _sorted_places(self) -> list[str]:
        """The document's places, longest first, sorted once per change of the set (not per figure)."""
        if self._places[0] != len(self.ctx.places):
            self._places = (len(self.ctx.places), sorted(self.ctx.places, key=len, reverse=True))
        return self._places[1]

    def _default_scope(self, section: str) -> str:
        """The section's place when its heading names one (区内 refers to it), else the document's."""
        return heading_place(section) or self.ctx.scope

    def _indicator(self, pre: str, post: str, q: Quantity, st: _State) -> tuple[str, str | None, bool]:
        """(indicator, scope if the clause names one, whether the indicator comes from this clause)."""
        place, rest = leading_place(pre, self._sorted_places())
        if (q.unit in COUNT_UNITS or q.unit == "年") and has_words(counted_noun(post.removeprefix("的"))):
            return verb_tail(rest) + head_noun(post), place, True
        if q.unit in COUNT_UNITS and post.startswith("、") and (qualified := noun_after_de(post)):
            return verb_tail(rest) + qualified, place, True  # "建成12个以上、面积不低于6万平方米的示范园区"
        rest = rest.lstrip("、，,；; ")
        core = strip_clause(rest)
        if place is None and st.indicator and looks_like_place(core) and not _THING_AREA.search(core):
            # "…达到50%，东部地区达到60%": the same measure, of its own place
            return st.indicator, core, False
        if q.unit not in COUNT_UNITS and (noun := measure_noun(core, post)):
            return noun, place, True
        share = re.match(r"^(?:分别)?占(.*)", core)
        if share and st.subject:
            whole = _OWN_AREA.sub("", share.group(1))
            return f"{st.subject}占{whole}比例", place, False
        if _RATE_ONLY.fullmatch(core) and st.subject and q.unit == "%":
            return st.subject + core, place, False  # "…87.4亿元，年均增速达到8%": the subject's rate
        if has_words(core) and not _CHANGE_ONLY.fullmatch(core):
            st.subject = core
            growth = _GROWTH.search(rest) if q.unit in ("%", "百分点") else None
            if growth and not core.endswith(growth.group(1)):
                core += growth.group(1)  # 增长5%: a growth rate, not a level
            return core, place, True
        change = _CHANGE_ONLY.fullmatch(core) or _CHANGE_ONLY.search(rest)
        if change and st.subject:
            level = re.search(r"(?:到|至)", rest[change.end():])  # 提高到X: a level; 减少了X: an amount
            return (st.subject if level else st.subject + change.group(0)), place, False
        if st.indicator:
            growth = _GROWTH.search(st.indicator) if q.unit not in ("%", "百分点") else None
            # "增长5.3%，达到3.2万亿元": the amount is the level's, not the growth rate's
            stem = re.sub(r"(?:年均|年平均|平均)$", "", st.indicator[:growth.start()]) if growth else ""
            return (stem or st.indicator), place, False
        return core or pre.strip()[-8:], place, True

    def _classify(self, section: str, para: SentenceMarks, sent: Sentence, q: Quantity,
                  clause_pre: str) -> tuple[TargetKind, int | None]:
        """(kind, year) of a figure: its own year phrase, then the sentence's, the heading's and the plan's."""
        base = self.ctx.base_year
        span = year_spans(self.text[sent.s0:q.start]) if _FROM_HERE.search(clause_pre) else []
        if span and (base is None or span[-1][1] <= base):
            return "baseline", span[-1][0]  # "2015年至2020年，…从76.34岁提高到…": where the span starts
        if _FRAMED_BY.search(clause_pre) and _FRAMES.match(self.text, q.end, sent.s1):
            return "baseline", self.ctx.base_year  # "以全市7600多名持证残疾人为主要对象": whom it serves, as they are
        m = _YEAR_BEFORE.search(clause_pre)
        if m:
            y = int(m.group(1))
            return ("baseline" if base is None or y <= base else "target"), y
        future = sent.marks.future_before(q.start)
        if future and (base is None or future > base):
            return "target", self._year(future, clause_pre, q)  # 到2030年…达到: a target, whatever section
        lead = _part_year(self.text, sent.s0, q.start) or sent.marks.lead_year or para.lead_year
        # (the paragraph's year: "2027年，…。完成500个…"; a part's own: "…；2026年推进…，共计8.5平方公里")
        context = heading_context(section) or self.title_context
        if context == "achieved":
            period = five_year_period(self.text[sent.s0:sent.s1]) or heading_period(section)
            if period and _FROM_HERE.search(clause_pre):
                return "baseline", period[0] - 1  # "“十四五”时期…由5.8万元提高到7.6万元": the level it started from
            return "achieved", lead or self._achieved_year(section, sent, q.start)
        reviewed = self._review_year(sent, q, para) if self.ctx.kind == "work_report" else None
        if reviewed is not None:
            return "achieved", reviewed  # "…说，2025年是…的一年，全市生产总值增长5.5%"
        if lead is not None and base is not None and lead <= base:
            return "baseline", lead  # "2020年，全县水土保持率为68.2%": the state that year
        if _LAST_YEAR.search(self.text[sent.s0:q.start]) and self.ctx.doc_year:
            return "achieved", self.ctx.doc_year - 1  # 过去一年…增长5.2%: a report's review of last year
        reported = self._state_reported(context, section, para, sent, q, clause_pre)
        if reported is not None:
            return reported
        ahead = heading_year(section)
        annual = self.ctx.period is not None and self.ctx.period[0] == self.ctx.period[1]
        if self.ctx.is_plan and (sent.target_cue or context == "target" or q.comparator not in ("=", "~") or annual
                                 or (context is None and ahead and base is not None and ahead > base)
                                 or (q.unit in TIME_UNITS and _SERVICE_TIME.match(self.text, q.end))):
            return "target", self._year(lead or self._target_year(section, para, sent, q.start), clause_pre, q)
        return "baseline", self._baseline_year(para, q.start)

    def _state_reported(self, context: str | None, section: str, para: SentenceMarks, sent: Sentence, q: Quantity,
                        clause_pre: str) -> tuple[TargetKind, int | None] | None:
        """(kind, year) of a figure the text reports rather than sets: a level as it is ("现有…", "…已完成"), or what
        was done since a past time ("2022年以来，…累计投入2亿元": a sum over the years to now, of no one year) or
        with 了 ("对120所学校进行了改造")."""
        if context == "baseline" or sent.baseline_cue or exists_before(clause_pre) or \
                _DONE_AFTER.match(self.text, q.end, sent.s1):
            return "baseline", self._baseline_year(para, q.start)
        if _SINCE.search(self.text, sent.s0, q.start):
            return "achieved", None
        if _PERFECTIVE_BEFORE.search(clause_pre) or _PERFECTIVE_AFTER.match(self.text, q.end, sent.s1):
            return "achieved", self._achieved_year(section, sent, q.start)
        return None

    def _year(self, year: int | None, clause_pre: str, q: Quantity) -> int | None:
        """No single year for a recurring commitment (每年…) or a service standard (1日内办结)."""
        if q.unit in TIME_UNITS or PER_PERIOD.search(q.unit) or RECURRING.search(clause_pre):
            return None
        return year

    def _target_year(self, section: str, para: SentenceMarks, sent: Sentence, pos: int) -> int | None:
        year = para.future_before(pos)
        if year:
            return year
        if self.ctx.doc_year and (_THIS_YEAR.search(self.text[sent.s0:pos]) or self.ctx.kind == "work_report"):
            period = five_year_period(self.text[sent.s0:pos])
            if period and period[1] > self.ctx.doc_year:
                return period[1]  # "“十五五”时期…主要目标是：…年均增长5%左右": the period's, not this year's
            return heading_year(section) or self.ctx.doc_year  # a work report's 预期目标 are for its own year
        period = heading_period(section)
        if period:
            return period[1]
        if self.horizon:
            return self.horizon
        period = five_year_period(self.text[sent.s0:sent.s1])
        return period[1] if period else self.ctx.end_year

    def _achieved_year(self, section: str, sent: Sentence, pos: int) -> int | None:
        """The year a result is of: a year the sentence states before it ("预计2025年，…完成87.4亿元"), else the
        five-year period it names or its heading does; a period it compares with ("较“十三五”末翻番") is not it."""
        said = self.text[sent.s0:sent.s1]
        stated = _year_stated(said[:pos - sent.s0])
        if stated is not None:
            return stated
        own = [p for i, p in five_year_spans(said) if not _COMPARED_PERIOD.search(said[:i])]
        period = (own[0] if own else None) or heading_period(section)
        if period:
            return period[1]
        annual = self.ctx.period is not None and self.ctx.period[0] == self.ctx.period[1]
        return self.ctx.end_year if annual and self.title_context == "achieved" else self.ctx.base_year  # "2025年…完成情况"

    def _review_year(self, sent: Sentence, q: Quantity, para: SentenceMarks) -> int | None:
        """In a work report, a year before this one that the sentence names before the figure, not as what it is
        compared with ("较2020年"), else the one its paragraph opens with ("2025年，开展招商217次，…。实施项目43个"):
        the year the figure reports."""
        if not self.ctx.doc_year:
            return None
        year = _year_stated(self.text[sent.s0:q.start])
        if year is None:
            year = para.lead_year
        return year if year is not None and year < self.ctx.doc_year else None

    def _baseline_year(self, para: SentenceMarks, pos: int) -> int | None:
        base = self.ctx.base_year
        return para.last_year_before(pos, base) or base

    def _implicit_parts(self, qs: list[Quantity], sent: Sentence, found: list[Found]) -> list[Found]:
        """In "共计建设8个…站，其中…，改造升级X站…" a named facility without a number counts one."""
        text, s0, s1 = self.text, sent.s0, sent.s1
        totals = [q for q in qs if q.unit in COUNT_UNITS and _TOTAL_MARK.search(text[max(s0, q.start - 8):q.start])]
        if not totals:
            return []
        total_q = totals[0]
        total_f = next(f for f in found if f.value == total_q.value and f.unit == total_q.unit)
        split = text.find("其中", total_q.end, s1)
        if split < 0:
            return []
        heads = total_f.indicator[-2:]
        with_figures = {sent.clause_of(q.start) for q in qs}
        out: list[Found] = []
        for i, (c0, c1) in enumerate(sent.clauses):
            if c0 < split or i in with_figures:
                continue
            clause = text[c0:c1]
            m = re.search(r"[\u4e00-\u9fff]{2,10}?([\u4e00-\u9fff])(?=监测能力|能力|建设|改造|$|[，,；;。])", clause)
            if m and m.group(1) in heads and _FACILITY_VERB.search(clause):
                out.append(Found(clause.strip(" ，,；;。"), total_f.scope, 1.0, total_q.unit, "=", total_f.year,
                                 total_f.kind, c0, trim(text, c1), total_f.section, total_f.table))
        return out

    def read_english(self, start: int, end: int, section: str, table: str | None,
                     forced: tuple[TargetKind, int | None] | None = None) -> list[Found]:
        """English sentences follow their own grammar (verb of change + year): see target_english."""
        from ingest.targets.english import english_targets

        return english_targets(self.text, start, end, section, table, self.ctx,
                               [(s.start, s.end) for s in sentence_spans(self.text, start, end)], forced,
                               horizon=None if table else self.horizon, measure=None if table else self.list_measure,
                               goals=not table and self.goal_list, bound="" if table else self.list_bound)


def _part_year(text: str, s0: int, pos: int) -> int | None:
    """The year that opens the semicolon part of a sentence holding `pos`, when it is not the sentence's first."""
    cut = max(text.rfind("；", s0, pos), text.rfind(";", s0, pos))
    m = LEAD_YEAR.match(text, cut + 1, pos) if cut >= 0 else None
    return int(m.group(1)) if m else None
