"""Text -> BM25 tokens for Chinese and English, with a domain user dictionary.

Why not the tokenizers bm25s or haystack ship: they split on whitespace, so
`由省发展改革委牵头负责` becomes one token. Here Chinese goes through jieba with a user
dictionary grown from the corpus (unit names, indicators; see `index.lexicon`), so that
domain terms stay whole ("三级医院" is not a token of "二三级医院"), and each run of Chinese
characters also yields its character bigrams, which make recall robust to segmentation
differences between a question and the text ("丰都" vs "丰都区"). English is lower-cased
words with light (S-)stemming. Stop-words of both languages are dropped. Identifiers that
jieba cannot keep whole because they hold punctuation - 《document titles》 and 文号 such as
`兴府办字〔2022〕67号` - are emitted as extra whole tokens.

The jieba dictionary is loaded into a `jieba.Tokenizer()` instance of our own, explicitly,
never the global one, so two homes with different dictionaries can live in one process.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import jieba

from index import segmenter
from ingest.read.script import to_simplified

TOKENIZER_NAME = "jieba+bigram+en-snowball/2"
BULK_CHARS = 20_000  # texts longer than this together are tokenized with the dictionaries read whole

_CJK_RUN = re.compile(r"[\u3400-\u9fff]{2,}")
_WORD = re.compile(r"[a-z][a-z0-9]*(?:['’][a-z]+)?|\d+(?:\.\d+)?")
_ID_TOKENS = re.compile(r"《[^《》\n]{2,60}》|[\u4e00-\u9fff]{1,10}[〔\[(（]\d{4}[〕\])）]\s*\d{1,5}\s*号")
_HAS_CJK = re.compile(r"[\u3400-\u9fff]")
# Administrative-level prefixes: "省发展改革委" is a "发展改革委"; the bare name is indexed too.
LEVEL_PREFIXES = ("各", "省", "市", "县", "区", "州", "乡", "镇")

ZH_STOP = frozenset(["的", "了", "是", "在", "和", "与", "及", "以及", "或", "或者", "等", "等等", "由", "对", "把", "被", "将", "从", "向", "为", "以", "于", "其", "之", "而", "并", "并且", "也", "都", "又", "就", "还", "这", "那", "这个", "那个", "这些", "那些", "这项", "这件", "该", "此", "其中", "中", "里", "上", "下", "内", "吗", "呢", "吧", "啊", "么", "哪", "哪些", "哪个", "哪里", "哪儿", "哪一", "哪一年", "哪天", "什么", "什么样", "多少", "几", "几个", "谁", "如何", "怎么", "怎样", "是否", "有没有", "有", "没有", "要", "会", "能", "可以", "应", "应当", "需要", "分别", "各自", "具体", "一个", "个", "项", "件", "请问", "呢", "吗", "所", "着", "过"])
EN_STOP = frozenset(["a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "by", "with", "from", "as", "at", "into", "about", "over", "under", "between", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "has", "have", "had", "it", "its", "this", "that", "these", "those", "there", "their", "they", "them", "he", "she", "his", "her", "we", "our", "you", "your", "i", "what", "which", "who", "whom", "whose", "how", "when", "where", "why", "whether", "any", "all", "each", "both", "some", "such", "than", "then", "so", "not", "no", "nor", "can", "could", "will", "would", "shall", "should", "may", "might", "must", "also", "only", "very", "more", "most", "other", "same", "own", "per", "via", "s"])

_log_quieted = False


def _quiet_jieba() -> None:
    global _log_quieted
    if not _log_quieted:
        jieba.setLogLevel(logging.WARNING)
        _log_quieted = True


def normalize(text: str) -> str:
    """NFKC, lower case, traditional characters folded to simplified (tokens only; spans never change)."""
    text = unicodedata.normalize("NFKC", text).lower()
    return to_simplified(text) if _HAS_CJK.search(text) else text


@lru_cache(maxsize=65536)
def en_stem(word: str) -> str:
    """Snowball (Porter 2) English stemming: reinstated ~ reinstate, conducting ~ conducts, rules ~
    rulemaking's "rule" stay apart from it. What BM25 and quotes use for English words."""
    import snowballstemmer

    return str(snowballstemmer.stemmer("english").stemWord(s_stem(word)))


