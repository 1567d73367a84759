"""What an English chunk means beyond its own lines: its section, the chapeaux above it, the sections it cites.

English orders, statutes and policies write a duty across several lines and places, and a chunk
holds only some of them (`ingest.tasks.en_outline` reads the outline):

- **the section**: "Sec. 3. Heavy-Duty Engines and Vehicles … (a) …" names what its later items
  (b), (c) are about; a Markdown "## 70A.45.020 - Greenhouse gas emissions reductions" heading
  names what the list under it is about;
- **the chapeaux**: an item continues the sentence of the line above it that ends with a colon
  ("The state shall limit anthropogenic emissions … for Washington state:" / "ii. By 2030, reduce …
  to fifty million metric tons"); the item alone has neither the actor nor the verb nor the place.
  Every open level's chapeau counts ("4.6.2 The Secretary … is responsible for:" / "4.6.2.1
  Conducting … regarding:" / "4.6.2.1.1 Compliance with this policy");
- **the sections it cites**: "With respect to the rulemaking described in section 3(a) of this
  order, the Administrator shall … by January 2022" is about what section 3 is titled and what
  its item (a) says ("… establish new oxides of nitrogen standards for heavy-duty engines …");

- **what its chapeau introduces**: a chunk that ends with "The Secretary … is responsible for:"
  holds the actor but not the duties, which open the next chunk ("4.6.2.1 Conducting risk-based
  monitoring …"); the first items it introduces are what it is about.

`leads` gives each chunk the first three kinds (those lines the chunk does not already hold), for
`index.passages.passage_text` to put before the chunk's text, and `trails` the fourth, to put
after it; the chunk is still cited by its own span.
"""

from __future__ import annotations

import bisect
import re

from ingest.models import Chunk
from ingest.tasks.en_outline import Para, children, outline

_CHAPEAU_END = (":", "：", "—", "–")
_BULLET = re.compile(r"^[*\-+•▪●◦]\s+")
# "section 3(a)", "sections 2 through 4", "section 2 and section 4", "Sec. 5": the sections a sentence cites
_CITES = re.compile(r"\b(?:[Ss]ections?|[Ss]ecs?\.)\s+(\d{1,3})[a-z]?((?:\([\w]+\))*)"
                    r"((?:\s*(?:,|and|or|through|to)\s+(?:[Ss]ections?\s+)?\d{1,3}[a-z]?(?:\([\w]+\))*)*)")
_NUMBER = re.compile(r"\d{1,3}")
_SECTION_NUMBER = re.compile(r"^Sec\. (\d{1,3})\b")
MAX_DEPTH = 99
MAX_LEAD_CHARS = 400  # a chapeau longer than this is cut at a word
MAX_TRAIL_ITEMS = 3  # the items of a chapeau a chunk ends with that its passage carries


def paragraphs(text: str) -> list[Para]:
    """The document's outline without its tables: what `leads` and `trails` read (compute it once
    and pass it to both)."""
    return [p for p in outline(text) if p.kind != "table"]


def leads(text: str, chunks: list[Chunk], paras: list[Para] | None = None) -> dict[str, str]:
    """{chunk_id: the lines that tell what the chunk is about and it does not hold} for one document."""
    paras = paragraphs(text) if paras is None else paras
    if not paras:
        return {}
    starts = [p.start for p in paras]
    titles = _section_titles(paras, text)
    numbered = {p.number: p.start for p in paras if p.kind == "item"}
    items = {p.number: _clip(text[p.body:p.end]) for p in paras if p.kind == "item"}
    out: dict[str, str] = {}
    for chunk in chunks:
        if chunk.table:
            continue
        i = bisect.bisect_right(starts, chunk.start) - 1
        if i < 0:
            continue
        lines = [*_section_line(paras, i, chunk, text), *_chapeaux(paras, i, chunk, text)]
        own = _own_section(paras[i])
        lines += [titles[n] for n in _cited(chunk.text) if n in titles and n != own and titles[n] not in lines]
        lines += [items[n] for n in _cited_items(chunk.text) if n in items and items[n] not in lines
                  and not chunk.start <= numbered[n] < chunk.end]
        if lines:
            out[chunk.chunk_id] = "\n".join(lines)
    return out


def trails(text: str, chunks: list[Chunk], paras: list[Para] | None = None) -> dict[str, str]:
    """{chunk_id: the first items the chapeau the chunk ends with introduces} for one document,
    for the chunks whose last line ends with a colon and whose items lie beyond them."""
    paras = paragraphs(text) if paras is None else paras
    if not paras:
        return {}
    starts = [p.start for p in paras]
    out: dict[str, str] = {}
    for chunk in chunks:
        if chunk.table:
            continue
        i = bisect.bisect_left(starts, chunk.end) - 1  # the last paragraph starting inside the chunk
        if i < 0 or paras[i].start < chunk.start or not _is_chapeau(paras[i], text):
            continue
        items = [paras[j] for j in children(paras, i) if paras[j].start >= chunk.end][:MAX_TRAIL_ITEMS]
        if items:
            out[chunk.chunk_id] = "\n".join(_clip(text[p.body:p.end]) for p in items)
    return out


