"""What kind of question is this? Responsibility, deadline, target or fact — in Chinese and English.

Cue words decide, in a fixed priority: a question that asks "who" is about responsibility
even when it also names a year; one that asks "when / by when" is about a deadline; one
that asks "how much / how many / what target" is about a target; the rest are facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

QuestionType = Literal["responsibility", "deadline", "target", "fact"]

_CJK = re.compile(r"[\u3400-\u9fff]")

_RESPONSIBILITY_ZH = re.compile(
    r"谁负责|由谁|谁来|是谁|哪[些个几]?(?:个)?(?:单位|部门|机构|处室|局)|责任单位|牵头单位|牵头部门|承担单位|配合单位|参与单位|配合部门|"
    r"归哪|哪家|什么单位|什么部门|负责单位|负责部门|责任部门|主管部门|负责机构|由哪|谁(?:牵头|配合|参与|协助|组织|主管|主办|承办|落实|实施)|"
    r"(?:负责|牵头|参与|配合)(?:哪项|哪些|哪几项|什么)(?:任务|工作|措施|举措|事项)|是哪项(?:任务|工作|措施|举措)的")
_RESPONSIBILITY_EN = re.compile(
    r"\bwho\b(?! *(?:is|are|was|were) +(?:the +)?(?:target|beneficiar|[“\"]))|\bwhom\b|\bwhich +(?:agenc|unit|department|"
    r"bureau|office|official|officer|part(?:y|ies)|entit|bod|organi[sz]ation|institution|authorit|secretar|minist|"
    r"administrator|director|head|council|committee|commission|government|employer)|"
    r"\bwhat (?:must|should|shall|will|does) the [A-Z][\w ]+ (?:do|consider)|\bresponsib|\blead(?:s|ing)? +(?:agency|unit|department)",
    re.IGNORECASE)
_DEADLINE_ZH = re.compile(r"什么时候|何时|完成时限|时限|截止|最晚|期限|哪一年|哪年|几月|什么时间|哪个时间|日期|多久|多长时间")
_DEADLINE_EN = re.compile(r"\bby when\b|\bhow often\b|\bhow frequently\b|\bwithin how (?:many|long)\b|\bhow many (?:days|weeks|months) (?:after|from|of)\b|\bhow long (?:does|do|will|did)\b.*\bhave\b|\bwithin what\b|\bhow (?:soon|quickly|fast)\b|\band when\b|\bdeadline|\bdue\b|\bwhen +(?:must|should|will|is|are|does|do)\b|"
                          r"\btime ?limit|\bcomplete[sd]? by\b|\bwhat date\b", re.IGNORECASE)
_TARGET_ZH = re.compile(r"多少|目标值|目标是|达到|几个|几座|几处|多大|多长|多高|比例|占比|现状值|规划目标|实际完成|"
                        r"率[是为]?[多几]|指标值|数值|面积|对得上|一致吗|(?:高于|低于|超过|大于|小于)\s*\d")
_TARGET_EN = re.compile(r"\bhow +(?:many|much|large|long|big|high)\b|\btarget|\brate\b|\bratio\b|\bpercent|"
                        r"\bvalue\b|\bshare\b|\barea\b|\bnumber of\b", re.IGNORECASE)
_LIST_ZH = re.compile(r"哪些任务|哪几项|哪些工作|哪些事项|分别|各是|各项")
_LIST_EN = re.compile(r"\bwhich (?:tasks|measures)\b|\bwhat tasks\b|\beach\b|\brespectively\b", re.IGNORECASE)


@dataclass(frozen=True)
class QuestionKind:
    type: QuestionType
    lang: str  # "zh" | "en": the language to answer in
    wants_list: bool  # "which tasks does X lead", "各是多少": answer with several records


def question_lang(question: str) -> str:
    cjk = len(_CJK.findall(question))
    latin = len(re.findall(r"[A-Za-z]", question))
    return "zh" if cjk >= max(2, latin // 4) else "en"


_DEFINITION = re.compile(r"\bdefin(?:ition|ed|es)\b|\bexcluded from\b|定义|是指|所称", re.I)


def asks_deadline(question: str) -> bool:
    """Whether the question asks "by when" too ("由谁牵头，什么时候完成？"), whatever its main kind."""
    return bool(_DEADLINE_ZH.search(question) or _DEADLINE_EN.search(question))


def asks_figure(question: str) -> bool:
    """Whether the question asks "how many / how much" too ("How many …, and by when …?"), whatever its main kind."""
    return bool(_FIGURE_ZH.search(question) or _FIGURE_EN.search(question))


_FIGURE_ZH = re.compile(r"多少|几[个座处家项所]")
_FIGURE_EN = re.compile(r"\bhow +(?:many|much)\b(?! +(?:days|weeks|months|years|time)\b)", re.I)


def asks_date(question: str) -> bool:
    """Whether the question asks a calendar date ("By what date must …?", "具体哪一天"), not a time or a cycle."""
    return bool(_DATE_ASKED.search(question))


def asks_period(question: str) -> bool:
    """Whether the question asks how long a time is allowed ("多长时间内公开？", "within how many days")."""
    return bool(_PERIOD_ASKED.search(question))


_DATE_ASKED = re.compile(r"\b(?:by|on|before)\s+what\s+date\b|\bwhat\s+(?:is\s+the\s+)?(?:target\s+|due\s+)?date\b|"
                         r"哪一天|几月几日|几月几号|具体日期", re.I)
_PERIOD_ASKED = re.compile(r"多长时间内|多少(?:个)?(?:工作)?(?:日|天)内|几(?:个)?(?:工作)?(?:日|天)内|多久内|"
                           r"\bwithin how (?:many|long)\b|\bhow many (?:days|weeks|months)\b", re.I)


def classify(question: str) -> QuestionKind:
    lang = question_lang(question)
    # English questions may quote Chinese terms (and the other way round): check both cue sets
    q = question
    if _DEFINITION.search(q):
        kind: QuestionType = "fact"
    elif _RESPONSIBILITY_ZH.search(q) or _RESPONSIBILITY_EN.search(q):
        kind = "responsibility"
    elif _DEADLINE_ZH.search(q) or _DEADLINE_EN.search(q):
        kind = "deadline"
    elif _TARGET_ZH.search(q) or _TARGET_EN.search(q):
        kind = "target"
    else:
        kind = "fact"
    wants_list = bool(_LIST_ZH.search(q) or _LIST_EN.search(q))
    return QuestionKind(type=kind, lang=lang, wants_list=wants_list)
