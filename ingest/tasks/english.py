"""Task records of English documents: directive sentences, chapeau items and responsibility tables.

`with_english_tasks(doc, tasks)` is what `extract.py` calls: for an English document it returns
the general readers' tasks that come from labelled fields ("Lead agency: …; Deadline: …") or task
tables, plus the tasks read here (`en_prose.py`, `en_tables.py`) that overlap none of them; other
documents pass through unchanged.

Units keep their names as written; `normalized` drops a leading "the", spells out acronyms the
document defines ("the Administrator of the EPA" and "the Administrator of the Environmental
Protection Agency (EPA)" are one unit), and follows the document's definitions (`The term
"Secretary" means the Secretary of Energy` makes "the Secretary" the Secretary of Energy).
"""

from __future__ import annotations

import hashlib
import re

from ingest.facts import ANNOUNCEMENT, ANNOUNCEMENT_OPENING, subject_title
from ingest.models import Citation, ParsedDocument, Task, Unit, page_at
from ingest.tasks.en_outline import outline
from ingest.tasks.en_prose import EnDraft, prose_drafts
from ingest.tasks.en_tables import table_drafts
from ingest.tasks.fields import labelled_fields

_ACRONYM_DEF = re.compile(r"\((?P<abbr>[A-Z][A-Za-z&]{1,9})\)")
_TERM_DEF = re.compile(r"(?:[Tt]he\s+term\s+)?[“\"](?P<term>[A-Z][^”\"]{1,60})[”\"]\s+means\s+(?P<what>the\s+[^.;,]{3,80})")
# "the Secretary of Energy (the “Secretary”)", "the Assistant … and Director of the Council (Director of the Council)"
_PROPER = r"(?:[A-Z][\w’'&\-]*|of|for|and|the|on|to|&)"
_SHORT_DEF = re.compile(rf"(?P<full>\b[Tt]he\s+[A-Z][\w’'&\-]*(?:\s+{_PROPER}){{0,16}}?)\s+"
                        r"\((?:the\s+)?[“\"]?(?P<short>[A-Z][\w’' ]{2,60}?)[”\"]?\)")
_NAME_WORD = re.compile(r"[\w’'\-&.]+")



def with_english_tasks(doc: ParsedDocument, tasks: list[Task]) -> list[Task]:
    """English documents: the general readers' labelled-field and table tasks, then the tasks read here
    that none of them covers (explicit "Lead agency: …; Deadline: …" fields say more than the sentence)."""
    if doc.lang != "en":
        return tasks
    rows = {b.start for b in doc.blocks if b.kind == "table_row"}
    kept = [t for t in tasks if labelled_fields(t.text) or t.citation.start in rows]
    spans = [(t.citation.start, t.citation.end) for t in kept]
    mine = [t for t in english_tasks(doc)
            if not any(t.citation.start < e and s < t.citation.end for s, e in spans)]
    return sorted(kept + mine, key=lambda t: t.citation.start)


def english_tasks(doc: ParsedDocument) -> list[Task]:
    """Every task of an English document read by the English rules, in text order."""
    text = _BOLD_SECTION.sub(lambda m: f"  {m.group(1)}  ", read_capitals(doc.text))
    paras = outline(text)
    day = _iso_day(doc.meta.date)
    announces = bool(ANNOUNCEMENT.search(doc.text[:ANNOUNCEMENT_OPENING])) or _order_letter(doc.text)
    drafts = prose_drafts(text, paras, day, commitments=announces) + table_drafts(doc, paras)
    names = Names(doc.text)
    return [_task(doc, d, names) for d in sorted(drafts, key=lambda d: d.start)]


_SALUTATION = re.compile(r"(?im)^\W*(?:sir|madam|sir\s*/\s*madam|dear\s+sir)\W*$")
_LETTER_HEAD = 3000


def _order_letter(text: str) -> bool:
    """A government order set as a letter ("From, … To, … Subject: … Sir,"): it states its directions with "will"
    ("The Developer will complete the works within two years")."""
    head = text[:_LETTER_HEAD]
    return bool(_SALUTATION.search(head)) and subject_title(head.split("\n")) is not None


# "**Section 12. Water Boards** – The Authority shall …": a section's bold marks, read as blanks (offsets kept)
_BOLD_SECTION = re.compile(r"(?m)^\*\*((?:Section|Sec\.|SECTION|Article|ARTICLE|§)\s[^*\n]*)\*\*")
_SENTENCE_START = re.compile(r"(?:^|(?<=[.:]\s))\s*[a-z]")
_CAPITALS_LINE = re.compile(r"^[^a-z]*[A-Z]{3}[^a-z]*$")
_CAPITAL_DUTY = re.compile(r"\b(?:SHALL|MUST|(?:IS|ARE)\s+(?:HEREBY\s+)?DIRECTED)\b")


