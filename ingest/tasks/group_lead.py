"""A heading that names who leads every item under it: "一、县示范区管委会牵头工作（8项）".

Work-allocation lists (任务分解, 任务清单) often group their items by lead unit instead of
annotating each one: the heading says "<units>牵头工作" / "<units>负责的事项", and the numbered
items under it carry no note. Each such item is a task those units lead. Only a heading that is
nothing but units, a role verb and a word for work (and a count) qualifies, so a heading of
content ("二、聚力强产业") or one that merely mentions a unit is not read as a note.
"""

from __future__ import annotations

import re

from ingest.recognise.units import looks_like_unit, parse_units

_NUMBERING = re.compile(r"^\s*(?:[(（]?[一二三四五六七八九十百\d]{1,4}[)）、.．]|第[一二三四五六七八九十\d]+[部分章节条])\s*")
_GROUP_LEAD = re.compile(
    r"^由?(?P<units>[^，,。；;:：]{2,60}?)(?:牵头|负责|主办|承担)(?:落实|推进|办理|实施)?的?"
    r"(?:重点|主要|具体)?(?:工作|任务|事项|项目)(?:任务|事项|清单)?"
    r"\s*(?:[(（]\s*(?:共\s*)?[\d一二三四五六七八九十]+\s*项\s*[)）])?\s*[:：]?$")


def heading_lead(section: str) -> list[str]:
    """The units the nearest heading of `section` (a "A > B" path) names as leading its items, or []."""
    for part in reversed([p for p in section.split(" > ") if p]):
        m = _GROUP_LEAD.match(_NUMBERING.sub("", part).strip())
        if not m:
            continue
        names = [u.name for u in parse_units(m.group("units"), "lead", True)]
        if names and all(looks_like_unit(n) for n in names):
            return names
    return []


# a part that divides duties among units: "四、职责分工", "五、部门职责", "各单位职责"
_DUTY_PART = re.compile(r"职责分工|部门职责|单位职责|职责分解|分工(?:安排|职责)?$")


def duty_holder(heading: str, section: str) -> str | None:
    """The unit an item's heading names, alone, inside a part that divides duties ("四、职责分工 / (三)区财政局 /
    负责…预算"): the paragraphs under it are that unit's duties. None for any other heading."""
    name = _NUMBERING.sub("", heading).strip().rstrip("：:。").strip()
    parents = [p for p in section.split(" > ") if p]
    if not name or len(name) > 20 or not any(_DUTY_PART.search(_NUMBERING.sub("", p).strip()) for p in parents):
        return None
    units = parse_units(name, "responsible", True)
    return name if len(units) == 1 and units[0].name == name and looks_like_unit(name) else None