def s_stem(word: str) -> str:
    """Harman's S-stemmer: the lightest English stemming that folds plurals (and possessives)."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if len(word) <= 3:
        return word
    if word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if word.endswith("s") and not word.endswith(("us", "ss", "is")):
        return word[:-1]
    return word


def bare_name(term: str) -> str | None:
    """The name without its administrative-level prefix ("省发展改革委" -> "发展改革委"), if that is a name."""
    for p in LEVEL_PREFIXES:
        if term.startswith(p) and len(term) - len(p) >= 3:
            return term[len(p):]
    return None


def _expand(user_terms: Iterable[str]) -> list[str]:
    """The dictionary: the given terms plus their names without an administrative-level prefix."""
    terms = {t.strip() for t in user_terms if t and t.strip()}
    return sorted(terms | {b for t in terms if (b := bare_name(t))})


class Tokenizer:
    """BM25 tokenizer (see the module docstring). Thread-safe; `dict_hash` names its user dictionary.

    >>> tok = Tokenizer(["省发展改革委"])
    >>> "发展改革委" in tok("由省发展改革委牵头负责")
    True
    """

    def __init__(self, user_terms: Iterable[str] = (), *, bigrams: bool = True) -> None:
        _quiet_jieba()
        raw = list(user_terms)
        self.terms: list[str] = _expand(raw)
        self.bigrams = bigrams
        self.dict_hash = Tokenizer.dictionary_hash(raw)
        self._lock = threading.Lock()
        self._jieba = segmenter.tokenizer()  # the default dictionary read on demand (index.segmenter says why)
        for t in self.terms:
            if _HAS_CJK.search(t) and " " not in t:
                self._jieba.add_word(normalize(t))
        self._bare = {normalize(t): normalize(b) for t in self.terms if (b := bare_name(t))}

    def add_terms(self, user_terms: Iterable[str]) -> bool:
        """Grow the dictionary in place (an incremental index only ever adds terms between
        rebuilds); much cheaper than a new tokenizer, whose jieba start takes seconds.
        Returns whether anything was added."""
        known = set(self.terms)
        new = [t for t in _expand(user_terms) if t not in known]
        if not new:
            return False
        with self._lock:
            for t in new:
                if _HAS_CJK.search(t) and " " not in t:
                    self._jieba.add_word(normalize(t))
                if (b := bare_name(t)):
                    self._bare[normalize(t)] = normalize(b)
            self.terms = sorted(known | set(new))
            self.dict_hash = Tokenizer.dictionary_hash(self.terms)
        return True

    @staticmethod
    def dictionary_hash(user_terms: Iterable[str]) -> str:
        """The hash a tokenizer built from `user_terms` would have (names the dictionary in manifests)."""
        return hashlib.sha256("\n".join(_expand(user_terms)).encode()).hexdigest()[:16]

    def __call__(self, text: str) -> list[str]:
        return self.tokenize(text)

    def tokenize(self, text: str) -> list[str]:
        norm = normalize(text)
        with self._lock:  # jieba's lazy structures are not guarded against concurrent first use
            words = list(self._jieba.cut(norm))
        out: list[str] = []
        for w in words:
            w = w.strip()
            if not w:
                continue
            if _HAS_CJK.search(w):
                if w not in ZH_STOP and not w.isspace():
                    out.append(w)
                    bare = self._bare.get(w)
                    if bare:
                        out.append(bare)
            else:
                out.extend(self._latin(w))
        if self.bigrams:
            for run in _CJK_RUN.findall(norm):
                out.extend("#" + run[i:i + 2] for i in range(len(run) - 1))
        out.extend(re.sub(r"\s+", "", m) for m in _ID_TOKENS.findall(norm))
        return out

    @staticmethod
    def _latin(piece: str) -> list[str]:
        return [en_stem(m) if m[0].isalpha() else m for m in _WORD.findall(piece) if m not in EN_STOP]

    def tokenize_many(self, texts: Iterable[str]) -> list[list[str]]:
        """Each text's tokens. Past `BULK_CHARS` characters jieba's dictionary is read whole first:
        jieba looks up every prefix of the text, and fetching them one by one from the on-disk
        dictionary (`index.disk_dict`) cost ~1.5 s more than one bulk read for a 90k-character corpus."""
        texts = list(texts)
        if sum(len(t) for t in texts) > BULK_CHARS:
            from index.disk_dict import read_whole

            read_whole(self._jieba.FREQ)  # jieba's prefix dictionary only
        return [self.tokenize(t) for t in texts]
