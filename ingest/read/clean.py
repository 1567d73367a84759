"""Pages of raw extracted text -> the canonical text every offset refers to, plus a page map.

The repairs are the ones PDF extraction makes necessary, and nothing more (CONTRACT.md):
- unify character widths (NFKC) and drop control and zero-width characters;
- drop page furniture: page-number lines ("-54-", "第 3 页", "Page 3"), running headers
  and footers repeated on many pages, and journal furniture lines beside a page number;
- re-join lines broken mid-sentence: Chinese lines hard-wrapped at a fixed width (often
  with blank lines between), English lines wrapped inside a paragraph, and English words
  hyphenated across lines ("sustaina-\\nble" -> "sustainable").
Text is never reordered; its lines are put back as the document set them where a copy broke them
(`relines.py`: a lettered list run into one paragraph, a list mark alone on its line, tables copied one
cell a line), a web page's navigation is dropped, and "1。" numbering reads "1.". Table cells (lines
that start with a tab, the way flattened tables arrive) are kept line by line, with blank lines between rows.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ingest.read.relines import Line as _Line
from ingest.read.relines import (
    join_lone_marks,
    join_split_numbers,
    pipe_flat_tables,
    row_cell_lines,
    split_glued_numbering,
    split_inline_list,
    strip_line_numbers,
)

_INVISIBLE = re.compile(r"[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u00ad\u061c\u180e"
                        r"\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffc"
                        r"\ud800-\udfff]")
# Line and paragraph separators that are line breaks in the source (Word's vertical tab for a manual
# break, NEL, U+2028/U+2029): dropping them would glue a heading to the line before it.
_LINE_BREAKS = str.maketrans({"\u000b": "\n", "\u0085": "\n", "\u2028": "\n", "\u2029": "\n"})
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–~·]\s*\d{1,4}\s*[-—–~·]|第\s*\d{1,4}\s*页(?:\s*[/,,]?\s*共\s*\d{1,4}\s*页)?|"
    r"(?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?|\d{1,4}\s*/\s*\d{1,4})\s*$",
    re.IGNORECASE,
)
_FURNITURE_CUES = re.compile(
    r"published by|issn\b|\bdoi\b|\bvol\.|\bissue\b|copyright|©|all rights reserved|journal of|"
    r"学报|期刊|第\s*\d+\s*卷|第\s*\d+\s*期|版权所有",
    re.IGNORECASE,
)
# A line that starts a new block: numbering, table/box captions; such lines are never joined onto.
_BLOCK_START = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百零〇\d]+[章节部分篇条]|[一二三四五六七八九十百]+[、.．]|"
    r"[(（][一二三四五六七八九十\d]+[)）]|\d+(?:\.\d+)*[.、．)）]\s*(?!\d)\S|[①-⑳]|[a-h][.)]\s+[A-Z]|\([a-h]\)\s|"
    r"\((?:ii?i?|iv|vi{0,3}|ix|x)\)\s+(?=\d)|"  # "(i) 20 per cent by 2009,": a statute's sub-item opening with its figure
    r"(?:附表|附件|专栏|表|图)\s*\d|[•·▪■●◆\-*]\s|abstract|摘\s*要|关键词|key ?words|references|参考文献)",
    re.IGNORECASE,
)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# "1。推动…": a list number typed with the ideographic full stop reads as "1." (it ends no sentence)
_NUMBER_STOP = re.compile(r"^(\d{1,3})。(?=[\u4e00-\u9fff“《(（])")
_SENTENCE_END = tuple("。！？!?；;:：…」』”\"")


@dataclass
class CanonicalText:
    text: str
    page_starts: list[int]  # offset of each page's first character; empty when the format has no pages


# Circled and parenthesised numbers (①, ⑴, ⒈) are list numbering: NFKC would turn "①" into "1".
_KEEP_AS_IS = re.compile(r"[\u2460-\u24ff\u3251-\u325f\u32b1-\u32bf]+")


# a mirror site's reading aid: pinyin with tone marks after a character ("機(jī)動化", "分擔(dān)率"); it splits the
# words it glosses, so it goes (a bracket of plain Latin letters, "(a)" or "(PM10)", stays)
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])\((?=[a-zü]*[{_TONED}])[a-zü{_TONED}]{{1,7}}\)")


def normalize_chars(text: str) -> str:
    """NFKC (except list-numbering symbols) plus removal of invisible characters; line ends become \\n.

    Lone surrogates (which broken PDF text maps can produce) are invisible too: they cannot be
    stored as UTF-8."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").translate(_LINE_BREAKS)
    parts: list[str] = []
    pos = 0
    for m in _KEEP_AS_IS.finditer(text):
        parts.append(unicodedata.normalize("NFKC", text[pos:m.start()]))
        parts.append(m.group(0))
        pos = m.end()
    parts.append(unicodedata.normalize("NFKC", text[pos:]))
    return _PINYIN_GLOSS.sub("", _INVISIBLE.sub("", "".join(parts)))


