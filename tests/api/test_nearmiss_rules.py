"""Questions that look answerable and are not, by how they are asked: a quoted name the documents never write,
"who is responsible" where nothing names anyone, a share or a sum of money where the text states neither. Each has
an answerable twin. The documents are written for these tests (甲乙市, 丙县 and Westland are made up)."""

from __future__ import annotations

import pytest

from api.answer.answerer import answer_question
from index.home import Home
from tests.written_homes import written_home

VOUCHERS = """甲乙市支持人工智能创业若干举措
甲乙市人民政府办公室
一、降低创业成本
1.发放算力券。每年设立算力券1000万元、模型券500万元，支持创业者购买算力。
2.推进宣传活动。推进创业政策宣传“进园区、进高校、进社区、进企业”。
3.发放专属场景券。支持创业者采购场景服务，给予最高60%的补助。
4.完善评估制度。请市财政局提出对《甲乙市资产评估管理办法》的修订建议，简化评估程序。
5.打造创业社区。到2027年，建成5个超级创业者社区。
6.强化组织保障。成立由市领导牵头的“甲乙市创业服务专班”，统筹推进工作。本措施由市科技局负责解释。
"""

NOTED = """丙县支持人工智能创业若干举措
丙县人民政府办公室
一、降低创业成本
1.发放专属场景券。支持创业者采购场景服务，给予最高50%的补助。（责任单位：县科技局、县财政局）
"""

ORDER = """Executive Order on a Resilient Mask Supply Chain for Westland
April 2, 2031

Sec. 2. Domestic Production. The Secretary of Health shall develop, within 180 days of the date of this order, a strategy to expand the domestic production of masks and gloves.

Sec. 3. Penalties. A supplier that fails to deliver under a state contract must pay the administrative penalty established under section 9 of the Westland Procurement Act.

Sec. 4. Stockpile. The Director of Emergency Management shall keep at least 40 percent of the state's glove stockpile in regional depots, and each depot shall pay a storage fee of $12 per pallet.

Sec. 5. Inventory. The Director of Emergency Management shall update the mask inventory annually.
"""


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Home:
    return written_home(tmp_path_factory, "nearmiss", {"jiayi.txt": VOUCHERS, "bingxian.txt": NOTED, "westland_masks.txt": ORDER})


def test_a_quoted_name_no_document_writes_is_none(home: Home) -> None:
    a = answer_question(home, "甲乙市每年设立的“数据券”总额是多少？")
    assert a["type"] == "none" and "数据券" in a["answer"], a
    twin = answer_question(home, "甲乙市每年设立的“算力券”总额是多少？")
    assert twin["type"] != "none" and [t["value"] for t in twin["targets"]][:1] == [1000], twin


def test_a_quoted_list_may_leave_items_out(home: Home) -> None:
    a = answer_question(home, "甲乙市推进创业政策宣传“进园区、进高校”是哪一项措施？")
    assert a["type"] != "none", a


def test_who_is_responsible_where_nothing_names_anyone_is_none(home: Home) -> None:
    a = answer_question(home, "甲乙市“发放专属场景券”的责任单位是谁？")
    assert a["type"] == "none" and not a["units"], a
    twin = answer_question(home, "丙县“发放专属场景券”的责任单位是谁？")
    assert twin["type"] == "responsibility" and {u["name"] for u in twin["units"]} >= {"县科技局", "县财政局"}, twin


def test_a_share_the_order_does_not_state_is_none(home: Home) -> None:
    a = answer_question(home, "What share of masks must be produced domestically under the Westland mask supply order?")
    assert a["type"] == "none", a
    twin = answer_question(home, "What share of the glove stockpile must be kept in regional depots in Westland?")
    assert twin["type"] != "none" and "40" in twin["answer"], twin


def test_a_sum_of_money_the_order_only_refers_to_is_none(home: Home) -> None:
    a = answer_question(home, "What is the amount of the administrative penalty in dollars that a Westland supplier must pay?")
    assert a["type"] == "none", a
    twin = answer_question(home, "How much must each Westland depot pay in dollars for storage per pallet?")
    assert twin["type"] != "none" and "12" in twin["answer"], twin


def test_a_regulation_the_text_cites_is_no_missing_document(home: Home) -> None:
    a = answer_question(home, "请哪个部门提出对《甲乙市资产评估管理办法》的修订建议？")
    assert a["type"] == "responsibility" and [u["name"] for u in a["units"]] == ["市财政局"], a
    none = answer_question(home, "请哪个部门提出对《甲乙市数据交易管理办法》的修订建议？")
    assert none["type"] == "none" and "甲乙市数据交易管理办法" in none["answer"], none


def test_a_plans_year_asked_of_a_document_that_states_none_is_not_contradicted(tmp_path_factory: pytest.TempPathFactory) -> None:
    h = written_home(tmp_path_factory, "planyears", {
        "shared_actions.md": "## Shared Actions\n\n" + "Shared actions are taken by groups of agencies working through a "
                             "council. " * 10 + "\n\n| Milestone | Target Date | Responsible Party |\n|---|---|---|\n"
                             "| Launch the Westland Data Council | January 31, 2031 | Westland Budget Office |\n",
        "eastport_plan.md": "# Eastport 2030 Action Plan\n\n| Milestone | Target Date | Responsible Party |\n|---|---|---|\n"
                            "| Launch the Eastport Data Council | March 31, 2030 | Eastport Budget Office |\n"})
    a = answer_question(h, "In the Westland 2031 Action Plan, who is the responsible party for launching the Westland Data Council?")
    assert a["type"] == "responsibility" and [u["name"] for u in a["units"]] == ["Westland Budget Office"], a
    b = answer_question(h, "In the Eastport 2031 Action Plan, who is the responsible party for launching the Eastport Data Council?")
    assert b["type"] == "none" and "2031" in b["answer"], b


def test_a_counted_thing_with_latin_letters_the_text_does_not_count_is_none(home: Home) -> None:
    a = answer_question(home, "甲乙市到2027年要建成多少个市级AI社区？")
    assert a["type"] == "none" and "市级AI社区" in a["answer"], a
    twin = answer_question(home, "甲乙市到2027年要建成多少个超级创业者社区？")
    assert [t["value"] for t in twin["targets"]][:1] == [5], twin


def test_who_leads_a_body_the_measure_sets_up(home: Home) -> None:
    """"成立由市领导牵头的“…专班”": the leaders who lead it, not the office that interprets the measures."""
    a = answer_question(home, "甲乙市由谁牵头成立“甲乙市创业服务专班”？")
    assert [u["name"] for u in a["units"]] == ["市领导"], a


def test_a_date_asked_of_work_done_every_year_is_none(home: Home) -> None:
    a = answer_question(home, "By what date must the Westland Director of Emergency Management update the mask inventory?")
    assert a["type"] == "none" and "annually" in a["answer"], a
    twin = answer_question(home, "How often must the Westland Director of Emergency Management update the mask inventory?")
    assert twin["type"] == "deadline" and any(d["kind"] == "ongoing" for d in twin["deadlines"]), twin
