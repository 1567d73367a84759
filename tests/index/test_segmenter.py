"""The fast-start jieba segmenters cut exactly as jieba's own, on the seed corpus and on questions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import jieba
import jieba.posseg
import pytest

from index import disk_dict, segmenter
from index.tokenize import Tokenizer

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
QUESTIONS = ["崩岗治理示范区建设由兴国县哪些部门负责？", "重庆市万州区2025年水土保持率目标是多少",
             "What 2025 soil and water conservation rate target does Chongqing set for Wanzhou District?"]


@pytest.fixture(scope="module")
def cache_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A cache folder of this module's own, so the cache file is built here, not found."""
    folder = tmp_path_factory.mktemp("xdg")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(folder))
        yield folder


@pytest.fixture(scope="module")
def reference() -> jieba.Tokenizer:
    tk = jieba.Tokenizer()
    tk.initialize()
    return tk


def test_cache_file_is_built_and_cuts_match_jieba(cache_home: Path, reference: jieba.Tokenizer,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(disk_dict, "BULK_AFTER", 5000)  # the corpus is cut partly from the file, then whole
    fast = segmenter.tokenizer()
    path = segmenter.cache_path()
    assert path is not None and path.is_file() and path.parent.parent == cache_home
    for q in QUESTIONS:
        assert fast.lcut(q) == reference.lcut(q)
    for text in (p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))):
        assert fast.lcut(text) == reference.lcut(text)
    assert isinstance(fast.FREQ, dict), "bulk work switches to the whole table"


def test_added_words_cut_alike(cache_home: Path, reference: jieba.Tokenizer) -> None:
    fast = segmenter.tokenizer()
    ref = jieba.Tokenizer()
    ref.initialize()
    for tk in (fast, ref):
        tk.add_word("兴国县水土保持中心")
    text = "由兴国县水土保持中心牵头，县林业局配合"
    assert fast.lcut(text) == ref.lcut(text) and "兴国县水土保持中心" in fast.lcut(text)
    assert "兴国县水土保持中心" not in segmenter.tokenizer().lcut(text), "words stay in their own tokenizer"


def test_part_of_speech_tags_match(cache_home: Path) -> None:
    fast = segmenter.pos_tokenizer()
    ref = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    for q in QUESTIONS:
        assert [tuple(p) for p in fast.cut(q)] == [tuple(p) for p in ref.cut(q)]
    assert ("万州区", "ns") in [tuple(p) for p in fast.cut(QUESTIONS[1])]


def test_bm25_tokenizer_keeps_domain_terms(cache_home: Path) -> None:
    tokens = Tokenizer(["省发展改革委"])("由省发展改革委牵头负责")
    assert "发展改革委" in tokens and "牵头" in tokens


def test_without_a_cache_folder_jieba_loads_its_own_way(tmp_path: Path, reference: jieba.Tokenizer,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert segmenter.cache_path() is None
    tk = segmenter.tokenizer()
    assert isinstance(tk.FREQ, dict) and tk.lcut(QUESTIONS[0]) == reference.lcut(QUESTIONS[0])


def test_posseg_imported_through_the_cache_tags_alike(cache_home: Path) -> None:
    """In a fresh process `pos_tokenizer` imports jieba.posseg itself; its global `cut` must stay right."""
    probe = ("import json, sys\nfrom index.segmenter import pos_tokenizer\nimport jieba.posseg\n"
             "qs = json.loads(sys.argv[1])\nprint(json.dumps([[[w, f] for w, f in pos_tokenizer().cut(q)] for q in qs]"
             " + [[[w, f] for w, f in jieba.posseg.cut(q)] for q in qs]))")
    env = {**os.environ, "PYTHONPATH": str(CORPUS.parent), "XDG_CACHE_HOME": str(cache_home)}
    out = subprocess.run([sys.executable, "-c", probe, json.dumps(QUESTIONS)], capture_output=True, text=True,
                         env=env, check=True, timeout=120)
    got = json.loads(out.stdout)
    ref = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    want = [[[w, f] for w, f in ref.cut(q)] for q in QUESTIONS]
    assert got == want + want
