"""Which numbered items are tasks although they carry no unit note and no deadline of their own.

Plans do not always annotate their measures: a 行动计划 may list its 主要任务 without naming
anyone, and an 意见 may date three of the four items of a part and leave one undated. Two
rules follow from how these documents are written:

- An item of the operative part - the part whose heading names the work (重点任务, 主要任务,
  工作措施, 主要举措 …) - is a task at the level where the work is stated: the first level
  whose items say more than a title (or the lowest level). Group titles above it
  ((一)优化载体服务。) and details below it ((1)(2) under a measure) are not tasks.
- An item whose siblings are mostly tasks (more than half, at least two) is a task too:
  the document states its work at that level, with or without a note.
- A document that annotates none of its items and names no operative part (a notice or an opinion whose
  parts are named by their themes: "一、全面推进网上办理改革 / （一）…") states its work in every numbered part
  of its body that is not aims, principles, an index system, a process, requirements or a subsidy list; its
  numbered safeguards are work too (the dev gold leaves out only unnumbered 保障 paragraphs).

Parts that are not work are never searched this way: 总体要求, 指导思想, 基本原则, 目标,
保障措施, 支持政策 (subsidy lists), 重点领域/方向, 附则.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ingest.models import Block
from ingest.read.structure import numbering_of
from ingest.recognise.units import is_cjk_text

_OPERATIVE = re.compile(r"(?:重点|主要|工作|具体|核心|重大|行动|推进)(?:任务|举措|措施|工作|行动)|任务(?:措施|举措|分工|清单)")
_NOT_WORK = re.compile(r"总体要求|指导思想|原则|目标|保障|支持(?:政策|内容|对象|措施|方式|标准)|政策(?:支持|措施)"
                       r"|重点(?:领域|方向|产业|赛道)|培育(?:领域|方向)|附则|背景|现状|形势|定位|思路|组织实施|实施步骤|进度安排")
MIN_SIBLING_TASKS = 2
_SENTENCE = re.compile(r"[。！？!?；;]")


_NUMBER = re.compile(r"^(?:第[一二三四五六七八九十百\d]+[章节部分篇]|[(（]?[一二三四五六七八九十百\d]+[)）、.．]?)\s*")
MAX_PART_NAME = 10


def _titles(section: str) -> list[str]:
    """The headings of a heading path without their numbers, outermost first."""
    # a run-in heading ("四、夯实数据底座。推动企业共享…") is named by its first sentence, not the measure after it
    return [re.split(r"[。；;]", _NUMBER.sub("", t.strip()), maxsplit=1)[0].strip(" 。.")
            for t in section.split(" > ") if t.strip()]


def in_operative_part(section: str) -> bool:
    """A heading on the path is the name of the work part (二、重点任务; 三、工作措施): short,
    naming the work and nothing else; a long heading that happens to say 重点工作 is a measure."""
    return any(len(t) <= MAX_PART_NAME and _OPERATIVE.search(t) and not _NOT_WORK.search(t)
               for t in _titles(section))


_AIMS = re.compile(r"总体要求|指导思想|(?:基本|工作)原则|目标|背景|形势|现状")
_AIM_NAME = re.compile(r"^(?:总体要求|指导思想|(?:基本|工作|总体)?原则|(?:主要|总体|发展|工作|具体|阶段性?|近期|远期|年度|预期)?"
                       r"目标(?:任务)?|背景|形势|现状)$")


def states_aims(doc_text: str, head: Block) -> bool:
    """The item (or the part it is in) states aims, principles or background, not work: a date
    there ("（二）主要目标。2025年底前…") is a goal's year, not a task's deadline."""
    own = _NUMBER.sub("", doc_text[head.start:head.end].strip())
    first = re.split(r"[。:：,，]", own, maxsplit=1)[0]
    titles = _titles(head.section)
    return bool(_AIM_NAME.match(first.strip()) or (titles and len(titles[0]) <= MAX_PART_NAME and _AIMS.search(titles[0])))


def _in_non_work_part(section: str) -> bool:
    """The document part the item sits in (its outermost heading) is not work: 总体要求, 保障措施 …"""
    titles = _titles(section)
    return bool(titles) and bool(_NOT_WORK.search(titles[0])) and not _OPERATIVE.search(titles[0])


def _leaves(items: list[list[Block]]) -> list[bool]:
    """An item is a leaf when the next numbered item is not nested under it (one backward pass)."""
    out = [False] * len(items)
    nxt: int | None = None
    for i in range(len(items) - 1, -1, -1):
        level = items[i][0].level
        out[i] = level is not None and (nxt is None or nxt <= level)
        if level is not None:
            nxt = level
    return out


def _has_content(doc_text: str, item: list[Block]) -> bool:
    """The item states work, not only a title: paragraphs under it, or text after its first sentence.
    "(一)优化载体服务。" over numbered measures is a group title."""
    if len(item) > 1:
        return True
    head = item[0]
    line = doc_text[head.start:head.end].strip()
    m = _SENTENCE.search(line)
    return bool(m and line[m.end():].strip())


def _ancestry(items: list[list[Block]], marks: list[bool]) -> tuple[list[list[int]], list[bool]]:
    """Each item's numbered ancestors, and whether a marked item lies nested under each item."""
    stack: list[int] = []
    ancestors: list[list[int]] = []
    below = [False] * len(items)
    for i, item in enumerate(items):
        level = item[0].level
        while level is not None and stack and (items[stack[-1]][0].level or 0) >= level:
            stack.pop()
        ancestors.append(list(stack))
        if marks[i]:
            for a in stack:
                below[a] = True
        if level is not None:
            stack.append(i)
    return ancestors, below


