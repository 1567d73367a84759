"""One sentence of a plan, read once: its clauses, brackets, asides and year marks; which of its figures
are statements (not titles, asides, counts of places or a policy's terms); ranges as two bounds.

The prose reader asks these for every figure, so each is an offset lookup (bisection), never a rescan:
a paragraph of thousands of clauses is read in time linear in its length.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ingest.recognise.quantities import COUNT_UNITS, TIME_UNITS, Quantity
from ingest.targets.found import Found
from ingest.targets.marks import BASELINE_CUES, TARGET_CUES, SentenceMarks
from ingest.targets.parameters import asides, in_aside, is_parameter
from ingest.targets.words import PLACE_NOUNS

_SENTENCE = re.compile(r"[。！？!?]+[”’」』)）\]】]*|\n+")
_CLAUSE = re.compile(r"[，,；;：:]|》(?=《)")  # "…《就业2000人以上》《建成幼儿园3所》": one measure a quote
_BRACKETED = re.compile(r"《[^》]*》|〔[^〕]*〕|〈[^〉]*〉|\[[^\]]*\]")
# a measure set in title marks, as lists of projects quote them ("《城镇新增就业2000人以上》"): a verb and a count,
# no document's kind at its end (《…2025年规划》 names a document, its figures are its name's)
_QUOTED_MEASURE = re.compile(r"《(?=[^》]*(?:新增|建成|新建|改造|完成|实施|建设|开展|为)[^》]*\d)"
                             r"(?![^》]*(?:规划|计划|方案|意见|通知|办法|条例|报告|纲要|决定|要点|细则|规定|标准|指南|公告|清单|"
                             r"名录|批复|通报|章程|法)(?:[(（][^()（）》]*[)）])?》)[^》]*》")
# a noun between two figures, no conjunction, and no verb of reaching ("增长12.6%达92.9亿元": two figures)
_NOUN_GAP = re.compile(r"(?!达|为|是|超|突破)[^和及与或至到、，,；;：:()（）\s\d]+")


@dataclass
class Sentence:
    """One sentence read once: its clauses (with their starts, for bisection), brackets and year marks."""

    s0: int
    s1: int
    clauses: list[tuple[int, int]]
    starts: list[int]
    brackets: list[tuple[int, int]]
    asides: list[tuple[int, int, str]]
    marks: SentenceMarks
    baseline_cue: bool
    target_cue: bool

    @classmethod
    def read(cls, text: str, s0: int, s1: int) -> Sentence:
        cls_ = clauses(text, s0, s1)
        body = text[s0:s1]
        brackets = [(s0 + m.start(), s0 + m.end()) for m in _BRACKETED.finditer(body)
                    if not (m.group(0).startswith("《") and _QUOTED_MEASURE.fullmatch(m.group(0)))]
        return cls(s0, s1, cls_, [a for a, _ in cls_], brackets, asides(text, s0, s1),
                   SentenceMarks.read(text, s0, s1), bool(BASELINE_CUES.search(body)), bool(TARGET_CUES.search(body)))

    def clause_of(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def bracketed(self, pos: int) -> bool:
        i = bisect_right(self.brackets, (pos, 1 << 62)) - 1
        return i >= 0 and self.brackets[i][0] <= pos < self.brackets[i][1]


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Full sentences (to 。！？ or a line break): 其中-lists run across ；."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in _SENTENCE.finditer(text, start, end):
        if text[pos:m.end()].strip():
            out.append((pos, m.end()))
        pos = m.end()
    if text[pos:end].strip():
        out.append((pos, end))
    return out


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses (to ，；：): the unit an indicator and its figure share, and what a citation quotes."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in _CLAUSE.finditer(text, start, end):
        out.append((pos, m.end()))
        pos = m.end()
    if pos < end:
        out.append((pos, end))
    return out


def trim(text: str, end: int) -> int:
    """A clause's end without its closing punctuation."""
    while end > 0 and text[end - 1] in "，,；;：:。！？!? \n":
        end -= 1
    return end


# a figure that picks out the places or bodies a measure applies to: "…以上的街（镇）", "…以下的企业",
# "过百亿元的企业", "超千亿元的产业集群"
_BODIES = r"[\u4e00-\u9fff（）()]{0,6}?(?:街|镇|乡|村|社区|企业|单位|机构|项目|医院|学校|园区|家庭|户|集群|基地|平台|主体)"
_THRESHOLD_OF = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:及)?以[上下](?:的)" + _BODIES)
_OVER = r"(?:超过|过|超|逾|突破)"
_OVER_BEFORE, _OVER_AT = re.compile(_OVER + r"\s*$"), re.compile(_OVER)
_OF_BODIES = re.compile(r"(?:及以上|以上)?的" + _BODIES)
_OWN_PARTS = re.compile(r"(?:[\u4e00-\u9fff]{0,3}?(?:重点|具体|主要|惠民|政策|行动|市级|县级|区级|省级))?"
                        r"(?:民生实事|实事|子项目|任务|工作|内容|措施|举措|领域|方面|核查点)|\d+\s*[件项个]")