def is_page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER.match(line))


# a web page's navigation above the text (a saved or copied page): where you are, search, pushed and related links
_WEB_NAV = re.compile(
    r"^(?:(?:您的|当前|您现在的|所在)?位置\s*[:：]|(?:首页|主页)\s*[>＞»]|今日(?:特推|推荐|头条)\s*[:：]|搜\s*索\s*[:：]?$|"
    r"(?:浏览|点击|阅读)(?:次数|量|数)?\s*[:：]\s*\d*\s*(?:来源\s*[:：]\s*\S*)?$|【?(?:打印本页|关闭窗口|打印|关闭)】?$|"
    r"分享到\s*[:：]?|"
    # an English page's chrome: "Skip to main content", "Toggle menu", "You are here: Home > …"
    r"(?i:skip\s+to\s+(?:main\s+)?content|toggle\s+(?:navigation|menu|search)|(?:main\s+)?menu|search|close|"
    r"you\s+are\s+here\s*:?.*|print\s+(?:this\s+)?page|share\s+(?:this\s+page|on\s+\w+))\s*$)")
_RELATED = re.compile(r"^(?:相关(?:新闻|链接|阅读|文章|报道)|延伸阅读|推荐阅读)\s*[>》»:：]*$")
_WEB_HEAD = 30  # lines: navigation sits above the text


def _web_navigation(stripped: list[str]) -> set[int]:
    """Navigation lines of a web page's head, and the headline a "相关新闻>>" line links to (no title of this one)."""
    drop: set[int] = set()
    for i, s in enumerate(stripped[:_WEB_HEAD]):
        if _WEB_NAV.match(s):
            drop.add(i)
        elif _RELATED.match(s):
            drop.add(i)
            nxt = next((j for j in range(i + 1, min(len(stripped), i + 3)) if stripped[j]), None)
            if nxt is not None and len(stripped[nxt]) <= 60 and not stripped[nxt].endswith(_SENTENCE_END):
                drop.add(nxt)
    return drop


def _furniture_indexes(lines: list[_Line], n_pages: int) -> set[int]:
    """Indexes of page-furniture lines: page numbers, repeated running heads, journal lines, web navigation."""
    stripped = [ln.text.strip() for ln in lines]
    drop = _web_navigation(stripped)
    for i, s in enumerate(stripped):
        if s and is_page_number(s):
            drop.add(i)
            # journal furniture within a few lines of a page number
            for j in range(max(0, i - 5), min(len(lines), i + 7)):
                sj = stripped[j]
                if sj and len(sj) < 120 and _FURNITURE_CUES.search(sj) and not sj.endswith(_SENTENCE_END):
                    drop.add(j)
            # a short title-like line directly after the blank gap that follows a page number
            # (a journal's running title) is furniture only if it also has a cue; handled above
    if n_pages >= 3:
        drop |= _running_lines(lines, stripped, n_pages)
    return drop


