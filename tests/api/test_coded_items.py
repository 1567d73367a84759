"""A question that names an item of a coded action list by its code ("… action (MOB/1/AC/B)") is answered only from under
that code: a figure stated under another item ("MOB/1/AC/A", which the text also cites in passing) is no answer. The
list is written for this test (Westland is made up)."""

from __future__ import annotations

import pytest

from api.answer.answerer import answer_question
from index.home import Home
from tests.written_homes import written_home

ACTIONS = """# Westland Individual Actions List

MOB/1/AC/A
Action name | Electrify Westland's bus fleet
Action description | Replace diesel buses with electric buses. See MOB/2/AC/A below for the funding group.
GHG emissions reduction estimate (total) | 48,000 t CO2 eq

MOB/1/AC/B
Action name | Safe cycle lanes on every arterial road
Action description | Build protected cycle lanes on arterial roads.
Involved stakeholders | Westland Council, cycling groups.

MOB/2/AC/A
Action name | Mobility funding group
Action description | A group of funders convened by Westland Council.
"""


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Home:
    return written_home(tmp_path_factory, "coded", {"westland_actions.md": ACTIONS})


def test_a_figure_under_another_code_is_no_answer(home: Home) -> None:
    a = answer_question(home, "What GHG emissions reduction (t CO2 eq) is estimated for the cycle lanes action (MOB/1/AC/B) in Westland?")
    assert a["type"] == "none" and "MOB/1/AC/B" in a["answer"], a
    twin = answer_question(home, "What GHG emissions reduction (t CO2 eq) is estimated for the bus action (MOB/1/AC/A) in Westland?")
    assert twin["type"] != "none" and "48,000" in twin["answer"], twin


PLAN = """## Shared Actions

### Action 7: Launch the Westland Data Council

OMB will launch the council. A data policy committee is to be established under Action 12.

| Milestone | Target Date | Responsible Party |
|---|---|---|
| Launch the Westland Data Council | January 31, 2031 | Westland Budget Office |
"""


def test_an_item_named_by_number_that_no_document_has_is_none(tmp_path_factory: pytest.TempPathFactory) -> None:
    h = written_home(tmp_path_factory, "items", {"shared_actions.md": PLAN})
    a = answer_question(h, "By what date must the Westland data policy committee be established (Action 12)?")
    assert a["type"] == "none" and "Action 12" in a["answer"], a  # mentioned in passing, not an item of the plan
    twin = answer_question(h, "By what date must the Westland Data Council be launched (Action 7)?")
    assert twin["type"] != "none" and twin["deadlines"][0]["date"] == "2031-01-31", twin