_COMPARED = re.compile(r"(?:高于|低于|快于|慢于|超出|高出|领先|比[^，,；;。]{1,8}(?:高|低|快|慢|多|少))[^，,；;。]{0,12}$")
# a figure that describes or ranks a thing, not a measure of it
_LABEL_BEFORE = re.compile(r"(?:时速|设计速度|首个|首家|第一个|首座|排名|位次|排位)(?:上升|前移|提升|提高|下降|后移)?\s*$")
_LABEL_AFTER = re.compile(r"(?:全国|全省|全市|全区|全国同类|全省同类)第|[^，,；;。]{0,6}级台阶")


_INVOLVES = re.compile(r"涉及\s*$")
_RESPONSIBLE_BODIES = re.compile(r"(?:牵头|责任|配合|协同|参与|成员)(?:单位|部门)")


# the subject of a service-time standard: "许可复核时间", "审批时限", "办理期限"
_SERVICE_TIME_SUBJECT = re.compile(r"(?:审核|审批|审查|复核|核准|核查|审定|批复|办理|办结|受理|评审|验收|登记|响应)(?:时间|时限|期限|用时)(?:一般)?[^。；;]{0,16}$")


def keep(text: str, sent: Sentence, q: Quantity) -> bool:
    """Not a title/document number, not an aside, not a count of places (6 个区县), not a policy's terms."""
    if sent.bracketed(q.start) or in_aside(sent.asides, q):
        return False
    if q.unit == "个" and PLACE_NOUNS.match(text[q.end:min(q.end + 3, sent.s1)]):  # in its own sentence
        return False  # "6个区县": the places a measure covers ("100名市管企业人才" counts people, not places)
    c0, c1 = sent.clauses[sent.clause_of(q.start)]
    if q.unit == "百分点" and _COMPARED.search(text, c0, q.start):
        return False  # "增长5.4%，高于全国0.4个百分点": the gap to another place, not a level of this one
    if q.unit in COUNT_UNITS and re.match(r"[^，,；;。]{0,16}之一", text[q.end:c1]):
        return False  # "属于全省80个重点发展县之一": the group it belongs to, not a count of its own
    if _THRESHOLD_OF.match(text, q.end):
        return False  # "1万名老人以上的街（镇）", "200张床位以上的养老机构": which ones a measure is for, no count
    if (q.unit not in ("%", "百分点") and (_OVER_AT.match(text, q.start) or _OVER_BEFORE.search(text, c0, q.start))
            and _OF_BODIES.match(text, q.end)):
        return False  # "年销售收入过百亿元的企业达到10家": the size of the firms counted, not a measure
    if q.unit in ("件", "项", "个", "条", "类") and (_OWN_PARTS.match(text, q.end) or re.search(r"\d\s*类$",
                                                                                        text[c0:q.start])):
        return False  # "10件重点民生实事", "448项具体工作", "19个重点领域": the document's own items, no measure
    if q.unit in COUNT_UNITS and (_INVOLVES.search(text, c0, q.start) or _RESPONSIBLE_BODIES.match(text, q.end)):
        return False  # "明确133项任务，涉及34个牵头单位": what a document's work involves and who does it, no goal
    if q.unit in TIME_UNITS and _SERVICE_TIME_SUBJECT.search(text[sent.s0:q.start]):
        return True  # "复核时间一般不少于3个工作日，最长不超过10个工作日": a service's time standard, both bounds
    if text[max(0, q.start - 1):q.start] in ("第", "届"):
        return False  # "第3批", "第十八届71次常务会议": an ordinal (of a batch, a meeting), not a count
    if _LABEL_BEFORE.search(text, c0, q.start) or _LABEL_AFTER.match(text, q.end):
        return False  # "时速350公里的高铁", "首个300亿元园区", "排名上升4位", "10个全国第1", "跨越3个十亿级台阶"
    return not is_parameter(text, c0, c1, q)


def unqualified(text: str, qs: list[Quantity]) -> list[Quantity]:
    """Drop a money or rate figure that only qualifies the thing the next figure counts:
    "培育产值超5000万元龙头企业30家以上" states 30 firms, not an output of 50 million."""
    dropped: set[int] = set()
    for i in range(len(qs) - 1, -1, -1):  # from the end: a band's low end goes with its high end
        q, nxt = qs[i], qs[i + 1] if i + 1 < len(qs) else None
        gap = text[q.end:nxt.start] if nxt else ""
        if (nxt and (q.unit.endswith("元") or q.unit == "%") and 0 < len(gap) <= 8 and _NOUN_GAP.fullmatch(gap)
                and _COUNT_OPENS.match(text, nxt.start)):
            dropped.add(i)
        elif nxt and i + 1 in dropped and q.unit.endswith("元") and nxt.unit.endswith("元") and _BAND.fullmatch(gap):
            dropped.add(i)  # "5000万元至1亿元项目不少于5个": the size band of the projects counted
    return [q for i, q in enumerate(qs) if i not in dropped]


_COUNT_OPENS = re.compile(r"(?:不少于|不低于|超过|达到|至少|以上)?\s*\d")
_BAND = re.compile(r"\s*[至到~～\-—–]\s*")


def bounds(f: Found, q: Quantity) -> list[Found]:
    """A range ("增长5%—5.5%", "1—2个") is two bounds: at least its lower end, at most its upper end."""
    if q.value_max is None:
        return [f]
    upper = Found(f.indicator, f.scope, q.value_max, f.unit, "<=", f.year, f.kind, f.quote_start, f.quote_end,
                  f.section, f.table, f.at)
    f.comparator = ">=" if f.comparator in ("=", ">=") else f.comparator
    return [f, upper]
