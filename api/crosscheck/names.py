"""Naming checks: the same place, unit or document title written two ways.

Places: the scopes of target records whose `scope_key` agrees but whose spelling differs
(甲县 / 甲区, 乙县 / 乙土家族自治县, a heading's 城镇 / a table's 城镇群); and, in a
list of places most of which the document's tables know, a place the tables do not know whose
stem begins exactly one known place's stem (an old or mistaken name). Units: the names of
task records that normalise to one unit (发改委 / 发展和改革委员会 / 发展改革委), and abbreviated forms
the unit alias table knows found in the text (县水保站 for 县水土保持站). Titles: one 《》
title written with different dashes or brackets, or with one character dropped. Each value
quotes the spelling at a place where it is written.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from api.crosscheck.base import DocText, Finding, Value, find_loose
from ingest.models import Target, Task
from ingest.recognise.places import is_self_reference, looks_like_place, scope_key
from ingest.recognise.units import alias_table

_LIST = re.compile(r"[\u4e00-\u9fff]{1,10}(?:、[\u4e00-\u9fff]{1,10}){2,}")
_GENERIC_SCOPES = {"全国", "总体平均", "合计", "小计", "总计"}
_TITLES = (re.compile(r"《([^《》]{4,80})》"), re.compile(r"〈([^〈〉]{4,80})〉"))  # two passes: 〈〉 nest in 《》
_DASHES = re.compile(r"[—–－‐‑‒―~～-]+")


def _plain(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


def _loose(name: str) -> re.Pattern[str]:
    return re.compile(r"\s*".join(re.escape(c) for c in re.sub(r"\s+", "", name)))


def _covered(text: str, span: tuple[int, int], longer: list[str]) -> bool:
    """Whether the occurrence at `span` is part of an occurrence of one of the `longer` spellings."""
    for other in longer:
        lo = max(0, span[0] - 2 * len(other))
        for m in _loose(other).finditer(text, lo, min(len(text), span[1] + 2 * len(other))):
            if m.start() <= span[0] and m.end() >= span[1]:
                return True
    return False


def _standalone(text: str, name: str, longer: list[str], start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """An occurrence of `name` in text[start:end] that is not part of one of the `longer` spellings."""
    if not re.sub(r"\s+", "", name):
        return None
    for m in _loose(name).finditer(text, start, len(text) if end is None else end):
        if not _covered(text, (m.start(), m.end()), longer):
            return m.start(), m.end()
    return None


def _locate(doc: DocText, name: str, longer: list[str], t: Target | None) -> tuple[int, int] | None:
    if t is not None:
        span = _standalone(doc.text, name, longer, t.citation.start, t.citation.end)
        if span:
            return span
    return _standalone(doc.text, name, longer)


def occurrences(text: str, name: str, longer: list[str]) -> int:
    """How often a spelling is written on its own (whitespace-insensitive, not inside a longer
    spelling): the usual spelling is the frequent one."""
    if not re.sub(r"\s+", "", name):
        return 0
    return sum(1 for m in _loose(name).finditer(text) if not _covered(text, (m.start(), m.end()), longer))


def _finding(what: str, spellings: list[tuple[str, DocText, tuple[int, int]]], note: str, scope: str,
             note_id: str = "", args: dict[str, str] | None = None) -> Finding:
    """A naming finding: each spelling cited where it is written; its value is how often (次) the document
    writes it (the spelling itself is the citation's quote), so values stay numbers as for other kinds.
    Without a scope, the finding is filed under the usual (most frequent) spelling."""
    names = [n for n, _, _ in spellings]
    counts = [max(1, occurrences(doc.text, name, [o for o in names if name in o and o != name]))
              for name, doc, _ in spellings]
    values = [Value(float(c), "次", doc.citation(a, b)) for c, (_, doc, (a, b)) in zip(counts, spellings, strict=True)]
    usual = names[counts.index(max(counts))]
    return Finding("naming", what, scope or usual, note, values, note_id, args or {})


def scope_naming(targets: list[Target], docs: dict[str, DocText]) -> list[Finding]:
    """Places of target records spelled differently but keyed alike (suffix, autonomy designation)."""
    by_key: dict[str, dict[str, Target]] = defaultdict(dict)
    for t in targets:
        raw = _plain(t.scope)
        if not raw or raw in _GENERIC_SCOPES or is_self_reference(raw) or t.doc_id not in docs:
            continue
        by_key[t.scope_normalized or scope_key(raw)].setdefault(raw, t)
    out: list[Finding] = []
    for spellings in by_key.values():
        if len(spellings) < 2:
            continue
        located = []
        for name, t in spellings.items():
            longer = [o for o in spellings if o != name and name in o]
            span = _locate(docs[t.doc_id], name, longer, t)
            if span:
                located.append((name, docs[t.doc_id], span))
        if len(located) >= 2:
            names = " / ".join(n for n, _, _ in located)
            out.append(_finding("place name", located, f"one place written {len(located)} ways: {names}", "",
                                "place_ways", {"n": str(len(located)), "names": names}))
    return out


def _list_items(m: re.Match[str]) -> list[tuple[str, int]]:
    """(item, offset) of a 、-list; the last item may hold 和/及 and the first a lead-in."""
    items: list[tuple[str, int]] = []
    pos = m.start()
    for part in m.group(0).split("、"):
        sub = re.split(r"(和|及)", part)
        offs = pos
        for piece in sub:
            if piece and piece not in ("和", "及"):
                items.append((piece, offs))
            offs += len(piece)
        pos += len(part) + 1
    return items


def _trim_item(item: str, names: list[str]) -> str:
    """The place inside a list item: the longest known place (or stem) it starts or ends with."""
    for cand in names:
        if item.startswith(cand) or item.endswith(cand):
            return cand
    return item


def list_naming(targets: list[Target], docs: dict[str, DocText]) -> list[Finding]:
    """Old or mistaken place names in 、-lists of the document's own places."""
    out: list[Finding] = []
    for doc_id, doc in docs.items():
        known: dict[str, str] = {}
        first: dict[str, Target] = {}
        for t in targets:
            raw = _plain(t.scope)
            if t.doc_id == doc_id and looks_like_place(raw):
                known.setdefault(scope_key(raw), raw)
                first.setdefault(raw, t)
        if len(known) < 3:
            continue
        for m in _LIST.finditer(doc.text):
            out.extend(_unknown_in_list(doc, m, known, first))
    return out


def _unknown_in_list(doc: DocText, m: re.Match[str], known: dict[str, str],
                     first: dict[str, Target]) -> list[Finding]:
    names = sorted({c for n in known.values() for c in (n, scope_key(n)) if len(c) >= 2}, key=len, reverse=True)
    items = [(_trim_item(i, names), off) for i, off in _list_items(m)]
    hits = [i for i, _ in items if scope_key(i) in known or i in known]
    if len(hits) * 2 < len(items) or len(hits) < 2:
        return []
    out: list[Finding] = []
    for item, off in items:
        stem = scope_key(item)
        if stem in known or item in known or not looks_like_place(item) or len(item) > 6:
            continue
        cands = [k for k in known if k.startswith(stem) and k != stem]
        if len(cands) != 1:
            continue
        other = known[cands[0]]
        span = find_loose(doc.text, item, off, m.end())
        t = first.get(other)
        ospan = _locate(doc, other, [], t)
        if span and ospan:
            out.append(_finding("place name", [(item, doc, span), (other, doc, ospan)],
                                f"{item} in a list of this document's places matches no place of its tables; "
                                f"the only one it can mean is {other}", other, "place_list", {"item": item, "other": other}))
    return out


def unit_naming(tasks: list[Task], docs: dict[str, DocText]) -> list[Finding]:
    """Units written two ways: names of task records normalising to one unit, and alias forms in the text."""
    spellings = _unit_spellings(tasks, docs)
    for canon, names in list(spellings.items()):
        for doc, _ in list(names.values())[:1]:
            for variant in _alias_forms(canon):
                if variant not in names:
                    span = _standalone(doc.text, variant, [n for n in names if variant in n and n != variant])
                    if span:
                        names[variant] = (doc, span)
    out: list[Finding] = []
    for canon, names in spellings.items():
        if len(names) >= 2:
            listed = [(n, d, s) for n, (d, s) in names.items()]
            out.append(_finding("unit name", listed, f"one unit written {len(listed)} ways: "
                                + " / ".join(names), canon, "unit_ways", {"n": str(len(listed)),
                                                                           "names": " / ".join(names)}))
    return out


def _unit_spellings(tasks: list[Task], docs: dict[str, DocText]) -> dict[str, dict[str, tuple[DocText, tuple[int, int]]]]:
    """{normalised unit: {name as written: (document, span of a mention)}} over the task records."""
    spellings: dict[str, dict[str, tuple[DocText, tuple[int, int]]]] = defaultdict(dict)
    for task in tasks:
        doc = docs.get(task.doc_id)
        if doc is None:
            continue
        for u in task.units:
            name = _plain(u.name)
            if name in spellings[u.normalized or name]:
                continue
            span = find_loose(doc.text, name, task.citation.start, task.citation.end) or find_loose(doc.text, name)
            if span:
                spellings[u.normalized or name][name] = (doc, span)
    return spellings


def _alias_forms(canon: str) -> list[str]:
    """Spellings the unit alias table maps to `canon` (exact aliases, and suffix aliases on its end)."""
    table = alias_table()
    forms = [alias for alias, target in table.exact.items() if target == canon]
    for alias, target in table.suffix.items():
        if canon.endswith(target) and len(canon) > len(target):
            forms.append(canon[: len(canon) - len(target)] + alias)
    forms.append(canon)
    return [f for f in forms if len(f) >= 3]


def _title_key(title: str) -> str:
    t = _plain(title)
    t = _DASHES.sub("-", t)
    return t.replace("〈", "《").replace("〉", "》")


def _drops_one(a: str, b: str) -> bool:
    """b is a with one non-digit character removed."""
    if len(a) != len(b) + 1:
        return False
    i = next((k for k in range(len(b)) if a[k] != b[k]), len(b))
    return a[:i] + a[i + 1:] == b and not a[i].isdigit()


def title_naming(docs: dict[str, DocText]) -> list[Finding]:
    """One document title written two ways (dashes, brackets, a dropped character)."""
    out: list[Finding] = []
    for doc in docs.values():
        seen: dict[str, tuple[int, int]] = {}
        for pattern in _TITLES:
            for m in pattern.finditer(doc.text):
                seen.setdefault(_plain(m.group(1)), (m.start(1), m.end(1)))
        raws = list(seen)
        for i, a in enumerate(raws):
            for b in raws[i + 1:]:
                ka, kb = _title_key(a), _title_key(b)
                if ka == kb or (len(ka) >= 10 and (_drops_one(ka, kb) or _drops_one(kb, ka))):
                    out.append(_finding("document title", [(a, doc, seen[a]), (b, doc, seen[b])],
                                        f"one title written two ways: 《{a}》 / 《{b}》", doc.title or doc.source,
                                        "title_ways", {"names": f"《{a}》 / 《{b}》"}))
    return out