def read_capitals(text: str) -> str:
    """`text` with runs of lines set wholly in capitals that state a duty in lower case: a bill prints its new
    matter so ("THE COMMISSIONER SHALL SUBMIT A REPORT …"), and duties are read in the case prose is written in.
    The length is kept, so every offset still points into the document as written (citations quote it)."""
    lines = text.split("\n")
    out = list(lines)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _CAPITALS_LINE.match(lines[j]):
            j += 1
        if j > i and any(_CAPITAL_DUTY.search(lines[k]) for k in range(i, j)):
            for k in range(i, j):  # sentence case: "5. Reporting. The commissioner shall submit …"
                out[k] = _SENTENCE_START.sub(lambda m: m.group(0).upper(), lines[k].lower())
        i = max(j, i + 1)
    return "\n".join(out)


def _iso_day(date: str | None) -> str | None:
    """The document's date when it names a day (relative limits need one)."""
    return date if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None


class Names:
    """The document's own spellings: acronyms it defines and terms it defines as a unit."""

    def __init__(self, text: str) -> None:
        self.acronyms: dict[str, str] = {}
        for m in _ACRONYM_DEF.finditer(text):
            full = _expansion(text[max(0, m.start() - 160):m.start()], m.group("abbr"))
            if full and m.group("abbr") not in self.acronyms:
                self.acronyms[m.group("abbr")] = full
        self.terms = {m.group("short").lower(): m.group("full").strip() for m in _SHORT_DEF.finditer(text)
                      if _shortens(m.group("short"), m.group("full"))}
        self.terms.update((m.group("term").lower(), m.group("what").strip()) for m in _TERM_DEF.finditer(text))
        keys = "|".join(re.escape(a) for a in sorted(self.acronyms, key=len, reverse=True))
        self._pattern = re.compile(rf"\b(?:[Tt]he\s+)?({keys})\b") if keys else None

    def normalize(self, name: str) -> str:
        """The comparable form of a unit name (see the module doc)."""
        n = " ".join(name.split())
        n = re.sub(r"\s*\((?:[A-Z][A-Za-z&]{1,9})\)", "", n)
        defined = self.terms.get(re.sub(r"^the\s+", "", n, flags=re.I).lower())
        if defined:
            n = defined
        if self._pattern:
            n = self._pattern.sub(lambda m: self.acronyms[m.group(1)], n)
        return re.sub(r"^(?:the\s+)+", "", n, flags=re.I).strip()


def _shortens(short: str, full: str) -> bool:
    """Is `short` a short form of `full` (its last word in it, fewer words), not an acronym?"""
    words = short.split()
    return not short.isupper() and words[-1].lower() in full.lower().split() and len(words) < len(full.split())


def _expansion(before: str, abbr: str) -> str | None:
    """The name before "(ABBR)": the shortest run of words whose initials spell it ("Office of Management and
    Budget (OMB)"), extended over capitalised words right before it ("United States … Finance Corporation (DFC)")."""
    words = _NAME_WORD.findall(before)
    for k in range(1, min(len(words), 12) + 1):
        phrase = words[-k:]
        caps = "".join(w[0] for w in phrase if w[0].isupper())
        every = "".join(w[0] for w in phrase)
        if abbr.upper() in (caps.upper(), every.upper()) and phrase[0][0].isupper():
            while k < len(words) and words[-k - 1][:1].isupper() and words[-k - 1].lower() != "the":
                k += 1
            article = "the " if len(words) > k and words[-k - 1].lower() == "the" else ""
            return article + " ".join(words[-k:])
    return None


def _task(doc: ParsedDocument, d: EnDraft, names: Names) -> Task:
    """A draft as a `Task` with its citation and normalised units."""
    units: list[Unit] = []
    for n, r in d.units:  # one unit per normalised name: "NGED" beside "National Grid … (NGED)"
        norm = names.normalize(n)
        if all(norm.lower() != u.normalized.lower() for u in units):
            units.append(Unit(name=n, normalized=norm, role=r))
    task_id = hashlib.sha256(f"{doc.doc_id}:{d.start}:{d.end}".encode()).hexdigest()[:16]
    page = page_at(doc.page_starts, d.start) if doc.page_starts else None
    cite = Citation(doc_id=doc.doc_id, source=doc.source, section=d.section, page=page, start=d.start, end=d.end,
                    quote=doc.text[d.start:d.end])
    return Task(task_id=task_id, doc_id=doc.doc_id, source=doc.source, number=d.number, section=d.section,
                title=d.title, text=cite.quote, units=units, deadlines=d.deadlines,
                ongoing=any(x.kind == "ongoing" for x in d.deadlines), citation=cite)
