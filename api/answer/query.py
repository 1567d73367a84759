"""The question, read once: one typed `Query` every later step reads instead of the raw string.

Answering checks the evidence against what the question pins down (place, year, indicator,
table, role, unit, document); if each step re-read the question its own way, a detail could
be honoured in one step and ignored in the next. So the question is parsed here, once:

- **intent** and whether it wants a list (`classify`);
- **places** (jieba's place tag or an administrative suffix; for English questions the
  Chinese names their words translate to), **years** the question asks about (a year inside
  a quoted title or dating a document, "the May 2025 order", is the document's, not the
  question's), **tables** (附表2, 专栏1, Table 1) and **item numbers** (第3项, measure No. 7);
- **titles** quoted in 《》 and **roles** asked for (lead, participants, both, or a role
  phrase such as 组织协调);
- **terms**: the content words' bigrams and English stems, with the Chinese translation
  of an English question (`index.bilingual`) so records written in Chinese can be matched.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from api.answer.classify import QuestionKind, classify
from api.answer.grounding import place_names
from api.answer.lexical import CJK_RUN, terms
from index.bilingual import english_to_chinese, names_by_pinyin, proper_name_pairs
from index.store import Store
from ingest.read.script import to_simplified
from ingest.recognise.periods import five_year_periods
from ingest.recognise.quantities import find_quantities

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_TITLE = re.compile(r"《([^》]{2,80})》")
_CAPTION = re.compile(r"(附表|专栏|表|图)\s*(\d+)|\b(table|box|annex)\s*(\d+)", re.I)
_NUMBER_REF = re.compile(r"(?:\bNo\.?|\bnumber|\bmeasure|\bitem|\btask|\baction|\bmilestone|第)\s*"
                         r"(\d{1,3}(?:\.\d{1,2})?)(?![\d.])\s*(?:项|条|号)?", re.I)
# a year that dates a document ("the May 2025 order", "2021 Action Plan"), not what is asked
_DOC_YEAR = re.compile(r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
                       r"December)\s+((?:19|20)\d\d)\s+(?:order|executive order|plan|policy|strategy|report|act)\b|"
                       r"\b((?:19|20)\d\d)\s+(?:action plan|order|executive order|strategy|report)\b|"
                       r"\b(?:order|act|law|directive|resolution|decree)\s+(?:No\.?\s*)?\d+\s+of\s+((?:19|20)\d\d)\b)", re.I)
# "重庆市水土保持“十四五”规划附表1中…": the period names a plan (规划, 计划, 纲要), not the year asked about
_PLAN_PERIOD = re.compile(r"[“\"']?[十二]?[十一二三四五六七八九]五[”\"']?(?=(?:(?![期末间内])[\u4e00-\u9fff]){0,6}?(?:规划|计划|纲要)(?!期))")
_LEAD = re.compile(r"牵头|主责|主办|\blead(?:s|ing)?\b|\bchairs?\b|\bco-?chairs?\b", re.I)
_PARTICIPANT = re.compile(r"参与|配合|协助|协同|协办|\bparticipat|\bassist|\bsupport(?:s|ing)?\b|"
                          r"\bcoordinat\w* with\b|\bcooperat|\bin consultation with\b|\bvice[- ]chair|"
                          r"\bconsult(?:s|ed|ing)?\b|\bwith whom\b|\bwho else\b", re.I)
_RELATIVE_CLAUSE = re.compile(r"\b(?:that|which)\s+(?:assists?|supports?|helps?|leads?)\b[^,?;]*"
                              # "Who will support improved capability …": the measure's own verb, its actor asked
                              r"|\bwho\s+(?:will|shall|must|is\s+to|are\s+to|would)\s+(?:support|assist)\b", re.I)
SPECIFIC_ROLES = ("组织协调", "技术牵头", "承担", "配合", "协助", "协调")


_FILTER_BEFORE = re.compile(r"(?:高于|低于|大于|小于|多于|少于|超过|不到|above|below|than|over|under|exceeding)\s*$", re.I)


def _stated_figures(text: str) -> frozenset[tuple[float, str]]:
    """The levels a question states ("reach 100 per cent", "cut emissions by 60%"), not the bounds it filters by
    ("高于50%", "more than 40%")."""
    return frozenset((f.value, f.unit) for f in find_quantities(text, 0, len(text))
                     if f.unit and f.comparator == "=" and not _FILTER_BEFORE.search(text[max(0, f.start - 12):f.start]))


@dataclass(frozen=True)
class Query:
    """Everything answering needs to know about one question."""

    text: str
    kind: QuestionKind
    terms: frozenset[str]
    places: tuple[str, ...] = ()
    years: frozenset[int] = frozenset()
    doc_years: frozenset[int] = frozenset()
    titles: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()
    numbers: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()  # "lead", "participant" and/or specific role phrases
    translated: tuple[str, ...] = ()  # Chinese words an English question translates to
    parts: tuple[str, ...] = field(default=())  # sub-questions ("一共多少？其中新建几个？")
    zh_terms: frozenset[str] = frozenset()  # terms of the translation (English questions)
    spelled: tuple[tuple[str, str], ...] = ()  # (a place's Chinese name, the English word of the question)
    asked: str = ""  # the question as the user wrote it (answers echo it; `text` is normalised)
    figures: frozenset[tuple[float, str]] = frozenset()  # figures the question states ("reach 100 per cent")

    def terms_for(self, text: str, document: str = "") -> frozenset[str]:
        """The question's terms to look for in `text`: the Chinese translation's for Chinese text
        and an English question; without the words of the `document` line (the title a question
        names picks the document, it says nothing about which sentence answers)."""
        base = self.zh_terms if self.lang == "en" and CJK_RUN.search(text) and self.zh_terms else self.terms
        if document:
            reduced = base - terms(document)
            return reduced if reduced else base
        return base

    @property
    def lang(self) -> str:
        return self.kind.lang

    @property
    def intent(self) -> str:
        return self.kind.type

    @property
    def matching_text(self) -> str:
        """The question with its Chinese translation: what records written in Chinese are matched on."""
        return f"{self.text} {' '.join(self.translated)}".strip()

    @property
    def asks_lead_only(self) -> bool:
        return "lead" in self.roles and "participant" not in self.roles

    @property
    def asks_participants_only(self) -> bool:
        return "participant" in self.roles and "lead" not in self.roles


def normalise(question: str) -> str:
    """Width, spacing and script: a question in Traditional characters is read with the simplified rules."""
    return to_simplified(" ".join(unicodedata.normalize("NFKC", question).split()))


def years_of(text: str) -> set[int]:
    """4-digit years, and five-year-plan periods by their last year (十四五 -> 2025)."""
    years = {int(y) for y in _YEAR.findall(text)}
    years.update(end for _, end in five_year_periods(text))
    return years


def caption_refs(text: str) -> tuple[str, ...]:
    """Tables and boxes named ("附表2", "专栏1", "Table 1" -> "表1"), spaces removed."""
    out = []
    for m in _CAPTION.finditer(text):
        if m.group(1):
            out.append(f"{m.group(1)}{m.group(2)}")
        else:
            out.append(f"{'专栏' if m.group(3).lower() == 'box' else '表'}{m.group(4)}")
    return tuple(dict.fromkeys(out))


def number_refs(text: str) -> frozenset[str]:
    """Item numbers the question points at: "measure (No. 28)", "第28项", "milestone 8.1"."""
    return frozenset(m.group(1) for m in _NUMBER_REF.finditer(text) if not _YEAR.fullmatch(m.group(1)))


def roles_asked(text: str) -> frozenset[str]:
    """The roles a question asks about: lead, participant (both for "谁牵头，谁参与"), role phrases."""
    roles = {p for p in SPECIFIC_ROLES if p in text}
    text = _RELATIVE_CLAUSE.sub(" ", text)  # "the team that assists applicants": what the team does, not the role asked
    if _LEAD.search(text):
        roles.add("lead")
    if _PARTICIPANT.search(text):
        roles.add("participant")
        if re.search(r"负责|responsible|\bwho\b(?:(?!\bwith\b).)*\b(?:and|,)\b", text, re.I):
            roles.add("lead")  # "哪些单位负责、哪些参与", "Who writes the report, and in coordination with whom?"
    return frozenset(roles)


def _split_years(text: str, titles: tuple[str, ...]) -> tuple[set[int], set[int]]:
    """(years asked about, years dating a document named)."""
    doc_years = {int(y) for t in titles for y in _YEAR.findall(t)}
    for m in _DOC_YEAR.finditer(text):
        doc_years.add(int(m.group(1) or m.group(2) or m.group(3)))  # "Executive Order No. 30 of 2023"
    body = _PLAN_PERIOD.sub(" ", _TITLE.sub(" ", _DOC_YEAR.sub(" ", text)))
    return years_of(body), doc_years


@lru_cache(maxsize=8)
def _corpus_names(store_path: str, generation: int) -> dict[str, list[str]]:
    """{pinyin: names} of the places and units the store's records name (English -> Chinese names)."""
    st = Store(Path(store_path))
    try:
        names: set[str] = set()
        for t in st.targets():
            names.update(n for n in (t.scope, t.scope_normalized) if n)
        for task in st.tasks():
            names.update(u.normalized or u.name for u in task.units)
        for d in st.documents():
            info = st.document_info(d["doc_id"])
            if info and info["meta"].region:
                names.add(info["meta"].region)
        return names_by_pinyin(names)
    finally:
        st.close()


