"""Load a file's bytes into pages of raw text, one loader per format.

Each loader returns a list of page strings (one element for formats without pages) and
raises `IngestError` naming the file when it cannot. Nothing here cleans text: that is
`clean.py`'s job, so every loader's output goes through the same repairs.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import IngestError, UnsupportedFormatError

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
    title: str | None = None  # a title the format itself carries (HTML <title>, DOCX core title)


def decode_text(data: bytes, name: str) -> str:
    """Decode text bytes: BOM first, then strict UTF-8, then charset-normalizer's best guess.

    GB18030 is tried before giving up because it is a superset of GBK and GB2312 and
    short Chinese files defeat statistical detectors. A file that decodes to mostly
    control characters is binary in disguise and fails.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(enc), name)
    if b"\x00" in data[:4096] and _looks_utf16(data):
        return _checked(data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"), name)
    try:
        return _checked(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    try:
        return _checked(data.decode("gb18030"), name)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise IngestError(name, "cannot detect the text encoding (not UTF-8, UTF-16 or GB18030)")
    return _checked(str(best), name)


def _looks_utf16(data: bytes) -> bool:
    head = data[:4096]
    zeros_even = head[0::2].count(0)
    zeros_odd = head[1::2].count(0)
    return max(zeros_even, zeros_odd) > len(head) // 8


def _checked(text: str, name: str) -> str:
    if not text.strip():
        return text
    sample = text[:20000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
    if bad > max(8, len(sample) // 50):
        raise IngestError(name, "looks like a binary file, not text (too many control characters)")
    return text


def load_text(data: bytes, name: str) -> LoadedFile:
    return LoadedFile(pages=[decode_text(data, name)], has_pages=False)


def load_pdf(data: bytes, name: str) -> LoadedFile:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

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
        pages = [(page.extract_text() or "") for page in reader.pages]
        title = None
        if reader.metadata is not None and reader.metadata.title:
            title = str(reader.metadata.title).strip() or None
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError,
            RecursionError, AssertionError, ZeroDivisionError) as exc:
        raise IngestError(name, f"the PDF is damaged or truncated ({type(exc).__name__}: {str(exc)[:120]})") from exc
    if not pages:
        raise IngestError(name, "the PDF has no pages")
    return LoadedFile(pages=pages, has_pages=True, title=title)


def load_docx(data: bytes, name: str) -> LoadedFile:
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise IngestError(name, f"not a readable DOCX file ({type(exc).__name__})") from exc
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            lines.extend(_docx_table_lines(child))
    title = (document.core_properties.title or "").strip() or None
    return LoadedFile(pages=["\n".join(lines)], has_pages=False, title=title)


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
        if not row.tag.endswith("}tr"):
            continue
        cells = []
        for cell in row.iter():
            if cell.tag.endswith("}tc"):
                cells.append("".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t")).strip())
        lines.append(cells)
    return table_lines(lines)


def load_html(data: bytes, name: str) -> LoadedFile:
    from bs4 import BeautifulSoup

    text = decode_text(data, name)
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    title = soup.title.get_text(strip=True) if soup.title else None
    for row in soup.find_all("tr"):
        cells = [c.get_text(" ", strip=True) for c in row.find_all(["td", "th"])]
        row.replace_with(soup.new_string("\n".join(table_lines([cells]))))
    for br in soup.find_all("br"):
        br.replace_with("\n")
    blocks = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table", "tr")
    for tag in soup.find_all(blocks):
        tag.insert_before("\n")
        tag.insert_after("\n")
    return LoadedFile(pages=[soup.get_text()], has_pages=False, title=title or None)


LOADERS: dict[str, Callable[[bytes, str], LoadedFile]] = {
    ".pdf": load_pdf,
    ".txt": load_text,
    ".md": load_text,
    ".docx": load_docx,
    ".html": load_html,
    ".htm": load_html,
}


def load_file(path: Path, data: bytes | None = None) -> LoadedFile:
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
    loaded = loader(data, name)
    if not any(p.strip() for p in loaded.pages):
        what = "no extractable text (a scanned PDF needs OCR first)" if suffix == ".pdf" else "no text"
        raise IngestError(name, f"the file has {what}")
    return loaded
