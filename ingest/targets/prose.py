"""Targets stated in sentences: "到2025年，森林覆盖率达到45%以上", "reduce … by 30% by 2030".

Each figure with a unit becomes a record: its indicator from the words before it (or the
thing a classifier counts, or the previous clause), its scope from a place the clause
starts with (else the section's place heading, else the document's region), its kind and
year from the sentence, its heading and the plan period. The citation quotes the clause(s)
the figure is stated in. Rules are about grammar and plan conventions, never a document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.models import ParsedDocument, TargetKind
from ingest.read.sentences import sentence_spans
from ingest.recognise.periods import five_year_period
from ingest.recognise.places import looks_like_place
from ingest.recognise.quantities import COUNT_UNITS, Quantity, find_quantities
from ingest.targets.context import DocContext, heading_context, heading_period
from ingest.targets.found import Found
from ingest.targets.words import (
    PLACE_NOUNS,
    counted_noun,
    has_words,
    leading_place,
    strip_clause,
    verb_tail,
)

_SENTENCE = re.compile(r"[。！？!?]+[”’」』)）\]】]*|\n+")
_CLAUSE = re.compile(r"[，,；;：:]")
_BRACKETED = re.compile(r"《[^》]*》|〔[^〕]*〕|〈[^〉]*〉|\[[^\]]*\]")
TARGET_CUES = re.compile(r"到\s*(?:19|20)\d{2}\s*年|(?:19|20)\d{2}\s*年(?:底)?前|目标|力争|确保|达到|提高到|提升到|"
                         r"提高至|提升至|控制在|不低于|不少于|新增|新建|建设|建成|实施|开展|治理|规划|完成|改造|"
                         r"升级|培育|创建|(?<![主重需纪摘提简必])要(?![求点素闻害])|计划|每年")
BASELINE_CUES = re.compile(r"目前|现有|现状|仍有|截至|截止")
_FUTURE_YEAR = re.compile(r"(?:到|至|截至)\s*((?:19|20)\d{2})\s*年|((?:19|20)\d{2})\s*年(?:底)?前")
_YEAR_BEFORE = re.compile(r"((?:19|20)\d{2})\s*年(?:底|末)?的?\s*$")
_ANY_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_TOTAL_MARK = re.compile(r"共计|总计|合计|共|总共")
_FACILITY_VERB = re.compile(r"提档升级|升级|改造|新建|建设|扩建|迁建|提升")
_LATIN = re.compile(r"[A-Za-z]")
_CHANGE_ONLY = re.compile(r"(?:下降|上升|减少|增加|提高|降低|增长|缩减|扩大)")
_OWN_AREA = re.compile(r"(?:全市|全县|全省|全区|区内)(?=幅员|国土|土地|总面积)")


@dataclass
class _State:
    """What later figures of a sentence inherit from earlier ones."""

    indicator: str = ""
    subject: str = ""  # the last indicator named by a noun phrase (shares and changes refer to it)
    scope: str = ""
    clause_start: int = 0


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Full sentences (to 。！？ or a line break): 其中-lists run across ；."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in _SENTENCE.finditer(text, start, end):
        if text[pos:m.end()].strip():
            out.append((pos, m.end()))
        pos = m.end()
    if text[pos:end].strip():
        out.append((pos, end))
    return out


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses (to ，；：): the unit an indicator and its figure share, and what a citation quotes."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in _CLAUSE.finditer(text, start, end):
        out.append((pos, m.end()))
        pos = m.end()
    if pos < end:
        out.append((pos, end))
    return out


def _trim(text: str, end: int) -> int:
    """A clause's end without its closing punctuation."""
    while end > 0 and text[end - 1] in "，,；;：:。！？!? \n":
        end -= 1
    return end


def _in_brackets(text: str, s0: int, s1: int, q: Quantity) -> bool:
    return any(m.start() + s0 <= q.start < m.end() + s0 for m in _BRACKETED.finditer(text[s0:s1]))


