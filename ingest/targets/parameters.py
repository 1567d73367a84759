"""Figures a Chinese policy states that are not goals: the terms of a grant, a threshold, a definition.

Support measures (若干措施) are full of numbers that say what one applicant may get or must meet:
``给予最高100万元补贴``, ``按实际投入的30%给予补助``, ``最长3年的免租期``, ``对全年登记数据产品达10个以上的``,
``(一般不超过10人)``. A planner comparing targets wants none of them. They are told apart by the
grammar every such measure uses:

- a **grant**: money, a rate or a stay whose clause names a cap or a recipient (最高, 单个, 每家, 每人,
  给予, 可申请, 按…的) or whose noun is a subsidy (补贴, 补助, 奖励, 贴息, 担保贷款); a programme's own
  budget (总额, 总规模, 规模, 安排) stays a target;
- a **duration** (天, 个月, 小时) that is not a service standard (1日内办结, 24小时服务, 10分钟便利圈), or
  the time a goal takes (经过5年努力);
- a **threshold**: the clause after the figure ends with 的 (…达10个以上的，给予…), or the clause opens
  with 对 (对年产值首次达到5000万元的企业), or an upper bound qualifies the noun after it (月销售额15万元以下的
  小规模纳税人, 6亩以下的地块: a class of things; "不少于2000卡时的算力支持" and "28.6%的平均水平" state values);
- a **definition**: 一般不超过, 是指, a parenthetical that is not a breakdown (其中…);
- a **formula** or a composition (×100%, 1名团长+3名导师), a count of the document's own parts
  (八项主要任务, 4个方面的指标).
"""

from __future__ import annotations

import re

from ingest.recognise.quantities import COUNT_UNITS, SERVICE_VERBS, TIME_UNITS, Quantity
from ingest.targets.marks import PER_PERIOD

_MONEY = re.compile(r"元$")
_CAP_BEFORE = re.compile(r"最高|最多|最长|单个|单家|单笔|单次|单项|单户|每人|每户|每家|每个|每位|每名|每月|每平方米|同一|"
                         r"给予|给于|可申请|可获|可享受|享受|依次|分档|一次性|按照?|依规|补贴|补助|奖励|奖补|资助|贴息")
_GRANT_AFTER = re.compile(r"^[^，,；;。]{0,6}?(?:补贴|补助|奖励|资助|贴息|补偿|担保贷款|礼包|入股|启动资金|租金|减免|免租|"
                          r"缴纳|的部分|的比例|的标准|给予|予以)")
_PROGRAMME = re.compile(r"总额|总规模|规模|总量|安排|统筹")
_GRANT_VERB = re.compile(r"给予|给于|可申请|可获|可享受|享受|依次|分别给予")  # 给于: a common misprint of 给予
_ANY_CAP = re.compile(r"(?:可享受|享受|可申请|可获得?)[^，,；;。]*(?:最高|最大|最长)|(?:最高|最大|最长)$")
_AGE = re.compile(r"寿命|年龄|age", re.I)
_RATE_BEFORE = re.compile(r"按照?|依规|给予|最高|补贴|补助|贴息|奖励|资助|租金|市场价|抵扣|抵减|抵用|折扣|(?:费用?|金额|成本|投入|投资额?|支出|"
                          r"收入|保费|利率|利息|所得额)的?$|^第.年|^次年")
