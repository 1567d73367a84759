"""Answering from target records: the values of the indicator, place, year and table a question asks.

A target is a candidate when its document is among those retrieved; it scores by how much
of the question its indicator, scope, table and sentence share, by the rank of the chunk it
lies in, and by whether its scope, year, table and kind (target / baseline / achieved) are
the ones the question names. Two shapes:

- **one value** (or one per sub-question, one per table named): the best records;
- **many places at once** ("各区县2025年水土保持率目标", "哪些地区的目标高于60%", "each
  district's target"): every record of the best record's indicator, year and kind, one per
  place, filtered by the threshold the question states - a table, one citation per value.
"""

from __future__ import annotations

import re

from api.answer.grounding import segment
from api.answer.lexical import overlap, title_precision
from api.answer.query import Query
from api.answer.tasks import rank_bonus
from index.store import Store
from ingest.models import Hit, Target
from ingest.recognise.places import place_core
from ingest.recognise.quantities import unit_spellings

MIN_TARGET_SCORE = 0.5
MAX_TABLE = 60
_KIND_CUES = {"baseline": re.compile(r"现状|基准|baseline|current", re.I),
              "achieved": re.compile(r"实际完成|完成情况|实现|achieved|actual", re.I),
              "target": re.compile(r"目标|规划目标|到20\d\d|target|aim|plan", re.I)}
_ALL_PLACES = re.compile(r"各(?:区县|区|县|市|州|省|地|地区|城市|省份|乡镇)|哪些(?:地区|区县|区|县|城市|市|省份|省|地方)|"
                         r"\b(?:each|every|all) (?:county|counties|district|districts|city|cities|province|provinces|"
                         r"region|regions|place|places)\b|\bwhich (?:counties|districts|cities|provinces|regions|places)\b",
                         re.I)
_THRESHOLD = re.compile(r"(高于|超过|大于|不低于|低于|小于|不高于|above|over|more than|at least|below|under|less than)\s*"
                        r"(\d+(?:\.\d+)?)", re.I)
_ABOVE = ("高于", "超过", "大于", "不低于", "above", "over", "more than", "at least")


# the measure a "多少个 / 几名 / 多少万元" question asks in; persons are counted in 名, 人 or 位
_ASKED_UNIT = re.compile(r"(?:多少|几)\s*(万元|亿元|元|平方米|公顷|公里|万|亿|个|家|名|人|位|条|座|处|项|户|所|套|次|场|亩|吨)")
PERSONS = ("名", "人", "位")


def unit_fits(asked: str, unit: str) -> bool:
    """Whether a record's unit ("万个", "人", "km") is the one a question asks in ("个", "名", "公里")."""
    bare = re.sub(r"^(?:万亿|万|亿|千|百)(?=.)", "", unit or "")
    if asked in PERSONS:
        return bare in PERSONS
    if asked in ("万", "亿"):
        return (unit or "").startswith(asked)
    return bare in unit_spellings(asked) or (unit or "") in unit_spellings(asked)


def _caption(t: Target) -> str:
    return re.sub(r"\s+", "", t.table or "")


def scope_named(q: Query, t: Target) -> bool:
    """Whether the question names the record's place (by its core: 万州区 ~ 万州)."""
    text = re.sub(r"\s+", "", q.text).lower()  # place cores are compared without spaces ("LakesideCounty")
    for scope in (t.scope, t.scope_normalized):
        core = place_core(scope or "")
        if len(core) >= 2 and (core.lower() in text or any(core in p or p in scope for p in q.places)):
            return True
    return False


def target_score(q: Query, t: Target, hits: list[Hit], document: str = "", clause: str = "") -> float:
    """How well a record answers the question (see the module docstring); `clause`: the text's clause around the
    record's figure, which tells apart two values of one sentence."""
    c = t.citation
    text = f"{t.indicator} {t.scope} {t.table or ''} {c.quote}"
    terms = set(q.terms_for(text, document))
    # the indicator is matched with every word asked: the title's words ("…energy and storage targets") tell the
    # document, and they still tell its records apart ("energy storage" from "rooftop solar energy generation")
    named = title_precision(set(q.terms_for(text)), t.indicator)
    score = overlap(terms, text) + 0.5 * named + 0.5 * rank_bonus(hits, t.citation)
    if clause and clause != c.quote:  # "全市新增5G基站2000个；重点园区…新增5G基站500个": the clause asked
        score += 0.5 * overlap(set(q.terms_for(clause, document)), clause)
    if scope_named(q, t):
        score += 0.6
    if t.year and q.years:
        score += 0.3 if t.year in q.years else -0.2
    if any(_caption(t).startswith(ref) for ref in q.tables):
        score += 0.4
    for kind, cue in _KIND_CUES.items():
        if cue.search(q.text):
            score += 0.3 if t.kind == kind else -0.1
    if (t.value, t.unit) in q.figures:  # "By when must … reach 100 per cent?": the item of the list stating it
        score += 0.5
    asked = _ASKED_UNIT.search(q.text)
    if asked:  # "建设多少个OPC社区": the count, not the same plan's 社区面积 in 万平方米
        score += 0.3 if unit_fits(asked.group(1), t.unit) else -0.2
    return score


