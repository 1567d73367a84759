"""Answering mechanics on small documents of other provinces and fields (hash embedder: BM25 does
the finding), and the pure parts: classification, grounding, cross-lingual expansion."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.answer.answerer import answer_question
from api.answer.classify import classify
from api.answer.grounding import ground, place_names
from api.answer.text import counted_nouns
from index.home import Home
from ingest.errors import BadQueryError

PLAN = """某省林业发展实施方案
一、总体要求
到2025年,全省森林覆盖率达到45%以上,林地保有量稳定在1.2亿亩。
二、重点任务
1.完善林长制。建立省市县三级林长体系,压实保护发展森林资源责任。(责任单位:省林业局牵头,省自然资源厅、省财政厅参与。完成时限:2024年6月底前)
2.开展国土绿化行动。科学推进造林绿化,由省林业局负责编制年度造林计划。(责任单位:省林业局、各市人民政府。完成时限:持续推进)
3.加强森林防火。完善防火设施,建设12座瞭望塔。(责任单位:省应急管理厅负责,省林业局配合。完成时限:2023年12月底前)
附表1 各市森林覆盖率目标
\t序号
\t城市
\t现状值(%)
\t目标值(%)

\t1
\t吉安市
\t40.10
\t42.00

\t2
\t赣州市
\t51.30
\t53.50
"""


@pytest.fixture(scope="module")
def plan_home(tmp_path_factory: pytest.TempPathFactory) -> Home:
    folder = tmp_path_factory.mktemp("plan")
    (folder / "plan.txt").write_text(PLAN, encoding="utf-8")
    home = Home(folder / "home", embedder="hash")
    report = home.ingest([folder / "plan.txt"])
    assert not report.failed
    return home


@pytest.mark.parametrize(("question", "kind"), [
    ("森林防火由哪个部门负责?", "responsibility"),
    ("Which agency leads the forest chief system?", "responsibility"),
    ("完善林长制的完成时限是什么?", "deadline"),
    ("By when must the watchtowers be built?", "deadline"),
    ("How often must the fire plan be reviewed?", "deadline"),
    ("Which Secretaries must report on wildfire smoke?", "responsibility"),
    ("全省森林覆盖率目标是多少?", "target"),
    ("How many watchtowers will be built?", "target"),
    ("林长体系分几级?", "fact"),
])
def test_classify(question: str, kind: str) -> None:
    assert classify(question).type == kind


def test_who_answers_with_units_roles_and_an_exact_citation(plan_home: Home) -> None:
    a = answer_question(plan_home, "完善林长制由哪些单位负责?")
    assert a["type"] == "responsibility"
    roles = {u["name"]: u["role"] for u in a["units"]}
    assert roles == {"省林业局": "lead", "省自然资源厅": "participant", "省财政厅": "participant"}
    text = plan_home.store.text(a["citations"][0]["doc_id"]) or ""
    c = a["citations"][0]
    assert text[c["start"]:c["end"]] == c["quote"] and "完善林长制" in c["quote"]


def test_specific_role_and_inline_assignment(plan_home: Home) -> None:
    a = answer_question(plan_home, "森林防火工作由哪个部门配合?")
    assert [u["name"] for u in a["units"]] == ["省林业局"]
    b = answer_question(plan_home, "年度造林计划由谁负责编制?")
    assert [u["name"] for u in b["units"]] == ["省林业局"]


def test_deadlines_dated_and_ongoing(plan_home: Home) -> None:
    a = answer_question(plan_home, "完善林长制什么时候完成?")
    assert [d["date"] for d in a["deadlines"]] == ["2024-06-30"]
    b = answer_question(plan_home, "国土绿化行动的完成时限是什么?")
    assert [d["kind"] for d in b["deadlines"]] == ["ongoing"]
    c = answer_question(plan_home, "What is the deadline for forest fire prevention (measure No. 3)?")
    assert c["deadlines"][0]["date"] == "2023-12-31" and "December 2023" in c["answer"]


def test_targets_from_prose_and_table_rows(plan_home: Home) -> None:
    a = answer_question(plan_home, "全省2025年森林覆盖率要达到多少?")
    assert a["type"] == "target" and 45 in [t["value"] for t in a["targets"]]
    b = answer_question(plan_home, "附表1中赣州市的森林覆盖率目标值是多少?")
    assert b["targets"][0]["value"] == 53.5


def test_unanswerable_and_bad_questions(plan_home: Home) -> None:
    for q in ("广东省2025年新能源汽车保有量目标是多少?", "Which agency in Tianjin licenses taxis?"):
        a = answer_question(plan_home, q)
        assert a["type"] == "none" and a["units"] == [] and a["targets"] == []
    with pytest.raises(BadQueryError):
        answer_question(plan_home, "   ")
    with pytest.raises(BadQueryError):
        answer_question(plan_home, "水" * 3000)


def test_grounding_needs_the_places_asked_about() -> None:
    assert place_names("广东省森林覆盖率是多少") == ["广东省"]
    # a name whose rare first character jieba cuts from a common area word ("X" + 山区, "X" + 城区)
    assert place_names("珺山区新增就业多少人？") == ["珺山区"] and place_names("玏城区绿地多少？") == ["玏城区"]
    assert place_names("在山区建设公路多少公里？") == ["山区"]
    assert not ground("广东省森林覆盖率是多少", ["某省森林覆盖率达到45%"]).grounded
    assert ground("全省森林覆盖率是多少", ["某省森林覆盖率达到45%"]).grounded
    assert ground("What is the target for Wanzhou?", ["万州区 59.05 62.00 目标"]).grounded
    assert not ground("What is the target for Guangzhou?", ["万州区 59.05 62.00 目标"]).grounded


def test_counted_nouns() -> None:
    pats = counted_nouns("How many villages and people does it involve?")
    assert all(p.search("involving 20 villages, 110000 people") for p in pats)
    assert counted_nouns("计划建设多少座瞭望塔")[0].search("建设12座瞭望塔")


def test_english_questions_use_the_corpus_names(tmp_path: Path, plan_home: Home) -> None:
    a = answer_question(plan_home, "What is the forest coverage target for Ganzhou in table 1?")
    assert a["type"] == "target" and 53.5 in [t["value"] for t in a["targets"]]


def test_word_forms_and_common_english_words_over_chinese_text_do_not_block_grounding() -> None:
    """"Secretaries" where the text says "Secretary"; "State Council" over a Chinese passage (its words cannot be looked
    for in Chinese, only a Chinese proper name's pinyin can)."""
    assert ground("Which Secretaries must review harbor permits?",
                  ["The Secretary of the Army and the Secretary of Commerce shall review harbor permits."]).grounded
    assert ground("What rate does the State Council opinion aim for?", ["某某机械化率达到60%"]).grounded
    assert not ground("What rate does the Guangzhou opinion aim for?", ["某某机械化率达到60%"]).grounded


def test_irregular_word_forms_meet() -> None:
    from api.answer.lexical import stem
    assert stem("held") == stem("holding") == stem("hold")
    assert stem("children") == stem("child") and stem("built") == stem("build") and stem("paid") == stem("pay")
    assert stem("villages") == stem("village")


def test_a_documents_kind_capitalised_in_a_question_names_no_place() -> None:
    assert ground("Who installs solar panels under Bill 79?", ["The Ministry shall install solar panels."]).grounded
    assert not ground("Who installs solar panels in Westland?", ["The Ministry shall install solar panels."]).grounded


def test_a_row_of_the_outline_a_task_is_named_in_belongs_to_that_task() -> None:
    from api.answer.text import same_table
    text = ("Intro line.\n| Action outline | Action name | Eastport Heat Network |\n|  | Action type | Heating |\n"
            "|  | Action description | Waste heat for the docks. |\n\nA paragraph after the table.\n")
    name = text.index("Eastport Heat Network")
    end = name + len("Eastport Heat Network")
    assert same_table(text, name, end, text.index("Waste heat"))
    assert not same_table(text, name, end, text.index("A paragraph after"))
    assert not same_table(text, text.index("Intro"), text.index("Intro") + 5, text.index("Waste heat"))


def test_an_outline_cut_by_a_page_break_goes_on_to_the_next_task() -> None:
    from api.answer.text import same_table
    text = ("| Action outline | Action name | Eastport Metro |\n\nOFFICIAL\n\n|  | Comments on implementation | The business "
            "case is expected by May 2027. |\n| Action outline | Action name | Eastport Trams |\n|  | Comments | Later. |\n")
    name = text.index("Eastport Metro")
    end, nxt = name + len("Eastport Metro"), text.index("| Action outline | Action name | Eastport Trams")
    assert not same_table(text, name, end, text.index("The business"))  # strictly, the page break ends the table
    assert same_table(text, name, end, text.index("The business"), nxt)
    assert not same_table(text, name, end, text.index("Later."), nxt)


def test_official_words_of_an_english_question_read_as_chinese_documents_write_them() -> None:
    from index.bilingual import english_to_chinese
    got = english_to_chinese("When must the pilot cities submit the evaluation summary report to the State Council?")
    assert {"试点城市", "评估", "总结报告", "报送", "国务院"} <= set(got), got
    assert "飞行员" not in got  # a pilot of a programme, not of a plane
