"""English task records from made-up documents in the shapes orders, statutes, policies and plans use.

Other agencies, subjects and numbering than the dev set: the patterns are checked, not answers.
"""

from __future__ import annotations

import time
from pathlib import Path

from ingest.models import ParsedDocument, Task
from ingest.pipeline import parse_file

ORDER = """Executive Order on Resilient Rural Broadband

June 12, 2024

By the authority vested in me as President by the Constitution and the laws of the United States of America, it is hereby ordered as follows:

Section 1. Policy. It is the policy of my Administration to connect every rural household. The United States will lead by example.

Sec. 2. Definitions. For purposes of this order:

(a) The term “Secretary” means the Secretary of Agriculture.

(b) “Covered provider” means any provider that receives Federal grants.

Sec. 3. Mapping and Grants. (a) Within 60 days of the date of this order, the Secretary, in consultation with the Chair of the Federal Communications Commission (FCC), shall publish a map of unserved areas. The Secretary shall update the map annually.

(b) The Administrator of the National Telecommunications and Information Administration (NTIA) shall:

(i) identify grant programs that can fund rural towers; and

(ii) within 1 year of the date of this order, submit to the President, through the Assistant to the President for Economic Policy, a report on tower costs.

(c) Within 90 days of the date of this order, the heads of the specified agencies shall submit the following plans:

(i) The Secretary of the Interior, in coordination with the Director of the Bureau of Indian Affairs, shall submit a plan for Tribal lands.

(ii) The Secretary of Transportation shall submit a plan for highway corridors.

(d) The Chair of the FCC shall develop a strategy regarding:

(i) spectrum for rural carriers by 2030; and

(ii) pole attachment costs.

Sec. 4. Coordination. There is hereby established a Rural Broadband Task Force, which shall coordinate grants. The Task Force shall have a staff headed by the Chair of the FCC and shall include the Administrator of the NTIA. The Administrator of the NTIA and the Chair of the FCC shall coordinate their grant rules. In addition, they shall publish a joint report by March 2025. Agencies should share data with the public. The Secretary may waive fees. The report shall include cost estimates. Covered providers are directed to publish coverage data.

Sec. 5. General Provisions. (a) Nothing in this order shall be construed to impair any authority.

(b) The Department of Agriculture shall provide funding for publication of this order in the Federal Register.

THE WHITE HOUSE,
June 12, 2024.
"""

STATUTE = """# 12.34 - Water efficiency.
## 12.34.010 - Reduction goals—Reports.
1. [Empty]
    a. The state shall reduce per capita water use to achieve the following reductions:

        i. By 2030, reduce use to ninety percent of 2020 levels;

        ii. By 2040, reduce use to eighty percent of 2020 levels.

    b. By July 1, 2025, the department shall adopt rules for metering. Rules may exempt small systems.

2. By September 30th of each odd-numbered year beginning in 2027, the department and the utilities commission shall report to the legislature. The report must include data developed in consultation with the department of health.

3. Water rights shall not be impaired by this section.
"""

POLICY = """## 6\\. Requirements
*   6.1**Planning**
    *   6.1.1The Chief Data Officer of the Province is responsible for:
        *   6.1.1.1Approving an annual data strategy for the public service.
        *   6.1.1.2Advising ministries on data sharing, regarding:
            *   6.1.1.2.1 Privacy; and
            *   6.1.1.2.2 Security.
    **Reporting**
        *   6.1.1.3Publishing a progress report.
    *   6.1.2Deputy ministers are responsible for the following:
        *   6.1.2.1 Designating a departmental data lead.
"""

TABLES = """### Action 3: Open Data

The Data Council will lead this work in 2025.

| **Milestone** | **Measurement** | **Target Date** | **Responsible Party** |
|---|---|---|---|
| **3.1** Publish the open data inventory | Completion | March 31, 2025 | Data Council |
| **3.2** Train staff on data ethics | Number trained | Within 90 days of the inventory | Required for all bureaus |

| Action outline | Action name | 4. Retrofit council buildings |
| --- | --- | --- |
|  | Action type | Infrastructure |
| Implementation | Responsible bodies/person for implementation | To be agreed, but would likely be Leeds City Council and the housing trust |
|  | Involved stakeholders | Tenants, Leeds City Council and others to be confirmed |

| Action outline | Action name | 5. Plant street trees |
| --- | --- | --- |
| Implementation | Responsible bodies/person for implementation | To be confirmed as this action is developed |
"""

FLAT_TABLE = ("Regional Energy Delivery Plan\n\nTable 2 Delivery plan\n"
              "\tAction\n\tLead\n\tPartners\n\tTimescale\n\n"
              "\tInstall smart meters in schools\n\tEducation Department\n\tEnergy Agency; school boards\n\tBy December 2026\n\n")


def parse(tmp_path: Path, text: str, name: str) -> ParsedDocument:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = parse_file(path)
    for t in doc.tasks:  # every task cites the text it was read from
        assert t.citation.quote == doc.text[t.citation.start:t.citation.end] == t.text
    return doc


def brief(t: Task) -> tuple[str, list[tuple[str, str]], list[tuple[str | None, str]]]:
    return t.text[:30], [(u.name, u.role) for u in t.units], [(d.date, d.kind) for d in t.deadlines]


def test_an_order(tmp_path: Path) -> None:
    doc = parse(tmp_path, ORDER, "order.txt")
    got = [brief(t) for t in doc.tasks]
    assert got == [
        ("Within 60 days of the date of ", [("the Secretary", "lead"),
                                             ("the Chair of the Federal Communications Commission (FCC)", "participant")],
         [("2024-08-11", "by")]),
        ("The Secretary shall update the", [("The Secretary", "lead")], [(None, "ongoing")]),
        ("identify grant programs that c", [("The Administrator of the National Telecommunications and Information "
                                             "Administration (NTIA)", "lead")], []),
        ("within 1 year of the date of t", [("The Administrator of the National Telecommunications and Information "
                                             "Administration (NTIA)", "lead")], [("2025-06-12", "by")]),
        ("The Secretary of the Interior,", [("The Secretary of the Interior", "lead"),
                                             ("the Director of the Bureau of Indian Affairs", "participant")],
         [("2024-09-10", "by")]),
        ("The Secretary of Transportatio", [("The Secretary of Transportation", "lead")], [("2024-09-10", "by")]),
        ("The Chair of the FCC shall dev", [("The Chair of the FCC", "lead")], []),
        ("The Administrator of the NTIA ", [("The Administrator of the NTIA", "lead"), ("the Chair of the FCC", "lead")], []),
        ("In addition, they shall publis", [("The Administrator of the NTIA", "lead"), ("the Chair of the FCC", "lead")],
         [("2025-03-31", "by")]),
        ("Covered providers are directed", [("Covered providers", "lead")], []),
    ]
    first, _, _, _, _, _, chapeau, *_ = doc.tasks
    assert first.units[0].normalized == "Secretary of Agriculture"  # the document's own definition
    assert chapeau.units[0].normalized == first.units[1].normalized == "Chair of the Federal Communications Commission"
    assert (first.number, first.title) == ("Sec. 3(a)", "Mapping and Grants")
    assert (doc.tasks[2].number, doc.tasks[3].number) == ("Sec. 3(b)(i)", "Sec. 3(b)(ii)")