# a rule on what each transaction charges or shares, in principle: "收取的贷款服务费率原则上不超过2%", "原则上不高于承担
#风险责任的0.4%", "合作银行承担的风险责任比例不低于30%" - the terms of a scheme, not a level the plan aims at
_CHARGE_RULE = re.compile(r"(?:收取|收费|费率|风险责任|风险分担|分担比例)[^，,；;。]{0,24}$")
_CHANGED = re.compile(r"降至|降到|降低|下降|提高|提升|增长|逐步|力争|到\s*\d{4}\s*年")  # "将平均服务费率降至1.5%以下": a goal
# "力争经过5年努力": the time a goal takes, not a goal
_EFFORT_SPAN = re.compile(r"(?:经过|通过|历经|再用|用)\s*$")
_STAY_BEFORE = re.compile(r"最长|最短|有效期|期限|为期|满|连续|服务期|免租|租住|享受|给予|提供|补助期")
_SERVICE = re.compile(rf"{SERVICE_VERBS}|服务|便利圈|生活圈|时限|时长|压缩至|缩短至|以内")
_PARALLEL_LIMITS = re.compile(r"^(?:、[^、，,；;。\d]{1,16}\d+(?:\.\d+)?\s*个?(?:工作日|日|天|小时|分钟|个月|月|周)内?)+")
_SERVICE_ASIDE = re.compile(r"办结|时限|通办")
_DEFINITION = re.compile(r"一般(?:不超过|不少于|为|在)|是指|指的是|原则上.{0,6}规模")
_OWN_PARTS = re.compile(r"^(?:主要任务|重点任务|项?任务|项?措施|个?方面|部分|章|节|个?指标|条(?:措施|意见|举措)|大类指标)")
# "对年货运量首次达到100万吨的企业，给予…": a clause opening with 对 names who qualifies, not a goal
_FOR_WHOM = re.compile(r"^\W*(?:[(（]?[一二三四五六七八九十\d]+[)）.、．]\s*)?对(?![外接应标])[^，,；;。]*$")
_PER_PERSON = re.compile(r"每人|每户|每家|享受|只能|仅")
_QUALIFIES_NOUN = re.compile(r"^\s*(?:及|或)?(?:以下|以内)?(?:[(（][^()（）]*[)）])?的[\u4e00-\u9fff]")
_UPPER_BOUND = re.compile(r"(?:以下|以内)$|^\s*(?:及|或)?(?:以下|以内)")
_AIM_VERB = re.compile(r"(?:达到|达|提高到|提升到|提高至|提升至|降至|降到|下降到|控制在|保持在|稳定在|不低于|不少于|超过|突破)")


def _paren_spans(text: str, s0: int, s1: int) -> list[tuple[int, int, str]]:
    """Round-bracketed asides of text[s0:s1] (start, end, contents), one level deep."""
    out: list[tuple[int, int, str]] = []
    for m in re.finditer(r"[(（]([^()（）]*)[)）]", text[s0:s1]):
        out.append((s0 + m.start(), s0 + m.end(), m.group(1)))
    return out


def in_aside(asides: list[tuple[int, int, str]], q: Quantity) -> bool:
    """Inside a parenthetical that qualifies (一般不超过10人, 税后1000元) rather than breaks down (其中…)
    or spells out a service standard (一窗发放2个环节，1日内办结)."""
    return any(a <= q.start < b and not re.match(r"\s*(?:其中|含|包括)", inner) and not _SERVICE_ASIDE.search(inner)
               and not _PLACES_ASIDE.match(inner) for a, b, inner in asides)


# "覆盖率达到40%(北部地区达到60%、南部湖区达到50%)": the same measure for the places within, a breakdown
_PLACES_ASIDE = re.compile(r"\s*[\u4e00-\u9fff]{1,8}?(?:地区|片区|湖区|山区|区|市|县|州|盟|旗)[^、，,；;]{0,12}?"
                           r"(?:达到|达|为|不低于|不少于|超过|提高到|提升到)?\s*\d")


def asides(text: str, s0: int, s1: int) -> list[tuple[int, int, str]]:
    """The parentheticals of one sentence, found once so each figure tests them cheaply."""
    return _paren_spans(text, s0, s1) if ("(" in text[s0:s1] or "（" in text[s0:s1]) else []


def _quoted_span(text: str, c0: int, c1: int, q: Quantity) -> tuple[int, int] | None:
    """The quotation marks around figure `q` in its clause (“…” or "…"), if any."""
    for open_mark, close_mark in (("“", "”"), ('"', '"')):
        left = text.rfind(open_mark, c0, q.start)
        right = text.find(close_mark, q.end, c1)
        if left >= 0 and right >= 0 and close_mark not in text[left + 1:q.start] and open_mark not in text[q.end:right]:
            return left, right
    return None


def _composition(text: str, c0: int, c1: int, q: Quantity) -> bool:
    """"“1名团长+3名创业导师+N名志愿者”": the make-up of a team or a formula, not a goal."""
    span = _quoted_span(text, c0, c1, q)
    return span is not None and "+" in text[span[0]:span[1]]  # not "“社区+医院”驿站、新增8000户": the figure outside


