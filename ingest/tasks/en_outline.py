"""The outline of an English legal or policy text: paragraphs, their list labels and sections.

Orders, statutes and policies number their provisions in a few styles, and nest them the way
readers follow them: a style met for the first time opens a level below the current one, a style
already open closes everything beneath it (as `read/structure.py` does for Chinese numbering).
Styles: "(a)", "(i)", "(A)", "(1)", "a.", "i.", "1.", "4.1.1" (glued to its text in some
sources: "4.1.1The Secretary"), each optionally behind a Markdown bullet. "(i)" after "(h)" is the
letter, elsewhere the numeral. Sections ("Sec. 3. Title. (a) …", "Section 1. Purpose.",
Markdown "#" headings, "PART I — …") reset the nesting; bold-only lines ("**Governance**") are
sub-headings inside a list and do not. Table lines are left to `en_tables.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ingest.read.clean import LABEL_ROW

ParaKind = Literal["section", "item", "text", "heading", "table"]

_SECTION = re.compile(r"^(?:\*\*|__)?(?:Section|Sec\.|SECTION|SEC\.|§|Article|ARTICLE)\s*(?P<num>[\dA-Za-z][\w.\-]*?)\.?\s+"
                      r"(?P<title>(?:[^.*]|\.(?!\*\*|\s|$|\(\w{1,4}\))|(?<=\.[A-Z])\.)+?)"  # "**§12-6 Reports.** (a) …"
                      r"(?:(?<!\.[A-Z])\.(?:\*\*|__)?(?=\s|$|\(\w{1,4}\))|\s+[–—]\s+)")  # "Section 12. Water Boards – The Authority …"
# ("Plan.(a) Within …" ends the title at its period; "Appointments to the U.S. Board …" does not end at "U.S.")
# "§ 2. The Cabinet shall:" (no title's full stop): a section line that is a provision opening a list
_PROVISION = re.compile(r"^(?:Section|Sec\.|SECTION|SEC\.|§)\s*(?P<num>\d+[A-Za-z]?)\.\s+(?P<title>.+)$")
_DUTY_WORD = re.compile(r"\b(?:shall|must)\b|\b(?:is|are)\s+(?:hereby\s+)?directed\b")  # a sentence, not a title
_BARE_SECTION = re.compile(r"^(?:Article|ARTICLE|Section|SECTION|Sec\.|SEC\.|§)\s*(?P<num>\d+[A-Za-z]?)\.?$")
# a statute's section opening its line with its bare number ("7 (1) The Minister must …", "8 When setting …, the
# Minister must …"), its marginal note on the line above
_STATUTE_SECTION = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,2})?)\s+(?=\(\d{1,2}(?:\.\d)?\)\s|[A-Z][a-z])")
# "####Action 02: …" (no space) too, and a heading set as a list item ("- ### Open the Register of Grants": a commitment's name)
_MD_HEADING = re.compile(r"^(?:[-*+]\s+)?#{1,6}(?:\s+|(?=[A-Z\d]))(?P<title>.+?)\s*#*$")
_PART = re.compile(r"^(?:PART|Part|TITLE|CHAPTER|Chapter)\s+[IVXLC\d]+\b")
_BOLD_LINE = re.compile(r"^\*\*[^*]+\*\*:?$|^__[^_]+__$")
BULLET = re.compile(r"^(?:[*\-+•▪●◦]\s+)+")
_LABELS: list[tuple[str, re.Pattern[str]]] = [
    ("dotted", re.compile(r"^(\d{1,3}(?:\.\d{1,3})+)\.?(?=\s|[A-Z*“\"($£€]|$)")),  # "4.1.1.1.1$2 million …"
    ("p_num", re.compile(r"^\((\d{1,3}(?:\.\d{1,2})?)\)")),  # "(1.1)": a subsection inserted by an amendment
    ("p_low", re.compile(r"^\(([a-z]{1,4})\)")),
    ("p_up", re.compile(r"^\(([A-Z]{1,2})\)")),
    ("num", re.compile(r"^(\d{1,3})[.)](?=\s)")),
    ("d_low", re.compile(r"^([a-z]{1,4})[.)](?=\s)")),
]
_ROMAN = re.compile(r"^[ivxl]+$")
_INLINE_HEADING = re.compile(r"[A-Z][A-Z0-9 ,’'()\-]{2,60}\.\s*[—–]+\s*")  # "(a) IN GENERAL.—Not later than …"
MAX_HEADING_CHARS = 120


@dataclass
class Para:
    """One paragraph (a line of the canonical text) with where its content starts and its place in the outline."""

    start: int
    end: int
    body: int  # content after the section title and list label
    kind: ParaKind
    label: str = ""  # as written: "(a)", "4.1.1", "ii."
    style: str = ""
    level: int = 0  # depth in the open labels (0: section line or unlabelled)
    section: str = ""  # the enclosing section's heading ("Climate-Related Financial Risk Strategy")
    number: str = ""  # section number and label path: "Sec. 3(b)(i)", "4.1.1"


def _label(body: str) -> tuple[str, str, int] | None:
    """(style, label as written, length) of a list label opening `body`, or None."""
    for style, pattern in _LABELS:
        m = pattern.match(body)
        if m:
            if style == "dotted":
                style = f"dotted{m.group(1).count('.') + 1}"
            return style, m.group(0), m.end()
    return None


class _Stack:
    """The open label styles, outermost first, with the last label of each."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def resolve(self, style: str, label: str) -> str:
        """"(i)"/"i." is a letter when it follows "(h)"/"h." in an open list of letters, else a numeral."""
        core = label.strip("().").lower()
        if style not in ("p_low", "d_low"):
            return style
        kind = style[:2]
        if not _ROMAN.match(core):
            return kind + "alpha"
        letters = next((lab for s, lab in self.items if s == kind + "alpha"), None)
        if len(core) == 1 and letters and ord(letters.strip("().").lower()[-1]) == ord(core) - 1:
            return kind + "alpha"
        return kind + "roman"

    def push(self, style: str, label: str) -> int:
        for i, (s, _) in enumerate(self.items):
            if s == style:
                del self.items[i:]
                break
        self.items.append((style, label))
        return len(self.items)

    def path(self) -> str:
        return "".join(lab.rstrip(".") if lab.startswith("(") else f"({lab.strip('.()')})" for _, lab in self.items)