def test_a_statute(tmp_path: Path) -> None:
    doc = parse(tmp_path, STATUTE, "statute.md")
    assert [brief(t) for t in doc.tasks] == [
        ("The state shall reduce per cap", [("The state", "lead")], [("2030-12-31", "by"), ("2040-12-31", "by")]),
        ("By July 1, 2025, the departmen", [("the department", "lead")], [("2025-07-01", "by")]),
        ("By September 30th of each odd-", [("the department", "lead"), ("the utilities commission", "lead"),
                                            ("the department of health", "participant")], [(None, "ongoing")]),
    ]
    assert doc.tasks[0].number == "12.34.010(1)(a)" and doc.tasks[2].ongoing


def test_a_policy_with_responsibility_lists(tmp_path: Path) -> None:
    doc = parse(tmp_path, POLICY, "policy.md")
    assert [(t.number, [(u.name, u.role) for u in t.units], t.ongoing) for t in doc.tasks] == [
        ("6.1.1.1", [("The Chief Data Officer of the Province", "responsible")], True),
        ("6.1.1.2", [("The Chief Data Officer of the Province", "responsible")], False),
        ("6.1.1.3", [("The Chief Data Officer of the Province", "responsible")], False),
        ("6.1.2.1", [("Deputy ministers", "responsible")], False),
    ]
    assert doc.tasks[0].text == "Approving an annual data strategy for the public service."


def test_milestone_tables_and_action_outlines(tmp_path: Path) -> None:
    doc = parse(tmp_path, TABLES, "plan.md")
    got = [(t.title, [(u.name, u.role) for u in t.units], [(d.date, d.kind) for d in t.deadlines]) for t in doc.tasks]
    assert got == [
        ("3.1 Publish the open data inventory", [("Data Council", "responsible")], [("2025-03-31", "by")]),
        ("3.2 Train staff on data ethics", [("all bureaus", "responsible")], [(None, "by")]),
        ("4. Retrofit council buildings", [("Leeds City Council", "responsible"), ("the housing trust", "responsible"),
                                           ("Tenants", "participant")], []),
        ("5. Plant street trees", [], []),
    ]
    assert doc.tasks[0].number == "3.1" and doc.tasks[0].section == "Action 3: Open Data"


# an action list converted from PDF: one outline's rows lost their bars ("Action name | …"), the next is a table
# whose name row is labelled "Action outline"; stray conversion lines between them (Westland is made up)
BARLESS_OUTLINES = """# Individual Actions List

WL/1/A
Action name | Retrofit 60% of Westland's council housing
Action type | Construction
Action description | Insulate walls and roofs of council homes.
Continued from the page before |
Involved stakeholders | Westland Council, tenants' associations, Energy Agency.
Cost | 12 million

Climate Action Plan

|  WL/1/B  |   |
| --- | --- |
|  Action outline | Heat pump pilot in schools  |
|  Action type | Piloting  |
|  Involved stakeholders | Education Board, Westland Council.  |
"""


def test_action_outlines_without_bars_and_named_by_their_outline(tmp_path: Path) -> None:
    doc = parse(tmp_path, BARLESS_OUTLINES, "actions.md")
    assert [(t.title, [(u.name, u.role) for u in t.units]) for t in doc.tasks] == [
        ("Retrofit 60% of Westland's council housing", [("Westland Council", "participant"),
                                                       ("tenants' associations", "participant"),
                                                       ("Energy Agency", "participant")]),
        ("Heat pump pilot in schools", [("Education Board", "participant"), ("Westland Council", "participant")]),
    ]


def test_flattened_tables(tmp_path: Path) -> None:
    doc = parse(tmp_path, FLAT_TABLE, "delivery.txt")
    assert [brief(t) for t in doc.tasks] == [
        ("Install smart meters in school", [("Education Department", "lead"), ("Energy Agency", "participant"),
                                            ("school boards", "participant")], [("2026-12-31", "by")])]


def test_chinese_documents_pass_through(tmp_path: Path) -> None:
    text = "某县河湖长制工作要点\n一、重点任务\n1.开展河道清淤。[责任单位:县水务局、县财政局]\n"
    doc = parse(tmp_path, text, "zh.txt")
    assert [(t.number, [u.name for u in t.units]) for t in doc.tasks] == [("1.", ["县水务局", "县财政局"])]


def test_long_pathological_lines_stay_linear(tmp_path: Path) -> None:
    line = "The Secretary shall, in consultation with the Director, " * 4000
    started = time.monotonic()
    doc = parse(tmp_path, f"Sec. 1. Duties. {line}\n" + "(a) The Board shall:\n" * 2000, "big.txt")
    assert time.monotonic() - started < 30
    assert doc.tasks


STATUTE_US = """An Act to improve wildfire preparedness

September 3, 2024

SEC. 102. WILDFIRE RISK MAPS.
(a) IN GENERAL.—Not later than 180 days after the date of enactment of this Act, the Secretary of Agriculture, acting through the Chief of the Forest Service and in coordination with the Secretary of the Interior, shall publish wildfire risk maps.
(b) UPDATES.—The Secretary of Agriculture shall update the maps every 2 years.
(c) PROHIBITION.—No funds shall be used to purchase aircraft.
"""

REGULATION = """Regulation on the monitoring of methane emissions

Article 5
Reporting
1. Member States shall report to the Commission by 31 December 2025 the inventory of methane sources.
2. The Commission shall, by means of implementing acts, adopt the reporting templates. Those implementing acts shall be adopted in accordance with the examination procedure.
"""


def test_statute_sections_with_inline_headings(tmp_path: Path) -> None:
    doc = parse(tmp_path, STATUTE_US, "act.txt")
    got = [(t.number, t.title, [(u.name, u.role) for u in t.units], [(d.text, d.kind) for d in t.deadlines])
           for t in doc.tasks]
    assert got == [
        ("Sec. 102(a)", "WILDFIRE RISK MAPS",
         [("the Secretary of Agriculture", "lead"), ("the Chief of the Forest Service", "participant"),
          ("the Secretary of the Interior", "participant")],
         [("Not later than 180 days after the date of enactment of this Act", "by")]),
        ("Sec. 102(b)", "WILDFIRE RISK MAPS", [("The Secretary of Agriculture", "lead")], [("every 2 years", "ongoing")]),
    ]
    assert doc.tasks[0].text.startswith("Not later than")  # the inline heading is not part of the duty


