"""`DiskDict` answers exactly what the dict it was built from answers, before and after going whole."""

from __future__ import annotations

import threading
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from index.disk_dict import DiskDict, build

WORDS = {"发展": 5, "发展改革委": 3, "发": 0, "改革": 7, "水土保持率": 2}


def _file(tmp: Path, rows: dict[str, int]) -> Path:
    path = tmp / "d.sqlite"
    build(path, {"freq": rows.items(), "meta": [("total", 17)]})
    return path


def test_lookups_match_the_dict_and_keys_set_here_survive_going_whole(tmp_path: Path) -> None:
    swapped: list[dict[str, int]] = []
    d = DiskDict(_file(tmp_path, WORDS), "freq", on_full=swapped.append, bulk_after=5)
    assert d.get("发展") == 5 and d["发"] == 0 and "改革" in d
    assert d.get("不在") is None and "不在" not in d and d.get("不在", 1) == 1
    d["新词"] = 9
    assert d["新词"] == 9 and not swapped
    d.get("水土保持率")  # the fifth key fetched from the file: the table is read whole
    assert swapped and swapped[0] == {**WORDS, "新词": 9}
    assert d.get("发展改革委") == 3 and d["新词"] == 9 and len(d) == len(WORDS) + 1
    assert DiskDict(tmp_path / "d.sqlite", "meta")["total"] == 17


def test_missing_key_raises_key_error(tmp_path: Path) -> None:
    d = DiskDict(_file(tmp_path, WORDS), "freq")
    try:
        d["没有"]
    except KeyError:
        return
    raise AssertionError("a missing key must raise KeyError")


def test_threads_see_the_same_answers(tmp_path: Path) -> None:
    rows = {f"词{i}": i for i in range(2000)}
    d = DiskDict(_file(tmp_path, rows), "freq", bulk_after=1500)
    bad: list[str] = []

    def look(offset: int) -> None:
        for i in range(offset, 2000 + offset):
            key = f"词{i % 2500}"
            if d.get(key) != rows.get(key):
                bad.append(key)

    threads = [threading.Thread(target=look, args=(n * 300,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not bad


@settings(max_examples=25, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=6), st.integers(0, 10**6), max_size=40),
       st.lists(st.text(max_size=6), max_size=40))
def test_any_table_any_probe(rows: dict[str, int], probes: list[str]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        d = DiskDict(_file(Path(tmp), rows), "freq", bulk_after=10)
        for key in probes + list(rows):
            assert d.get(key) == rows.get(key)
            assert (key in d) == (key in rows)


def test_read_all_hands_every_open_dict_to_its_owner_whole(tmp_path: Path) -> None:
    """What a server calls after start: every live DiskDict is read whole and swapped in by its owner."""
    from index.disk_dict import read_all

    owner: dict[str, object] = {}
    d = DiskDict(_file(tmp_path, WORDS), "freq", on_full=lambda whole: owner.update(freq=whole))
    d["新词"] = 9
    assert read_all() >= 1
    assert owner["freq"] == {**WORDS, "新词": 9}
    assert d.get("改革") == 7 and d.get("不在") is None


def test_owners_of_one_table_never_see_each_others_words(tmp_path: Path) -> None:
    """A table read whole again in one process is kept and copied: each owner's added words stay its own."""
    path = _file(tmp_path, WORDS)
    owners = [DiskDict(path, "freq") for _ in range(4)]
    for i, d in enumerate(owners):
        d[f"词{i}"] = i
        whole = d.full()
        whole[f"后加{i}"] = i  # what jieba's add_word does once it holds the plain dict
    for i, d in enumerate(owners):
        assert d.full() == {**WORDS, f"词{i}": i, f"后加{i}": i}
