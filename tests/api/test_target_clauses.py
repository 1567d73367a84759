"""One passage that gives one indicator several values for different things ("抵扣比例不高于30%；…购买词元时…不高于
80%") answers with the value of the clause the question asks about, not as sources disagreeing; two documents that
disagree are still shown side by side. The documents are written for these tests (甲乙市 is made up)."""

from __future__ import annotations

import pytest

from api.answer.answerer import answer_question
from index.home import Home

VOUCHERS = ("甲乙市降低算力成本若干措施\n甲乙市人民政府办公室\n一、降低算力使用成本\n"
            "每年设立总额800万元的“算力券”，企业采购算力服务时可申请使用，抵扣比例不高于30%；"
            "小微创业者通过平台购买词元时，可申请使用以词元计价的“算力券”，抵扣比例不高于80%。\n")
PLAN_A = "甲乙市数字经济发展规划\n甲乙市人民政府\n一、发展目标\n到2027年，全市数字经济核心产业增加值占比达到12%。\n"
PLAN_B = "甲乙市数字经济三年行动方案\n甲乙市发展改革委\n一、工作目标\n到2027年，全市数字经济核心产业增加值占比达到15%。\n"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Home:
    folder = tmp_path_factory.mktemp("clauses")
    for name, text in (("vouchers.txt", VOUCHERS), ("plan_a.txt", PLAN_A), ("plan_b.txt", PLAN_B)):
        (folder / name).write_text(text, encoding="utf-8")
    h = Home(folder / "home", embedder="hash")
    assert not h.ingest([folder]).failed
    return h


def test_the_clause_asked_gives_its_value_alone(home: Home) -> None:
    a = answer_question(home, "甲乙市小微创业者通过平台购买词元时，“算力券”抵扣比例最高是多少？")
    assert [t["value"] for t in a["targets"]] == [80], a
    assert "不一致" not in a["answer"]
    other = answer_question(home, "甲乙市企业采购算力服务时，“算力券”抵扣比例最高是多少？")
    assert [t["value"] for t in other["targets"]][:1] == [30], other


def test_two_documents_that_disagree_are_both_shown(home: Home) -> None:
    a = answer_question(home, "甲乙市到2027年数字经济核心产业增加值占比目标是多少？")
    assert {t["value"] for t in a["targets"]} == {12, 15} and "不一致" in a["answer"], a
