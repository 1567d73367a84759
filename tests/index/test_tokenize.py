"""The BM25 tokenizer on Chinese and English, and the dictionary grown from the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.lexicon import strip_role, text_terms
from index.local.bm25 import BM25Index
from index.tokenize import Tokenizer, normalize, s_stem

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def plain() -> Tokenizer:
    return Tokenizer()


def test_golden_unit_name_and_role_come_out_whole() -> None:
    terms = text_terms("责任单位：省发展改革委、省财政厅、省水利厅按职责分工负责。")
    assert "省发展改革委" in terms
    tokens = Tokenizer(terms)("由省发展改革委牵头负责")
    assert "发展改革委" in tokens
    assert "牵头" in tokens


def test_without_the_dictionary_jieba_splits_the_unit_name(plain: Tokenizer) -> None:
    assert "发展改革委" not in plain("由省发展改革委牵头负责")


def test_domain_term_stays_whole_and_does_not_match_a_longer_one() -> None:
    tok = Tokenizer(["二三级医院", "三级医院"])
    assert "三级医院" not in tok("推进二三级医院建设")
    assert "二三级医院" in tok("推进二三级医院建设")
    assert "三级医院" in tok("推进三级医院建设")
    docs = ["推进二三级医院建设，完善设施", "推进三级医院建设，完善设施"]
    index = BM25Index.build(tok.tokenize_many(docs))
    rows, _ = index.search(tok("三级医院"), k=2)
    assert rows[0] == 1


def test_harvest_from_the_real_corpus_finds_units_and_no_sentence_fragments() -> None:
    text = (CORPUS / "002_c523826dc1e3ad33.txt").read_text(encoding="utf-8")
    terms = text_terms(text)
    assert {"县水土保持中心", "县自然资源局", "县林业局"} <= terms
    assert all(t in text for t in terms)  # harvested, never invented
    assert not any(t.endswith(("格局", "布局")) for t in terms)
    other = text_terms((CORPUS / "003_6069217e3a45af15.txt").read_text(encoding="utf-8"))
    assert {"水土局", "长科院", "水土监测站"} <= other  # role words ("负责", "参与") stripped


def test_role_words_are_stripped_from_list_items() -> None:
    assert strip_role("水土局负责") == "水土局"
    assert strip_role("水土监测站技术牵头") == "水土监测站"
    assert strip_role("长科院") == "长科院"


def test_chinese_bigrams_make_partial_names_match(plain: Tokenizer) -> None:
    doc = set(plain("丰都区\n\t59.24\n\t62.50"))
    query = set(plain("附表2里丰都的水土保持率目标值是多少？"))
    assert "#丰都" in doc & query
    assert "59.24" in doc


def test_stop_words_of_both_languages_are_dropped(plain: Tokenizer) -> None:
    assert not {"的", "哪些", "是"} & set(plain("哪些单位是牵头的"))
    assert not {"the", "of", "which"} & set(plain("Which of the units"))


def test_english_is_lower_cased_and_stemmed(plain: Tokenizer) -> None:
    assert plain("The Villages and Studies of Watersheds") == ["villag", "studi", "watersh"]
    assert plain("reinstated") == plain("reinstates") == plain("reinstating")
    assert s_stem("process") == "process"
    assert s_stem("basis") == "basis"
    assert s_stem("county's") == "county"
    assert "43.3" in plain("43.3 kilometers")


def test_traditional_characters_fold_to_simplified(plain: Tokenizer) -> None:
    assert plain("長江水利委員會") == plain("长江水利委员会")
    assert normalize("ＡＢＣ１２") == "abc12"


def test_document_numbers_and_titles_are_extra_whole_tokens(plain: Tokenizer) -> None:
    tokens = plain("根据《水利部办公厅关于开展先行区建设的通知》(办水保〔2021〕225号)")
    assert "《水利部办公厅关于开展先行区建设的通知》" in tokens
    assert "办水保〔2021〕225号" in tokens
    assert "水利部" in tokens or "#水利" in tokens  # the title's words still match on their own


def test_dictionary_hash_names_the_dictionary() -> None:
    a, b = Tokenizer(["水土局"]), Tokenizer(["水土局", "长科院"])
    assert a.dict_hash != b.dict_hash
    assert Tokenizer.dictionary_hash(["水土局"]) == a.dict_hash