# a layout a plan builds: 构建“1个县级中心+4个乡镇站点”的…布局 - its counts are goals, though joined by "+"
_BUILDS = re.compile(r"(?:构建|建设|打造|形成|建成)\s*$")
_LAYOUT_AFTER = re.compile(r"^(?:的)?[^，,；;。“”\"]{0,12}(?:布局|格局|体系|网络|架构)")


def _layout(text: str, c0: int, c1: int, q: Quantity) -> bool:
    span = _quoted_span(text, c0, c1, q)
    return span is not None and bool(_BUILDS.search(text, c0, span[0]) or _LAYOUT_AFTER.match(text[span[1] + 1:c1]))


def is_parameter(text: str, c0: int, c1: int, q: Quantity) -> bool:
    """Whether figure `q` in the clause text[c0:c1] states a policy's terms rather than a goal."""
    before, after = text[c0:q.start], text[q.end:c1]
    if _layout(text, c0, c1, q) and q.unit in COUNT_UNITS:
        return False
    if _DEFINITION.search(before) or text[q.start - 1:q.start] in ("×", "/", "+") or after.startswith("+"):
        return True
    if _IF_CLAUSE.match(before):
        return True  # "若日实际响应量低于日申报响应量50%，…": the case a rule covers, not a goal
    if q.unit not in COUNT_UNITS and _GIVEN.search(before):
        return True  # "给予30平方米以上的创业空间支持": what each applicant is given
    if _PER_HEAD_STANDARD.search(before):
        return True  # "按人均不低于15平方米的标准配置": what each one gets, a term of the measure
    plain_after = re.sub(r"[(（][^()（）]*[)）]", "", after)
    if re.fullmatch(r"[^，,；;。]*的[，,；;。]?\s*", plain_after) and not re.search(r"的[^，,；;。]", plain_after):
        return True  # …达10个以上的，…: a threshold the applicant must meet
    if _composition(text, c0, c1, q) or (not _MONEY.search(q.unit) and (_ANY_CAP.search(before) or _ENJOYS.search(before))):
        return True
    if _OWN_PARTS.match(after) or (_FOR_WHOM.match(before) and re.match(r"(?:[^，,；;。]{0,4}|\s*(?:个|家|项|件)?(?:及|或)?以上"
                                                                           r"[^，,；;。]{0,8})的", after)):
        return True  # "对签订3个及以上合同的企业": who qualifies
    written = text[q.start:q.end]
    if q.unit not in COUNT_UNITS and _QUALIFIES_NOUN.match(after) and \
            (_UPPER_BOUND.search(written) or _UPPER_BOUND.match(after)) and not _AIM_VERB.search(before + written):
        return True  # 15万元以下的小规模纳税人: the measure defines a class
    if q.unit not in COUNT_UNITS and _CONDITION.search(before) and re.match(r"\s*(?:以上|以下)?的[\u4e00-\u9fff]", after) and \
            (re.search(r"以上|以下", text[q.start:q.end]) or re.match(r"\s*(?:以上|以下)", after)):
        return True  # "在35℃以上的高温天气": when a rule applies, not a goal
    serves = bool(_SERVICE_AHEAD.match(text, q.end, q.end + 16))  # "15个工作日内，向社会公布": past the clause's comma
    return _where_or_who(before, text[q.start:q.end], after, q) or _is_term(before, after, q, serves)


def _where_or_who(before: str, written: str, after: str, q: Quantity) -> bool:
    """Where the work is done ("在3个市级核心区域、8个重点区域中加大…应用"), or who qualifies ("有1年及以上研发经验的",
    "近4年无重大安全事故"), not what the work achieves."""
    if _IN_FRAME_BEFORE.search(before) and _IN_FRAME_AFTER.match(after):
        return True
    return q.unit not in COUNT_UNITS and bool(_AND_ABOVE_OF.match(after) or _LOOK_BACK.search(before + written[:2])
                                              or _JOINT_CONDITION.match(after))


