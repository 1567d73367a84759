"""Lines a copy of a document broke or merged, set back the way the document prints them.

Text pasted from web pages, PDFs and HTML converters arrives with its layout damaged in a few
recurring ways; each is undone here before lines are joined into paragraphs (`clean.py`):
- a lettered list run into one paragraph ("…shall: (a) …; (b) …; and (c) …"): one line per item;
- a Chinese page whose line breaks became spaces ("…支撑。 一、加强预防监督 1.推进…"): one line per heading and item;
- a list mark alone on its line ("a." / "（二）"), its text on the next: one line;
- a bill printed with its line numbers in the margin ("2 sections enacted …" / "3 follows:"): the text alone;
- a table a web page gave one cell a line, each closed by " |", each row opened by a lone "|": one
  pipe line a row;
- a two-column schedule given one cell a line ("Fiscal Year" / "Percentage Reduction" / "2006" / "2" …):
  pipe rows under its header.
Nothing is reordered and no word is changed: only line breaks and the bars between cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass
class Line:
    """One line of a page as extracted."""

    text: str
    page: int


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


# a lettered list run into one paragraph: "…shall: (a) improve …; (b) ensure …; and (c) reduce …"
_INLINE_ITEM = re.compile(r"(?:(?<=:)|(?<=;)|(?<=;\s)|(?<=;\sand\s)|(?<=;\sor\s))\s*\(([a-z])\)\s")


def split_inline_list(line: str) -> list[str]:
    """A paragraph holding a lettered list after a colon, its items after semicolons in order ((a), (b), …),
    as one line per item, the way such lists are set when printed; anything else as it is."""
    marks = [m for m in _INLINE_ITEM.finditer(line)]
    run: list[re.Match[str]] = []
    for m in marks:
        want = chr(ord(run[-1].group(1)) + 1) if run else "a"
        if m.group(1) == want and (run or line[:m.start()].rstrip().endswith(":")):
            run.append(m)
    if len(run) < 2:
        return [line]
    cuts = [m.start() + len(m.group(0)) - len(m.group(0).lstrip()) for m in run]
    return [line[a:b].rstrip() for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True) if line[a:b].strip()]


# a Chinese page whose line breaks a copy turned into spaces: "…提供有力支撑。 一、加强预防监督 1.推进空间管控。…"
# (Chinese sets no spaces between words, so a space before a numbering mark is where a line ended)
_GLUED_MARK = re.compile(r"(?<=[\u4e00-\u9fff。；！？：”）)])[ \u3000]+"
                         r"(?=[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}[.．、](?![\d\s]))")
MIN_GLUED_MARKS = 2


def split_glued_numbering(line: str) -> list[str]:
    """A Chinese line holding several numbered headings and items after spaces, one line each, the way the
    document sets them; any other line as it is."""
    if not _CJK.search(line[:200]):
        return [line]
    cuts = list(_GLUED_MARK.finditer(line))
    if len(cuts) < MIN_GLUED_MARKS:
        return [line]
    out, pos = [], 0
    for m in cuts:
        out.append(line[pos:m.start()])
        pos = m.end()
    out.append(line[pos:])
    return [part for part in out if part.strip()]


# a bill printed with its line numbers ("2 sections enacted in lieu thereof, …" / "3 follows:"): each page or
# section counts its lines from 1 or 2, so a run of lines opening with 2, 3, 4, … is the margin's count
_LINE_NUMBER = re.compile(r"^(\d{1,3})(?:\s+|$)")
MIN_NUMBERED_RUN = 5


def strip_line_numbers(lines: list[Line]) -> list[Line]:
    """Lines that open with the printed line count of a bill, without it; any other line as it is. Only runs of
    at least five lines numbered one after another are read this way (a list's "1 …" lines are not)."""
    numbers = [_LINE_NUMBER.match(ln.text) for ln in lines]
    strip = [False] * len(lines)
    runs: list[tuple[int, int, int]] = []  # (first, last, how many numbered lines)
    i = 0
    while i < len(lines):
        if not numbers[i]:
            i += 1
            continue
        j = i  # extend the run while each line's number is one more than the last numbered line's
        last = int(numbers[i].group(1))  # type: ignore[union-attr]
        k = i + 1
        while k < len(lines):
            m = numbers[k]
            if m and int(m.group(1)) == last + 1:
                last, j = last + 1, k
            elif lines[k].text.strip() and not m:
                if k - j > 1:
                    break  # two unnumbered lines: the run is over (one may be a page's running head)
            elif m:
                break
            k += 1
        runs.append((i, j, sum(1 for x in range(i, j + 1) if numbers[x])))
        i = j + 1
    numbered = any(n >= MIN_NUMBERED_RUN for _, _, n in runs)
    for first, last, n in runs:  # once the margin is known, a short section counted from 2 is it too
        long_run = n >= MIN_NUMBERED_RUN
        if long_run or (numbered and numbers[first].group(1) == "2"):  # type: ignore[union-attr]
            for x in range(first, last + 1):  # a lone figure ("2" over "月") is no margin number of a short run
                m = numbers[x]
                strip[x] = m is not None and (long_run or bool(lines[x].text[m.end():].strip()))
    return [Line(ln.text[numbers[x].end():], ln.page) if strip[x] else ln  # type: ignore[union-attr]
            for x, ln in enumerate(lines)]


# a PDF whose text layer set every run of digits on a line of its own ("惠及超过" / "2000" / "万户家庭"):
# the figure goes back into its sentence when the line after it goes on with its unit or a joining word
_NUMBER_RUN = re.compile(r"^[\d.,:~～%％\-/]{1,16}$")
_GOES_ON = re.compile(r"^[年月日号时分秒万亿千百台个人次项家座条处户元米吨瓦天周%％至到~～、，,）)\-—余多以]")
_SENTENCE_END = re.compile(r"[。；;！!？?：:]\s*$")
MIN_SPLIT_NUMBERS = 5


def _split_figure(before: str, line: str, after: str) -> bool:
    """A short line of digits between a line that has not ended its sentence and one that goes on with its unit."""
    return bool(_NUMBER_RUN.match(line.strip()) and _CJK.search(before[-1:] or "") and not _SENTENCE_END.search(before)
                and _GOES_ON.match(after.strip()))


def join_split_numbers(lines: list[Line]) -> list[Line]:
    """Chinese lines broken around every figure by a PDF's text layer, joined back (`_split_figure`). Read only
    where a page does this five times or more (a table's row numbers and cells are left alone)."""
    texts = [ln.text for ln in lines]
    if sum(_split_figure(*texts[i - 1:i + 2]) for i in range(1, len(lines) - 1)) < MIN_SPLIT_NUMBERS:
        return lines
    out: list[Line] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if out and i + 1 < len(lines) and _split_figure(out[-1].text, ln.text, lines[i + 1].text):
            out[-1] = Line(out[-1].text + ln.text.strip() + lines[i + 1].text.strip(), out[-1].page)
            i += 2
            continue
        out.append(ln)
        i += 1
    return out


# a list mark alone on its line ("a.", "(b)", "3.", "（二）"), its item's text on the next (a PDF's hanging indent)
_LONE_MARK = re.compile(r"^(?:[a-z]|[ivx]{1,4}|\d{1,3})[.)]$|^\((?:[a-z]|[ivx]{1,4}|\d{1,3})\)$|"
                        r"^[(（][一二三四五六七八九十]{1,3}[)）]$|^[一二三四五六七八九十]{1,3}、$")


def join_lone_marks(lines: list[Line]) -> list[Line]:
    """A list mark alone on its line joined to the text that follows it, so the item keeps its number."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is not None and nxt.text.strip() and _LONE_MARK.match(ln.text) and not _LONE_MARK.match(nxt.text):
            sep = "" if _CJK.search(ln.text) else " "
            out.append(Line(ln.text + sep + nxt.text, ln.page))
            i += 2
            continue
        out.append(ln)
        i += 1
    return out


_ROW_RULE = re.compile(r"^\|+$")  # "|" or "||||||": where a table copied one cell per line starts a row


def row_cell_lines(lines: list[Line]) -> list[Line]:
    """A table a web page was copied from as one cell a line, each cell closed by " |" and each row opened by a
    lone "|" ("|" / "1 |" / "某某项目 |" / "300 |" / "教体局 |"), as one pipe line a row; a row of one cell (a
    caption) as its text. A line inside a row without its closing bar goes on the cell before it."""
    if sum(1 for ln in lines if _ROW_RULE.match(ln.text.strip())) < 2:
        return lines
    out: list[Line] = []
    row: list[str] | None = None
    page = 1

    def flush() -> None:
        if row:
            out.append(Line(" | ".join(row) + " |" if len(row) > 1 else row[0], page))

    for ln in lines:
        t = ln.text.strip()
        if _ROW_RULE.match(t):
            flush()
            row, page = [], ln.page
        elif row is not None and t.endswith("|") and t.count("|") == 1:
            row.append(t[:-1].strip())
        elif row is not None and t and row and not t.endswith("|"):
            row[-1] += t  # a cell wrapped onto the next line
        else:
            flush()
            row = None
            out.append(ln)
    flush()
    return out


# a two-column table copied one cell per line (a statute's schedule: "Fiscal Year" / "Percentage Reduction" /
# "2006" / "2" / "2007" / "4" …): years (or year lists) alternating with amounts
_KEY_CELL = re.compile(r"^(?:FY\s*)?(?:19|20)\d{2}(?:\s*(?:,|–|-|and|through|to)\s*(?:19|20)\d{2})*"
                       r"(?:\s+and\s+(?:thereafter|after|later))?$", re.I)
_AMOUNT_CELL = re.compile(r"^[<>≥≤]?\s*\d[\d,]*(?:\.\d+)?\s*(?:%|percent|[A-Za-z][A-Za-z -]{0,24})?\.?$")
_TABLE_LEAD = re.compile(r"(?:table|schedule)\s*:\s*(?P<head>[A-Z][\w ]{1,30})$")
_HEADER_CELL = re.compile(r"^[A-Za-z][\w ,()%-]{1,40}$")


def pipe_flat_tables(lines: list[Line]) -> list[Line]:
    """A table copied one cell per line, as pipe rows ("Fiscal Year | Percentage Reduction", "2006 | 2"), so it
    is read as the table it is; its header cells are the short lines above the first year, or what follows
    "…the following table:" on the line before."""
    full = [i for i, ln in enumerate(lines) if ln.text.strip()]
    out = list(lines)
    k = 0
    while k < len(full):
        pairs = 0
        while k + 2 * pairs + 1 < len(full) and _KEY_CELL.match(lines[full[k + 2 * pairs]].text.strip()) \
                and _AMOUNT_CELL.match(lines[full[k + 2 * pairs + 1]].text.strip()):
            pairs += 1
        if pairs < 2:
            k += 1
            continue
        head = [full[j] for j in range(max(0, k - 2), k) if _HEADER_CELL.match(lines[full[j]].text.strip())
                and not _KEY_CELL.match(lines[full[j]].text.strip())]
        lead = _TABLE_LEAD.search(lines[full[k - len(head) - 1]].text) if k - len(head) - 1 >= 0 else None
        if pairs < 3 and not lead:
            k += 2 * pairs
            continue
        cells = ([lead.group("head")] if lead else []) + [lines[j].text.strip() for j in head]
        if lead:
            at = full[k - len(head) - 1]
            out[at] = Line(lines[at].text[:lead.start("head")].rstrip(), lines[at].page)
        header = [cells[0], " ".join(cells[1:])] if len(cells) > 2 else cells
        rows = [" | ".join(header)] if len(header) == 2 else []
        rows += [f"{lines[full[k + 2 * p]].text.strip()} | {lines[full[k + 2 * p + 1]].text.strip().rstrip('.')}"
                 for p in range(pairs)]
        first = head[0] if head else full[k]
        taken = set(head) | {full[k + j] for j in range(2 * pairs)}
        for i in taken:
            out[i] = Line("", lines[i].page)
        out[first] = Line("\n".join(rows), lines[first].page)
        k += 2 * pairs
    return [ln for ln in out for ln in ([ln] if "\n" not in ln.text else
                                        [Line(t, ln.page) for t in ln.text.split("\n")])]
