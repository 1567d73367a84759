"""English deadlines of directive sentences: limits counted from the instrument, events, cycles, dates.

Sentences are written for these tests in the shapes orders, statutes and policies use (other
agencies, other subjects); none is taken from a gold set.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.recognise.en_deadlines import add_span, number_word, sentence_deadlines

ORDER = "2023-03-31"


def got(text: str, order_date: str | None = ORDER) -> list[tuple[str, str | None, str]]:
    return [(d.text, d.date, d.kind) for d in sentence_deadlines(text, order_date)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Within 45 days of the date of this order, the Secretary of Commerce shall publish guidance.",
     ("Within 45 days of the date of this order", "2023-05-15", "by")),
    ("The Administrator shall, within 9 months of the date of this order, propose a rule.",
     ("within 9 months of the date of this order", "2023-12-31", "by")),
    ("The Board shall report within 2 years of the date of this memorandum.",
     ("within 2 years of the date of this memorandum", "2025-03-31", "by")),
    ("The Chief shall begin outreach in the first 30 days from the date of this order.",
     ("in the first 30 days from the date of this order", "2023-04-30", "by")),
    ("The Director shall act no later than eleven months from the date of this order.",
     ("no later than eleven months from the date of this order", "2024-02-29", "by")),
    ("Within twenty-one days of the date of this order, the Council shall meet.",
     ("Within twenty-one days of the date of this order", "2023-04-21", "by")),
    ("Within 1 year of the date of this order, each agency shall submit a plan.",
     ("Within 1 year of the date of this order", "2024-03-31", "by")),
    ("Within 120 days of this order, the Attorney General shall submit a report.",
     ("Within 120 days of this order", "2023-07-29", "by")),
    ("The Secretary shall act on or before December 31, 2025.",
     ("on or before December 31, 2025", "2025-12-31", "by")),
])
def test_limits_counted_from_the_order(text: str, expected: tuple[str, str, str]) -> None:
    assert got(text) == [expected]


def test_without_the_documents_day_the_limit_stays_undated() -> None:
    assert got("Within 60 days of the date of this order, the Secretary shall act.", None) == [
        ("Within 60 days of the date of this order", None, "by")]
    assert got("Within 60 days of the date of this order, the Secretary shall act.", "2023") == [
        ("Within 60 days of the date of this order", None, "by")]


@pytest.mark.parametrize(("text", "expression"), [
    ("Within 15 days of receiving a complete petition, the Commissioner shall decide.",
     "Within 15 days of receiving a complete petition"),
    ("The Board shall rule no later than 20 days after any appeal is filed.", "no later than 20 days after any appeal is filed"),
    ("The envoy shall conclude talks by the close of the 119th Congress.", "by the close of the 119th Congress"),
])
def test_limits_counted_from_an_event_have_no_date(text: str, expression: str) -> None:
    assert got(text) == [(expression, None, "by")]


@pytest.mark.parametrize(("text", "cycle"), [
    ("The Director shall publish an annual inventory of grants.", "annual inventory"),
    ("The Commissioner shall report to the legislature annually on progress.", "annually"),
    ("By March 1st of each odd-numbered year beginning in 2015, the agency shall report to the governor.",
     "By March 1st of each odd-numbered year beginning in 2015"),
    ("The Board shall review the fee schedule on a regular basis.", "on a regular basis"),
    ("The Secretary shall request funding in the budget for Fiscal Year 2025 and thereafter.",
     "for Fiscal Year 2025 and thereafter"),
    ("Within six months of each successive census, the office shall redraw the map.",
     "Within six months of each successive census"),
    ("Each year, the operator of a landfill must report its methane emissions.", "Each year"),
    ("The operator must conduct periodic well-integrity inspections of the site.", "periodic well-integrity inspections"),
    ("The operator must test the alarm each time the tank is refilled.", "each time"),
    ("The Registrar shall release annual statistics on wait times.", "annual statistics"),
    ("The Board shall announce new partners on a rolling basis as they join.", "on a rolling basis"),
])
def test_recurring_duties_are_ongoing_without_a_date(text: str, cycle: str) -> None:
    assert got(text) == [(cycle, None, "ongoing")]


def test_whenever_possible_is_no_cycle() -> None:
    assert got("Whenever possible, the Agency is responsible for delivering services.") == []


def test_a_cycle_that_states_its_first_month_keeps_it() -> None:
    text = "Beginning in March 2024, the Administrator shall provide the Council an annual briefing report."
    assert got(text) == [("Beginning in March 2024", "2024-03-31", "ongoing")]


@pytest.mark.parametrize("text", [
    "The Secretary shall set the annual amount of grain to be purchased.",  # an annual quantity, not a cycle
    "The review shall build on the Annual Transport Statistics Report published by the Bureau.",  # a title
])
def test_annual_that_is_no_cycle(text: str) -> None:
    assert got(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The Secretary shall issue a proposed rule by October 2024.", [("by October 2024", "2024-10-31", "by")]),
    ("The agency shall finish no later than June 2026.", [("no later than June 2026", "2026-06-30", "by")]),
    ("By August 15, 2025, the Board shall adopt the standard.", [("By August 15, 2025", "2025-08-15", "by")]),
    ("The Chair shall propose a rule by May 2024 and a final rule by November 2024.",
     [("by May 2024", "2024-05-31", "by"), ("by November 2024", "2024-11-30", "by")]),
    ("The state shall eliminate coal power by 2035.", [("by 2035", "2035-12-31", "by")]),
    ("The Secretary shall license at least two plants with the goal of first operation by March 1, 2027.",
     [("by March 1, 2027", "2027-03-01", "by")]),
])
def test_calendar_limits(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert got(text) == expected


@pytest.mark.parametrize("text", [
    "The Secretary shall review leasing rules, with the goal of tripling geothermal output by 2035.",
    "The Administrator shall consider standards for engines beginning with model year 2029.",
    "The Director shall report on progress toward the 2040 goal in 2026.",
])
def test_target_years_and_plain_years_are_no_deadline(text: str) -> None:
    assert got(text) == []


@pytest.mark.parametrize(("word", "value"), [("7", 7), ("seven", 7), ("eighteen", 18), ("forty-two", 42),
                                             ("ninety", 90), ("a", 1), ("dozen", None)])
def test_number_words(word: str, value: int | None) -> None:
    assert number_word(word) == value


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2080, 12, 31)), st.integers(0, 60))
def test_adding_months_lands_on_the_same_day_or_the_months_end(start: dt.date, months: int) -> None:
    end = dt.date.fromisoformat(add_span(start.isoformat(), months, "months") or "")
    assert (end.year - start.year) * 12 + end.month - start.month == months
    assert end.day == start.day or (end.day < start.day and (end + dt.timedelta(days=1)).day == 1)


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2080, 12, 31)), st.integers(0, 1000))
def test_adding_days_is_calendar_arithmetic(start: dt.date, days: int) -> None:
    assert add_span(start.isoformat(), days, "days") == (start + dt.timedelta(days=days)).isoformat()


def test_a_span_counted_from_the_order_or_a_fixed_date_without_within() -> None:
    """"Ninety days after the date of this order, …" needs no "within"; "sixty (60) days" writes the number
    twice; "within twelve months after December 22, 1980" counts from that date."""
    opening = sentence_deadlines("Ninety days after the date of this order, and on a quarterly basis thereafter, "
                                 "the Administrator shall report.", "2022-03-01")
    assert [(d.date, d.kind) for d in opening] == [("2022-05-30", "by"), (None, "ongoing")]
    twice = sentence_deadlines("No later than sixty (60) days following the adjournment, the Bureau shall file it.")
    assert twice and twice[0].text.startswith("No later than sixty (60) days")
    fixed = sentence_deadlines("The Secretary shall transmit the plan within twelve months after March 3, 2019.")
    assert [(d.date, d.kind) for d in fixed] == [("2020-03-03", "by")]


def test_hours_after_an_event_are_a_relative_limit() -> None:
    found = sentence_deadlines("The operator must notify the Agency within 72 hours of detecting the breach.")
    assert [(d.text, d.date, d.kind) for d in found] == [("within 72 hours of detecting the breach", None, "by")]
    assert add_span("2027-03-01", 72, "hours") == "2027-03-04"


@pytest.mark.parametrize(("text", "limits"), [
    ("The authority shall solicit offers from projects placed into service before January 1, 1999.", []),
    ("The Board shall approve all plans submitted before June 30, 2027.", []),
    ("The Board shall approve the plan before June 30, 2027.", ["2027-06-29"]),
    ("Plans shall be submitted before June 30, 2027.", ["2027-06-29"]),
])
def test_a_date_that_says_which_things_is_no_limit(text: str, limits: list[str]) -> None:
    assert [d.date for d in sentence_deadlines(text)] == limits


@pytest.mark.parametrize(("text", "expected"), [
    ("The Secretary shall submit the plan by the end of Q2 2027.", ("by the end of Q2 2027", "2027-06-30", "by")),
    ("The Board shall report by the end of the second quarter of 2027.",
     ("by the end of the second quarter of 2027", "2027-06-30", "by")),
    ("The Authority shall issue guidance no later than the 1st of July 2027.",
     ("no later than the 1st of July 2027", "2027-07-01", "by")),
    ("The Council shall publish a register by the end of March 2028.", ("by the end of March 2028", "2028-03-31", "by")),
])
def test_the_end_of_a_month_or_quarter_and_a_day_of_a_month(text: str, expected: tuple[str, str, str]) -> None:
    assert got(text) == [expected]


def test_a_date_written_in_words() -> None:
    """"on or before June thirtieth, two thousand twenty-six" (as some legislatures print dates, in capitals
    too): the date itself; "before" allows up to the day before."""
    from ingest.recognise.dates import english_dates

    def dates(text: str) -> list[str | None]:
        return [d.date for d in english_dates(text)]

    assert dates("ON OR BEFORE DECEMBER THIRTY-FIRST, TWO THOUSAND TWENTY-SIX") == ["2026-12-31"]
    assert dates("by January first, two thousand thirty") == ["2030-01-01"]
    assert dates("before June thirtieth, two thousand twenty-seven") == ["2027-06-29"]
    assert dates("two thousand tons of waste") == []
    assert dates("ON OR BEFORE MAY FIRST, TWO THOUSAND TWEN-\nTY-SIX") == []  # a year broken over a line: not 2000
