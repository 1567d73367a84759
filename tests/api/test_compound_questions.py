"""A question that asks a figure and a date at once ("How many depots …, and by when?", "建成多少个，什么时候完成？")
is answered with both when the dated measure states the figure; a figure stated in another measure is not added.
The documents are written for these tests (Eastport and 甲乙市 are made up)."""

from __future__ import annotations

import pytest

from api.answer.answerer import answer_question
from api.answer.classify import asks_figure
from index.home import Home
from tests.written_homes import written_home

ORDER = """Executive Order on Charging Depots for Eastport Buses
May 2, 2030

Section 1. Purpose. Electric buses need depots that can charge them overnight.

Sec. 2. Pilot Depots. (a) The Director of Transit shall certify at least four pilot depots under this program with the goal of opening each of them by June 30, 2031.

(b) The Director of Transit shall publish a map of depot sites.

Sec. 3. Workforce. The Secretary of Labor shall train 300 depot technicians.
"""

PLAN = """甲乙市公交充电设施建设工作方案
甲乙市人民政府办公室
一、工作目标
到2028年,全市公交车辆全部实现电动化。
二、重点任务
1.建设示范充电站。2027年底前建成示范充电站12座。(责任单位:市交通运输局)
2.培训运维人员。组织开展运维培训。(责任单位:市人社局。完成时限:2026年6月底前)
3.完善站点布局。全市新增公交充电桩800个,培训运维人员500人次。(责任单位:市发展改革委)
"""


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Home:
    return written_home(tmp_path_factory, "compound", {"eastport_depots.txt": ORDER, "jiayi_charging.txt": PLAN})


def test_how_many_and_by_when_gets_both(home: Home) -> None:
    a = answer_question(home, "How many pilot depots must the Director of Transit certify, and by when should they open?")
    assert a["type"] == "deadline" and [d["date"] for d in a["deadlines"]] == ["2031-06-30"], a
    assert [t["value"] for t in a["targets"]] == [4] and "4" in a["answer"], a


def test_chinese_count_and_time_limit_get_both(home: Home) -> None:
    a = answer_question(home, "甲乙市示范充电站要建成多少座，什么时候完成？")
    assert a["type"] == "deadline" and a["deadlines"][0]["date"].startswith("2027-12"), a
    assert [t["value"] for t in a["targets"]] == [12] and "12" in a["answer"], a


def test_a_figure_of_another_measure_is_not_added(home: Home) -> None:
    a = answer_question(home, "甲乙市运维培训什么时候完成，要培训运维人员多少人次？")
    assert not a["targets"] and "500" not in a["answer"], a  # the dated measure states no count: none is added


def test_a_time_span_asked_is_not_a_figure() -> None:
    assert asks_figure("How many reactors, and by when?") and asks_figure("建成多少座？")
    assert not asks_figure("How many days after the order must the plan be filed?")
    assert not asks_figure("By when must the Director publish the map?")