def test_articles_of_a_regulation(tmp_path: Path) -> None:
    doc = parse(tmp_path, REGULATION, "regulation.txt")
    assert [(t.number, t.title, [u.name for u in t.units], [d.date for d in t.deadlines]) for t in doc.tasks] == [
        ("Article 5(1)", "Reporting", ["Member States"], ["2025-12-31"]),
        ("Article 5(2)", "Reporting", ["The Commission"], []),
    ]


def test_labelled_fields_say_more_than_the_sentence(tmp_path: Path) -> None:
    text = ("Coastal Erosion Action Plan 2025-2028\n1. Protect dunes\n"
            "1.1 The Coastal Agency shall replant the northern dunes. Lead agency: Regional Coastal Agency; "
            "Supporting agencies: municipal governments; Deadline: by the end of 2026.\n")
    [task] = parse(tmp_path, text, "coast.txt").tasks
    assert [(u.name, u.role) for u in task.units] == [("Regional Coastal Agency", "lead"),
                                                       ("municipal governments", "participant")]
    assert [d.date for d in task.deadlines] == ["2026-12-31"]


def test_duty_forms_of_memoranda_and_statutes(tmp_path: Path) -> None:
    """"are to submit" and "is authorized and directed to prepare" impose duties; "is to be consulted"
    (a passive) and "The purpose … is to set out" (a thing for subject) do not."""
    doc = parse(tmp_path, "\n\n".join([
        "Memorandum for the Heads of Departments",
        "1. Regional offices covered by this procedure are to submit their plans to the Office of Budget "
        "by October 25, 2024.",
        "2. The Secretary is authorized and directed to prepare a management plan for the program.",
        "3. The purpose of this memorandum is to set out the procedure.",
        "4. The Administrator is to be consulted on each plan.",
    ]), "memo.txt")
    assert [(t.title[:30], [u.role for u in t.units]) for t in doc.tasks] == [
        ("Regional offices covered by th", ["lead"]), ("The Secretary is authorized an", ["lead"])]
    assert doc.tasks[0].deadlines[0].date == "2024-10-25"


def test_participants_after_an_aside(tmp_path: Path) -> None:
    """"consult and coordinate with, as appropriate, A, B and C": the aside does not end the list."""
    doc = parse(tmp_path, "\n\n".join([
        "Order on Coastal Parks",
        "Sec. 2. Review. (a) The Secretary of the Interior shall consult and coordinate with, as appropriate, "
        "the Secretary of Commerce and the Secretary of Defense."]), "o.txt")
    assert [(u.name, u.role) for u in doc.tasks[0].units] == [
        ("The Secretary of the Interior", "lead"), ("the Secretary of Commerce", "participant"),
        ("the Secretary of Defense", "participant")]


def test_an_action_table_with_a_category_column(tmp_path: Path) -> None:
    """"| Activity | Action | Lead | Timescale |": the row's measure is the column that says most, not its category."""
    doc = parse(tmp_path, "\n".join([
        "Borough Council Climate Emergency Action Plan", "Actions",
        "| Activity | Action | Lead | Timescale |", "| --- | --- | --- | --- |",
        "| Buildings | Business case for solar panels on council depots developed | Head of Property | By September 2025 |",
        "| Transport | Consultation on a workplace parking levy | Transport Policy Team | March 2026 |"]), "plan.md")
    assert [(t.title, [u.name for u in t.units], [d.date for d in t.deadlines]) for t in doc.tasks] == [
        ("Business case for solar panels on council depots developed", ["Head of Property"], ["2025-09-30"]),
        ("Consultation on a workplace parking levy", ["Transport Policy Team"], ["2026-03-31"])]


ANNOUNCEMENT = "\n\n".join([
    "FACT SHEET: Governor Launches a Plan for Safer Bridges",
    "Today, the Governor is announcing new steps to repair the state's bridges.",
    "The Department of Transportation will inspect every county bridge by June 30, 2027. The Bridge Corps "
    "will train 200 inspectors by the end of 2026, working with the State Highway Patrol.",
    "The state will remain a national leader in bridge safety.",
])


def test_an_announcement_states_its_duties_with_will(tmp_path: Path) -> None:
    """A fact sheet gives no "shall": "X will …" with a body for subject is its commitment; the state's own
    "will" is a policy statement; an order (no announcement) still reads "will" as no duty."""
    doc = parse(tmp_path, ANNOUNCEMENT, "sheet.txt")
    assert [(brief(t)[1], brief(t)[2]) for t in doc.tasks] == [
        ([("The Department of Transportation", "lead")], [("2027-06-30", "by")]),
        ([("The Bridge Corps", "lead"), ("the State Highway Patrol", "participant")], [("2026-12-31", "by")])]
    order = parse(tmp_path, "\n\n".join(["Executive Order on Safer Bridges",
                                          "Sec. 2. (a) The Department of Transportation will inspect every bridge."]),
                  "order.txt")
    assert order.tasks == []


def test_duties_a_release_reports_and_its_commitments(tmp_path: Path) -> None:
    """"Governor … Signs Executive Order No. 12": a release, whose "X will …" are commitments; "the order directs
    A to …, B to …" reports duties of A and B (one sentence, one record); "The order requires" has the noun
    "order" for subject, not the verb; "is ordered to" is a duty; "That is why the Governor will" is the release's
    own voice (as "the President will", "the state will"), no duty."""
    doc = parse(tmp_path, "\n\n".join([
        "Governor Lane Signs Executive Order No. 12 on Flood Safety",
        "Executive Order No. 12 directs the Department of Water Resources to map flood zones, the Department of "
        "Health to plan shelters, and local schools to hold drills.",
        "The order requires county agencies to report flood damage within 30 days.",
        "The Office of Emergency Management is ordered to develop a Flood Response Plan.",
        "That is why the Governor will convene a Flood Council by May 1, 2027.",
        "The Department of Water Resources will publish the maps by the end of 2026.",
    ]), "release.txt")
    got = [(brief(t)[1], [d.date for d in t.deadlines]) for t in doc.tasks]
    assert got == [
        ([("the Department of Water Resources", "lead"), ("the Department of Health", "lead")], []),
        ([("county agencies", "lead")], []),
        ([("The Office of Emergency Management", "lead")], []),
        ([("The Department of Water Resources", "lead")], ["2026-12-31"])]
    from ingest.facts import document_kind
    assert document_kind("FACT SHEET: New Steps on Flood Safety", "FACT SHEET: New Steps on Flood Safety\n") == \
        "announcement"


def test_a_time_phrase_before_the_actor_is_not_an_actor(tmp_path: Path) -> None:
    doc = parse(tmp_path, "\n\n".join([
        "Memorandum on Port Permits",
        "Within 30 days after issuing the EA, MARAD shall issue an addendum to the port permit."]), "memo.txt")
    assert [brief(t)[1] for t in doc.tasks] == [[("MARAD", "lead")]]


