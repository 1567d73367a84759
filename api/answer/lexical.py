"""Lexical overlap between a question and a passage: Chinese character bigrams and English words.

Bigrams need no dictionary, so they match unit names, indicators and places the
segmenter has never seen; question words are removed so "哪些单位负责" does not count.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ingest.read.script import to_simplified

_QUESTION_PHRASES = re.compile(
    r"哪些|哪个|哪几个|哪几|哪一|什么|怎么|怎样|如何|多少|是否|为什么|由谁|谁来|是谁|分别|各是|具体|"
    r"时候|时间|完成时限|负责|单位|部门|要求|目标是|达到|吗|呢|？|\?|，|,|。|、|“|”|\"")
_EN_STOP = set("what which who whom when where why how is are was were do does did the a an of in on at to for by "
               "with and or from under its their this that these those there be been it as into about".split())
_CJK = re.compile(r"[\u4e00-\u9fff]+")
CJK_RUN = _CJK
_WORD = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?")


def terms(text: str, question: bool = False) -> set[str]:
    """Character bigrams of the Chinese runs plus lower-cased English words and numbers; Traditional
    characters count as their simplified forms (a question meets a document in either script)."""
    text = to_simplified(unicodedata.normalize("NFKC", text))
    if question:
        text = _QUESTION_PHRASES.sub(" ", text)
    out: set[str] = set()
    for run in _CJK.findall(text):
        out.update(run[i:i + 2] for i in range(len(run) - 1))
        if len(run) == 1:
            out.add(run)
    out.update(stem(w) for w in _WORD.findall(text.lower()) if w not in _EN_STOP)
    return out


def stem(word: str) -> str:
    """A light English stem (villages ~ village, involving ~ involve) so word forms meet; an irregular form is read as
    its dictionary word first (held ~ hold, built ~ build, children ~ child)."""
    word = _irregular(word)
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: len(word) - len(suffix)] + keep
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


@lru_cache(maxsize=65536)
def _irregular(word: str) -> str:
    """A word's dictionary form from lemminflect's tables (shipped with the package; a hand-kept list of irregular
    forms would always miss one), else the word: a verb's lemma first ("holding" is read as "hold"), then a noun's."""
    if not word.isalpha() or len(word) < 3:
        return word
    from lemminflect import getAllLemmas  # imported where used: its tables load in ~0.2 s

    lemmas = getAllLemmas(word)
    return (lemmas.get("VERB") or lemmas.get("NOUN") or lemmas.get("ADJ") or (word,))[0]


def title_precision(question_terms: set[str], title: str) -> float:
    """Share of a short title's terms that the question uses: high when the question names that title."""
    t = terms(title)
    return len(t & question_terms) / len(t) if t else 0.0


def overlap(question_terms: set[str], text: str) -> float:
    """Share of the question's terms found in `text` (0..1)."""
    if not question_terms:
        return 0.0
    return len(question_terms & terms(text)) / len(question_terms)
