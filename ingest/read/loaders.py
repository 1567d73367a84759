"""Load a file's bytes into pages of raw text, one loader per format.

Each loader returns a list of page strings (one element for formats without pages) and
raises `IngestError` naming the file when it cannot. Nothing here cleans text: that is
`clean.py`'s job, so every loader's output goes through the same repairs.

Every loader is linear in its input and checks the budgets of `budgets.py` before the
expensive step: a PDF's page tree is walked (each node once) before pypdf flattens it, a
DOCX's parts are measured before they are inflated, an HTML page's nesting and cells are
counted before its text is gathered (tests/system/test_pathological.py times 1x and 8x).
"""

from __future__ import annotations

import html
import io
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from ingest.errors import IngestError, UnsupportedFormatError
from ingest.read.budgets import DEFAULT_BUDGETS, Budgets, over

SUPPORTED_SUFFIXES = (".pdf", ".txt", ".md", ".docx", ".html", ".htm")

# Byte-order marks decide the encoding outright; charset detection only runs without one.
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


@dataclass
class LoadedFile:
    pages: list[str]
    has_pages: bool  # PDFs have real pages; other formats are one "page" without a number
    title: str | None = None  # a title the format itself carries (HTML <title>, DOCX core title, front matter)
    date: str | None = None  # a date the format carries (a Markdown file's front matter: date, date_signed)
    issuer: str | None = None  # who issued it, when the front matter says (发布单位, issuer, publisher)


def decode_text(data: bytes, name: str) -> str:
    """Decode text bytes: BOM first, then strict UTF-8, then charset-normalizer's best guess.

    GB18030 is tried before giving up because it is a superset of GBK and GB2312 and
    short Chinese files defeat statistical detectors. A file that decodes to mostly
    control characters is binary in disguise and fails. A file whose byte-order mark
    promises an encoding its bytes then break (a truncated UTF-16 file) keeps its
    encoding, with U+FFFD for the broken characters, unless too many are broken.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _checked(_decode_declared(data, enc), name)
    if b"\x00" in data[:4096] and _looks_utf16(data):
        return _checked(_decode_declared(data, "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"), name)
    try:
        return _checked(data.decode("utf-8"), name, exact=True)
    except UnicodeDecodeError:
        pass
    try:
        return _checked(data.decode("gb18030"), name, exact=True)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise IngestError(name, "cannot detect the text encoding (not UTF-8, UTF-16 or GB18030)")
    return _checked(str(best), name)


def _decode_declared(data: bytes, encoding: str) -> str:
    """Bytes in an encoding the file itself declares; broken characters become U+FFFD (counted by `_checked`)."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return data.decode(encoding, errors="replace")


def _looks_utf16(data: bytes) -> bool:
    head = data[:4096]
    zeros_even = head[0::2].count(0)
    zeros_odd = head[1::2].count(0)
    return max(zeros_even, zeros_odd) > len(head) // 8