def test_a_markdown_table_without_its_leading_bars(tmp_path: Path) -> None:
    """"Action required | Lead officer | Target completion date |" (GitHub tables may drop the leading bar)."""
    doc = parse(tmp_path, "\n".join([
        "Housing Strategy Action Plan", "Action required | Lead officer | Target completion date |", "---|---|---|",
        "Produce a business case for a retrofit project manager. | Head of Housing | November 2026 |",
        "Survey the condition of all council homes. | Asset Manager | January 2027 |"]), "plan.md")
    assert [(brief(t)[1], [d.date for d in t.deadlines]) for t in doc.tasks] == [
        ([("Head of Housing", "lead")], ["2026-11-30"]), ([("Asset Manager", "lead")], ["2027-01-31"])]


def test_a_section_title_glued_to_its_first_subsection(tmp_path: Path) -> None:
    """"Sec. 2.  Rural Hiring Plan.(a)  Within 90 days …": sources that drop the space still open (a)."""
    text = ORDER.split("Sec. 3.")[0] + (
        "Sec. 3.  Rural Hiring Plan.(a)  Within 90 days of the date of this order, the Director of the Office of "
        "Rural Affairs, in consultation with the Secretary of Labor, shall develop a rural hiring plan.\n\n"
        "(b)  The Secretary of Labor shall publish the plan.\n")
    doc = parse(tmp_path, text, "glued.txt")
    first = doc.tasks[0]
    assert (first.number, first.title) == ("Sec. 3(a)", "Rural Hiring Plan")
    assert [(u.name, u.role) for u in first.units] == [("the Director of the Office of Rural Affairs", "lead"),
                                                      ("the Secretary of Labor", "participant")]


def test_a_section_title_with_an_abbreviation(tmp_path: Path) -> None:
    text = ORDER.split("Sec. 3.")[0] + (
        "Sec. 3.  Appointments to the U.S. Board on Rural Names.  (a)  Within 7 days of the date of this order, "
        "each agency head shall review the agency's appointees.\n")
    doc = parse(tmp_path, text, "abbrev.txt")
    assert (doc.tasks[0].number, doc.tasks[0].title) == ("Sec. 3(a)", "Appointments to the U.S. Board on Rural Names")


def test_a_subject_that_may_do_one_thing_and_shall_do_another(tmp_path: Path) -> None:
    text = ORDER.split("Sec. 3.")[0] + (
        "Sec. 3.  Standards.  (a)  The Secretary of Labor may solicit public comment on rural wage standards and "
        "shall recommend changes to the President by December 31, 2027.\n\n"
        "(b)  So that the public may follow the work, the Secretary of Labor shall publish the comments.\n")
    doc = parse(tmp_path, text, "may.txt")
    assert [[(u.name, u.role) for u in t.units] for t in doc.tasks] == [
        [("The Secretary of Labor", "lead")], [("the Secretary of Labor", "lead")]]


def test_a_provision_written_on_its_section_line(tmp_path: Path) -> None:
    """"§ 2. The Office shall convene a Task Force." is the section's provision, not its title; members who "shall
    be appointed … and shall represent employers, labor, …" are who the body is made of, no duty."""
    text = "\n".join([
        "THE CITY OF EASTPORT", "OFFICE OF THE MAYOR", "EXECUTIVE ORDER NO. 12", "June 2, 2027", "CLEAN FLEETS",
        "§ 1. The Office of Fleet Management shall convene a Clean Fleet Task Force.",
        "a. Members of the Task Force shall be appointed by the Mayor and shall represent employers, labor, and "
        "community groups.",
        "b. The Task Force shall report to the Mayor by December 31, 2027."])
    doc = parse(tmp_path, text, "city.txt")
    got = [(t.number, [(u.name, u.role) for u in t.units]) for t in doc.tasks]
    assert got == [("Sec. 1", [("The Office of Fleet Management", "lead")]),
                   ("Sec. 1(b)", [("The Task Force", "lead")])]


def test_a_mayors_order_with_yearless_dates_and_list_provisions(tmp_path: Path) -> None:
    """"by September 30" in an order of June 2, 2027 is 2027-09-30; "§ 2. The Cabinet shall:" opens a list of its
    duties; "twice a year" recurs."""
    text = "\n".join([
        "THE CITY OF EASTPORT", "OFFICE OF THE MAYOR", "EXECUTIVE ORDER NO. 14", "June 2, 2027", "CLIMATE ACTION",
        "§ 1. The Office of Sustainability shall, by September 30, develop a climate plan.",
        "§ 2. The Cabinet shall:", "1. Deliver a report on progress to the Mayor by March 1;", "2. Meet at least twice a year.",
        "§ 2a. The Cabinet shall include a designee from each Deputy Mayor's office.",
        "§ 3. The Office of Sustainability shall publish the plan by April 15."])
    doc = parse(tmp_path, text, "mayor.txt")
    got = [(t.number, [u.name for u in t.units], [(d.date, d.kind) for d in t.deadlines]) for t in doc.tasks]
    assert got == [("Sec. 1", ["The Office of Sustainability"], [("2027-09-30", "by")]),
                   ("Sec. 2(1)", ["The Cabinet"], [("2028-03-01", "by")]),
                   ("Sec. 2(2)", ["The Cabinet"], [(None, "ongoing")]),
                   ("Sec. 3", ["The Office of Sustainability"], [("2028-04-15", "by")])]


def test_an_inline_lettered_list_is_one_duty_per_item_and_recitals_are_none(tmp_path: Path) -> None:
    text = "\n".join([
        "THE CITY OF WESTLAND", "OFFICE OF THE MAYOR", "EXECUTIVE ORDER NO. 4", "May 2, 2024", "CLEAN FLEET",
        "WHEREAS, Executive Order No. 2 requires City agencies to report their fuel use; and",
        "NOW, THEREFORE, by the power vested in me as Mayor of the City of Westland, it is hereby ordered:",
        "Section 1. Goals. The head of each agency shall: (a) reduce the fleet's fuel use by (i) 2 percent annually "
        "through the end of fiscal year 2028, or (ii) 10 percent by the end of fiscal year 2028; (b) ensure that the "
        "agency buys electric cars where they cost no more; and (c) report its progress to the Mayor."])
    doc = parse(tmp_path, text, "fleet.txt")
    assert [(t.number, [u.normalized for u in t.units]) for t in doc.tasks] == [
        ("Sec. 1(a)", ["head of each agency"]), ("Sec. 1(b)", ["head of each agency"]),
        ("Sec. 1(c)", ["head of each agency"])]
    assert {(t.value, t.year, t.indicator) for t in doc.targets} == {
        (2.0, 2028, "reduce the fleet's fuel use"), (10.0, 2028, "reduce the fleet's fuel use")}