# a figure inside "在…中/内" before the verb of the work: the places it is done in
_IN_FRAME_BEFORE = re.compile(r"(?:^|[，,；;。])\s*在(?:[^，,；;。在]*、)?\s*$")
_IN_FRAME_AFTER = re.compile(r"^[^，,；;。]*?(?:中|内|里)(?:加大|加强|深化|强化|提升)")


# "…有2年及以上从业经验的驾驶员", "营收1000万元及以上的企业": a class the figure defines
_AND_ABOVE_OF = re.compile(r"^\s*(?:及|或)(?:以上|以下)[^，,；;。、]{0,12}的")
# "近4年无重大安全事故", "最近2年内": the period looked back over, a condition
_LOOK_BACK = re.compile(r"(?:^|[，,；;。、且])\s*(?:近|最近|过去)\s*\d?$")
# "年薪达到9万元且有2年及以上从业经验的驾驶员": conditions joined by 且 ending in 的 define who qualifies
_JOINT_CONDITION = re.compile(r"^[^，,；;。]{0,6}且[^，,；;。]{1,30}的")
_GIVEN = re.compile(r"给[予于](?:不少于|不低于|最高|最多|至少)?\s*$")
_PER_HEAD_STANDARD = re.compile(r"按照?(?:人均|每人|每家|每户|每个|每名|单个|单家)[^，,；;。]{0,6}$")
_IF_CLAUSE = re.compile(r"^\W*(?:若|如果|倘若|假如|一旦|如)(?![期实下上此])")
_CONDITION = re.compile(r"(?:^|[，,；;。])\s*(?:在|遇|遇到|当)\s*$")


# what one who qualifies may enjoy ("人才可享受每年4次…免费体检"): a term of the measure, whatever its unit
_ENJOYS = re.compile(r"(?:可享受|享受|可申请|可获得?)[^，,；;。]*$")
# a list of sums the last of which names the money ("最高80万、40万、20万元")
_SUM_LIST = re.compile(r"^(?:\s*、\s*\d+(?:\.\d+)?\s*[万亿千]?)*\s*、\s*\d+(?:\.\d+)?\s*[万亿千]?元")
_GRANT_WORD = re.compile(r"给予|奖励|补贴|补助|资助|贴息|可申请|可获|享受")
# paid in instalments: "分4年兑付", "分2期兑现"
_INSTALMENTS = re.compile(r"分\s*$")


_SERVICE_AHEAD = re.compile(rf"\s*内?(?:{SERVICE_VERBS})")


def _is_term(before: str, after: str, q: Quantity, serves: bool = False) -> bool:
    """A grant's money, rate or stay; a duration that is no service standard (`serves`: a service verb follows the
    figure, "…内，向社会公布"); a per-person frequency."""
    unit = PER_PERIOD.sub("", q.unit)
    if unit in ("万", "亿", "千") and _SUM_LIST.match(after):
        unit += "元"
    if _INSTALMENTS.search(before):
        return True
    if _MONEY.search(unit):
        if _GRANT_VERB.search(before):
            return True
        programme = list(_PROGRAMME.finditer(before))  # "产值规模…的奖励8万元": the grant words after 规模 decide
        own = not programme or _GRANT_WORD.search(before, programme[-1].end())  # (not "总额最高不超过800万元")
        return bool(own) and bool(_CAP_BEFORE.search(before) or _GRANT_AFTER.match(after) or _ANY_CAP.search(before))
    if unit == "岁":
        return not _AGE.search(before)
    if unit == "%":
        return bool(_RATE_BEFORE.search(before) or _GRANT_AFTER.match(after)) or (
            q.comparator in ("<=", ">=") and bool(_CHARGE_RULE.search(before)) and not _CHANGED.search(before))
    if unit in TIME_UNITS:  # a run of limits ("报告书14个工作日内、报告表7个工作日内完成审批") shares its service word
        tail = _PARALLEL_LIMITS.sub("", after)
        return not (serves or _SERVICE.search(tail[:12]) or _SERVICE.search(before[-8:]))
    if unit == "年":
        return bool(_STAY_BEFORE.search(before) or _GRANT_AFTER.match(after) or re.match(r"^[^，,；;。]{0,3}内", after)
                    or _EFFORT_SPAN.search(before))
    if PER_PERIOD.search(q.unit):
        return bool(_PER_PERSON.search(before))
    return False