def outline(text: str) -> list[Para]:
    """The paragraphs of `text` (one per non-blank line) in order, with labels, levels and sections."""
    paras: list[Para] = []
    stack = _Stack()
    section, number = "", ""
    pos = 0
    open_title = False  # a section line whose title breaks off at the line's end ("Sec. 4. Reducing Agency")
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        line = raw.strip()
        if not line:
            continue
        start += len(raw) - len(raw.lstrip())
        end = start + len(line)
        rest = _TITLE_REST.match(line) if open_title else None
        open_title = False
        if rest:  # "Sec. 4. Reducing Agency" / "Water Use. (a) Each …": the title goes on, then the section's text
            section = f"{section} {rest.group(1)}"
            if paras and paras[-1].kind == "section":
                paras[-1].section = section
            line, start = line[rest.end():], start + rest.end()
        para, title, sec_number = _read_line(line, start, end, stack)
        if paras and paras[-1].kind == "heading" and paras[-1].number == section == number and _names_section(para, line):
            para, title, sec_number = Para(start, end, end, "heading"), line, number  # "Article 5" / "Reporting"
        if para.kind in ("section", "heading") and title is not None:
            section, number = title, sec_number
            stack.items.clear()
            open_title = para.kind == "section" and para.body >= end and bool(title) and title[-1:].isalnum()
            if para.kind == "section" and para.body < end:
                para = _section_item(line, start, end, para, stack)
        para.section = section
        para.number = _number(number, stack, para)
        paras.append(para)
    return paras


_TITLE_REST = re.compile(r"^([A-Z\d][\w’'-]*(?:\s+[\w’'-]+){0,6}?)\.(?:\s+|$)")


def _names_section(para: Para, line: str) -> bool:
    """A short unpunctuated line right under a bare "Article 5": the article's title."""
    return para.kind == "text" and len(line) <= MAX_HEADING_CHARS and line[:1].isupper() and \
        not line.endswith((".", ";", ":", ","))


def pipe_line(line: str) -> bool:
    """A Markdown table line written without its leading bar ("Action | Lead officer | Date |", "---|---|"), or a
    label/value row of a table whose bars a PDF conversion dropped ("Action type | Construction")."""
    return (line.endswith("|") and line.count("|") >= 2) or bool(LABEL_ROW.match(line))