def test_items_whose_letter_stands_alone_on_its_line_complete_an_ensure_that_chapeau(tmp_path: Path) -> None:
    text = "\n".join([
        "THE CITY OF WESTLAND", "OFFICE OF THE MAYOR", "EXECUTIVE ORDER NO. 5", "June 3, 2024", "SAFE WORK SITES",
        "NOW, THEREFORE, by the power vested in me as Mayor of the City of Westland, it is hereby ordered:",
        "§ 1. Requirement. All City agencies must take all necessary actions to ensure that their contractors:",
        "a.", "Require all workers to wear a helmet on a work site during construction.",
        "b.", "Report every injury to the agency within 24 hours.",
        "§ 2. This Order shall take effect immediately."])
    doc = parse(tmp_path, text, "helmets.txt")
    assert [(t.number, [u.normalized for u in t.units]) for t in doc.tasks][:2] == [
        ("Sec. 1(a)", ["All City agencies"]), ("Sec. 1(b)", ["All City agencies"])]
    assert "a. Require all workers" in doc.text and "\nb. Report every injury" in doc.text


def test_those_an_order_directs_agencies_to_work_with_take_part(tmp_path: Path) -> None:
    text = "\n".join([
        "THE CITY OF WESTLAND", "EXECUTIVE ORDER NO. 9", "May 2, 2024",
        "NOW, THEREFORE, by the power vested in me as Mayor of the City of Westland, it is hereby ordered:",
        "§ 1. Plans. The mayor directs city agencies to work with the Office of Sustainability (OS), its regional "
        "partners and other leading cities to develop further plans."])
    doc = parse(tmp_path, text, "plans.txt")
    assert [(u.normalized, u.role) for u in doc.tasks[0].units] == [
        ("city agencies", "lead"), ("Office of Sustainability", "participant"), ("its regional partners", "participant"),
        ("other leading cities", "participant")]


def test_a_statutes_numbered_sections_and_a_chapeau_its_dated_items_finish(tmp_path: Path) -> None:
    text = "\n".join([
        "Westland Climate Accountability Act", "Targets — milestone years",
        "7 (1) The Minister must set an emissions target for each milestone year.",
        "(4) The Minister must set the emissions target",
        "(a) for the 2035 milestone year, no later than December 1, 2026;",
        "(b) for the 2040 milestone year, no later than December 1, 2031; and",
        "(c) for the 2045 milestone year, no later than December 1, 2036.",
        "Progress reports",
        "14 (1) In consultation with the ministers referred to in section 12, the Minister must prepare a progress "
        "report.",
        "8 When setting a target, the Minister must take into account the best scientific information."])
    doc = parse(tmp_path, text, "act.txt")
    got = {t.number: ([(u.normalized, u.role) for u in t.units], [d.date for d in t.deadlines]) for t in doc.tasks}
    assert got["Sec. 7(1)"] == ([("Minister", "lead")], [])
    assert [got[f"Sec. 7(4)({x})"][1] for x in "abc"] == [["2026-12-01"], ["2031-12-01"], ["2036-12-01"]]
    assert got["Sec. 14(1)"][0] == [("Minister", "lead"), ("ministers referred to in section 12", "participant")]
    assert "Sec. 8" in got


def test_a_bills_new_matter_in_capitals_states_duties(tmp_path: Path) -> None:
    text = "\n".join([
        "AN ACT to amend the transportation law, in relation to reducing vehicle miles traveled",
        "Section 1. The transportation law is amended by adding a new section 14-x to read as follows:",
        "§ 14-X. VEHICLE MILES TRAVELED. 1. THE COMMISSIONER SHALL APPOINT A TECHNICAL ADVISORY COMMITTEE.",
        "5. REPORTING. THE COMMISSIONER SHALL SUBMIT A REPORT EVERY TWENTY-FOUR MONTHS TO THE GOVERNOR AND THE "
        "LEGISLATURE."])
    doc = parse(tmp_path, text, "bill.txt")
    assert [(t.number, [u.normalized for u in t.units]) for t in doc.tasks] == [
        ("Sec. 14-x(1)", ["commissioner"]), ("Sec. 14-x(5)", ["commissioner"])]
    assert doc.tasks[1].ongoing and "THE COMMISSIONER SHALL SUBMIT" in doc.tasks[1].citation.quote  # quoted as written


def test_a_ministry_named_by_its_fields_bold_sections_and_a_boards_powers(tmp_path: Path) -> None:
    text = "\n".join([
        "Westland Water Sustainability Act",
        "**Section 4. Installation** – All Westland agencies, in coordination with the Ministry of Public Works and "
        "the Ministry of Environment, Natural Resources, and Energy shall install solar panels within one (1) year "
        "after the effectivity of this Act.",
        "**Section 5. Guidelines** – The Ministry of Environment, Natural Resources, and Energy, in close coordination "
        "with the Ministry of Science and Technology shall determine the guidelines.",
        "**Section 9. Powers and Functions** – The Board shall have the following powers and functions:",
        "a. Formulate regional water policies;", "b. Approve the water allocation plans of the provinces.",
        "**Section 10. Contracts** – The Board shall have the authority to enter into contracts."])
    doc = parse(tmp_path, text, "water.md")
    got = {t.number: (t.title, [(u.normalized, u.role) for u in t.units]) for t in doc.tasks}
    assert got["Sec. 4"] == ("Installation", [("All Westland agencies", "lead"), ("Ministry of Public Works", "participant"),
                                             ("Ministry of Environment, Natural Resources, and Energy", "participant")])
    assert got["Sec. 5"][1] == [("Ministry of Environment, Natural Resources, and Energy", "lead"),
                                ("Ministry of Science and Technology", "participant")]
    assert got["Sec. 9(a)"][1] == got["Sec. 9(b)"][1] == [("Board", "lead")]
    assert "Sec. 10" not in got  # holding an authority is no duty


ROLES = """Eastport Flood Resilience Act

Section 4. Functions of Participating Departments – the following are the functions assigned to each department:
1. Department of Public Works (DPW)
* Build and maintain flood barriers along the river.
* Inspect every pumping station each year.
2. Office of Emergency Management
- Prepare evacuation plans by December 31, 2027.

Section 5. Membership – The Council is composed of:
1. Department of Public Works
* one senior engineer
"""


def test_bulleted_duties_under_a_line_naming_a_body(tmp_path: Path) -> None:
    doc = parse(tmp_path, ROLES, "roles.txt")
    got = [(t.number, [(u.normalized, u.role) for u in t.units], [d.date for d in t.deadlines]) for t in doc.tasks]
    assert got == [("Sec. 4(1)", [("Department of Public Works", "lead")], []),
                   ("Sec. 4(1)", [("Department of Public Works", "lead")], [None]),
                   ("Sec. 4(2)", [("Office of Emergency Management", "lead")], ["2027-12-31"])]


def test_a_may_chapeaus_items_are_powers_not_duties_of_the_bodies_they_name(tmp_path: Path) -> None:
    doc = parse(tmp_path, "Eastport Energy Act\n\nSection 2. Authorities. To achieve the policy in section 1, the "
                "Director may\n\n(1) establish standards for energy resilience;\n\n(2) require the Commissioner of "
                "Ports to perform readiness assessments of port power systems;\n", "may.txt")
    assert doc.tasks == []


