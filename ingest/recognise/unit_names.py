"""Unit names: the editable alias table and the document-wide normalisation rules.

Normalisation goes through an editable alias table (`ingest/data/unit_aliases.tsv`, plus a
user table named by `POLICYKB_UNIT_ALIASES`), then through rules that look at the whole
document: a rare name that is a reordering of a frequent one is a typo of it (规局计 ->
规计局); a full name whose characters, in order, spell a short form used in the document is
that short form (规划计划局 -> 规计局); a character moved across a list separator is put back
(长水土监测站、科院 -> 水土监测站、长科院); a department named without the level the list has
already given takes it (省工业和信息化厅、财政厅 -> 省财政厅); and a name missing the prefix most of
the document's units carry gets it (水利局 -> 县水利局 where units are 县…).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.settings import active, path_text

DEFAULT_ALIASES = Path(__file__).resolve().parents[1] / "data" / "unit_aliases.tsv"


def is_cjk_text(text: str) -> bool:
    """Chinese names and English names follow different rules (splitting, keys, typo repair)."""
    return bool(re.search(r"[\u3400-\u9fff]", text))


def _key(name: str) -> str:
    """Comparison form of a name: NFKC; no whitespace in Chinese, single spaces in English."""
    text = unicodedata.normalize("NFKC", name)
    return "".join(text.split()) if is_cjk_text(text) else " ".join(text.split())


@dataclass(frozen=True)
class AliasTable:
    """alias -> canonical; `suffix` entries also apply at the end of a longer name (县发改委)."""

    exact: dict[str, str]
    suffix: dict[str, str]

    def lookup(self, name: str) -> str | None:
        """The canonical name for `name`, exact entries first, then the longest suffix entry."""
        key = _key(name)
        if key in self.exact:
            return self.exact[key]
        for alias in sorted(self.suffix, key=len, reverse=True):
            if key.endswith(alias) and len(key) > len(alias):
                return key[: len(key) - len(alias)] + self.suffix[alias]
        if key in self.suffix:
            return self.suffix[key]
        return None


def read_alias_file(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Rows `alias<TAB>canonical[<TAB>exact|suffix]`; blank lines and # comments skipped."""
    exact: dict[str, str] = {}
    suffix: dict[str, str] = {}
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError:
        return exact, suffix
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) < 2 or not cols[0] or not cols[1]:
            continue
        target = suffix if len(cols) > 2 and cols[2].lower() == "suffix" else exact
        target[_key(cols[0])] = _key(cols[1])
    return exact, suffix


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...], stamps: tuple[float, ...]) -> AliasTable:
    """The merged tables; `stamps` (modification times) are part of the cache key so edits are seen."""
    exact: dict[str, str] = {}
    suffix: dict[str, str] = {}
    for p in paths:  # later tables (the user's) override earlier ones
        e, s = read_alias_file(Path(p))
        exact.update(e)
        suffix.update(s)
    return AliasTable(exact, suffix)


def alias_table(extra: str | None = None) -> AliasTable:
    """The bundled table plus the user's (`POLICYKB_UNIT_ALIASES`, or `extra`), the user's winning."""
    paths = [str(DEFAULT_ALIASES)]
    user = extra or path_text(active().unit_aliases)
    if user:
        paths.extend(p for p in user.split(os.pathsep) if p)
    return _load(tuple(paths), tuple(_mtime(p) for p in paths))


def _mtime(path: str) -> float:
    """Modification time (-1 when missing), so an edited table is re-read."""
    try:
        return os.stat(path).st_mtime
    except OSError:
        return -1.0


def known_unit_names(extra: Iterable[str] = ()) -> list[str]:
    """Every unit name the alias tables know (aliases and canonical forms), for jieba's dictionary."""
    table = alias_table()
    names = set(table.exact) | set(table.exact.values()) | set(table.suffix) | set(table.suffix.values())
    names.update(_key(n) for n in extra)
    return sorted(n for n in names if len(n) >= 2)


def normalize_names(lists: list[list[str]], table: AliasTable | None = None) -> dict[str, str]:
    """Normalised name for every name in a document's unit lists (each list in written order).

    The lists matter, not just the names: frequencies decide which spelling is the
    document's own, and neighbours in a list reveal a character moved across a separator.
    The document's rules run on the names as written (a typo is a typo of what the document
    writes); the alias table then maps the result, so one unit reads the same across documents.
    """
    table = table or alias_table()
    mapping = {n: _key(n) for lst in lists for n in lst}
    counts = Counter(mapping[n] for lst in lists for n in lst)
    _fix_moved_characters(lists, mapping, counts)
    _inherit_level(lists, mapping)
    _distribute_government(lists, mapping)
    counts = Counter(mapping[n] for lst in lists for n in lst)
    canon = _document_canon(counts)
    out: dict[str, str] = {}
    for name, key in mapping.items():
        own = canon.get(key, key)
        out[name] = table.lookup(own) or table.lookup(key) or own
    return out


def _fix_moved_characters(lists: list[list[str]], mapping: dict[str, str], counts: Counter[str]) -> None:
    """"长水土监测站、科院" where the document says 水土监测站 and 长科院: put the character back."""
    def frequent(name: str) -> bool:  # written at least twice: the document's own spelling
        return counts.get(name, 0) >= 2

    for lst in lists:
        for a, b in zip(lst, lst[1:], strict=False):
            ka, kb = mapping[a], mapping[b]
            if frequent(ka) or frequent(kb) or len(ka) < 3 or len(kb) < 2:
                continue
            if frequent(ka[1:]) and frequent(ka[0] + kb):
                mapping[a], mapping[b] = ka[1:], ka[0] + kb
            elif frequent(ka[:-1]) and frequent(ka[-1] + kb):
                mapping[a], mapping[b] = ka[:-1], ka[-1] + kb


