"""How long a document is in force ("有效期多长？", "试行多久？", "How long does the policy remain in effect?") is
answered from the sentence that says so, its figure in digits; a document that says nothing of it is not given
another's. The documents are written for these tests (甲乙市, 丙县 and Westland are made up)."""

from __future__ import annotations

import pytest

from api.answer.answerer import answer_question
from index.home import Home
from tests.written_homes import written_home

DOCS = {
    "jiayi.txt": "甲乙市支持人工智能创业若干措施\n甲乙市人民政府办公室\n1.发放算力券。每年设立算力券1000万元。\n"
                 "本措施自发布之日起试行，有效期三年。\n",
    "bingxian.txt": "丙县促进数字经济发展若干措施（试行）\n丙县人民政府办公室\n1.建设数据中心。新建机柜500个。\n"
                    "本措施自发布之日起实施，试行一年，由县发展改革局负责解释。\n",
    "westland.txt": "Westland Small Business Grant Policy\n\n1. The Department of Commerce shall award grants of up to "
                    "$5,000 to new firms.\n\nThis policy takes effect on 1 July 2030 and remains in effect for five years.\n",
}


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Home:
    return written_home(tmp_path_factory, "validity", DOCS)


@pytest.mark.parametrize(("question", "said", "source"), [
    ("甲乙市若干措施的有效期多长？", "有效期三年（3年）", "jiayi.txt"),
    ("丙县促进数字经济发展若干措施试行多久？", "试行一年（1年）", "bingxian.txt"),
    ("How long does the Westland small business grant policy remain valid?", "remains in effect for five years", "westland.txt"),
])
def test_the_period_in_force_is_quoted_with_its_figure(home: Home, question: str, said: str, source: str) -> None:
    a = answer_question(home, question)
    assert a["type"] == "deadline" and said in a["answer"], a
    assert a["citations"][0]["source"].endswith(source)


def test_no_period_stated_is_not_borrowed() -> None:
    from api.answer.draft import _VALIDITY_STATED

    assert _VALIDITY_STATED.search("本意见自印发之日起施行。") is None
    assert _VALIDITY_STATED.search("有效期至2028年12月31日。").group(0) == "有效期至2028年12月31日"
