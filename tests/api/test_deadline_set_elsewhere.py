"""An order that describes work in one section and sets its time in another ("With respect to the rulemakings
described in section 2 of this order, … no later than March 2031"): a "by when" question about the work is
answered with the time set for it, naming both measures; a measure that only reports on the work does not date it.
The order is written for this test (Westland and its ferries are made up)."""

from __future__ import annotations

import pytest

from api.answer.answerer import answer_question
from api.answer.draft import _cites_number
from index.home import Home
from tests.written_homes import written_home

ORDER = """Executive Order on Cleaner Harbor Ferries for Westland
March 3, 2029

By the authority vested in me as Governor of Westland, it is hereby ordered as follows:

Section 1. Policy. Clean harbor ferries protect the health of our port communities.

Sec. 2. Ferry Emission Standards for Model Year 2033 and Later. (a) The Secretary of Harbors shall, as appropriate and consistent with applicable law, consider beginning work on a rulemaking to establish new emission standards for harbor ferries beginning with model year 2033.

(b) The Director of the Westland Energy Office shall, as appropriate, consider beginning work on a rulemaking to establish fuel standards for harbor tugboats beginning with model year 2034.

Sec. 3. Shore Power. The Secretary of Harbors shall study shore power at the three largest piers.

Sec. 4. Rulemaking Targets. (a) With respect to the rulemakings described in section 2 of this order, the Secretary of Harbors and the Director of the Westland Energy Office shall, as appropriate and consistent with applicable law, consider issuing any final rules no later than March 2031.

Sec. 5. Reports. (a) The Secretary of Harbors shall submit a report on the actions taken under section 3 of this order within 180 days of the date of this order.
"""


@pytest.fixture(scope="module")
def order(tmp_path_factory: pytest.TempPathFactory) -> Home:
    return written_home(tmp_path_factory, "order", {"westland_ferries.txt": ORDER})


def test_the_time_set_in_another_section_answers_by_when(order: Home) -> None:
    a = answer_question(order, "By when should final rules on the ferry emission standards for model year 2033 be issued?")
    assert a["type"] == "deadline", a
    assert [d["date"] for d in a["deadlines"]] == ["2031-03-31"], a
    assert "no later than March 2031" in a["citations"][0]["quote"]
    assert "Sec. 4(a)" in a["answer"] and "2(a)" in a["answer"]  # the measure asked about, and where its time is set


def test_a_report_on_the_work_does_not_date_the_work(order: Home) -> None:
    a = answer_question(order, "By when must the Secretary of Harbors complete the study of shore power at the piers?")
    assert not any(d.get("date", "").startswith("2029") for d in a.get("deadlines", [])), a


def test_a_section_cites_every_subsection_of_it() -> None:
    sentence = "With respect to the rulemakings described in section 2 of this order, the Secretary shall act by March 2031."
    assert _cites_number(sentence, ["Sec. 2(a)"]) and _cites_number(sentence, ["Sec. 2(b)"])
    assert not _cites_number(sentence, ["Sec. 3"]) and not _cites_number("under section 2.5 of the act", ["Sec. 2(a)"])


def test_a_limit_counted_from_the_order_says_the_orders_date(order: Home) -> None:
    a = answer_question(order, "Within what period must the Secretary of Harbors submit the report on shore power actions?")
    assert [d["date"] for d in a["deadlines"]] == ["2029-08-30"], a
    assert "counted from the document's date, 3 March 2029" in a["answer"], a
