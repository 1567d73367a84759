""""多长时间内…？" asks a period ("作出之日起7个工作日内"), not the date its measure is due by: the sentence that states
the period answers. The document is written for this test (甲乙省 is made up)."""

from __future__ import annotations

import pytest

from api.answer.answerer import answer_question
from index.home import Home
from tests.written_homes import written_home

OPINION = ("甲乙省人民政府办公厅关于推行执法公示制度的指导意见\n各市人民政府：\n二、主要任务\n"
           "（六）加强事后公开。各级执法机关于每年1月31日前公开上年度执法数据。行政许可的执法决定信息要在执法决定作出之日起"
           "7个工作日内公开。（责任单位：省司法厅）\n")


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Home:
    return written_home(tmp_path_factory, "period", {"opinion.txt": OPINION})


def test_a_period_asked_is_answered_by_the_sentence_stating_it(home: Home) -> None:
    a = answer_question(home, "甲乙省行政许可的执法决定信息要在多长时间内公开？")
    assert "7个工作日内" in a["answer"] and a["type"] != "none", a


def test_a_date_asked_is_still_the_measures_date(home: Home) -> None:
    a = answer_question(home, "甲乙省上年度执法数据什么时候公开？")
    assert a["deadlines"] and a["deadlines"][0]["text"].startswith("每年1月31日前"), a
