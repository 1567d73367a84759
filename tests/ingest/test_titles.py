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
    # a title line after its 文号, and a notice's title copied without its 的通知
    ("甲政办发〔2025〕12号 甲省人民政府办公厅关于印发甲省节水行动实施方案\n各市人民政府:", "甲省节水行动实施方案"),
    # a title centred over three lines is read whole, so its kind (意见) is known
    ("甲省人民政府办公厅关于进一步发挥\n乡村振兴基金作用切实支持农户和\n“小农户”发展的指导意见\n各市人民政府:",
     "甲省人民政府办公厅关于进一步发挥乡村振兴基金作用切实支持农户和“小农户”发展的指导意见"),
    # a first line that is a whole title stays alone even when a title-like line follows
    ("某县城乡供水一体化实施方案\n某县水利局\n一、总体要求", "某县城乡供水一体化实施方案"),
    # a numbered order under a letterhead names itself by number and the subject below its date (OCR'd "N0.")
    ("THE CITY OF EASTPORT\nOFFICE OF THE MAYOR\nEASTPORT, E.P. 10001\nEXECUTIVE ORDER N0.12\nMay 3. 2024\n"
     "FLOOD READINESS OF CITY\nFACILITIES\nWHEREAS, storms have grown stronger;",
     "Executive Order No. 12: FLOOD READINESS OF CITY FACILITIES"),
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


def test_a_web_pages_navigation_is_no_title(tmp_path: Path) -> None:
    page = tmp_path / "news.txt"
    page.write_text("\n".join([
        "今日特推: 乙县十届人大三次会议开幕", "搜索:", "您的位置: 主页 > 要闻 > » 正文", "",
        "甲县第十八届人民代表大会第三次会议开幕", "浏览: 来源:某某网",
        "1月9日上午，甲县第十八届人民代表大会第三次会议开幕。县长代表县人民政府作政府工作报告。",
        "相关新闻>>", "正式发布!乙市政府工作报告(全文)",
        "2026年，全县地区生产总值增长6%左右。"]), encoding="utf-8")
    doc = parse_file(page)
    assert doc.title == "甲县第十八届人民代表大会第三次会议开幕"
    assert "主页" not in doc.text and "乙市政府工作报告" not in doc.text and "浏览" not in doc.text


def test_front_matter_gives_title_and_date_and_is_no_text(tmp_path: Path) -> None:
    page = tmp_path / "plan.md"
    page.write_text("---\nlayout: default\ntitle:  \"Westland Clean Air Plan\"\ndate_signed: \"2024-05-02\"\n"
                    "next: { title: \"Other page\", url: \"/x/\" }\n---\n## Key points:\n"
                    "* Westland will cut NO2 levels by 30% by 2030.\n", encoding="utf-8")
    doc = parse_file(page)
    assert (doc.title, doc.meta.date) == ("Westland Clean Air Plan", "2024-05-02")
    assert "layout" not in doc.text
    rule = tmp_path / "rule.md"  # a leading rule that opens no mapping is text
    rule.write_text("---\nWestland Clean Air Plan\n---\nThe plan sets goals.\n", encoding="utf-8")
    assert "Westland Clean Air Plan" in parse_file(rule).text


def test_a_running_head_names_a_document_whose_first_line_is_a_tables_column(tmp_path: Path) -> None:
    rows = ["Strategies", "Activities", "Responsibilities"]
    for _ in range(3):
        rows += ["| Westland Climate Smart Farming Strategy |", "• Capacity building", "(MALF, KARI)", "ST/LT"]
    page = tmp_path / "annex.md"
    page.write_text("\n".join(rows), encoding="utf-8")
    assert parse_file(page).title == "Westland Climate Smart Farming Strategy"