STATUTE_WITH_RUN_IN_HEADINGS = """# Westland Revised Statutes, Chapter 12

**§12-5 Energy efficiency study.** The public service board shall:

(1) By December 31, 2027, develop and implement a ratemaking structure for efficiency programmes;

(2) Report its findings to the legislature.

**§12-6 Reports.** (a) Each utility shall report its savings to the board annually.

(b) Each electric utility company that sells electricity for consumption in the State shall establish a
portfolio standard of:

(1) Ten per cent of its net electricity sales by December 31, 2030;

(2) Forty per cent of its net electricity sales by December 31, 2040.

(c) The board shall consult Tasmania's utility companies and the University of Tasmania.
"""


def test_a_statutes_bold_run_in_section_headings_and_regulated_parties(tmp_path: Path) -> None:
    doc = parse(tmp_path, STATUTE_WITH_RUN_IN_HEADINGS, "statute.md")
    got = [(t.number, [u.normalized for u in t.units], [d.date for d in t.deadlines]) for t in doc.tasks]
    assert got[:3] == [("Sec. 12-5(1)", ["public service board"], ["2027-12-31"]),
                       ("Sec. 12-5(2)", ["public service board"], []),
                       ("Sec. 12-6(a)", ["Each utility"], [None])]
    assert ("Sec. 12-6(b)", ["Each electric utility company that sells electricity for consumption in the State"],
            []) in got
    assert doc.meta.region == "Tasmania"  # "the State" of a statute that names its state only further on


LINE_NUMBERED_BILL = """HOUSE BILL NO. 12
AN ACT
To amend section 44.10, relating to water meters and the reporting of leakage by utilities.
Section A. Section 44.10 is repealed and one new section enacted in lieu thereof, to be known
2 as section 44.10, to read as follows:
44.10. 1. The board shall, in consultation with the department of natural resources, install
2 smart water meters in every public building of the state by December 31, 2030. Each water
3 utility shall report its leakage rate to the board within ninety days of the end of each year,
4 using the method the board prescribes by rule after a public hearing on the matter. The
5 department shall publish the reports of all water utilities on its website every year, and the
6 board shall review the method every five years, beginning in 2028, and report its findings.
"""


def test_a_bill_printed_with_its_line_numbers_reads_without_them(tmp_path: Path) -> None:
    doc = parse(tmp_path, LINE_NUMBERED_BILL, "bill.txt")
    assert "2 as section" not in doc.text and "The department shall publish" in doc.text and "natural resources, install smart water meters" in doc.text
    got = [([u.normalized for u in t.units], [d.date for d in t.deadlines]) for t in doc.tasks]
    assert (["board", "department of natural resources"], ["2030-12-31"]) in got
    # "The department shall publish …, and the board shall review …": one sentence, both bodies lead its duties
    assert any(units == ["Each water utility"] for units, _ in got) and any(units == ["department", "board"]
                                                                           for units, _ in got)


def test_a_government_order_set_as_a_letter_directs_with_will(tmp_path: Path) -> None:
    text = ("No. 8/2026-Housing Section-3\nEastport: Dated 10 February, 2026\nFrom,\nPrincipal Secretary,\n"
            "Government of Westland.\nTo,\nAll Development Authorities.\n"
            "Subject: Regarding the implementation of the Westland Urban Renewal Policy, 2026.\nSir,\n"
            "The policy has been approved. Its provisions are as follows:\n"
            "1. The Development Authority will prepare a project report for each scheme.\n"
            "2. The Developer will complete the scheme within three years of its approval.\n")
    doc = parse(tmp_path, text, "order.txt")
    assert [[u.normalized for u in t.units] for t in doc.tasks] == [["Development Authority"], ["Developer"]]


def test_will_in_a_plan_that_is_no_letter_states_no_duty(tmp_path: Path) -> None:
    doc = parse(tmp_path, "Westland Housing Plan\n\nThe Development Authority will prepare a project report.\n", "plan.txt")
    assert doc.tasks == []


def test_a_duty_in_the_passive_with_its_doer_and_how_a_body_is_made_up(tmp_path: Path) -> None:
    text = ("Westland Water Act\n\nSection 2. Plans. (a) A drought plan shall be prepared by the Water Board within "
            "one year of the date of this Act.\n(b) The Council shall be chaired by the Minister.\n"
            "(c) Members shall be appointed by the Governor.\n(d) The plan shall be published.\n")
    doc = parse(tmp_path, text, "act.txt")
    assert [(t.number, [u.normalized for u in t.units]) for t in doc.tasks] == [("Sec. 2(a)", ["Water Board"])]


def test_a_plan_that_commits_a_body_to_a_bulleted_list(tmp_path: Path) -> None:
    text = ("Westland City Council submission on electric vehicles\n\n"
            "To be a carbon neutral city, the Strategic Plan commits the Council:\n\n"
            "* By June 2027, complete a procurement plan for all Council vehicles to be zero emissions.\n"
            "* Work with the State Government to provide charging infrastructure.\n\n"
            "We have also committed to:\n\n1. Reducing carbon emissions from our own estate to net zero by 2030.\n")
    doc = parse(tmp_path, text, "sub.md")
    got = [([u.normalized for u in t.units], [d.date for d in t.deadlines]) for t in doc.tasks]
    assert got == [(["Council"], ["2027-06-30"]), (["Council"], [])]


def test_a_plans_will_lists_numbered_actions_and_commitments(tmp_path: Path) -> None:
    """A plan states its actions with "will": a lead-in "X will:" (or "**We will:**") over bullets gives one task a
    bullet (we, the plan's author, names no unit); "Action 02: X will …" is a task by its label; "X commits to
    publishing …" is a commitment. A role's description ("These Managers will:" / "- be …") and "will" in running
    prose stay no task."""
    text = ("## 04 Actions\n\nThe Westland Digital Office will lead the programme and publish updates.\n\n"
            "#### Action 02: All Westland departments will appoint a data steward\n\n"
            "The Digital Service will:\n\n- offer training to new stewards\n- help departments to recruit stewards\n\n"
            "These Managers will:\n\n- be experienced leaders\n- have the skills to engage suppliers\n- be accountable\n\n"
            "**We will:**\n* **Publish an annual progress report**\n* **Co-host a summit with the Eastport Council**\n\n"
            "The Open Data Subcommittee commits to publishing a register of datasets by June 2027.\n")
    doc = parse(tmp_path, text, "plan.md")
    got = [(t.number, [u.normalized for u in t.units], [d.date for d in t.deadlines], t.text[:20]) for t in doc.tasks]
    assert got == [
        ("Action 02", ["All Westland departments"], [], "All Westland departm"),
        ("", ["Digital Service"], [], "offer training to ne"),
        ("", ["Digital Service"], [], "help departments to "),
        ("", [], [None], "**Publish an annual "),  # "annual": a recurring limit, no date
        ("", ["Eastport Council"], [], "**Co-host a summit w"),  # a co- verb works with someone
        ("", ["Open Data Subcommittee"], ["2027-06-30"], "The Open Data Subcom")]


