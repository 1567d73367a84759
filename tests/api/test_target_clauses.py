"""One passage that gives one indicator several values for different things ("全市新增5G基站2000个；重点园区新增5G
基站500个") answers with the value of the clause the question asks about, not as sources disagreeing; two documents
that disagree are still shown side by side; a figure's clause is not the words after it. The documents are written
for these tests (甲乙市 is made up)."""

from __future__ import annotations

import pytest

from api.answer.answerer import answer_question
from index.home import Home
from tests.written_homes import written_home

NETWORK = ("甲乙市新型基础设施建设若干措施\n甲乙市人民政府办公室\n一、加快网络建设\n"
           "每年统筹安排专项资金800万元，全市新增5G基站2000个；重点园区通过共建共享方式新增5G基站500个。\n"
           "二、降低使用成本\n企业采购算力服务时可申请使用“算力券”，抵扣比例不高于30%。\n")
PLAN_A = "甲乙市数字经济发展规划\n甲乙市人民政府\n一、发展目标\n到2027年，全市数字经济核心产业增加值占比达到12%。\n"
PLAN_B = "甲乙市数字经济三年行动方案\n甲乙市发展改革委\n一、工作目标\n到2027年，全市数字经济核心产业增加值占比达到15%。\n"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Home:
    return written_home(tmp_path_factory, "clauses", {"network.txt": NETWORK, "plan_a.txt": PLAN_A, "plan_b.txt": PLAN_B})


def test_the_clause_asked_gives_its_value_alone(home: Home) -> None:
    a = answer_question(home, "甲乙市重点园区通过共建共享方式新增5G基站多少个？")
    assert [t["value"] for t in a["targets"]] == [500], a
    assert "不一致" not in a["answer"]
    whole = answer_question(home, "甲乙市全市新增5G基站多少个？")
    assert [t["value"] for t in whole["targets"]][:1] == [2000], whole


def test_a_figure_is_not_what_follows_it(home: Home) -> None:
    a = answer_question(home, "甲乙市“算力券”抵扣比例最高是多少？")
    assert not any(t["value"] == 800 for t in a["targets"]), a  # the fund's 800万元 is not the voucher's rate


def test_two_documents_that_disagree_are_both_shown(home: Home) -> None:
    a = answer_question(home, "甲乙市到2027年数字经济核心产业增加值占比目标是多少？")
    assert {t["value"] for t in a["targets"]} == {12, 15} and "不一致" in a["answer"], a