def _checked(text: str, name: str, exact: bool = False) -> str:
    """`text`, unless it is binary in disguise.

    Any control character (or U+FFFD) beyond 2% marks a guessed decoding as binary. A strict
    UTF-8 or GB18030 decoding (`exact`) is not a guess - random bytes almost never decode
    strictly - so its text may be full of control characters (Word's \\x07 and \\x0b, terminal
    escapes), which cleaning removes; it is binary only when it holds NUL bytes or is mostly
    control characters."""
    if not text.strip():
        return text
    sample = text[:20000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
    if exact:
        binary = sample.count("\x00") > max(8, len(sample) // 1000) or bad > len(sample) // 2
    else:
        binary = bad > max(8, len(sample) // 50)
    if binary:
        raise IngestError(name, "looks like a binary file, not text (too many control characters)")
    return text


def load_text(data: bytes, name: str, budgets: Budgets = DEFAULT_BUDGETS) -> LoadedFile:
    text = decode_text(data, name)
    if name.lower().endswith(".md") and _ENTITY.search(text):
        text = html.unescape(text)  # Markdown shows "&pound;1m" as "£1m": read what the reader sees
    if len(list(islice(_INLINE_TAG.finditer(text), MIN_INLINE_TAGS))) >= MIN_INLINE_TAGS:
        text = _without_tags(text)
    fields, body = front_matter(text)
    if fields is None:
        return LoadedFile(pages=[text], has_pages=False)
    title = fields.get("title")
    date = next((str(v)[:10] for k in _DATE_KEYS if (v := fields.get(k)) and _ISO_DATE.match(str(v))), None)
    issuer = next((str(v).strip() for k in _ISSUER_KEYS if (v := fields.get(k)) and isinstance(v, str)), None)
    return LoadedFile(pages=[body], has_pages=False,
                      title=_plain_title(title) if isinstance(title, str) else None, date=date, issuer=issuer)


# HTML a text or Markdown file carries inline ("<span style=…>Sec. 4. Reports.</span>", "<h3 id=…>"): markup a reader
# never sees; a block element's tag ends a line, an inline one leaves nothing (only whitespace changes)
_INLINE_TAG = re.compile(r"</?(?P<tag>span|div|p|br|h[1-6]|a|b|i|u|em|strong|sup|sub|font|table|tbody|thead|tr|td|th|ul|"
                         r"ol|li|img|hr|section|article|blockquote|center|small|big|abbr|cite|code|pre|nav|header|footer)"
                         r"(?:\s[^<>]{0,400})?/?>", re.I)
_BLOCK_TAGS = frozenset("div p br h1 h2 h3 h4 h5 h6 table tbody thead tr td th ul ol li hr section article blockquote "
                        "center pre nav header footer".split())
MIN_INLINE_TAGS = 2


def _without_tags(text: str) -> str:
    """The text without its tags; a block tag ends a line. A table line ("| a<br>b |") stays as written: its
    "<br>" is where the cell's lines part, which the table readers take as such."""
    def line(ln: str) -> str:
        return _INLINE_TAG.sub(lambda m: "\n" if m.group("tag").lower() in _BLOCK_TAGS else "", ln)
    return "\n".join(line(ln) if "<" in ln and ln.count("|") < 2 else ln for ln in text.split("\n"))


_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_DATE_KEYS = ("date", "date_signed", "signed", "issued", "date_issued", "published", "date_published")
_ISO_DATE = re.compile(r"(?:19|20)\d{2}-\d{2}-\d{2}")
_ISSUER_KEYS = ("发布单位", "发文机关", "发布机构", "发文单位", "issuer", "publisher", "issued_by", "agency")


def front_matter(text: str) -> tuple[dict[str, object] | None, str]:
    """The YAML front matter of a Markdown or text file (Jekyll, Hugo, a scraper's record) and the text after it.

    Its "layout: default" or "eo_id: …" lines are no part of the document and no title; its title and date
    are the document's. A leading "---" that opens no mapping (a rule, a table) leaves the text as it is."""
    m = _FRONT_MATTER.match(text[:20000])
    if not m:
        return None, text
    import yaml  # here: only a file with front matter pays for it

    try:
        fields = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return None, text
    if not isinstance(fields, dict) or not fields:
        return None, text
    return {str(k): v for k, v in fields.items()}, text[m.end():]


def load_pdf(data: bytes, name: str, budgets: Budgets = DEFAULT_BUDGETS) -> LoadedFile:
    """Pages of a PDF. pypdf on a damaged or hostile file can raise almost anything (its own
    errors, NotImplementedError for unknown filters, RecursionError...), so every exception
    becomes an `IngestError` naming the file: one bad PDF fails alone, never the process.
    The page tree is checked first (`_check_page_tree`)."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception as exc:
                raise IngestError(name, "the PDF is encrypted and cannot be opened without a password") from exc
            if not ok:
                raise IngestError(name, "the PDF is encrypted and cannot be opened without a password")
        _check_page_tree(reader, name, budgets)
        pages = [(page.extract_text() or "") for page in reader.pages]
        title = None
        if reader.metadata is not None and reader.metadata.title:
            title = _plain_title(str(reader.metadata.title))
    except IngestError:
        raise
    except Exception as exc:
        raise IngestError(name, f"the PDF is damaged or truncated ({type(exc).__name__}: {str(exc)[:120]})") from exc
    if not pages:
        raise IngestError(name, "the PDF has no pages")
    return LoadedFile(pages=pages, has_pages=True, title=title)


def _check_page_tree(reader: object, name: str, budgets: Budgets) -> None:
    """Walk the page tree once per node, before pypdf flattens it: a node reached twice (a tree
    that reuses a node 100 x 100 times lists 10,000 pages in 3 KB) or more pages than the
    budget is refused. Iterative, so a deep tree cannot exhaust the stack."""
    from pypdf.generic import IndirectObject

    root = reader.trailer["/Root"]["/Pages"]  # type: ignore[attr-defined]
    stack = [root]
    seen: set[tuple[int, int]] = set()
    pages = 0
    while stack:
        ref = stack.pop()
        if isinstance(ref, IndirectObject):
            key = (ref.idnum, ref.generation)
            if key in seen:
                raise IngestError(name, f"the PDF's page tree lists object {ref.idnum} more than once "
                                        "(a page-tree bomb); refused")
            seen.add(key)
        node = ref.get_object()
        kids = node.get("/Kids") if hasattr(node, "get") else None
        if kids is None:
            pages += 1
            if pages > budgets.pages:
                raise over(name, "the number of pages", pages, budgets.pages, "POLICYKB_MAX_PAGES")
            continue
        stack.extend(reversed(list(kids.get_object())))
        if len(stack) + pages > budgets.pages + 1:
            raise over(name, "the number of pages", len(stack) + pages, budgets.pages, "POLICYKB_MAX_PAGES")


def _plain_title(raw: str) -> str | None:
    """A title from a file's metadata, without control characters or lone surrogates (it is stored as UTF-8)."""
    title = "".join(" " if ch.isspace() else ch for ch in raw
                    if (ch.isprintable() or ch.isspace()) and not 0xD800 <= ord(ch) <= 0xDFFF)
    return " ".join(title.split())[:300] or None


RATIO_FLOOR = 1024 * 1024  # parts smaller than this may compress as well as they like


def _check_zip(data: bytes, name: str, budgets: Budgets) -> None:
    """Refuse a DOCX that would inflate past its budgets (a zip bomb), before python-docx reads it.

    The sizes are those the archive declares; zipfile never inflates a part past its declared
    size, so they bound what reading it costs."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except Exception as exc:  # zipfile raises NotImplementedError, EOFError... on damaged archives
        raise IngestError(name, f"not a readable DOCX file ({type(exc).__name__})") from exc
    total = sum(info.file_size for info in infos)
    if total > budgets.xml_bytes:
        raise over(name, "the DOCX's unpacked size in bytes", total, budgets.xml_bytes, "POLICYKB_MAX_XML_MB")
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > budgets.zip_ratio * max(info.compress_size, 1):
            raise over(name, f"the compression ratio of its part {info.filename}",
                       info.file_size / max(info.compress_size, 1), budgets.zip_ratio, "POLICYKB_MAX_ZIP_RATIO")


def load_docx(data: bytes, name: str, budgets: Budgets = DEFAULT_BUDGETS) -> LoadedFile:
    """Paragraphs and tables of a DOCX. Like PDFs, a damaged archive (bad deflate data, broken
    XML) can raise many kinds of errors; each becomes an `IngestError` naming the file."""
    import docx

    _check_zip(data, name, budgets)
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        body = document.element.body
        for child in body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
            if tag == "p":
                lines.append("".join(t.text or "" for t in child.iter() if _tag_is(t, "t")))
            elif tag == "tbl":
                lines.extend(_docx_table_lines(child))
        title = _plain_title(document.core_properties.title or "")
    except Exception as exc:
        raise IngestError(name, f"not a readable DOCX file ({type(exc).__name__})") from exc
    return LoadedFile(pages=["\n".join(lines)], has_pages=False, title=title)


def _tag_is(element: object, local: str) -> bool:
    """Whether an lxml element's tag is `local` in any namespace (comments and PIs have no string tag)."""
    tag = getattr(element, "tag", None)
    return isinstance(tag, str) and tag.endswith("}" + local)


def table_lines(rows: list[list[str]]) -> list[str]:
    """A table in the shape flattened PDF tables arrive in: one cell per line after a tab,
    a blank line between rows. Structure parsing then treats every format's tables alike."""
    lines: list[str] = [""]
    for cells in rows:
        lines.extend("\t" + " ".join(c.split()) for c in cells)
        lines.append("")
    return lines


def _docx_table_lines(tbl: object) -> list[str]:
    """A DOCX table's rows, flattened like PDF tables."""
    lines: list[list[str]] = []
    for row in tbl.iter():  # type: ignore[attr-defined]
        if not _tag_is(row, "tr"):
            continue
        cells = []
        for cell in row.iter():
            if _tag_is(cell, "tc"):
                cells.append("".join(t.text or "" for t in cell.iter() if _tag_is(t, "t")).strip())
        lines.append(cells)
    return table_lines(lines)


_CELL_TAG = re.compile(r"<t[dh][\s>/]", re.IGNORECASE)
_HTML_SKIP = frozenset(["script", "style", "noscript", "template"])
_HTML_BLOCKS = frozenset(["p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table"])


def load_html(data: bytes, name: str, budgets: Budgets = DEFAULT_BUDGETS) -> LoadedFile:
    """Text of an HTML page: block elements on lines of their own, table rows flattened like PDF tables.

    One iterative walk over the parsed tree, which is never modified: editing it in place
    (insert_before/replace_with look up each element among its siblings) took minutes on a
    page of 20,000 paragraphs, and recursion fails on deeply nested markup."""
    import warnings

    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning

    text = decode_text(data, name)
    cells = len(_CELL_TAG.findall(text))  # an upper bound, counted before the (slow) tree is built
    if cells > budgets.html_cells:
        raise over(name, "the number of HTML table cells", cells, budgets.html_cells, "POLICYKB_MAX_HTML_CELLS")
    for noise in (XMLParsedAsHTMLWarning, MarkupResemblesLocatorWarning):  # any markup is read as HTML, on purpose
        warnings.filterwarnings("ignore", category=noise)
    soup = BeautifulSoup(text, "html.parser")
    _check_html(soup, name, budgets)
    title = _plain_title(soup.title.get_text(strip=True)) if soup.title else None
    return LoadedFile(pages=["".join(_html_pieces(soup))], has_pages=False, title=title)


def _html_pieces(root: object) -> list[str]:
    """The text pieces of `root` in document order (see `load_html`)."""
    from bs4 import NavigableString, Tag
    from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

    out: list[str] = []
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            out.append("\n")
        elif isinstance(node, NavigableString):
            if not isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction)):
                out.append(str(node))
        elif isinstance(node, Tag) and node.name not in _HTML_SKIP:
            if node.name == "br":
                out.append("\n")
            elif node.name == "tr":  # its own cells: a nested table's text is in its cell once, not per level
                cells = [c.get_text(" ", strip=True) for c in node.find_all(["td", "th"], recursive=False)]
                out.append("\n".join(table_lines([cells])))
            else:
                if node.name in _HTML_BLOCKS:
                    out.append("\n")
                    stack.append((node, True))
                stack.extend((child, False) for child in reversed(node.contents))
    return out


def _check_html(root: object, name: str, budgets: Budgets) -> None:
    """Refuse markup nested deeper, or with more table cells, than the budgets allow (one pass)."""
    from bs4 import Tag

    stack: list[tuple[object, int]] = [(root, 0)]
    cells = 0
    while stack:
        node, depth = stack.pop()
        if depth > budgets.html_depth:
            raise over(name, "the nesting depth of its HTML elements", depth, budgets.html_depth,
                       "POLICYKB_MAX_HTML_DEPTH")
        if node.name in ("td", "th"):  # type: ignore[attr-defined]
            cells += 1
            if cells > budgets.html_cells:
                raise over(name, "the number of HTML table cells", cells, budgets.html_cells,
                           "POLICYKB_MAX_HTML_CELLS")
        stack.extend((child, depth + 1) for child in node.contents if isinstance(child, Tag))  # type: ignore[attr-defined]


LOADERS: dict[str, Callable[[bytes, str, Budgets], LoadedFile]] = {
    ".pdf": load_pdf,
    ".txt": load_text,
    ".md": load_text,
    ".docx": load_docx,
    ".html": load_html,
    ".htm": load_html,
}


def load_file(path: Path, data: bytes | None = None, budgets: Budgets = DEFAULT_BUDGETS) -> LoadedFile:
    """Read `path` (or the given bytes, named by `path`) into pages of raw text."""
    name = str(path)
    suffix = path.suffix.lower()
    loader = LOADERS.get(suffix)
    if loader is None:
        raise UnsupportedFormatError(name, f"unsupported file type {suffix or '(none)'}; "
                                           f"supported: {' '.join(SUPPORTED_SUFFIXES)}")
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise IngestError(name, f"cannot read the file ({exc.strerror})") from exc
    if not data:
        raise IngestError(name, "the file is empty (0 bytes)")
    loaded = loader(data, name, budgets)
    if len(loaded.pages) > budgets.pages:
        raise over(name, "the number of pages", len(loaded.pages), budgets.pages, "POLICYKB_MAX_PAGES")
    if not any(p.strip() for p in loaded.pages):
        what = "no extractable text (a scanned PDF needs OCR first)" if suffix == ".pdf" else "no text"
        raise IngestError(name, f"the file has {what}")
    return loaded