def _running_lines(lines: list[_Line], stripped: list[str], n_pages: int) -> set[int]:
    """Running headers and footers: lines among the first and last two of a page that repeat on
    at least 40% of the pages, either word for word or with a number that follows the page number
    ("规划文本 12" on page 12). Lines alike only up to their numbers - table rows, list items - are
    content: their numbers do not follow the pages."""
    edges: dict[int, list[int]] = {}
    for i, ln in enumerate(lines):
        if stripped[i]:
            edges.setdefault(ln.page, []).append(i)
    groups: dict[str, list[int]] = {}
    for idxs in edges.values():
        for i in sorted(set(idxs[:2] + idxs[-2:])):
            key = re.sub(r"\d+", "#", stripped[i])
            if len(key) <= 120:
                groups.setdefault(key, []).append(i)
    threshold = max(3, int(0.4 * n_pages))
    drop: set[int] = set()
    for key, idxs in groups.items():
        if len(idxs) >= threshold and _repeats_with_pages([(stripped[i], lines[i].page) for i in idxs], threshold,
                                                          wordy=len(re.findall(r"[^\W\d_]", key)) >= 2):
            drop.update(idxs)
    return drop


def _repeats_with_pages(items: list[tuple[str, int]], threshold: int, wordy: bool) -> bool:
    """Whether (line, page) pairs alike up to their numbers are one running line: the same words
    (`wordy`: a lone number or mark is not a running head by itself) on `threshold` lines, or a
    number at a fixed offset from the page number on `threshold` lines."""
    if wordy and Counter(text for text, _ in items).most_common(1)[0][1] >= threshold:
        return True
    offsets: Counter[int] = Counter()
    for text, page in items:
        offsets.update({int(n) - page for n in re.findall(r"\d{1,5}", text)})
    return bool(offsets) and offsets.most_common(1)[0][1] >= threshold


def _wrap_width(lines: list[str]) -> int | None:
    """The fixed width of hard-wrapped CJK text, or None when lines are not hard-wrapped."""
    lengths = [len(s) for s in lines if len(s) >= 15 and _CJK.search(s)]
    if len(lengths) < 8:
        return None
    counts = Counter(lengths)
    mode, _ = counts.most_common(1)[0]
    near = sum(c for n, c in counts.items() if abs(n - mode) <= 2)
    return mode if near >= 0.3 * len(lengths) and mode >= 20 else None