_FIRST_NUMBER = re.compile(r"^[(（]?(?:1|一|①)[)）.、．]?$")


def _sibling_groups(items: list[list[Block]], is_task: list[bool]) -> set[int]:
    """Items of a numbering series more than half of which, and at least two, are tasks.

    A series is the items of one level and numbering style from a "1" (一, ①) to the next:
    "1.…6." numbered on across the parts of a 工作要点 is one series, "1.…3." restarting under
    every part are several, and "(一)" goals beside "1." measures are not one series.
    """
    series: dict[tuple[int | None, str], int] = {}
    groups: dict[tuple[int | None, str, int], list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        numbered = numbering_of(item[0].number or "")
        if not numbered:
            continue
        style = (item[0].level, numbered[0])
        if style not in series or _FIRST_NUMBER.match(numbered[1].strip()):
            series[style] = i
        groups[(*style, series[style])].append(i)
    out: set[int] = set()
    for group in groups.values():
        tasks = sum(is_task[i] for i in group)
        if tasks >= MIN_SIBLING_TASKS and 2 * tasks > len(group):
            out.update(i for i in group if not _in_non_work_part(items[i][0].section))
    return out


# documents that state work to be done: 方案, 行动计划, 意见, 通知, 工作要点, 措施 (not a report, a paper, a law's
# articles); a development plan (规划, 纲要) describes its fields in chapters, a 解读 explains: no list of tasks
_STATES_WORK = re.compile(r"方案|计划|意见|通知|要点|措施")
_DEVELOPMENT_PLAN = re.compile(r"(?:规划|纲要)(?:[（(][^()（）]*[)）])?$")  # not "关于加强电网规划投资管理工作的通知"


def works_throughout(title: str, items: list[list[Block]], annotated: bool) -> bool:
    """Whether a document states its work in every numbered part of its body (the third rule above): one that
    states work by its title, annotates none of its items (`annotated`: a unit note or a task table) and names
    no operative part."""
    return not annotated and states_work(title) and not any(in_operative_part(item[0].section) for item in items)


def _in_work_body(section: str) -> bool:
    """Under (or heading) a numbered part that is not aims, principles, an index system, a process, requirements
    or a subsidy list: where a notice or an opinion whose parts are named by their themes states its work."""
    titles = _titles(section)
    if not titles:
        return False
    part = titles[0]
    short = len(part) <= MAX_PART_NAME + 2  # "四、加强工作保障" names a part; "五、护航发展：筑牢数据安全保障" is work
    return not (short and (_NOT_WORK_BODY.search(part) or _AIMS.search(part))) \
        and not (_PROCESS.search(part) and not _REFORMS.match(part))


# what is no work in such a document: aims, principles, subsidy lists, fields; its numbered safeguards (保障措施,
# 组织实施) are work ("（一）加强组织领导。…" is a measure; the dev gold leaves out only unnumbered 保障 paragraphs)
_NOT_WORK_BODY = re.compile(r"总体要求|指导思想|原则|目标|支持(?:政策|内容|对象|措施|方式|标准)|政策(?:支持|措施)"
                            r"|重点(?:领域|方向|产业|赛道)|培育(?:领域|方向)|附则|背景|现状|形势|定位|思路|实施步骤|进度安排"
                            r"|目的|类型|说明|解读|依据|范围|定义|概念|出台"  # a 解读's parts explain, they set no work
                            # an event's particulars ("一、培训时间", "三、报名方式", "四、其他事项"): when and how, no work
                            r"|(?:时间|方式|地点|对象|人员|事宜|名额|费用|报名|联系人|联系方式)$")


# a part that sets out to change something ("五、优化评审考核机制", "四、完善评审程序") is work, though it names a process
_REFORMS = re.compile(r"(?:优化|完善|健全|强化|加强|改进|改革|创新|规范|深化|建立)")
_PROCESS = re.compile(r"流程|程序|步骤|申报|遴选|评审|验收|考核|指标|内容|要求|意义|附件|附表|附录")
_ANNEX_LINE = re.compile(r"^\s*附件\s*[\d一二三四五六七八九十]*\s*(?:[:：]|$)", re.M)


def body_end(doc_text: str, items: list[list[Block]]) -> int:
    """Where a document's own body ends: the first "附件" line after its first numbered part (a notice that carries
    its plan as 附件 starts with that line, before any part)."""
    first = next((item[0].start for item in items if item[0].number), None)
    if first is None:
        return len(doc_text)
    m = _ANNEX_LINE.search(doc_text, first)
    return m.start() if m else len(doc_text)


def states_work(title: str) -> bool:
    """A document that states work to be done by its title's kind (see `works_throughout`)."""
    return bool(_STATES_WORK.search(title)) and not _DEVELOPMENT_PLAN.search(title) and "解读" not in title


def _reform_part(section: str) -> bool:
    """A part beside the operative one, named by the change it makes ("三、健全复核工作机制"), by its theme
    ("四、政策衔接，多方联动") or by how the work is organised ("五、组织形式") - not by aims, scope, safeguards, a
    subsidy list, fields or a division of duties: in a document that names its operative part and notes no units,
    such a part is work too."""
    titles = _titles(section)
    return bool(titles) and len(titles[0]) <= MAX_PART_NAME + 2 and not _NOT_WORK.search(titles[0]) \
        and not _AIMS.search(titles[0]) and not _NOT_WORK_BODY.search(titles[0]) and not _NOT_BESIDE.search(titles[0])


# beside the operative part, no work either: fields listed (重点建设领域), who does what (职责分工: its headings name
# the units, `group_lead.duty_holder`)
_NOT_BESIDE = re.compile(r"(?:领域|方向|赛道|对象|类型)$|职责|分工")


def unannotated_tasks(doc_text: str, items: list[list[Block]], is_task: list[bool],
                      whole_body: bool = False, reforms: bool = False) -> set[int]:
    """Indices of the items that are tasks by the two rules above (items in document order).

    The task level is where the work is stated: an item qualifies when it says more than a
    title and none of its sub-items does (or it is a leaf), no task lies above it, and no
    task lies nested under it (it would be their heading). "1.推进…。…" over short "(1)(2)"
    lines is the task; "(一)…" with an introduction over measures that say more is not.
    """
    leaves = _leaves(items)
    content = [_has_content(doc_text, item) for item in items]
    ancestors, task_below = _ancestry(items, is_task)
    _, content_below = _ancestry(items, content)
    by_siblings = _sibling_groups(items, is_task)
    end = body_end(doc_text, items) if whole_body else 0
    found: set[int] = set()
    for i, item in enumerate(items):
        if is_task[i] or not item[0].number or task_below[i] or any(is_task[a] or a in found for a in ancestors[i]):
            continue
        if not is_cjk_text(doc_text[item[0].start:item[0].end]):
            continue  # these are conventions of Chinese official documents
        if not (leaves[i] or (content[i] and not content_below[i])):
            continue
        if i in by_siblings or in_operative_part(item[0].section) or (
                whole_body and item[0].start < end
                and _in_work_body(item[0].section or doc_text[item[0].start:item[0].end])  # a part's own heading
                and not states_aims(doc_text, item[0])) or (reforms and _reform_part(item[0].section)):
            found.add(i)
    return found