# A level prefix, not the start of a word (市场监管总局, 省级, 区域).
_LEVEL_PREFIX = re.compile(r"^(省|市|县|区|州|盟|旗)(?!场|级|域|属|直|内)")
_HAS_LEVEL = re.compile(r"省|县|区|州|旗|盟|市(?!场)")
_DEPARTMENT_END = re.compile(r"(?:厅|局|委|办)$")


def _inherit_level(lists: list[list[str]], mapping: dict[str, str]) -> None:
    """"省工业和信息化厅、财政厅、政务和数据局": names after the first drop the level the list has
    already given; the normalised name takes it back (省财政厅). Only where that is certain: a
    厅 (only provinces have them), or a full name the document writes elsewhere; a name that
    carries its own place or level (团市委, 广东金融监管局 written elsewhere as such) is left."""
    known = set(mapping.values())
    for lst in lists:
        prefix: str | None = None
        for name in lst:
            key = mapping[name]
            level = _LEVEL_PREFIX.match(key)
            if level:
                prefix = level.group(1)
            elif prefix and key == _key(name) and _DEPARTMENT_END.search(key) and not _HAS_LEVEL.search(key) \
                    and not key.startswith(("各", "国家", "中国", "全国", "中央")) \
                    and ((prefix == "省" and key.endswith("厅")) or prefix + key in known):
                mapping[name] = prefix + key


# "广州、深圳、东莞市政府": places listed before the one that carries "市政府" share it.
_GOVERNMENT = re.compile(r"^[\u4e00-\u9fff]{2,6}?((?:市|县|区|州|盟)(?:人民)?政府)$")
_BARE_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_BODY_END = re.compile(r"(?:局|委|办|厅|部|院|所|站|中心|政府|公司|集团|会|处|室|科|社|行|校|组|队|联|协)$")


def _distribute_government(lists: list[list[str]], mapping: dict[str, str]) -> None:
    """Bare place names right before a "X市政府" in a list take its government in their
    normalised name (广州 -> 广州市政府); the name as written is kept."""
    for lst in lists:
        run: list[str] = []
        for name in lst:
            key = mapping[name]
            gov = _GOVERNMENT.match(key)
            if gov:
                suffix = gov.group(1)
                for place in run:  # 大理州、楚雄州人民政府: the level is written already
                    key = mapping[place]
                    mapping[place] = key + (suffix[1:] if key.endswith(suffix[0]) else suffix)
                run = []
            elif _BARE_PLACE.match(key) and not _BODY_END.search(key):
                run.append(name)
            else:
                run = []


def _is_abbreviation(short: str, full: str) -> bool:
    """规计局 / 规划计划局: same first and last character, the short one a subsequence of the full.

    The short form must keep more than half the characters, so a different, longer unit
    (水利局 / 水利工程管理局) is not taken for a spelling of it.
    """
    if len(short) < 3 or not 0.5 < len(short) / len(full) < 1 or short[0] != full[0] or short[-1] != full[-1]:
        return False
    if full.replace("有关", "", 1) == short or full.replace("相关", "", 1) == short:
        return False  # 各有关省级人民政府 is a subset of 各省级人民政府, not a spelling of it
    it = iter(full)
    return all(ch in it for ch in short)


def _common_prefix(names: list[str]) -> str | None:
    """The one- or two-character prefix (县, 市, 省 …) most of the document's names start with."""
    for size in (2, 1):
        heads = Counter(n[:size] for n in names if len(n) > size + 1)
        if heads:
            head, n = heads.most_common(1)[0]
            if n >= 3 and n >= 0.6 * len(names):
                return head
    return None


def _rare_against(rare: int, common: int) -> bool:
    """A spelling is a variant of another only when it is the rarer one, and clearly rare."""
    return rare <= common and (rare <= 2 or 3 * rare <= common)


def _document_canon(counts: Counter[str]) -> dict[str, str]:
    """Spelling -> the document's own spelling, from typos, abbreviations and a common prefix (Chinese names)."""
    names = sorted((n for n in counts if is_cjk_text(n)), key=lambda n: (-counts[n], n))
    canon: dict[str, str] = {}
    for rare in names:
        for common in names:
            if common != rare and counts[rare] == 1 and counts[common] >= 2 and len(rare) >= 3 \
                    and sorted(rare) == sorted(common) and rare[0] == common[0]:
                canon[rare] = common  # transposed characters
                break
    for a in names:
        for b in names:
            if a == b or not _is_abbreviation(a, b):
                continue
            if counts[b] <= counts[a] and _rare_against(counts[b], counts[a]):
                canon.setdefault(b, a)  # the full name, written where the short one is the rule
            elif _rare_against(counts[a], counts[b]):
                canon.setdefault(a, b)
    prefix = _common_prefix(names)
    if prefix:
        for n in names:
            if not n.startswith(prefix) and prefix + n in counts and len(n) >= 3:
                canon.setdefault(n, prefix + n)
    return {k: _follow(canon, k) for k in canon}


def _follow(canon: dict[str, str], name: str) -> str:
    """Follow a chain of spellings (A -> B -> C) to its end, safe against cycles."""
    seen = {name}
    while name in canon and canon[name] not in seen:
        name = canon[name]
        seen.add(name)
    return name
