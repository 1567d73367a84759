"""Documents without a manifest: titles come from how a document names itself, and nothing
that depends on the title (a plan's region and period, hence its targets) is lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.facts import read_facts
from ingest.pipeline import parse_file, read_manifest
from tests.conftest import CORPUS


@pytest.mark.parametrize(("text", "title"), [
    ("某市人民政府办公室\n关于印发《某市林长制实施方案(2024-2026年)》的通知\n各区县:", "某市林长制实施方案(2024-2026年)"),
    ("前 言\n市发展改革委编制了《某市“十五五”交通规划》（以下简称《规划》）。", "某市“十五五”交通规划"),
    ("各单位:\n我局制定了《安全生产工作要点》,现印发给你们,请认真贯彻落实。", "安全生产工作要点"),
    ("摘 要\nTable 1. Figures\n某县河长制工作报告\n一、总体情况", "某县河长制工作报告"),
])
def test_title_from_the_text(text: str, title: str) -> None:
    assert read_facts(text).title == title


def test_corpus_without_its_manifest_gives_the_same_records(tmp_path: Path) -> None:
    bare = tmp_path / "bare"
    bare.mkdir()
    for p in CORPUS.glob("*.txt"):
        shutil.copy(p, bare / p.name)
    assert read_manifest(bare) == {}
    for p in sorted(CORPUS.glob("*.txt")):
        with_manifest, without = parse_file(p), parse_file(bare / p.name)
        assert len(without.tasks) == len(with_manifest.tasks), p.name
        assert len(without.targets) == len(with_manifest.targets), p.name
        assert {(t.value, t.year, t.kind) for t in without.targets} == {
            (t.value, t.year, t.kind) for t in with_manifest.targets}, p.name