def parse_question(question: str, store: Store | None = None) -> Query:
    """The typed query of `question` (see the module docstring); `store` lends the corpus' names
    to the translation of English questions."""
    text = normalise(question)
    kind = classify(text)
    titles = tuple(m.group(1) for m in _TITLE.finditer(text))
    years, doc_years = _split_years(text, titles)
    translated: tuple[str, ...] = ()
    spelled: tuple[tuple[str, str], ...] = ()
    places = place_names(text)
    if kind.lang == "en":
        names = _corpus_names(str(store.path), store.generation()) if store is not None else {}
        translated = tuple(english_to_chinese(text, names))
        pairs = proper_name_pairs(text, names)
        places = [*places, *dict.fromkeys(zh for zh, _ in pairs)]
        spelled = tuple(dict.fromkeys(pairs))
    parts = tuple(p for p in re.split(r"[？?;；]", text) if len(p.strip()) >= 4)
    own = {str(y) for y in doc_years}  # "Executive Order No. 30 of 2023": its year picks the document, no sentence
    return Query(text=text, kind=kind, terms=frozenset(terms(text, question=True)) - own,
                 zh_terms=frozenset(terms(" ".join(translated))),
                 places=tuple(dict.fromkeys(places)), years=frozenset(years), doc_years=frozenset(doc_years),
                 titles=titles, tables=caption_refs(text), numbers=number_refs(text), roles=roles_asked(text),
                 translated=translated, parts=parts if len(parts) > 1 else (), asked=question, spelled=spelled,
                 figures=_stated_figures(text))