def _keep(text: str, s0: int, s1: int, q: Quantity) -> bool:
    """Not a title/document number, not a count of places (6 个区县)."""
    if _in_brackets(text, s0, s1, q):
        return False
    return not (q.unit in COUNT_UNITS and PLACE_NOUNS.match(text[q.end:q.end + 3]))


def heading_place(section: str) -> str | None:
    """The place a section is about, when its nearest heading is a place name ("(一)东部片区")."""
    parts = [p for p in section.split(" > ") if p]
    if not parts:
        return None
    title = re.sub(r"^(?:第[一二三四五六七八九十\d]+[章节]|[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|"
                   r"\d+[.、])\s*", "", parts[-1]).strip()
    return title if looks_like_place(title) else None


class ProseReader:
    """Reads the figures of one document's paragraphs (and of long table cells)."""

    def __init__(self, doc: ParsedDocument, ctx: DocContext) -> None:
        self.doc, self.ctx, self.text = doc, ctx, doc.text

    def read_blocks(self) -> list[Found]:
        """Figures of every paragraph and list item (table notes excluded: they qualify, not state).

        A document that is not a plan (a paper) reports facts; only the targets it states are kept."""
        out: list[Found] = []
        for b in self.doc.blocks:
            if b.kind in ("paragraph", "list_item") and not (b.kind == "paragraph" and b.table):
                out.extend(self.read_span(b.start, b.end, b.section))
        return out if self.ctx.is_plan else [f for f in out if f.kind == "target"]

    def read_span(self, start: int, end: int, section: str, table: str | None = None,
                  forced: tuple[TargetKind, int | None] | None = None) -> list[Found]:
        """Figures of text[start:end]; `forced` (kind, year) comes from a table column."""
        if len(_LATIN.findall(self.text[start:end])) > len(self.text[start:end]) // 2:
            return self.read_english(start, end, section, table)
        out: list[Found] = []
        for s0, s1 in sentences(self.text, start, end):
            out.extend(self.read_sentence(start, s0, s1, section, table, forced))
        return out

    def read_sentence(self, para: int, s0: int, s1: int, section: str, table: str | None,
                      forced: tuple[TargetKind, int | None] | None) -> list[Found]:
        """Figures of one sentence; later figures inherit indicator and scope from earlier ones."""
        text = self.text
        qs = [q for q in find_quantities(text, s0, s1) if _keep(text, s0, s1, q)]
        cls = clauses(text, s0, s1)
        st = _State(scope=self._default_scope(section), clause_start=s0)
        out: list[Found] = []
        last_end: dict[int, int] = {}
        for q in qs:
            ci = next(i for i, (a, b) in enumerate(cls) if a <= q.start < b)
            c0, c1 = cls[ci]
            pre = text[max(c0, last_end.get(ci, c0)):q.start]
            last_end[ci] = q.end
            ind, scope, from_here = self._indicator(pre, text[q.end:c1], q, st)
            if from_here:
                st.clause_start = c0
                st.scope = scope or self._default_scope(section)
            elif scope:
                st.scope = scope
            kind, year = forced or self._classify(section, para, s0, s1, q, pre)
            out.append(Found(ind, st.scope, q.value, q.unit, q.comparator, year, kind, st.clause_start,
                             _trim(text, c1), section, table))
            st.indicator = ind
        out.extend(self._implicit_parts(qs, cls, out, s0, s1))
        return out

    def _default_scope(self, section: str) -> str:
        """The section's place when its heading names one (区内 refers to it), else the document's."""
        return heading_place(section) or self.ctx.scope

    def _indicator(self, pre: str, post: str, q: Quantity, st: _State) -> tuple[str, str | None, bool]:
        """(indicator, scope if the clause names one, whether the indicator comes from this clause)."""
        place, rest = leading_place(pre, self.ctx.places)
        if (q.unit in COUNT_UNITS or q.unit == "年") and has_words(counted_noun(post)):
            return verb_tail(rest) + counted_noun(post), place, True
        core = strip_clause(rest)
        share = re.match(r"^(?:分别)?占(.*)", core)
        if share and st.subject:
            whole = _OWN_AREA.sub("", share.group(1))
            return f"{st.subject}占{whole}比例", place, False
        if has_words(core) and not _CHANGE_ONLY.fullmatch(core):
            st.subject = core
            return core, place, True
        change = _CHANGE_ONLY.fullmatch(core) or _CHANGE_ONLY.search(rest)
        if change and st.subject:
            level = re.search(r"(?:到|至)", rest[change.end():])  # 提高到X: a level; 减少了X: an amount
            return (st.subject if level else st.subject + change.group(0)), place, False
        if st.indicator:
            return st.indicator, place, False
        return core or pre.strip()[-8:], place, True

    def _classify(self, section: str, para: int, s0: int, s1: int, q: Quantity,
                  pre: str) -> tuple[TargetKind, int | None]:
        ctx, text = self.ctx, self.text
        sentence = text[s0:s1]
        base = ctx.base_year
        m = _YEAR_BEFORE.search(pre)
        if m:
            y = int(m.group(1))
            return ("baseline" if base is None or y <= base else "target"), y
        future = [int(a or b) for a, b in _FUTURE_YEAR.findall(text[s0:q.start])]
        if future and base is not None and future[-1] > base:
            return "target", future[-1]  # 到2030年…达到: a target, whatever section it sits in
        context = heading_context(section)
        if context == "achieved":
            return "achieved", self._achieved_year(section, sentence)
        if context == "baseline" or BASELINE_CUES.search(sentence):
            return "baseline", self._baseline_year(text[para:q.start])
        if ctx.is_plan and TARGET_CUES.search(sentence):
            return "target", self._target_year(section, text[para:q.start], sentence)
        return "baseline", self._baseline_year(text[para:q.start])

    def _target_year(self, section: str, before: str, sentence: str) -> int | None:
        years = [int(a or b) for a, b in _FUTURE_YEAR.findall(before)]
        if years:
            return years[-1]
        period = heading_period(section) or five_year_period(sentence)
        return period[1] if period else self.ctx.end_year

    def _achieved_year(self, section: str, sentence: str) -> int | None:
        period = five_year_period(sentence) or heading_period(section)
        return period[1] if period else self.ctx.base_year

    def _baseline_year(self, before: str) -> int | None:
        base = self.ctx.base_year
        years = [int(y) for y in _ANY_YEAR.findall(before) if base is None or int(y) <= base]
        return years[-1] if years else base

    def _implicit_parts(self, qs: list[Quantity], cls: list[tuple[int, int]], found: list[Found], s0: int,
                        s1: int) -> list[Found]:
        """In "共计建设8个…站，其中…，改造升级X站…" a named facility without a number counts one."""
        text = self.text
        totals = [(q, f) for q, f in zip(qs, found, strict=False)
                  if q.unit in COUNT_UNITS and _TOTAL_MARK.search(text[max(s0, q.start - 8):q.start])]
        if not totals:
            return []
        total_q, total_f = totals[0]
        split = text.find("其中", total_q.end, s1)
        heads = total_f.indicator[-2:]
        out: list[Found] = []
        for c0, c1 in cls:
            clause = text[c0:c1]
            if split < 0 or c0 < split or any(c0 <= q.start < c1 for q in qs):
                continue
            m = re.search(r"[\u4e00-\u9fff]{2,10}?([\u4e00-\u9fff])(?=监测能力|能力|建设|改造|$|[，,；;。])", clause)
            if m and m.group(1) in heads and _FACILITY_VERB.search(clause):
                out.append(Found(clause.strip(" ，,；;。"), total_f.scope, 1.0, total_q.unit, "=", total_f.year,
                                 total_f.kind, c0, _trim(text, c1), total_f.section, total_f.table))
        return out

    def read_english(self, start: int, end: int, section: str, table: str | None) -> list[Found]:
        """English sentences follow their own grammar (verb of change + year): see target_english."""
        from ingest.targets.english import english_targets

        return english_targets(self.text, start, end, section, table, self.ctx,
                               [(s.start, s.end) for s in sentence_spans(self.text, start, end)])
