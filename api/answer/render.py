"""Answer sentences in the question's language: units as written, roles, dates and numbers rendered.

Nothing here decides what is true; it only says, in Chinese or English, what the records hold.
"""

from __future__ import annotations

import datetime as dt
import re

from ingest.models import Deadline, Target, Task, Unit
from ingest.recognise.quantities import unit_spellings

ROLE_ZH = {"lead": "牵头/负责", "participant": "参与", "responsible": "负责"}
ROLE_EN = {"lead": "lead", "participant": "participant", "responsible": "responsible"}
KIND_ZH = {"target": "目标值", "baseline": "现状值", "achieved": "实际完成"}
KIND_EN = {"target": "target", "baseline": "baseline", "achieved": "achieved"}
CMP_ZH = {">=": "不低于", ">": "超过", "<=": "不超过", "<": "低于", "=": "", "~": "约"}
CMP_EN = {">=": "at least ", ">": "more than ", "<=": "at most ", "<": "below ", "=": "", "~": "about "}
NONE_ZH = "文档中没有找到这个问题的依据。以下是最接近的段落，供参考。"
NONE_EN = "The documents do not say. The nearest passages are cited for reference."


def number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"


def date_en(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%B')} {d.year}"


def units_sentence(units: list[Unit], lang: str) -> str:
    if lang == "zh":
        groups: dict[str, list[str]] = {}
        for u in units:
            groups.setdefault(ROLE_ZH[u.role], []).append(u.name)
        return "；".join(f"{'、'.join(names)}{role}" for role, names in groups.items())
    parts = []
    for u in units:
        norm = f" (= {u.normalized})" if u.normalized and u.normalized != u.name else ""
        parts.append(f"{u.name}{norm} ({ROLE_EN[u.role]})")
    return ", ".join(parts)


def deadline_phrase(d: Deadline, lang: str) -> str:
    if lang == "zh":
        what = f"（{d.what}）" if d.what else ""
        return f"{d.text}{what}"
    if d.kind == "ongoing":
        base = "ongoing (no fixed date)"
    elif d.date:
        base = f"by {date_en(d.date)}" if d.kind == "by" else f"within {d.date[:4]} (by {date_en(d.date)})"
    else:
        base = d.text
    what = f" for {d.what}" if d.what else ""
    return f"{base}{what} [“{d.text}”]"


def upper_first(text: str) -> str:
    """The first letter up, the rest as written (`str.capitalize` would lower a title's own capitals)."""
    return text[:1].upper() + text[1:]


def task_label(task: Task, lang: str) -> str:
    """"3.实施…" (a table's bare serial "3" gets its stop), "measure 3 “…”"."""
    number = task.number + ("." if task.number[-1:].isdigit() else "")
    if lang == "zh":
        return f"{number}{task.title}"
    label = task.number.rstrip(".、")
    return f"measure {label} “{task.title}”" if label else f"the measure “{task.title}”"


# a note naming the persons in charge ("牵头责任人:王某,具体责任人:李某"): no units, but what the text says of who
PERSONS_NOTE = re.compile(r"(?:牵头|具体|主要|直接|第一)?责任人\s*[:：][^)）\]】\n]{1,60}")


def responsibility_answer(tasks: list[Task], units_by_task: dict[str, list[Unit]], lang: str) -> str:
    lines = []
    for t in tasks:
        units = units_by_task[t.task_id]
        us = units_sentence(units, lang)
        if lang == "zh":
            if not units:  # the measure's text names no unit: say so, with the persons a note names, if any
                people = PERSONS_NOTE.search(t.text)
                named = f"（注明的责任人：{people.group(0)}）" if people else ""
                lines.append(f"“{t.title}”没有列出责任单位{named}。" if len(tasks) == 1
                             else f"{task_label(t, lang)}：未列出责任单位{named}")
            else:
                lines.append(f"“{t.title}”由{us}。" if len(tasks) == 1 else f"{task_label(t, lang)}：{us}")
        else:
            lines.append(f"For {task_label(t, lang)}: {us or 'no responsible unit is named'}.")
    return "\n".join(lines) if lang == "zh" and len(tasks) > 1 else " ".join(lines)


def deadline_answer(tasks: list[Task], deadlines_by_task: dict[str, list[Deadline]], lang: str) -> str:
    lines = []
    for t in tasks:
        ds = deadlines_by_task[t.task_id]
        if lang == "zh":
            body = "；".join(deadline_phrase(d, lang) for d in ds) if ds else "原文未规定完成时限"
            lines.append(f"{task_label(t, lang)}：完成时限为{body}。" if ds else f"{task_label(t, lang)}：{body}。")
        else:
            body = "; ".join(deadline_phrase(d, lang) for d in ds) if ds else "no deadline is stated"
            lines.append(f"{upper_first(task_label(t, lang))}: {body}.")
    return "\n".join(lines)


def _as_written(t: Target) -> tuple[str, bool]:
    """The value, or the range it opens when its sentence writes one ("1-2人" -> "1-2"); whether it is a range."""
    plain = f"{t.value:g}"
    m = re.search(rf"(?<![\d.]){re.escape(plain)}\s*[-－—~～至到]\s*(\d+(?:\.\d+)?)", t.citation.quote)
    return (f"{plain}-{m.group(1)}", True) if m else (number(t.value), False)


def _unit_as_written(t: Target) -> str:
    """A Chinese answer gives the unit as its document writes it ("万吨", "公里"), not its normalised symbol ("万t")."""
    m = re.fullmatch(r"(万亿|万|亿|千|百)?(.*[A-Za-z].*)", t.unit or "")
    if not m:
        return t.unit or ""
    scale = m.group(1) or ""
    for spelling in sorted(unit_spellings(m.group(2)), key=len, reverse=True):
        if re.search(r"[\u4e00-\u9fff]", spelling) and scale + spelling in t.citation.quote:
            return scale + spelling
    return t.unit or ""


def target_phrase(t: Target, lang: str, title: str = "") -> str:
    """One value: place, year, indicator, kind, comparator, value (or range) and unit, and its document by title."""
    year = t.year or ""
    doc = title or t.source
    value, is_range = _as_written(t)
    if lang == "zh":
        when = f"{year}年" if year else ""
        cmp = "" if is_range else CMP_ZH[t.comparator]
        return f"{t.scope}{when}{t.indicator}（{KIND_ZH[t.kind]}）为{cmp}{value}{_unit_as_written(t)}（{doc}）"
    when = f" in {year}" if year else ""
    cmp = "" if is_range else CMP_EN[t.comparator]
    where = f" for {t.scope}" if t.scope else ""
    unit = f" {t.unit}" if t.unit else ""
    return f"{t.indicator}{where}{when} ({KIND_EN[t.kind]}): {cmp}{value}{unit} ({doc})"


def target_answer(targets: list[Target], lang: str, conflict: bool, titles: dict[str, str] | None = None) -> str:
    """The values, one per record (one line each when there are many: a table of places)."""
    titles = titles or {}
    sep = "；" if lang == "zh" else "; "
    if len(targets) > 4:
        sep = "；\n" if lang == "zh" else ";\n"
    body = sep.join(target_phrase(t, lang, titles.get(t.doc_id, "")) for t in targets)
    if conflict:
        body += ("。注意：不同来源给出的数值不一致，已分别引用。" if lang == "zh"
                 else ". Note: the sources give different values; each is cited.")
    return body + ("。" if lang == "zh" and not body.endswith("。") else "")


def relative_note(d: Deadline, lang: str) -> str:
    """A deadline counted from the document's date, said with the day it ends."""
    if not d.date:
        return ""
    start = (d.what or "").removeprefix("counted from ")
    if lang == "zh":
        return f"（即{d.date}前，自文件日期{start}起算）"
    return f" (= by {date_en(d.date)}, counted from the document's date {date_en(start) if start else ''})"