def test_a_blank_line_before_a_capital_opens_a_paragraph(tmp_path: Path) -> None:
    """A bullet ending without a stop, a blank line, then "The Digital Service will:": two paragraphs, not one."""
    text = ("Westland Digital Plan\n\n" + "Departments will make every online service simpler to use for the people of Westland, "
            "and they will measure how it is used\n\nThe Digital Service will publish the results in a public dashboard "
            "for everyone to read every month\n\n" * 3)
    doc = parse(tmp_path, text, "plan.txt")
    assert "used\nThe Digital Service" in doc.text


def test_numbered_actions_with_lead_and_timescale_fields(tmp_path: Path) -> None:
    """"Action 1: Introduce …" with "Lead: …  Timescale: by March 2027.": numbered by the label, named by the action,
    its limit read from the Timescale field (a period's end when it gives a span)."""
    text = ("Westland Clean Air Action Plan 2026-2030\n\n3. Actions\n\n"
            "Action 1: Introduce a low emission zone in the town centre.\nLead: Transport Services. Timescale: by March 2027.\n\n"
            "Action 2: Replace 40 diesel buses with electric buses.\n"
            "Lead: Public Transport Team; Partners: Eastport Bus Company. Timescale: 2026-2028.\n")
    doc = parse(tmp_path, text, "plan.txt")
    got = [(t.number, t.title, [(u.normalized, u.role) for u in t.units], [d.date for d in t.deadlines]) for t in doc.tasks]
    assert got == [
        ("Action 1", "Introduce a low emission zone in the town centre", [("Transport Services", "lead")], ["2027-03-31"]),
        ("Action 2", "Replace 40 diesel buses with electric buses",
         [("Public Transport Team", "lead"), ("Eastport Bus Company", "participant")], ["2028-12-31"])]


def test_a_heading_set_as_a_list_item_names_the_commitments_under_it(tmp_path: Path) -> None:
    """"- ### Open the Register of Grants." over its paragraph: the commitment's name is the task's title."""
    text = ("## Improve Access to Public Data\n\nTo improve access, the Westland Government will:\n\n"
            "- ### Open the Register of Grants.\n\n"
            "    The Open Data Subcommittee commits to publishing the register of grants by June 2027.\n")
    doc = parse(tmp_path, text, "nap.md")
    assert [(t.title, [u.normalized for u in t.units]) for t in doc.tasks] == [
        ("Open the Register of Grants", ["Open Data Subcommittee"])]


def test_a_designated_lead_agency_is_the_it_of_its_duties_and_a_declared_policy_assigns_none(tmp_path: Path) -> None:
    """"The Office of X shall be the lead agency … As the lead agency, it shall: (a) … (b) …": each item a duty of that
    office; a "Declaration of Policy" section states aims, and a bill page's "Summary" retells the bill."""
    text = ("Westland Community Assistance Act\n\n"
            "## Summary\n\nEach agency shall prepare a plan, the bill provides.\n\n"
            "**SECTION 2. Declaration of Policy.** – The Westland Government shall:\n\n(a) Uphold the rights of all communities;\n\n"
            "**SECTION 7. Implementation.** – The Office of the Chief Minister, through the Office for Rural Communities, "
            "shall be the lead agency in the implementation of this Act. As the lead agency, it shall:\n\n"
            "(a) Set the strategic direction of the programmes;\n\n(b) Submit an annual report to the Parliament.\n")
    doc = parse(tmp_path, text, "act.md")
    assert [(t.number, [(u.normalized, u.role) for u in t.units]) for t in doc.tasks] == [
        ("Sec. 7(a)", [("Office of the Chief Minister", "lead"), ("Office for Rural Communities", "participant")]),
        ("Sec. 7(b)", [("Office of the Chief Minister", "lead"), ("Office for Rural Communities", "participant")])]


def test_a_section_title_that_runs_on_to_the_next_line(tmp_path: Path) -> None:
    """"Sec. 4. Reducing Agency" / "Water Use. (a) Each agency shall …" (a printed page's line break inside the title):
    one title, the section's items numbered under it; a title going on with a figure too ("Transitioning to" / "100
    Percent Reuse.")."""
    text = ("Executive Order on Westland Water\n\nSec. 4. Reducing Agency\nWater Use. (a) Each agency shall reduce its "
            "potable water use.\n\nSec. 5. Transitioning to\n100 Percent Reuse. Each agency shall reuse its grey water.\n")
    doc = parse(tmp_path, text, "order.txt")
    assert [(t.number, t.title) for t in doc.tasks] == [
        ("Sec. 4(a)", "Reducing Agency Water Use"), ("Sec. 5", "Transitioning to 100 Percent Reuse")]


def test_an_action_grid_cut_by_page_breaks_goes_on_under_its_header(tmp_path: Path) -> None:
    """"| | List of actions | Descriptions | Stakeholders |" over rows, then a page's furniture, then the grid going on with no
    header of its own: every action a task, its stakeholders taking part; a row whose text starts in lower case is the
    action before it going on after the break."""
    text = ("# Module B-2 Portfolio Design\n\n| Fields | Portfolio |   |   |\n| --- | --- | --- | --- |\n"
            "|   | List of actions | Descriptions | Stakeholders |\n"
            "| Transport | Promote remote working to reduce traffic, as part of | The council will adopt a policy. | Eastport Council |\n\n"
            "OFFICIAL\n\nClimate Neutrality Action Plan\n\n"
            "|   | a range of working practices. | to work remotely |   |\n| --- | --- | --- | --- |\n"
            "|   | Develop a bus partnership for the city. | Options are being explored. | Westland Transport Agency |\n"
            "|   | Deliver an active travel network. | Work is ongoing. | Eastport Council |\n")
    doc = parse(tmp_path, text, "b2.md")
    assert [(t.title[:24], [u.normalized for u in t.units]) for t in doc.tasks] == [
        ("Promote remote working t", ["Eastport Council"]),
        ("Develop a bus partnershi", ["Westland Transport Agency"]),
        ("Deliver an active travel", ["Eastport Council"])]


def test_a_limit_opening_a_section_is_the_limit_of_every_duty_below_it(tmp_path: Path) -> None:
    """"Sec. 2. … Within 30 days of the date of this order:" over actors' chapeaus and full sentences: every duty
    below that states no limit of its own has the section's; one with its own keeps it."""
    text = ("Executive Order on Eastport Harbor Dredging\n\nMarch 2, 2026\n\n"
            "Sec. 2. Harbor Access. Within 30 days of the date of this order:\n\n"
            "(a) The Secretary of the Army shall:\n\n(i) survey the channel; and\n\n"
            "(ii) within 10 days of the survey, publish its findings.\n\n"
            "(b) The Administrator of the Maritime Administration shall list eligible ports.\n\n"
            "Sec. 3. Funding. The Secretary of Transportation shall seek appropriations.\n")
    doc = parse(tmp_path, text, "order.txt")
    got = [(t.number, [d.text for d in t.deadlines]) for t in doc.tasks]
    assert got == [("Sec. 2(a)(i)", ["Within 30 days of the date of this order"]),
                   ("Sec. 2(a)(ii)", ["within 10 days of the survey"]),
                   ("Sec. 2(b)", ["Within 30 days of the date of this order"]),
                   ("Sec. 3", [])]
    assert doc.tasks[0].deadlines[0].date == "2026-04-01"