def _english_wrap_width(lines: list[str]) -> int | None:
    """Typical length of wrapped English lines, or None when English prose is not hard-wrapped."""
    latin = sorted(len(s) for s in lines if len(s) >= 40 and not _CJK.search(s))
    if len(latin) < 5:
        return None
    mid = sum(1 for s in lines if len(s) >= 40 and not _CJK.search(s) and not s.endswith(_SENTENCE_END + (".",)))
    return latin[len(latin) // 2] if mid >= 0.5 * len(latin) else None


# a few characters with no closing punctuation: a cell or a label of its own ("序号", "责任单位"), not the end
# of a wrapped sentence (which ends "…工作。")
_STANDALONE = re.compile(r"^[\u4e00-\u9fff]{1,6}$")


# a table's label/value row whose bars a PDF conversion dropped: a short label in words, a bar, a value ("Action name
# | Retrofit …", "Involved stakeholders | A, B"); no sentence writes " | ", and a label has no digits or stops
LABEL_ROW = re.compile(r"^[A-Z][A-Za-z’'()/,&\- ]{2,60}? \| \S")


def _joiner(prev: str, nxt: str, wrap: int | None, en_wrap: int | None, blank: bool = False) -> str | None:
    """How to join `prev` and `nxt` lines of one paragraph: '' (no space), ' ', or None (keep apart).
    `blank`: a blank line stands between them."""
    if not prev or not nxt or nxt.startswith("\t") or prev.startswith("\t"):
        return None
    if _BLOCK_START.match(nxt):
        return None
    if prev.startswith("#") or nxt.startswith("#"):
        return None  # a Markdown heading is a line of its own
    if prev.count("|") >= 2 or nxt.count("|") >= 2 or LABEL_ROW.match(prev) or LABEL_ROW.match(nxt):
        return None  # a table row ("CAP Goal | 2030 Goal | 2045 Goal", "Action type | Construction") is a line of its own
    if re.search(r"[A-Za-z]-$", prev) and re.match(r"[a-z]", nxt):
        return "-"  # hyphenated word: drop the hyphen
    en_full = en_wrap is not None and len(prev) >= 0.6 * en_wrap
    if en_full and not _CJK.search(prev[-1:]) and re.match(r"[a-z]", nxt):
        return " "  # an English sentence goes on in lower case, whatever ended the line
    if prev.endswith(_SENTENCE_END):
        return None
    if _CJK.search(prev[-1:]) or prev[-1] in "，、（(《“":
        if wrap is not None and len(prev) >= wrap - 3 and (_CJK.search(nxt[:1]) or nxt[:1] in "，、。；）)》”") \
                and not _STANDALONE.match(nxt):
            return ""
        return None
    if en_full and re.search(r"[A-Za-z0-9,;)\]'\"]$", prev) and not (blank and nxt[:1].isupper()):
        return " "  # (a blank line before a capital opens a paragraph: "…by March 2027" / "" / "The Service will:")
    return None


def build_canonical(pages: list[str], has_pages: bool) -> CanonicalText:
    """Clean `pages` into one canonical text with its page map (see the module docstring)."""
    lines: list[_Line] = []
    for page_no, page in enumerate(pages, start=1):
        for raw in normalize_chars(page).split("\n"):
            lead_tab = raw.startswith("\t")
            body = _NUMBER_STOP.sub(r"\1.", raw.strip(" \t"))
            if lead_tab:
                lines.append(_Line("\t" + body, page_no))
                continue
            parts = split_inline_list(body) if "(b)" in body else split_glued_numbering(body)
            lines.extend(_Line(item, page_no) for item in parts)
    lines = join_split_numbers(strip_line_numbers(lines))
    drop = _furniture_indexes(lines, len(pages) if has_pages else 1)
    kept = pipe_flat_tables(join_lone_marks(row_cell_lines([ln for i, ln in enumerate(lines) if i not in drop])))
    plain = [ln.text for ln in kept if ln.text and not ln.text.startswith("\t")]
    wrap = _wrap_width(plain)
    en_wrap = _english_wrap_width(plain)

    out: list[str] = []
    page_starts: list[int] = []
    length = 0
    seen_pages: set[int] = set()
    last_text = ""  # last non-blank line emitted (its content, for join decisions)
    pending_blank = False
    for ln in kept:
        if not ln.text.strip():
            if out:
                pending_blank = True
            continue
        # the first line is the title: the text under it never goes on from it ("… Vehicle Plan (Public Draft)")
        join = _joiner(last_text, ln.text, wrap, en_wrap, pending_blank) if out and not (len(out) == 1 and ln.text[:1].isupper()) \
            else None
        if join is not None:
            if join == "-":
                out[-1] = out[-1][:-1]
                length -= 1
                piece = ln.text
            else:
                piece = join + ln.text
            last_text = ln.text
        else:
            sep = "\n\n" if pending_blank and (ln.text.startswith("\t") or last_text.startswith("\t")) else "\n"
            piece = (sep if out else "") + ln.text
            last_text = ln.text
        pending_blank = False
        if ln.page not in seen_pages:
            seen_pages.add(ln.page)
            page_starts.append(length + (len(piece) - len(ln.text)))
        out.append(piece)
        length += len(piece)
    text = "".join(out)
    if not has_pages:
        return CanonicalText(text=text, page_starts=[])
    # pages with no text of their own start where the next text begins
    starts: list[int] = []
    it = iter(sorted(seen_pages))
    page_first = dict(zip(it, page_starts, strict=True))
    nxt = len(text)
    for p in range(len(pages), 0, -1):
        nxt = page_first.get(p, nxt)
        starts.append(nxt)
    starts.reverse()
    return CanonicalText(text=text, page_starts=starts)
