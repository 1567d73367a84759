"""Is a question answerable from what retrieval found? Lexical grounding, in both languages.

Retrieval always returns *something*; answering from it anyway is how systems invent.
A question is grounded when its salient terms occur in the retrieved passages: place-like
names (X省, X市, X县 …), other content words, and for English questions over Chinese text
their proper nouns matched against the pinyin of the passages (Wanzhou ~ 万州).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from api.answer.lexical import stem
from api.answer.lexical import terms as word_terms
from index.bilingual import cedict_pinyin, english_to_chinese
from ingest.read.script import to_simplified
from ingest.recognise.periods import FIVE_YEAR_NAME
from ingest.recognise.places import has_admin_suffix

if TYPE_CHECKING:
    import jieba.posseg

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_QUESTION_WORDS = set(
    "哪些 哪个 哪几个 哪里 哪儿 什么 怎么 怎样 如何 多少 几个 是否 为什么 谁 由谁 谁来 是谁 吗 呢 么 "
    "负责 单位 部门 要求 时候 时间 完成 目标 达到 分别 各是 具体 主要 这个 这项 那些 要在 进行 开展 工作 "
    "建设 推进 加强 有关 相关 以及 还是 或者 文件 文章 规划 方案 一共 其中 计划 打算 情况".split())
_EN_GENERIC = set(
    "what which who whom whose when where why how is are was were do does did the a an of in on at to for by "
    "with and or from under its their this that these those there plan plans province city county district "
    "river rivers basin commission bureau committee office department government people village villages "
    "five-year year years target targets rate ratio measure measures water soil conservation resources "
    "national state central local area areas small watershed watersheds pilot pilots chinese china english "
    "fourteenth thirteenth th st nd rd no number "
    # the kinds of documents and their parts: "under Bill 79", "the Executive Order", "Section 5" name no place
    "bill bills act acts order orders executive section sections article articles chapter part schedule law laws "
    "code policy policies strategy strategies programme program regulation regulations decree resolution".split())
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z\-']+")


@dataclass(frozen=True)
class Grounding:
    grounded: bool
    coverage: float  # share of the question's salient terms found in the passages
    missing: tuple[str, ...]


@lru_cache(maxsize=1)
def _segmenter() -> jieba.posseg.POSTokenizer:
    """A private jieba (with part-of-speech tags): other components add words to the global one.

    From `index.segmenter`, which reads jieba's dictionary on demand: building it here took
    ~2.5 s of a cold `policykb ask`."""
    from index.segmenter import pos_tokenizer

    return pos_tokenizer()


def segment(text: str) -> list[str]:
    """Words of `text` from the private segmenter."""
    return _segmenter().tokenizer.lcut(text)


@lru_cache(maxsize=4096)
def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text)).lower()


_PARTICLES = frozenset("里在的和与及对从向把被将")  # glued to a place by the segmenter ("附表2里甲县")
_SUFFIX_WORDS = frozenset(("新区", "地区", "片区", "县", "区", "市", "省", "州", "镇", "乡"))


def _unglue(name: str) -> str:
    return name[1:] if name[0] in _PARTICLES and len(name) >= 3 else name


# common words that end like a place ("山区": mountain areas) and jieba's flags for words that name nothing
_AREA_WORDS = frozenset(("山区", "城区", "市区", "郊区", "矿区", "库区", "牧区", "湖区", "林区"))
_FUNCTION_FLAGS = frozenset(("p", "c", "u", "d", "r", "m", "q", "f", "v", "uj", "ul", "ud", "ug", "uz", "uv", "y", "e",
                             "o", "a", "ad", "an", "t", "tg", "w"))


def place_names(question: str) -> list[str]:
    """Place names in a Chinese question: jieba's place tag (ns), or a word with an administrative
    suffix; a name jieba split from its suffix ("两江" + "新区") is joined again."""
    out: list[str] = []
    prev = ""
    single = ""  # a lone character jieba cut from a name before a common area word: "璧" + "山区"
    for word, flag in _segmenter().cut(question):
        if single and word in _AREA_WORDS:
            out.append(single + word)
            single, prev = "", ""
            continue
        single = word if len(word) == 1 and _CJK_RUN.fullmatch(word) and flag not in _FUNCTION_FLAGS else ""
        if word in _SUFFIX_WORDS and prev and _CJK_RUN.fullmatch(prev):
            if out and out[-1] == prev:
                out.pop()
            out.append(_unglue(prev + word))
        elif len(word) >= 2 and _CJK_RUN.fullmatch(word) and (
                flag == "ns" or (len(word) >= 3 and has_admin_suffix(word))):
            out.append(_unglue(word))
        prev = word if flag in ("ns", "nz", "n", "nr") and len(word) >= 2 else ""
    return out


# years and plan periods a question asks about ("2025年", "“十四五”时期"): checked as years, never as words
PERIOD_WORDS = re.compile(rf"(?:19|20)\d{{2}}\s*年(?:底|末|度)?|{FIVE_YEAR_NAME}(?:时期|期间|末|期末|规划期)?")


def salient_terms(question: str) -> list[str]:
    """Content words of a question: places first, then other Chinese words and English proper nouns."""
    terms: list[str] = place_names(question)
    rest = PERIOD_WORDS.sub(" ", question)  # "青禾市到2025年水保率": no 市到, no 年水; "十四五时期" is checked as years
    for place in sorted(terms, key=len, reverse=True):
        rest = rest.replace(place, " ")
    for run in _CJK_RUN.findall(rest):
        for w in segment(run):
            if len(w) >= 2 and w not in _QUESTION_WORDS and not any(w in t for t in terms):
                terms.append(w)
    for i, w in enumerate(_EN_WORD.findall(question)):
        w = re.sub(r"'s$", "", w).strip("'’")
        if w[0].isupper() and i > 0 and w.lower() not in _EN_GENERIC:
            terms.append(w)
    return terms


def _present(term: str, haystack: str, pinyin_hay: str) -> bool:
    if _CJK_RUN.fullmatch(term):
        if term in haystack:
            return True
        core = re.sub(r"(?:自治区|自治州|自治县|省|市|县|区|州)$", "", term)
        return len(core) >= 2 and core in haystack
    low = term.lower()
    if low in haystack.lower() or re.sub(r"[^a-z]", "", low) in pinyin_hay:
        return True
    if re.fullmatch(r"[A-Z]{2,}s", term):  # "FTOs": the plural of an acronym the text writes "FTO"
        return _present(term[:-1], haystack, pinyin_hay)
    if "-" in term:  # "Interior-Agriculture": each part
        return all(_present(p, haystack, pinyin_hay) for p in term.split("-") if p)
    if spelled_out(term, haystack) or _place_of_adjective(term, haystack):
        return True
    # an English name over Chinese text: present when a dictionary translation of it is
    return bool(pinyin_hay) and any(len(w) >= 2 and w in haystack for w in english_to_chinese(term))


def spelled_out(term: str, haystack: str) -> bool:
    """An acronym the text spells out: "DoD" for "Department of Defense", "EPA" for "Environmental
    Protection Agency" (the initials of consecutive words, small words counted only when the acronym has them)."""
    if not (2 <= len(term) <= 6 and term[0].isupper() and sum(c.isupper() for c in term) >= 2 and term.isalpha()):
        return False
    words = re.findall(r"[A-Za-z]+", haystack)
    want = term.lower()
    for i in range(len(words)):
        got, j = "", i
        while j < len(words) and len(got) < len(want):
            w = words[j]
            if w[0].isupper() or want[len(got)] == w[0].lower():
                got += w[0].lower()
            elif w.lower() not in ("of", "for", "and", "the", "on"):
                break
            j += 1
        if got == want:
            return True
    return False