def test_a_required_or_encouraged_column_names_who_must_do_a_milestone(tmp_path: Path) -> None:
    """"Required for CFO Act agencies only, encouraged for non-CFO Act agencies": those required are responsible."""
    text = ("### Action 7: Share Data\n\n| **Milestone** | **Measurement** | **Target Date** | **Required or Encouraged** |\n"
            "|---|---|---|---|\n| **7.1** Publish a data sharing plan | Completion | June 30, 2026 | Required for all bureaus |\n"
            "| **7.2** Train data stewards | Completion | June 30, 2026 | Required for large bureaus only, encouraged for "
            "small bureaus |\n")
    doc = parse(tmp_path, text, "plan.md")
    assert [(t.number, [(u.name, u.role) for u in t.units]) for t in doc.tasks] == [
        ("7.1", [("all bureaus", "responsible")]), ("7.2", [("large bureaus", "responsible")])]


def test_items_resume_after_a_deeper_list_of_sums_and_employees_can_be_responsible(tmp_path: Path) -> None:
    """"4.1.1.2.1.1$2.5 million …" (a label glued to a sum) is an item of the deeper list; the items after it go on
    under their chapeau; "Employees are responsible for:" names who does its items."""
    text = ("## 4\\. Requirements\n"
            "*   4.1The Chief Data Officer is responsible for:\n"
            "    *   4.1.1Submitting proposals that meet one of the following:\n"
            "        *   4.1.1.1Where the ministry invests at least:\n"
            "            *   4.1.1.1.1$2 million for small ministries;\n"
            "            *   4.1.1.1.2$8 million for large ministries;\n"
            "        *   4.1.1.2As directed by the Deputy Minister.\n"
            "    *   4.1.2Publishing an annual data plan.\n"
            "*   4.2Employees are responsible for:\n"
            "    *   4.2.1Recording decisions of business value.\n")
    doc = parse(tmp_path, text, "policy.md")
    got = [(t.number, [u.name for u in t.units]) for t in doc.tasks]
    assert ("4.1.2", ["The Chief Data Officer"]) in got and ("4.2.1", ["Employees"]) in got, got


def test_also_before_the_modal_keeps_the_subject(tmp_path: Path) -> None:
    text = ("Executive Order on Eastport Ports\n\nSec. 2. Council. (a) The Port Council shall review berth fees. The Port "
            "Council also shall identify regulatory changes that may be necessary.\n")
    doc = parse(tmp_path, text, "order.txt")
    assert [[u.name for u in t.units] for t in doc.tasks] == [["The Port Council"], ["The Port Council"]]


def test_items_that_say_what_an_amount_shall_be_are_no_duties(tmp_path: Path) -> None:
    """"The rate shall be published by the Administrator … and shall be:" / "(A) not less than …": the sentence is the
    duty; its items describe the rate."""
    text = ("Executive Order on Eastport Harbor Fees\n\nSec. 2. Fees. (a) Beginning in 2027, the harbor fee shall be "
            "published by the Administrator of the Port Authority at least 60 days before it takes effect and shall "
            "be:\n\n(A) not less than the fee in effect on that date; and\n\n(B) rounded to the nearest dollar.\n")
    doc = parse(tmp_path, text, "order.txt")
    assert [(t.number, [u.name for u in t.units]) for t in doc.tasks] == [
        ("Sec. 2(a)", ["the Administrator of the Port Authority"])]


def test_two_subjects_of_one_duty(tmp_path: Path) -> None:
    """"The Port Council and, as appropriate, the Harbor Board shall …" and "…, and the agencies represented on the
    Council shall, as appropriate, carry out the plan": every subject shares the duty."""
    text = ("Executive Order on Eastport Harbor Safety\n\nSec. 2. Plans. (a) The Port Council shall adopt a safety plan, "
            "and the agencies represented on the Port Council shall, as appropriate, carry out the plan.\n\n"
            "(b) The Port Council and, as appropriate, the Harbor Board shall publish berth schedules.\n")
    doc = parse(tmp_path, text, "order.txt")
    assert [[u.name for u in t.units if u.role == "lead"] for t in doc.tasks] == [
        ["The Port Council", "the agencies represented on the Port Council"], ["The Port Council", "the Harbor Board"]]


def test_a_duty_carried_out_including_by_items_with_their_own_duties_is_a_task_too(tmp_path: Path) -> None:
    text = ("Executive Order on Eastport Skills\n\nSec. 4. Apprenticeships. (a) Within 90 days of the date of this order, "
            "the Secretary of Labor shall seek to expand harbor apprenticeships, including by:\n\n(i) Prioritizing "
            "grants for port employers. The Secretary of Labor shall set goals for such grants.\n")
    doc = parse(tmp_path, text, "order.txt")
    assert [t.text[:40] for t in doc.tasks] == ["Within 90 days of the date of this order", "The Secretary of Labor shall set goals f"]
    assert doc.tasks[0].deadlines[0].text == "Within 90 days of the date of this order"


# an order's later sentences that lean on the one before (Westland and its bodies are made up)
LEANING = """Executive Order on Harbor Safety in Westland
March 3, 2029

Sec. 4. Ferry Rules. (a) Within 30 days of the date of this order, the Secretary of Harbors shall issue a proposed rule on ferry lighting. A final rule shall be published within 240 days of the date of this order. Comments must be submitted within 60 days of the proposal.

Sec. 5. Access. Within 270 days of the date of this order, the Westland Institute of Standards (WIS) within the Department of Commerce shall evaluate harbor signage. During that period, WIS shall consult boat owners. By the end of the 270-day period, WIS shall publish recommendations.
"""


def test_sentences_leaning_on_the_duty_before(tmp_path: Path) -> None:
    doc = parse(tmp_path, LEANING, "harbor.txt")
    got = [(t.number, [u.name for u in t.units if u.role == "lead"], [(d.text, d.date) for d in t.deadlines]) for t in doc.tasks]
    assert got == [
        # the passive next step's dated limit is the duty's too; others' step counted from an event is not
        ("Sec. 4(a)", ["the Secretary of Harbors"], [("Within 30 days of the date of this order", "2029-04-02"),
                                                    ("within 240 days of the date of this order", "2029-10-29")]),
        ("Sec. 5", ["the Westland Institute of Standards (WIS)"], [("Within 270 days of the date of this order", "2029-11-28")]),
        ("Sec. 5", ["WIS"], [("During that period", "2029-11-28")]),
        ("Sec. 5", ["WIS"], [("By the end of the 270-day period", "2029-11-28")]),
    ]