def clause_around(text: str, start: int, end: int) -> str:
    """What a span's figure is said of: from the start of its clause (after 。；; or a line break) to the end of
    its own comma piece - "小微创业者…购买词元时，…抵扣比例不高于80%", not the pieces that follow it."""
    left = max(text.rfind(stop, 0, start) for stop in "。；;\n") + 1
    rights = [i for i in (text.find(stop, end) for stop in "，,。；;\n") if i >= 0]
    return text[left:min(rights) if rights else len(text)]


def match_targets(store: Store, q: Query, hits: list[Hit], doc_ids: list[str], lines: dict[str, str],
                  limit: int = 4) -> list[tuple[float, Target]]:
    """(score, record) for the question's indicator, scope and year, best first."""
    targets = [t for doc_id in doc_ids for t in store.targets(doc_id)]
    if not targets:
        return []
    texts = {d: store.text(d) or "" for d in {t.doc_id for t in targets}}
    scored = sorted(((target_score(q, t, hits, lines.get(t.doc_id, ""),
                                   clause_around(texts[t.doc_id], t.citation.start, t.citation.end)), t)
                     for t in targets), key=lambda x: -x[0])
    best = scored[0][0]
    if best < MIN_TARGET_SCORE:
        return []
    if scope_named(q, scored[0][1]):  # the question names the place: other places' values are not asked for
        scored = [(s, t) for s, t in scored if scope_named(q, t) or not (t.scope or t.scope_normalized)]
        named_levels = {_level(t.scope) for _, t in scored if t.scope and scope_named(q, t)}
        if len(named_levels) > 1 and not q.kind.wants_list:  # "重庆石柱县…": the county is asked, 重庆 says where
            finest = max(named_levels)
            scored = [(s, t) for s, t in scored if not t.scope or _level(t.scope) == finest]
    if not q.kind.wants_list:
        scored = _naming_the_asked(q, scored)
    out: list[tuple[float, Target]] = []
    for ref in q.tables:  # "专栏1和附表2分别…": the best value of each named table
        of_table = [(s, t) for s, t in scored if _caption(t).startswith(ref)]
        if of_table and of_table[0] not in out:
            out.append(of_table[0])
    for s, t in scored:
        if s < 0.8 * best or len(out) >= limit:
            break
        if not any(o.value == t.value and o.citation.start == t.citation.start for _, o in out):
            out.append((s, t))
    return out


def _naming_the_asked(q: Query, scored: list[tuple[float, Target]]) -> list[tuple[float, Target]]:
    """The best record's indicator names words of the question ("单位GDP能耗"): a record of the same sentence
    that lacks one of them ("单位GDP二氧化碳排放") measures something else and is left out."""
    asked = {w.lower() for w in (segment(q.text) if q.lang == "zh" else re.findall(r"[A-Za-z]{4,}", q.text.lower()))
             if len(w) >= 2 and not re.fullmatch(r"[\d.]+|(?:19|20)\d\d年?", w)}

    def named(t: Target) -> set[str]:
        return {w for w in asked if w in t.indicator.lower()}

    best = named(scored[0][1])
    # kept: a record naming every asked word the best names, or one naming an asked word the best does not
    # ("能耗和碳排放分别下降多少": both are asked)
    return [(s, t) for s, t in scored if best <= named(t) or named(t) - best
            or t.indicator_normalized == scored[0][1].indicator_normalized]


_LEVELS = [(re.compile(r"(?:省|自治区|特别行政区)$"), 1), (re.compile(r"(?:市|自治州|州|盟)$"), 2),
           (re.compile(r"(?:县|区|旗|自治县|新区)$"), 3), (re.compile(r"(?:乡|镇|街道|村)$"), 4)]


def _level(scope: str) -> int:
    """How fine an administrative place is: province 1, city 2, county or district 3, township 4 (0: unknown)."""
    return next((n for pattern, n in _LEVELS if pattern.search(scope or "")), 0)


def wants_places(q: Query) -> bool:
    """"各区县…", "哪些地区…", "each district's…": the values of many places at once."""
    return bool(_ALL_PLACES.search(q.text))


def place_table(store: Store, q: Query, best: Target, doc_ids: list[str]) -> list[Target]:
    """Every record of `best`'s indicator, year and kind (one per place), filtered by the
    question's threshold ("高于60%"), in document order."""
    same = [t for doc_id in doc_ids for t in store.targets(doc_id)
            if t.indicator_normalized == best.indicator_normalized and t.year == best.year and t.kind == best.kind]
    m = _THRESHOLD.search(q.text)
    if m:
        limit = float(m.group(2))
        above = m.group(1).lower() in _ABOVE
        same = [t for t in same if (t.value > limit if above else t.value < limit)]
    seen: set[str] = set()
    out = []
    for t in same:
        key = f"{t.doc_id}:{t.scope_normalized or t.scope}"
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out[:MAX_TABLE]
