"""Canonical text -> blocks: headings, paragraphs, list items and table rows, each with a heading path.

Numbering styles of Chinese official documents (第一章, 一、, (一), 1./1、, (1), ①) and of
English papers (1., 3.1., 3.1.1) are recognised by their *style*, not by a fixed level:
the first style met becomes level 1, a new style nests under the current one, and a style
already open closes everything below it. That is how readers follow these documents, and
it works whatever the document's top level is.

Tables arrive flattened one cell per line (a leading tab), rows separated by blank lines;
each row becomes one `table_row` block whose `cells` are the cells' spans. Box and table
captions (专栏1, 表2, 附表1, "Table 3") open a table context that the rows carry.

Annexes (附件1, 附表2) follow the body, so they close its outline: an annex's rows are cited
under the annex and the table caption (`附件1 > 附表2 重点工程表`), not under the last heading
before it (`第七章 保障措施 > 四、加强宣传`). A 附件 opens a level of its own that its headings
and tables nest under.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ingest.models import Block, Span, page_at

CN_NUM = "一二三四五六七八九十百零〇"
_STYLES: list[tuple[str, re.Pattern[str]]] = [
    ("chapter", re.compile(rf"^第[{CN_NUM}\d]+[章篇部分]+")),
    ("section", re.compile(rf"^第[{CN_NUM}\d]+节")),
    ("article", re.compile(rf"^第[{CN_NUM}\d]+条")),
    ("cn", re.compile(rf"^[{CN_NUM}]+[、.．]")),
    ("paren_cn", re.compile(rf"^[(（][{CN_NUM}]+[)）]")),
    ("dotted3", re.compile(r"^\d+\.\d+\.\d+\.?(?!\d)")),
    # "1.2024年8月底前完成…": item 1, its text opening with a year
    ("dotted2", re.compile(r"^\d+\.(?!(?:19|20)\d{2}年)\d+\.?(?![\d%])")),
    ("arabic", re.compile(r"^\d{1,3}[.、．](?:(?=(?:19|20)\d{2}年)|(?![\d%]))")),
    ("paren_arabic", re.compile(r"^[(（]\d{1,3}[)）]")),
    ("arabic_paren", re.compile(r"^\d{1,3}[)）](?!\d)")),
    ("circled", re.compile(r"^[①-⑳]")),
]
_ANNEX = re.compile(r"^(?:附件|附表)\s*[\d一二三四五六七八九十]*")
_CAPTION = re.compile(r"^(?:(?:附表|专栏|表|附件|图)\s*[\d一二三四五六七八九十]+|(?:Table|Box|Figure)\s+\d+)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[。！？!?；;]")
MAX_HEADING_CHARS = 40


@dataclass
class _Line:
    start: int
    end: int
    text: str


def iter_lines(text: str) -> Iterator[_Line]:
    pos = 0
    for raw in text.split("\n"):
        yield _Line(pos, pos + len(raw), raw)
        pos += len(raw) + 1


def numbering_of(line: str) -> tuple[str, str] | None:
    """(style, number as written) of a numbered line, or None."""
    for style, pattern in _STYLES:
        m = pattern.match(line)
        if m:
            if style == "arabic" and re.match(r"^\d{4}[.、．]", line):
                return None  # a year ("2023.") is not a list number
            return style, m.group(0)
    return None


def is_heading_text(rest: str) -> bool:
    """A numbered line is a heading when what follows the number is short and not a sentence."""
    body = rest.strip()
    if not body or body.endswith(("。", "；", ";", "！", "？")):
        return False
    first = _SENTENCE_END.split(body, maxsplit=1)[0]
    return len(body) <= MAX_HEADING_CHARS and first == body.rstrip("。.")


def heading_title(text: str) -> str:
    """How a list item appears in a heading path: its number and first clause, kept short."""
    first = re.split(r"[。！？!?；;:：]", text, maxsplit=1)[0].strip()
    return first if len(first) <= MAX_HEADING_CHARS else first[:MAX_HEADING_CHARS] + "…"


class _Outline:
    """The open numbering styles, outermost first."""

    def __init__(self) -> None:
        self.stack: list[tuple[str, str, bool]] = []  # (style, title as shown in paths, is a heading)

    def open(self, style: str, title: str, heading: bool) -> int:
        for i, (s, _, _) in enumerate(self.stack):
            if s == style:
                del self.stack[i:]
                break
        self.stack.append((style, title, heading))
        return len(self.stack)

    def close_items(self) -> None:
        """An unnumbered paragraph ends the run of list items: only headings stay open."""
        while self.stack and not self.stack[-1][2]:
            self.stack.pop()

    def path(self) -> str:
        return " > ".join(t for _, t, _ in self.stack)

    def enter_annex(self, caption: str) -> None:
        """An annex closes the body's outline: 附件 becomes the root, 附表 stays under an open 附件."""
        if caption.startswith("附件"):
            self.stack = [("annex", caption, True)]
        else:
            self.stack = [e for e in self.stack[:1] if e[0] == "annex"]

    def parent_path(self) -> str:
        return " > ".join(t for _, t, _ in self.stack[:-1])


def parse_blocks(text: str, page_starts: list[int]) -> list[Block]:
    """Split canonical text into blocks carrying heading path, number, page and span."""
    outline = _Outline()
    blocks: list[Block] = []
    table: str | None = None
    row: list[_Line] = []

    def open_table(caption: str, start: int, end: int, page: int | None) -> None:
        nonlocal table
        if _ANNEX.match(caption):
            outline.enter_annex(caption)
        table = caption
        blocks.append(Block(kind="table_title", start=start, end=end, section=outline.path(), page=page, table=table))

    def flush_row() -> None:
        if not row:
            return
        filled = [ln for ln in row if ln.text.strip()]
        if len(filled) == 1 and _CAPTION.match(filled[0].text.strip()) and len(filled[0].text) <= 80:
            open_table(filled[0].text.strip(), filled[0].start + 1, filled[0].end, page_at(page_starts, row[0].start))
            row.clear()
            return
        cells = [Span(ln.start + 1, ln.end) for ln in row]  # after the leading tab
        blocks.append(Block(kind="table_row", start=row[0].start, end=row[-1].end, section=_row_section(outline, table),
                            page=page_at(page_starts, row[0].start), table=table, cells=cells))
        row.clear()

    for ln in iter_lines(text):
        if ln.text.startswith("\t"):
            row.append(ln)
            continue
        flush_row()
        body = ln.text.strip()
        if not body:
            continue
        page = page_at(page_starts, ln.start)
        if _CAPTION.match(body) and len(body) <= 60:
            open_table(body, ln.start, ln.end, page)
            continue
        numbered = numbering_of(body)
        if numbered is None:
            outline.close_items()
            blocks.append(Block(kind="paragraph", start=ln.start, end=ln.end, section=outline.path(), page=page,
                                table=table if _is_table_note(body) else None))
            continue
        style, number = numbered
        table = None
        heading = is_heading_text(body[len(number):])
        level = outline.open(style, body if heading else heading_title(body), heading=heading)
        blocks.append(Block(kind="heading" if heading else "list_item", start=ln.start, end=ln.end,
                            section=outline.parent_path(), page=page, number=number, level=level))
    flush_row()
    return blocks


def _row_section(outline: _Outline, table: str | None) -> str:
    """A table row's section: the heading path, and for an annex table (附表) its caption too."""
    if table and table.startswith("附表"):
        return " > ".join(p for p in (outline.path(), table) if p)
    return outline.path()


def _is_table_note(body: str) -> bool:
    return body.startswith(("注", "说明", "Note", "数据来源", "资料来源"))