def place_of_adjective(word: str) -> str:
    """The start of the place an adjective names ("Canadian" -> "canad", "Irish" -> "iris"), "" for other words:
    "Canadian" is present where the text says Canada."""
    if len(word) < 5 or not re.search(r"(?:ian|an|ese|ish)$", word, re.I):
        return ""
    return word[:4].lower() if word.lower().endswith("ish") else word[:5].lower()


def _place_of_adjective(term: str, haystack: str) -> bool:
    stem = place_of_adjective(term)
    return bool(stem) and bool(re.search(rf"\b{re.escape(stem)}", haystack, re.I))


def ground(question: str, passages: Iterable[str], min_coverage: float = 0.5) -> Grounding:
    """Grounded when every place-like name and at least `min_coverage` of the salient terms occur."""
    terms = salient_terms(question)
    if not terms:
        return Grounding(True, 1.0, ())
    hay = to_simplified("\n".join(passages))  # a Traditional-script passage, read as its question is
    latin_terms = [t for t in terms if not _CJK_RUN.fullmatch(t)]
    pinyin_hay = "".join(_pinyin(run) for run in _CJK_RUN.findall(hay)) if latin_terms else ""
    words = word_terms(hay) if latin_terms else set()
    missing = tuple(t for t in terms if not _present(t, hay, pinyin_hay)
                    and not (t in latin_terms and stem(t.lower()) in words))  # "Directors" where it says Director
    # over Chinese text an English word blocks only when it is a Chinese proper name (Tianjin), not a
    # common word a translation would be needed for ("Council")
    blocking = [t for t in latin_terms if not t.isupper()  # an acronym may be spelled out in the text
                and (not pinyin_hay or t.lower().strip("'’s") in cedict_pinyin())]
    if _mostly_chinese(hay):  # "the State Council notice" over 国务院's text: its common words cannot be looked for
        terms = [t for t in terms if t not in latin_terms or t in blocking or t not in missing]
        missing = tuple(t for t in missing if t in terms)
    coverage = 1 - len(missing) / len(terms) if terms else 1.0
    places = set(place_names(question))
    places_missing = [t for t in missing if t in places or t in blocking]
    return Grounding(not places_missing and coverage >= min_coverage, coverage, missing)


def _mostly_chinese(text: str) -> bool:
    """More Chinese characters than Latin letters."""
    return sum(len(r) for r in _CJK_RUN.findall(text)) > len(re.findall(r"[A-Za-z]", text))
