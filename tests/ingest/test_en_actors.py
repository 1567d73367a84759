"""Who acts and who takes part in an English directive sentence (subjects, cues, lists of names).

The sentences are written for these tests in the shapes orders and statutes use; the agencies
and subjects are other than in any gold set.
"""

from __future__ import annotations

import re

import pytest

from ingest.recognise.en_actors import participant_actors, subject_actors
from ingest.recognise.en_phrases import conjuncts, is_actor

_MODAL = re.compile(r"\b(?:shall|must)\b|\bis responsible for\b")


def units(sentence: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(subject actors with roles, predicate participants) of a sentence with one modal."""
    m = _MODAL.search(sentence)
    assert m
    role = "responsible" if "responsible" in m.group(0) else "lead"
    subject = subject_actors(sentence[:m.start()], 0, role) or []
    for a in subject:
        assert sentence[a.start:a.end] == a.name  # every name can be cited
    parts = participant_actors(sentence[m.end():], m.end())
    for a in parts:
        assert sentence[a.start:a.end] == a.name
    return [(a.name, a.role) for a in subject], [a.name for a in parts]


@pytest.mark.parametrize(("sentence", "subject"), [
    ("The Secretary of Labor shall publish guidance.", [("The Secretary of Labor", "lead")]),
    ("Within 30 days of the date of this order, the Administrator of General Services shall act.",
     [("the Administrator of General Services", "lead")]),
    ("To reduce delays in permitting, the Chair of the Federal Maritime Commission and the Director of the Census "
     "Bureau shall meet.", [("the Chair of the Federal Maritime Commission", "lead"), ("the Director of the Census Bureau", "lead")]),
    ("The Secretary of Veterans Affairs, the Secretary of Education, and the Attorney General shall review it.",
     [("The Secretary of Veterans Affairs", "lead"), ("the Secretary of Education", "lead"), ("the Attorney General", "lead")]),
    ("The Secretary of Housing and Urban Development shall consider it.",
     [("The Secretary of Housing and Urban Development", "lead")]),
    ("The Assistant to the President for Domestic Policy and Director of the Domestic Policy Council shall convene it.",
     [("The Assistant to the President for Domestic Policy and Director of the Domestic Policy Council", "lead")]),
    ("The Secretary of Commerce, as Chair of the Trade Policy Committee, shall ensure it.",
     [("The Secretary of Commerce, as Chair of the Trade Policy Committee", "lead")]),
    ("Members of the Broadband Council, or their designees, shall coordinate.",
     [("Members of the Broadband Council, or their designees", "lead")]),
    ("Agency heads administering grant programs shall, as appropriate, revise them.",
     [("Agency heads administering grant programs", "lead")]),
    ("All executive departments and agencies that regulate pipelines shall report.",
     [("All executive departments and agencies that regulate pipelines", "lead")]),
    ("Consistent with the Act of May 2, 2019, entitled, “Protecting Rivers,” agencies shall comply.", [("agencies", "lead")]),
    ("Given the role of coastal, river, and lake authorities in the region, the FEMA shall plan.", [("the FEMA", "lead")]),
    ("The department and the department of labor shall report.", [("The department", "lead"), ("the department of labor", "lead")]),
    ("In addition, they shall publish the results.", [("they", "lead")]),
    ("The Commissioner of Food and Drugs is responsible for:", [("The Commissioner of Food and Drugs", "responsible")]),
])
def test_subjects(sentence: str, subject: list[tuple[str, str]]) -> None:
    assert units(sentence)[0] == subject


@pytest.mark.parametrize("sentence", [
    "The report shall include a summary of findings.",
    "This order shall be implemented consistent with applicable law.",
    "Nothing in this order shall be construed to impair any authority.",
    "Such agreements shall allow consultation with industry.",
    "The personnel of the Advisory Board shall be reduced.",
    "The Bureau’s mandate shall include rural surveys.",
    "Develop and publish a strategy shall be the first step.",
])
def test_things_are_not_actors(sentence: str) -> None:
    assert units(sentence)[0] == []


def test_participants_in_the_subject() -> None:
    subject, _ = units("The Secretary of Transportation, in coordination with the Secretary of Energy and the Administrator "
                       "of the EPA, through the Federal Highway Administration, shall issue guidance.")
    assert subject == [("The Secretary of Transportation", "lead"), ("the Secretary of Energy", "participant"),
                       ("the Administrator of the EPA", "participant"),
                       ("the Federal Highway Administration", "participant")]


def test_participation_phrases_around_the_subject() -> None:
    """A cue in the opening before the subject, a cue after "and", an office acted through, and where a name ends
    before "and consistent with applicable law"."""
    subject, _ = units("Within 90 days of the date of this order, and in consultation with the Secretary of Veterans "
                       "Affairs, the Secretary of Housing shall publish a plan.")
    assert subject == [("the Secretary of Housing", "lead"), ("the Secretary of Veterans Affairs", "participant")]
    subject, _ = units("The Secretary of Housing, through the Commissioner of Public Housing, and in collaboration with "
                       "the Director of the Census Bureau, shall count vacant units.")
    assert subject == [("The Secretary of Housing", "lead"), ("the Commissioner of Public Housing", "participant"),
                       ("the Director of the Census Bureau", "participant")]
    subject, _ = units("The Secretary of Housing, acting through the Assistant Secretary for Fair Housing and "
                       "consistent with applicable law, shall issue guidance.")
    assert subject == [("The Secretary of Housing", "lead"), ("the Assistant Secretary for Fair Housing", "participant")]


def test_a_statute_cited_inside_the_subject_is_no_break_in_it() -> None:
    subject, _ = units("Executive agencies, including independent establishments subject to the Westland Procurement Act, "
                       "12 U.S.C. 345(2)(B), (7) (agencies), shall publish their contracts.")
    assert subject == [("Executive agencies", "lead")]


def test_through_and_respectively_pair_actors_with_offices() -> None:
    subject, _ = units("The Secretary of Agriculture, through the Chief of the Natural Resources Conservation Service, and "
                       "the Secretary of the Interior, through the Directors of the NPS and the BLM, shall each report.")
    assert subject == [("The Secretary of Agriculture", "lead"),
                       ("the Chief of the Natural Resources Conservation Service", "participant"),
                       ("the Secretary of the Interior", "lead"), ("the Directors of the NPS and the BLM", "participant")]


def test_a_noun_phrase_that_is_no_actor_moves_the_subject_start() -> None:
    subject, _ = units("To help schools, cities, and small businesses in rural areas, the Secretary of Education shall act.")
    assert subject == [("the Secretary of Education", "lead")]


@pytest.mark.parametrize(("sentence", "participants"), [
    ("The Director shall, in consultation with the Secretary of State, the Secretary of Defense, and the Chair of the "
     "Council of Economic Advisers, prepare a report.",
     ["the Secretary of State", "the Secretary of Defense", "the Chair of the Council of Economic Advisers"]),
    ("The Secretary shall consult with the Secretaries of Agriculture, Commerce, and Labor on export rules.",
     ["the Secretaries of Agriculture, Commerce, and Labor"]),
    ("The Board shall coordinate its review, as appropriate, with the State of Oregon as well as other States.",
     ["the State of Oregon"]),
    ("The Secretary shall, subject to the concurrence of the Attorney General and after consultation with the Federal "
     "Trade Commission, approve each merger.", ["the Attorney General", "the Federal Trade Commission"]),
    ("The Administrator shall work with the Data Team Lead at the Agency, with the Director of OMB, and with the "
     "Director of OSTP to finish it.",
     ["the Data Team Lead at the Agency", "the Director of OMB", "the Director of OSTP"]),
    ("The Chief shall consult from an early stage with State, local, and Tribal officials involved in grazing permits.",
     ["State, local, and Tribal officials"]),
    ("The Director shall consult, as appropriate, with the heads of relevant agencies, including the Secretary of the "
     "Navy, the Secretary of the Army, and port authorities.",
     ["the Secretary of the Navy", "the Secretary of the Army", "port authorities"]),
    ("The Secretary shall direct the Office of Rural Health to assess staffing.", ["the Office of Rural Health"]),
    # "… X’s Office of A and Office of B": two offices; "Department of Health and Human Services": one
    ("The Secretary shall coordinate with the Port Authority’s Office of Safety and Office of Outreach to warn crews.",
     ["the Port Authority’s Office of Safety", "Office of Outreach"]),
    ("The Secretary shall consult with the Department of Health and Human Services.",
     ["the Department of Health and Human Services"]),
    # a name ends before "with" and what it has ("… entities with responsibility for …")
    ("The Secretary shall consult with State and local government entities with responsibility for port safety.",
     ["State and local government entities"]),
    # a link names a document, not a party
    ("The Director shall work with the [Westland Data Standards](https://example.org/ds) and with the Chief Data "
     "Officer.", ["the Chief Data Officer"]),
    # an item under "The Secretary of Housing shall:" acting through an office; a cue of two joined words
    ("The Secretary shall, acting through the Administrator of the Rural Housing Service, expand loans.",
     ["the Administrator of the Rural Housing Service"]),
    ("The Secretary shall issue, in conjunction or consultation with the heads of other agencies, revised guidance.",
     ["the heads of other agencies"]),
    ("The Secretary shall designate the Under Secretary for Science as the lead official.",
     ["the Under Secretary for Science"]),
    ("The Secretary shall ensure that sites are located at or operated in coordination with Department of Energy "
     "laboratories.", []),
    ("The Chair shall develop a strategy with the help of experts — in consultation with the Director of OSTP — that "
     "covers data.", ["the Director of OSTP"]),
])
def test_participants_in_the_predicate(sentence: str, participants: list[str]) -> None:
    assert units(sentence)[1] == participants


def test_recipients_and_channels_of_reports_are_no_units() -> None:
    assert units("The Secretary shall submit a report to the President, through the Assistant to the President "
                 "for Economic Policy, within 90 days.")[1] == []


@pytest.mark.parametrize(("phrase", "actor"), [
    ("the Surgeon General", True), ("Task Force members", True), ("the NTSB", True), ("the state", True),
    ("the regional climate team", True), ("the specified heads of agencies", True), ("the plan", False),
    ("provide the Office", False), ("Any guidance", False), ("the Council’s findings", False),
])
def test_is_actor(phrase: str, actor: bool) -> None:
    assert is_actor(phrase) is actor


def test_and_splits_only_where_a_new_actor_starts() -> None:
    text = "the Directors of the NPS and the BLM and the Secretary of Health and Human Services and the FDA"
    assert [text[s:e] for s, e in conjuncts(text, 0, len(text))] == [
        "the Directors of the NPS and the BLM", "the Secretary of Health and Human Services", "the FDA"]


@pytest.mark.parametrize("sentence", [
    "The Federal Government must lead by example in clean procurement.",
    "The United States must restore its leadership in fisheries science.",
    "No agency shall issue permits without review.",
])
def test_policy_statements_and_prohibitions_name_no_actor(sentence: str) -> None:
    assert units(sentence)[0] == []


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The Secretary of the Treasury and agency heads shall report on progress.",
     [("The Secretary of the Treasury", "lead"), ("agency heads", "lead")]),
    ("The Director of the Census Bureau and program officials shall publish the data.",
     [("The Director of the Census Bureau", "lead"), ("program officials", "lead")]),
    # one head shared: the right side qualifies, it names no second actor
    ("Other executive departments and agencies shall assist.", [("Other executive departments and agencies", "lead")]),
    ("The Department of Housing and Urban Development shall lead.",
     [("The Department of Housing and Urban Development", "lead")]),
])
def test_an_office_holder_and_a_lower_case_group_are_two_actors(sentence: str,
                                                                 expected: list[tuple[str, str]]) -> None:
    assert units(sentence)[0] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The Board and collaborating ministries shall mainstream gender and social inclusion.",
     [("The Board", "lead"), ("collaborating ministries", "lead")]),
    ("The Ministry of Energy, in close coordination with the Ministry of Science and Technology and renewable energy "
     "stakeholders, shall determine the guidelines.",
     [("The Ministry of Energy", "lead"), ("the Ministry of Science and Technology", "participant"),
      ("renewable energy stakeholders", "participant")]),
    # a body's name goes on in capitals: one actor
    ("The Department of Fish and Wildlife shall report.", [("The Department of Fish and Wildlife", "lead")]),
    ("State and local governments shall report.", [("State and local governments", "lead")]),
])
def test_a_bodys_proper_name_and_a_lower_case_group_are_two_actors(sentence: str,
                                                                   expected: list[tuple[str, str]]) -> None:
    assert sorted(units(sentence)[0]) == sorted(expected)


def test_a_cells_possessive_group_is_no_part_of_the_body_before_it() -> None:
    from ingest.tasks.en_cells import cell_units
    assert cell_units("NGED and their key stakeholders", "participant") == [("NGED", "participant")]


@pytest.mark.parametrize(("cell", "names"), [
    ("Treasury - Division of Purchase and Property", ["Treasury - Division of Purchase and Property"]),
    ("Department of Energy and NREL", ["Department of Energy", "NREL"]),
    ("Ministry of Finance and Ministry of Health", ["Ministry of Finance", "Ministry of Health"]),
    ("Westland Council, Energy Agency, and Homeowners.", ["Westland Council", "Energy Agency", "Homeowners"]),
    ("Port Board, Housing and Retrofit Sub-Group", ["Port Board", "Housing and Retrofit Sub-Group"]),
    ("Finance and Audit Committee", ["Finance and Audit Committee"]),
    ("Eastwind and Westland City Council", ["Eastwind", "Westland City Council"]),  # a firm, then a council
    ("WPA and Energy Westland", ["WPA", "Energy Westland"]),
    ("OMB*", ["OMB"]),  # a footnote's mark: the note below the table says more
    ("Westland Data Steering Committee[^15]", ["Westland Data Steering Committee"]),
])
def test_a_cells_body_named_by_its_fields_is_one_name(cell: str, names: list[str]) -> None:
    from ingest.tasks.en_cells import cell_units
    assert [n for n, _ in cell_units(cell, "lead")] == names


def test_a_co_verb_and_an_alliance_name_their_partners() -> None:
    """"co-design … with the Eastport Housing Partnership", "work with the Westland Poverty Alliance": partners."""
    from ingest.recognise.en_actors import participant_actors

    assert [a.name for a in participant_actors("co-design the service with the Eastport Housing Partnership")] == [
        "the Eastport Housing Partnership"]
    assert [a.name for a in participant_actors("work with the Westland Poverty Alliance to build a fairer city")] == [
        "the Westland Poverty Alliance"]
    assert participant_actors("comply with the Westland Council rules") == []


def test_a_class_named_by_the_law_it_falls_under() -> None:
    """"Electric utilities subject to RCW 19.285.040 must …": the statute says which ones, the noun says who."""
    from ingest.recognise.en_actors import subject_actors

    found = subject_actors("Ferry operators subject to Westland Code 12.4")
    assert found is not None and [a.name for a in found] == ["Ferry operators subject to Westland Code 12.4"]
    assert subject_actors("Fees subject to Westland Code 12.4") is None  # fees are no actor