def _clip(line: str) -> str:
    line = " ".join(line.split())
    return line if len(line) <= MAX_LEAD_CHARS else line[:MAX_LEAD_CHARS].rsplit(" ", 1)[0] + " …"


def _section_titles(paras: list[Para], text: str) -> dict[str, str]:
    """{"3": "Sec. 3. Heavy-Duty Engines …"} for every numbered section of the document."""
    out: dict[str, str] = {}
    for p in paras:
        m = _SECTION_NUMBER.match(p.number)
        if m and p.section and m.group(1) not in out:
            out[m.group(1)] = _clip(f"Sec. {m.group(1)}. {p.section}")
    return out


def _own_section(p: Para) -> str:
    m = _SECTION_NUMBER.match(p.number)
    return m.group(1) if m else ""


def _section_line(paras: list[Para], i: int, chunk: Chunk, text: str) -> list[str]:
    """The heading of the section the chunk starts in (with the sub-heading it is under), when
    the chunk does not hold it."""
    section = paras[i].section
    if not section:
        return []
    j, sub = i, ""
    level = _level(paras[i], text) or MAX_DEPTH
    while j > 0 and paras[j - 1].section == section and not _heads(paras[j], text):
        j -= 1
        p = paras[j]
        if sub or p.start >= chunk.start:
            continue
        if _subheading(p, text) and level >= (_level(paras[i], text) or MAX_DEPTH):
            sub = _plain(text[p.start:p.end])
        elif p.kind == "item" and p.level < level:  # an item above the chunk's closes sub-headings below it
            level = p.level
            if text[p.body:p.end].startswith("**"):  # "4.5**Supporting workforce capacity**"
                sub = _plain(text[p.body:p.end])
    head = paras[j]
    if head.start >= chunk.start:
        return []
    m = _SECTION_NUMBER.match(head.number)
    line = f"Sec. {m.group(1)}. {section}" if m else _plain(text[head.start:head.end]) if _heads(head, text) else ""
    return [_clip(" > ".join(p for p in (line, sub) if p))] if line or sub else []


def _subheading(p: Para, text: str) -> bool:
    """A bold-only line inside a list ("**Governance**"): it names the items below, it does not end the list."""
    return p.kind == "heading" and text[p.start:p.end].startswith(("**", "__"))


def _heads(p: Para, text: str) -> bool:
    return p.kind in ("section", "heading") and not _subheading(p, text)


def _plain(line: str) -> str:
    return line.lstrip("#").replace("\\", "").replace("**", "").replace("__", "").strip(" :")


def _chapeaux(paras: list[Para], i: int, chunk: Chunk, text: str) -> list[str]:
    """The lines ending with a colon that the chunk's first paragraph continues, outermost first."""
    found: list[str] = []
    level = _level(paras[i], text)
    if level == 0:
        return []
    for j in range(i - 1, -1, -1):
        p = paras[j]
        if _subheading(p, text):
            continue
        if _heads(p, text):
            break
        p_level = _level(p, text)
        if p_level >= level:
            continue
        if _is_chapeau(p, text) and p.start < chunk.start:
            found.append(_clip(text[p.body:p.end]))
        if p_level == 0:
            break
        level = p_level
    return found[::-1]


def _level(p: Para, text: str) -> int:
    """Depth in the list: an item's level; a bulleted unlabelled line one below the open labels; else 0."""
    if p.kind == "item":
        return p.level
    if p.kind == "text" and _BULLET.match(text[p.start:p.end]):
        return p.level + 1
    return 0


def _is_chapeau(p: Para, text: str) -> bool:
    return text[p.start:p.end].rstrip(" *").endswith(_CHAPEAU_END)


def _cited_items(chunk_text: str) -> list[str]:
    """Outline numbers of the items the chunk's sentences cite by section and subsection
    ("the rulemaking described in section 3(a)": "Sec. 3(a)"), in order."""
    out: list[str] = []
    for m in _CITES.finditer(chunk_text):
        if m.group(2) and not (m.start() == 0 or chunk_text[m.start() - 1] == "\n"):
            ref = f"Sec. {m.group(1)}{m.group(2)}"
            out += [ref] if ref not in out else []
    return out


def _cited(chunk_text: str) -> list[str]:
    """Numbers of the sections the chunk's sentences cite, in order ("sections 2 through 4": 2, 3, 4)."""
    out: list[str] = []
    for m in _CITES.finditer(chunk_text):
        if m.start() == 0 or chunk_text[m.start() - 1] == "\n":
            continue  # a section's own heading line ("Sec. 2. Light-Duty …"), not a citation
        nums = [int(m.group(1))] + [int(n) for n in _NUMBER.findall(re.sub(r"\([\w]+\)", "", m.group(3)))]
        if "through" in m.group(3) or " to " in m.group(3):
            nums = list(range(nums[0], nums[-1] + 1)) if 0 < nums[-1] - nums[0] <= 10 else nums
        out += [str(n) for n in nums if str(n) not in out]
    return out
