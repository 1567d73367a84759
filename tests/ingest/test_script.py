"""Traditional-script documents are read with the simplified rules and keep their own script in every record."""

from __future__ import annotations

from pathlib import Path

from ingest.read.script import Restorer, simplified_reading
from tests.plan_fixtures import parse_text

TRADITIONAL = "\n".join([
    "某市2025年營商環境優化工作要點",
    "一、主要目標",
    "到2025年，全市政務服務事項網上可辦率達到98%以上，企業開辦時間壓縮至1個工作日以內。",
    "二、重點任務",
    "1.全面實施行政許可事項清單管理。2025年6月底前編制並公布許可事項清單。（市政務服務局牽頭，市司法局、各縣區政府按職責分工負責）",
    "2.深化工程建設項目審批制度改革。（市住房城鄉建設局牽頭，市自然資源局配合）",
])


def test_a_traditional_document_is_read_and_keeps_its_script(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "trad.txt", TRADITIONAL)
    assert doc.text.startswith("某市2025年營商環境") and doc.title == "某市2025年營商環境優化工作要點"
    first = doc.tasks[0]
    assert [u.name for u in first.units] == ["市政務服務局", "市司法局", "各縣區政府"]
    assert first.units[0].normalized == "市政务服务局"  # compared across documents in one script
    assert [d.date for d in first.deadlines] == ["2025-06-30"]
    assert [(u.name, u.role) for u in doc.tasks[1].units] == [("市住房城鄉建設局", "lead"), ("市自然資源局", "participant")]
    rate = next(t for t in doc.targets if t.value == 98.0)
    assert (rate.indicator, rate.kind, rate.year, rate.comparator) == ("政務服務事項網上可辦率", "target", 2025, ">=")
    for record in doc.tasks + doc.targets:
        assert record.citation.quote == doc.text[record.citation.start:record.citation.end]
        assert "务" not in record.citation.section  # heading paths in the document's own script
    assert all(c.text == doc.text[c.start:c.end] for c in doc.chunks)


def test_a_simplified_text_is_read_as_it_is() -> None:
    assert simplified_reading("到2025年，全市政务服务事项网上可办率达到98%以上。") is None
    assert simplified_reading("The plan sets 12 targets.") is None
    reading = simplified_reading("到2025年，全市政務服務事項網上可辦率達到98%以上。")
    assert reading == "到2025年，全市政务服务事项网上可办率达到98%以上。"


def test_names_composed_by_the_readers_get_the_original_characters() -> None:
    original = "單位國內生產總值能源消耗和二氧化碳排放分別降低2.5%左右"
    restore = Restorer(simplified_reading(original) or "", original)
    assert restore("单位国内生产总值能源消耗降低") == "單位國內生產總值能源消耗降低"
    assert restore("二氧化碳排放") == "二氧化碳排放"