def _read_line(line: str, start: int, end: int, stack: _Stack) -> tuple[Para, str | None, str]:
    """A line as a paragraph; for section and heading lines also their title and number."""
    if line.startswith(("|", "\t")) or pipe_line(line):
        return Para(start, end, start, "table"), None, ""
    m = _SECTION.match(line) or _PROVISION.match(line)
    if m and _DUTY_WORD.search(m.group("title")):  # "§ 2. The Office shall convene a Task Force.": a provision
        return Para(start, end, start + m.start("title"), "section"), "", f"Sec. {m.group('num')}"
    if m:
        return Para(start, end, start + m.end(), "section"), m.group("title").strip(), f"Sec. {m.group('num')}"
    m = _STATUTE_SECTION.match(line)
    if m and (line[m.end():].startswith("(") or _DUTY_WORD.search(line)):
        return Para(start, end, start + m.end(), "section"), "", f"Sec. {m.group('num')}"  # "7 (1) The Minister must"
    m = _BARE_SECTION.match(line)
    if m:  # "Article 5" alone: the heading that follows names it
        return Para(start, end, end, "heading"), line, line
    m = _MD_HEADING.match(line)
    if m:
        title = m.group("title").replace("\\", "").strip("* ")
        code = re.match(r"^(\d+(?:\.[\dA-Za-z]+)*)\s*(?:[-—:]\s+|\.\s+)", title)
        return Para(start, end, end, "heading"), title[code.end():] if code else title, code.group(1) if code else ""
    if (_PART.match(line) or (line.isupper() and len(line) <= MAX_HEADING_CHARS)) and not line.endswith((".", ";")):
        return Para(start, end, end, "heading"), line, ""
    if _BOLD_LINE.match(line) and not re.search(r"\bwill:(?:\*\*|__)?$", line):  # "**We will:**" leads into a list
        return Para(start, end, end, "heading"), None, ""
    bullet = BULLET.match(line)
    offset = bullet.end() if bullet else 0
    found = _label(line[offset:])
    if not found:
        return Para(start, end, start + offset, "text", level=len(stack.items)), None, ""
    style, label, length = found
    style = stack.resolve(style, label)
    level = stack.push(style, label)
    return Para(start, end, start + _body(line, offset + length), "item", label, style, level), None, ""


def _body(line: str, pos: int) -> int:
    """Where an item's text starts: after blanks and an inline heading ("IN GENERAL.—")."""
    while pos < len(line) and line[pos] == " ":
        pos += 1
    m = _INLINE_HEADING.match(line, pos)
    return m.end() if m else pos


def _section_item(line: str, start: int, end: int, para: Para, stack: _Stack) -> Para:
    """"Sec. 3. Title. (a) The Secretary …": the section line is also its first item."""
    rest = para.body - start
    while rest < len(line) and line[rest] == " ":
        rest += 1
    found = _label(line[rest:])
    if not found:
        return Para(start, end, start + rest, "section")
    style, label, length = found
    style = stack.resolve(style, label)
    level = stack.push(style, label)
    return Para(start, end, start + _body(line, rest + length), "item", label, style, level)


def _number(section_number: str, stack: _Stack, para: Para) -> str:
    """"Sec. 3(b)(i)" for items of EO sections, the dotted label for dotted items, else the section number."""
    if para.kind != "item":
        return section_number
    if para.style.startswith("dotted"):
        return para.label.rstrip(".")
    return f"{section_number}{stack.path()}" if section_number else stack.path()


def children(paras: list[Para], i: int) -> list[int]:
    """Indexes of the items directly under paragraph i (a chapeau ending with ":"), in order.

    They are the following items one level deeper, up to the next item at i's level or above, the
    next section or major heading, or an unlabelled paragraph (which ends a list)."""
    out: list[int] = []
    level = paras[i].level
    child_level: int | None = None
    for j in range(i + 1, len(paras)):
        p = paras[j]
        if p.section != paras[i].section or p.kind in ("section", "text"):
            break  # a new section ("**§12-6 Reports.** (a) …" opens with an item of its own)
        if p.kind != "item":
            continue
        if p.level <= level:
            break
        child_level = child_level or p.level
        if p.level == child_level:
            out.append(j)
    return out
