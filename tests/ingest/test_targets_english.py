"""English target shapes, from sentences written for these tests (a state transport plan, a health
order, a city water strategy): goals with bounds and years, figures in words, counts of things,
multiples, past and present statements, and the numbers that are no targets at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.models import ParsedDocument, Target
from ingest.recognise.number_words import english_numbers
from ingest.targets.english_figures import english_figures
from tests.plan_fixtures import parse_text

ORDER = "\n".join([
    "Executive Order on Modernizing Rural Health Care",
    "By the authority vested in me as President by the Constitution and the laws of the United States of America, "
    "it is hereby ordered as follows:",
    "Section 1. Purpose. Between 1990 and 2010, the Nation closed 140 rural hospitals in 38 states. Since 2010, "
    "only three hospitals have reopened. Today, 60 percent of rural counties are designated as shortage areas. "
    "Nearly 70 percent of rural medicines are now imported, and the rural care deficit stands at over $15 billion.",
    "Sec. 2. Goals. (a) The Secretary shall open at least 25 new rural clinics by 2028 and shall reduce average "
    "travel time to emergency care to no more than 30 minutes.",
    "(b) Within 90 days of the date of this order, the Secretary shall submit a report to the President.",
    "(c) It is the goal of my Administration to reduce rural maternal mortality by forty percent by 2030, "
    "with the goal of doubling telehealth capacity by 2027.",
    "(d) The Secretary shall expand the workforce from approximately 12,000 nurses in 2024 to 20,000 nurses by 2030.",
    "(e) As used in this order, a small clinic means one with fewer than fifty employees. See 42 U.S.C. 254b and "
    "Executive Order 13985.",
])

STATUTE = "\n".join([
    "Chapter 12 - Water conservation plan",
    "1. The city shall limit total potable water use as follows:",
    "a. By 2035, reduce per capita water use to one hundred ten gallons per day, or twenty percent below 2015 levels;",
    "b. By 2045, reduce total water use to forty-two million cubic meters.",
])


@pytest.fixture()
def order(tmp_path: Path) -> ParsedDocument:
    return parse_text(tmp_path, "order.txt", ORDER)


def _find(doc: ParsedDocument, value: float, kind: str | None = None) -> Target:
    hits = [t for t in doc.targets if t.value == value and (kind is None or t.kind == kind)]
    assert hits, [(t.value, t.unit, t.kind, t.year) for t in doc.targets]
    return hits[0]


def test_goals_with_bounds_years_words_and_multiples(order: ParsedDocument) -> None:
    clinics = _find(order, 25.0)
    assert (clinics.comparator, clinics.year, clinics.kind, clinics.unit) == (">=", 2028, "target", "clinics")
    minutes = _find(order, 30.0)
    assert (minutes.comparator, minutes.kind) == ("<=", "target")
    assert (_find(order, 40.0).year, _find(order, 2.0).unit, _find(order, 2.0).year) == (2030, "times", 2027)


def test_a_change_from_a_past_level_to_a_goal(order: ParsedDocument) -> None:
    base = _find(order, 12000.0)
    assert (base.kind, base.year, base.comparator) == ("baseline", 2024, "~")
    assert (_find(order, 20000.0).kind, _find(order, 20000.0).year) == ("target", 2030)


def test_past_and_present_statements(order: ParsedDocument) -> None:
    assert (_find(order, 140.0).kind, _find(order, 140.0).year) == ("achieved", 2010)
    assert _find(order, 3.0).kind == "achieved"
    assert _find(order, 60.0).kind == "baseline"
    # "nearly" and "over" qualify a level as it is: baselines, no bound set
    assert (_find(order, 70.0).kind, _find(order, 70.0).year) == ("baseline", None)
    assert [t.kind for t in order.targets if t.unit == "USD"] == ["baseline"]


def test_deadlines_definitions_and_references_are_not_targets(order: ParsedDocument) -> None:
    values = {t.value for t in order.targets}
    assert not values & {90.0, 50.0, 42.0, 254.0, 13985.0, 1.0, 2.0 if False else -1.0}, values


def test_a_statutes_limits_in_words(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "water.md", STATUTE)
    got = {(t.value, t.comparator, t.year) for t in doc.targets}
    assert {(20.0, ">=", 2035), (42_000_000.0, "<=", 2045)} <= got, got


def test_number_words_and_figures_with_their_spans() -> None:
    text = "to one hundred ten thousand tons, or twenty-five percent; one of the plans"
    assert [(v, text[a:b]) for v, a, b in english_numbers(text)] == [(110000.0, "one hundred ten thousand"),
                                                                     (25.0, "twenty-five")]
    text = "install 1,200 new public charge points and 5 megawatts, see Section 4 and 2030 Objective"
    assert [(f.value, f.unit) for f in english_figures(text, 0, len(text))] == [(1200.0, "points"), (5.0, "MW")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Plant 1 million trees by 2030.", (1_000_000.0, "trees", "=")),
    ("invest at least $2.5 billion in rural transit", (2_500_000_000.0, "USD", ">=")),
    ("cut emissions to 5 million metric tons by 2040", (5_000_000.0, "t", "=")),
    ("deploy approximately 40,000 electric buses", (40_000.0, "buses", "~")),
    ("take forward 25+ Candidate SSSIs", (25.0, "SSSIs", ">=")),  # "N+": at least N, of an acronym's plural
    ("restore 300+ hedgerows", (300.0, "hedgerows", ">=")),
])
def test_scaled_figures_money_and_counts(text: str, expected: tuple[float, str, str]) -> None:
    found = english_figures(text, 0, len(text))
    assert [(f.value, f.unit, f.comparator) for f in found] == [expected]


def test_membership_and_definitions_are_not_targets(tmp_path: Path) -> None:
    text = "\n".join([
        "Executive Order on a Council for Safer Roads",
        "Sec. 2. Council. (a) The Council shall consist of 12 members appointed by the President.",
        "(b) As used in this order, a rural road means a road serving fewer than 400 vehicles per day.",
        "(c) The Council shall reduce traffic fatalities by 50 percent by 2035.",
    ])
    doc = parse_text(tmp_path, "council.txt", text)
    assert [(t.value, t.year) for t in doc.targets] == [(50.0, 2035)]


def test_from_a_level_to_a_goal_gives_the_start_as_baseline(tmp_path: Path) -> None:
    """"(from 20.6% to 12.0%)": 20.6 is where it starts, the goal is 12.0, both of the measure the verb names;
    "from 26% in 2009 to 21% by 2030": 2009 dates the start, not a goal."""
    from tests.plan_fixtures import parse_text

    doc = parse_text(tmp_path, "p.txt", "\n\n".join([
        "Community Health Objectives",
        "Objectives include reducing the share of adults who smoke (from 18.4% to 11.0%) and reducing "
        "vaping by students from 24% in 2019 to 15% by 2032.",
    ]))
    got = {(t.value, t.kind, t.year, t.indicator) for t in doc.targets}
    assert (18.4, "baseline", None, "share of adults who smoke") in got
    assert (24.0, "baseline", 2019, "vaping by students") in got
    assert (15.0, "target", 2032, "vaping by students") in got
    assert all(t.year != 2019 for t in doc.targets if t.kind == "target")


def test_ranges_denominators_and_labels() -> None:
    """A range is two bounds ("24–47%", "110 to 440 hectares", "between 5 and 8 GW"); "three out of four"
    and "one in five" hold denominators, "Year 9 students" and "Grade 3 pupils" labels, not counts."""
    from ingest.targets.english_figures import english_figures

    def figures(t: str) -> list[tuple[float, str, str]]:
        return [(f.value, f.unit, f.comparator) for f in english_figures(t, 0, len(t))]

    assert figures("Methane emissions are 24–47% below 2017 levels by 2050.") == [(24.0, "%", ">="), (47.0, "%", "<=")]
    assert figures("Plant 110 to 440 hectares of new woodland.") == [(110.0, "hm2", ">="), (440.0, "hm2", "<=")]
    assert figures("Install between 5 and 8 GW of offshore wind.") == [(5.0, "GW", ">="), (8.0, "GW", "<=")]
    assert figures("Raise the rate from 20 to 30 percent.") == [(30.0, "%", "=")]  # a change, not a range
    assert figures("with three out of four cancers (75%) diagnosed early") == [(75.0, "%", "=")]
    assert figures("25 per cent more Year 9 students and Grade 3 pupils will read well.") == [(25.0, "%", "=")]


def test_a_lead_in_year_reaches_the_bulleted_goals_under_it(tmp_path: Path) -> None:
    """"Our goals by 2030 are to:" / "By 2050:" give the bullets below them their year; the subject of
    "is" / "are" names the measure."""
    doc = parse_text(tmp_path, "p.txt", "\n".join([
        "Riverside Climate Action Plan", "Goals",
        "Our goals by 2030 are to:", "• Reduce greenhouse gas emissions by 40%", "• Raise the cycling mode share to 12%",
        "By 2050:", "• Landfill methane emissions are 30–50% below 2020 levels."]))
    got = {(t.indicator, t.value, t.comparator, t.year) for t in doc.targets if t.kind == "target"}
    assert ("reduce greenhouse gas emissions", 40.0, "=", 2030) in got
    assert ("the cycling mode share", 12.0, "=", 2030) in got
    assert {("Landfill methane emissions", 30.0, ">=", 2050), ("Landfill methane emissions", 50.0, "<=", 2050)} <= got


def test_a_list_item_that_opens_with_its_year(tmp_path: Path) -> None:
    """"a. 2030: 60% of 1990 emissions." is English however many figures it holds, and its year is the goal's."""
    doc = parse_text(tmp_path, "limits.txt", "\n".join([
        "Climate Protection Act", "Statewide emissions limits shall be as follows:",
        "a. 2030: 55% of 2005 emissions.", "b. 2050: 10% of 2005 emissions."]))
    assert {(t.value, t.kind, t.year) for t in doc.targets} == {(55.0, "target", 2030), (10.0, "target", 2050)}


def test_a_figure_the_sentence_reports_as_done_is_achieved(tmp_path: Path) -> None:
    """"In 2023, 15,765 homes were delivered" reports what was done, even with "in 2023"; a goal's "will be
    delivered" stays a target."""
    doc = parse_text(tmp_path, "homes.txt", "\n\n".join([
        "Affordable Housing Supply Programme", "In 2023, 12,400 homes were delivered across the region.",
        "By 2032, 90,000 affordable homes will be delivered."]))
    assert {(t.value, t.kind, t.year) for t in doc.targets} == {(12400.0, "achieved", 2023), (90000.0, "target", 2032)}


def test_an_english_plan_takes_its_place_from_its_title(tmp_path: Path) -> None:
    """"Riverside City Council …", "City of Minneapolis …", "Lakeside County …": the place the plan is for."""
    from ingest.recognise.places import english_place_in_title

    assert english_place_in_title("Riverside City Council Climate Action Plan") == "Riverside"
    assert english_place_in_title("City of Minneapolis Climate Action Plan") == "Minneapolis"
    assert english_place_in_title("Lakeside County Climate Strategy") == "Lakeside County"
    assert english_place_in_title("Executive Order on Climate-Related Financial Risk") is None
    assert english_place_in_title("Climate Emergency Action Plan") is None
    doc = parse_text(tmp_path, "plan.txt", "Riverside City Council Climate Action Plan\n\nGoals\n\n"
                                           "The council will reduce greenhouse gas emissions by 40% by 2030.\n")
    assert [t.scope for t in doc.targets] == ["Riverside"]


def test_a_goal_then_what_has_been_done_since(tmp_path: Path) -> None:
    """"… by 2035. Since 2021, …": a period after a year ends the sentence (the goal's year does not reach the
    next one); "has invested" and "have been replaced" are facts, dated by no year ("since 2021" is a start);
    "of lead pipes in the country by 2035" names lead pipes in the country, not "… by"."""
    doc = parse_text(tmp_path, "sheet.txt", "\n\n".join([
        "Clean Water Plan",
        "The goal is to replace 100 percent of lead pipes in the country by 2035. Since 2021, the program has "
        "invested $15 billion in replacement, and more than 1.7 million lead pipes have been replaced.",
    ]))
    got = {(t.value, t.kind, t.year) for t in doc.targets}
    assert got == {(100.0, "target", 2035), (15e9, "achieved", None), (1.7e6, "achieved", None)}
    assert _find(doc, 100.0).indicator == "lead pipes in the country"


def test_a_releases_figures_cuts_below_a_level_and_abbreviations(tmp_path: Path) -> None:
    """A release reports what was done: "has cleared 529 grants", "provided $1 billion in loans … to lower
    costs" are achieved (a purpose clause sets no goal); "$5 billion in grants" measures grants; "to 40%
    below 2005 levels" is a cut of at least 40%; "Executive Order No. 246 updates …" counts no updates."""
    doc = parse_text(tmp_path, "release.txt", "\n\n".join([
        "Governor Signs Executive Order No. 246 on Clean Water",
        "The Department has cleared 529 grants this year. The state provided $1 billion in loans to help "
        "lower water bills. The Governor has announced $5 billion in grants for 120 projects.",
        "Executive Order No. 246 updates the state's goal: reduce statewide water losses to 40% below 2005 "
        "levels by 2030.",
    ]))
    got = {(t.value, t.kind, t.comparator) for t in doc.targets}
    assert {(529.0, "achieved", "="), (1e9, "achieved", "="), (5e9, "achieved", "="), (40.0, "target", ">=")} <= got
    assert all(t.value != 246 for t in doc.targets)
    assert _find(doc, 5e9).indicator == "grants" and _find(doc, 40.0).year == 2030


def test_a_range_below_a_base_year_and_a_bare_number_of_things(tmp_path: Path) -> None:
    """"by 61-66 percent below 2005 levels in 2035" is two bounds (the range names nothing); "the number of
    registered zero-emission buses to at least 8,000" counts buses, though no noun follows the number."""
    doc = parse_text(tmp_path, "goals.txt", "\n\n".join([
        "State Climate Goals",
        "The new goal is reducing net greenhouse gas emissions by 61-66 percent below 2005 levels in 2035.",
        "Increase the number of registered zero-emission buses to at least 8,000 by 2028.",
    ]))
    got = {(t.value, t.unit, t.comparator, t.year) for t in doc.targets}
    assert got == {(61.0, "%", ">=", 2035), (66.0, "%", "<=", 2035), (8000.0, "buses", ">=", 2028)}, got


def test_a_goal_named_after_its_figure_and_a_headline_scale(tmp_path: Path) -> None:
    """"5. 50% transportation emissions reduction citywide by 2030": the words after the figure name it (not "by");
    "$5.5 Billion" in a headline is 5.5 billion."""
    doc = parse_text(tmp_path, "plan.txt", "\n\n".join([
        "Riverside Climate Action Plan", "Goals",
        "5. 50% transportation emissions reduction citywide by 2030.",
        "The city announced $2.5 Billion in grants for transit.",
        "Complete 100% Stock Condition Surveys of council homes by 2027."]))
    assert [(t.indicator, t.value) for t in doc.targets] == [
        ("transportation emissions reduction citywide", 50.0), ("grants", 2.5e9), ("Stock Condition Surveys", 100.0)]



@pytest.mark.parametrize(("text", "unit"), [("Projected emissions in 2030 are 66.5 Mt CO2-e.", "MtCO2e"),
                                           ("Cut emissions by 2.5 MtCO2e by 2030.", "MtCO2e"),
                                           ("Save 40 kt CO2e each year.", "ktCO2e"), ("Emit 1,200 tCO2e at most.", "tCO2e")])
def test_emissions_in_mega_kilo_and_tonnes_of_co2e(text: str, unit: str) -> None:
    assert [f.unit for f in english_figures(text, 0, len(text))] == [unit]


def test_halving_and_doubling_name_what_they_change(tmp_path: Path) -> None:
    """"reduce by half the number of collisions", "cut … in half", "doubling offshore wind by 2030": a factor of
    what follows it (or of what the verb names)."""
    doc = parse_text(tmp_path, "s.txt", "\n\n".join([
        "Active Travel Strategy", "Objectives",
        "Reduce by half the number of collisions involving cyclists by 2031.",
        "Cut traffic deaths in half by 2030, with the goal of doubling cycle lanes by 2030."]))
    assert [(t.indicator, t.value, t.unit, t.year) for t in doc.targets] == [
        ("the number of collisions involving cyclists", 0.5, "times", 2031), ("Cut traffic deaths", 0.5, "times", 2030),
        ("cycle lanes", 2.0, "times", 2030)]


@pytest.mark.parametrize(("title", "place"), [
    ("Our Freedonia Green Plan 2040 Targets", None),  # no such country
    ("Our Singapore Water Plan 2040 Targets", "Singapore"),
    ("Canada’s Action Plan for Clean Rail", "Canada"),
    ("Canadian Heat Pump Strategy", "Canada"),
    ("Victorian Water Security Targets", "Victoria"),
    ("New South Wales Freight Strategy", "New South Wales"),  # not Wales
    ("Indiana Broadband Plan", "Indiana"),  # not India
    ("Health targets", None),
])
def test_a_country_or_state_named_anywhere_in_an_english_title(title: str, place: str | None) -> None:
    from ingest.recognise.polities import polity_in
    assert polity_in(title) == place


def test_an_english_plan_takes_its_country_from_its_title(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "rail.txt", "Canada’s Action Plan for Clean Rail\n\nTargets\n\n"
                     "We will reduce rail emissions by 40% by 2035.\n")
    assert [t.scope for t in doc.targets] == ["Canada"]
    order = parse_text(tmp_path, "eo.txt", "Executive Order on Canadian Softwood Lumber\n\nBy the authority vested in me as "
                       "President by the Constitution and the laws of the United States of America, it is hereby "
                       "ordered:\n\nSec. 2. Goal. Agencies shall reduce import delays by 50% by 2027.\n")
    assert {t.scope for t in order.targets} == {"United States"}  # the order's own country, not the one it names



def test_an_english_plan_whose_title_names_no_place_takes_the_country_its_opening_keeps_naming(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "targets.md", "---\ntitle: Our Targets\n---\n### Our Key Targets\n"
                     "The Norway Green Plan 2030 sets targets that touch every part of life in Norway.\n\n"
                     "2030 targets:\n- Reduce household water use to 120 litres per capita per day\n")
    assert doc.meta.region == "Norway"
    assert {t.scope for t in doc.targets} == {"Norway"}
    # two countries named as often: neither is the plan's own
    even = parse_text(tmp_path, "even.md", "Our Targets\n\nLike Norway and Denmark, and as Norway and Denmark did, "
                      "we will cut landfill waste by 30% by 2030.\n")
    assert even.meta.region is None
    once = parse_text(tmp_path, "once.md", "Our Targets\n\nUnlike Norway, we will cut landfill waste by 30% by 2030.\n")
    assert once.meta.region is None  # named once, in passing


@pytest.mark.parametrize(("text", "place"), [
    ("Tasmania plans for Tasmania; Victoria is named once.", "Tasmania"),
    ("Victorian towns and Victorian farms, and Tasmania.", None),  # adjectives do not count
    ("Chad and Chad and Niger and Niger.", None),
])
def test_the_polity_a_text_names_most(text: str, place: str | None) -> None:
    from ingest.recognise.polities import polity_most_named
    assert polity_most_named(text) == place

LISTED = "\n".join([
    "Westland Clean Energy Targets",
    "Westland’s solar energy targets set in the Energy Act 2024 are:",
    "- 30% by 2026 (achieved)",
    "- 50% by 2030 (previously 45%)",
    "- 70% by 2035.",
    "Green Transport",
    "2028 targets:",
    "- Plant 200,000 street trees along arterial roads",
    "- Achieve 60% public transport (bus and tram) peak-hour mode share",
    "- Reduce fleet emissions by 20% by 2040",
    "- Build 400km of cycle lanes",
    "2032 targets:",
    "- Add 50 ha of wetland parks",
])


def test_a_listed_goal_takes_its_year_and_measure_from_the_lead_in(tmp_path: Path) -> None:
    """"2028 targets:" gives the items below it their year (a year of an item's own wins); "Our X targets are:" says
    what bare items ("- 70% by 2035") measure; "(achieved)" marks a met goal, "(previously 45%)" a superseded one."""
    doc = parse_text(tmp_path, "listed.txt", LISTED)
    got = {(t.value, t.year, t.kind, t.indicator) for t in doc.targets}
    assert {(30.0, 2026, "achieved", "solar energy"), (50.0, 2030, "target", "solar energy"),
            (70.0, 2035, "target", "solar energy")} <= got
    assert 45.0 not in {t.value for t in doc.targets}
    years = {t.value: t.year for t in doc.targets}
    assert (years[200000.0], years[400.0], years[20.0], years[50.0]) == (2028, 2028, 2040, 2032)
    assert next(t.indicator for t in doc.targets if t.value == 60.0) == "public transport"


def test_a_lead_in_glued_to_the_item_before_it_still_leads_the_next_items(tmp_path: Path) -> None:
    text = LISTED.replace("cycle lanes\n2032 targets:", "cycle lanes 2032 targets:")
    doc = parse_text(tmp_path, "glued.txt", text)
    years = {t.value: t.year for t in doc.targets}
    assert (years[400.0], years[50.0]) == (2028, 2032)


def test_a_statutes_schedule_by_fiscal_year(tmp_path: Path) -> None:
    text = "\n".join([
        "§ 901. Water use reduction", "(a) Requirement",
        "(1) Each agency shall reduce water use per square foot, as compared with fiscal year 2020, by the percentage "
        "specified in the following table:", "Fiscal Year | Percentage Reduction", "2024 | 4", "2025 | 8", "2026 | 12."])
    doc = parse_text(tmp_path, "statute.md", text)
    got = sorted((t.year, t.kind, t.value, t.unit) for t in doc.targets)
    assert got == [(2024, "target", 4.0, "%"), (2025, "target", 8.0, "%"), (2026, "target", 12.0, "%")]


def test_counts_of_a_plans_own_targets_and_actions_are_no_records(tmp_path: Path) -> None:
    text = "\n".join(["Westland Health Plan", "Five targets for the health system",
                      "The plan sets 12 actions for delivery by December 2026.",
                      "We will build 40 new clinics by 2030."])
    doc = parse_text(tmp_path, "plan.txt", text)
    assert [(t.value, t.indicator) for t in doc.targets] == [(40.0, "new clinics")]


def test_a_statutes_goal_measured_from_a_baseline_year(tmp_path: Path) -> None:
    """"not later than October 1, 2030, … at least a 20 percent reduction in annual water use, as calculated from the
    baseline established by the Secretary for fiscal year 2020": a goal for 2030 (2020 is what it is measured from),
    of the thing named after the change."""
    text = "\n".join(["§ 902. Federal water use", "(a) Goals",
                      "The goals are that not later than October 1, 2030, each Federal agency shall achieve at least a "
                      "20 percent reduction in annual water use, as calculated from the baseline established by the "
                      "Secretary for fiscal year 2020."])
    doc = parse_text(tmp_path, "water.md", text)
    assert [(t.value, t.year, t.indicator) for t in doc.targets] == [(20.0, 2030, "reduction in annual water use")]


MILESTONES = "\n".join([
    "Eastport Climate Plan 2030", "", "Targets", "",
    "Eastport will reduce greenhouse gas emissions by 40% below 2010 levels by 2030, 60% by 2040 and 80% by 2050.",
    "The Housing Authority has, so far, completed 900 units and plans to complete 2,750 units by 2030.",
    "Our target is to achieve a minimum of an 80% emissions reduction over 2018 baseline levels by 2035.",
    "The city emitted a total of 987 kt CO2 eq in 2018.",
    "Building 15,000 new homes in Eastport.",
])


def test_milestones_facts_and_gerund_goals_of_a_citys_plan(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "eastport.txt", MILESTONES)
    got = {t.value: t for t in doc.targets}
    assert {t.scope for t in doc.targets} == {"Eastport"}  # "Eastport Climate Plan": the place's own plan
    assert [(got[v].year, got[v].comparator, got[v].indicator) for v in (40.0, 60.0, 80.0)][:2] == [
        (2030, ">=", "reduce greenhouse gas emissions"), (2040, ">=", "reduce greenhouse gas emissions")]
    assert (got[900.0].kind, got[2750.0].kind, got[2750.0].year) == ("achieved", "target", 2030)
    cut = next(t for t in doc.targets if t.year == 2035)
    assert (cut.value, cut.comparator, cut.indicator) == (80.0, ">=", "emissions reduction")
    assert (got[987.0].kind, got[987.0].year, got[987.0].unit) == ("achieved", 2018, "ktCO2e")
    assert got[15000.0].kind == "target"


def test_a_lead_ins_year_ends_with_its_list(tmp_path: Path) -> None:
    """The year a lead-in gives ("… to achieve the following by 2030:") holds for its items, not for the running
    prose after them ("Smoking contributes to 14% of all deaths …" is no 2030 goal)."""
    text = "\n".join([
        "Westland Tobacco Strategy", "", "Together, we will work to achieve the following targets by 2030:", "",
        "- A 30% relative reduction in current tobacco use", "",
        "Tobacco kills people prematurely and costs the health service a great deal every year. Smoking contributes "
        "to 14% of all deaths from non-communicable diseases, including heart disease and cancer."])
    doc = parse_text(tmp_path, "tobacco.txt", text)
    assert [(t.value, t.year) for t in doc.targets] == [(30.0, 2030)]


def test_a_sum_that_picks_out_what_it_qualifies_is_no_goal(tmp_path: Path) -> None:
    text = "\n".join(["Westland Procurement Plan", "",
                      "Agencies shall notify the Office of any upcoming requests that exceed $5 million 30 days before "
                      "any public outreach, and of contracts over $250,000 each quarter.",
                      "The city will invest $40 million in new training centres by 2028."])
    doc = parse_text(tmp_path, "procure.txt", text)
    assert [t.value for t in doc.targets] == [40_000_000.0]


def test_a_table_of_goals_by_year_under_an_unpunctuated_title(tmp_path: Path) -> None:
    """Lines without closing punctuation are not one paragraph when they are a title or table rows: "County of …
    Plan (Public Draft)" stays the title, the caption and "Goal | 2030 Goal | 2045 Goal" rows stay apart, and the
    table is read by its columns, a row label of many English words naming each row's measure."""
    text = "\n".join([
        "County of Westland Zero Emission Vehicle Plan (Public Draft) May 2027",
        "The County has been a leader in climate action, taking steps to reduce greenhouse gas emissions and prepare for",
        "climate impacts across its operations and the community it serves over the coming decades",
        "Table 1. Zero Emission Mobility Goals",
        "CAP Goal | 2030 Goal | 2045 Goal",
        "Increase passenger electric vehicle ownership | 30% | 85%",
        "Increase bike-mode share | 2% | 6%"])
    doc = parse_text(tmp_path, "zev.txt", text)
    got = sorted((t.indicator, t.year, t.value) for t in doc.targets)
    assert got == [("Increase bike-mode share", 2030, 2.0), ("Increase bike-mode share", 2045, 6.0),
                   ("Increase passenger electric vehicle ownership", 2030, 30.0),
                   ("Increase passenger electric vehicle ownership", 2045, 85.0)]
    assert {t.scope for t in doc.targets} == {"Westland"}


def test_a_city_of_title_ends_at_the_plans_own_words() -> None:
    from ingest.recognise.places import english_place_in_title
    assert english_place_in_title("City of Eastport Climate Neutrality Action Plan — 2.1.7 Emission gap") == "Eastport"


def test_sums_in_pounds_euros_and_rupees_with_their_purpose(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "money.md", "\n".join([
        "Westland Green Economy Plan", "## Key points:",
        "* We will invest £3 billion of investable projects by 2027.",
        "* We will provide over £20m to support local investment by 2026.",
        "* This will result in a £10-12 billion programme of public investment by 2030.",
        "* Investing €17 million to expand the charging network by 2025.",
        "* A cap of Rs 1,50,000 per vehicle applies from 2025."]))
    got = {(t.value, t.unit, t.comparator, t.indicator) for t in doc.targets}
    assert (3e9, "GBP", "=", "investable projects") in got  # a sum, not three billion projects
    assert (2e7, "GBP", ">", "to support local investment") in got
    assert (1e10, "GBP", ">=", "programme") in got
    assert (1.7e7, "EUR", "=", "to expand the charging network") in got
    assert all(t.unit != "projects" for t in doc.targets)


def test_a_schedule_copied_one_cell_per_line_is_read_as_its_table(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "statute.md", "\n".join([
        "# Title 9— WESTLAND PUBLIC BUILDINGS", "",
        "(1) Each agency shall reduce the energy use of its buildings by the percentage specified in the following "
        "table: Fiscal Year", "", "Percentage Reduction", "", "2026", "", "3", "", "2027", "", "6", "", "2028", "",
        "10.", "", "(2) An agency may exclude any building used for research."]))
    assert {(t.year, t.value, t.unit) for t in doc.targets} == {(2026, 3.0, "%"), (2027, 6.0, "%"), (2028, 10.0, "%")}
    assert "Fiscal Year | Percentage Reduction\n2026 | 3" in doc.text
    assert doc.title == "Title 9— WESTLAND PUBLIC BUILDINGS"


def test_a_markdown_pages_entities_and_field_lines(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "bill.md", "\n".join([
        "**Bill ID:** S100", "**Session:** 2026", "", "Eastport Council secured &pound;2m of grant funding to insulate "
        "homes by 2027."]))
    assert doc.title != "Session:** 2026" and "Session" not in (doc.title or "")
    assert "£2m" in doc.text and any(t.unit == "GBP" and t.value == 2e6 for t in doc.targets)


def test_counts_whose_noun_carries_an_acronym_or_two_joined_modifiers(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "homes.md", "\n".join([
        "Westland Housing Plan 2027", "## Targets",
        "This will provide 8,800 new HAP tenancies and support 58,000 existing HAP tenancies.",
        "Over 6,400 affordable and cost rental homes will be delivered in 2027."]))
    got = {(t.value, t.indicator, t.comparator) for t in doc.targets}
    assert {(8800.0, "new HAP tenancies", "="), (58000.0, "existing HAP tenancies", "="),
            (6400.0, "affordable and cost rental homes", ">")} <= got


def test_a_goal_year_after_a_later_clause_is_that_clauses(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "act.md", "\n".join([
        "Westland Clean Energy Act", "## Goals",
        "d. a state energy plan establishing clean energy goals for the year 2030 aimed at reducing emissions by 40% "
        "from 1990 levels, producing 70% of electricity from renewable sources, and reducing 100% of the power "
        "sector's emissions by 2040;", "e. reducing vehicle miles traveled by 20% by the year 2050."]))
    assert {t.value: t.year for t in doc.targets} == {40.0: 2030, 70.0: 2030, 100.0: 2040, 20.0: 2050}


def test_figures_a_report_shows_or_that_fell_are_results(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "update.md", "\n".join([
        "Eastport Council Climate Emergency Action Plan 2027",
        "The latest figures were published in 2026, showing an overall decrease in emissions of 6.5% from 2024/25.",
        "Fleet emissions fell by 12% last year.", "We will cut emissions by 50% by 2030."]))
    got = {t.value: t.kind for t in doc.targets}
    assert got == {6.5: "achieved", 12.0: "achieved", 50.0: "target"}


def test_thousands_grouped_by_spaces(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "care.md", "\n".join([
        "Westland Care Plan", "## Goals", "We will train 1 000 carers by 2026.",
        "In Phase 2, 300 homes will be built by 2027."]))
    assert {(t.value, t.indicator) for t in doc.targets} == {(1000.0, "carers"), (300.0, "homes")}


def test_volumes_of_water_are_measures_not_counted_things(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "water.txt", "Westland Water Plan\n\n2030 targets:\n"
                     "- Reduce household water consumption to 130 litres per capita per day\n"
                     "- Cut daily water use to 120 liters per person by 2030.\n")
    assert [(t.indicator, t.value, t.unit, t.comparator, t.year) for t in doc.targets] == [
        ("household water consumption", 130.0, "L", "<=", 2030), ("daily water use", 120.0, "L", "<=", 2030)]


def test_fiscal_years_ranges_and_what_a_modal_verb_acts_on(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "fy.txt", "Westland Energy Act\n\nSection 4. Goal. The Secretary shall produce not less "
                     "than 25 percent of facility energy from renewable sources during fiscal year 2025 and each fiscal "
                     "year thereafter.\n\nDevelopers will leverage economic output in the region of £1.4 billion by "
                     "2030, supporting around 10,000 to 12,000 jobs by 2030.\n")
    got = [(t.indicator, t.value, t.unit, t.comparator, t.year) for t in doc.targets]
    assert ("facility energy from renewable sources", 25.0, "%", ">=", 2025) in got
    assert ("economic output", 1.4e9, "GBP", "~", 2030) in got
    assert [(v, c) for _, v, u, c, _ in got if u == "jobs"] == [(10000.0, ">="), (12000.0, "<=")]


def test_a_goal_dated_by_a_day_a_month_a_quarter_or_the_middle_of_a_year(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "homes.txt", "Westland Housing Delivery Plan\n\nActions\n"
                     "1. By 30 September 2027, the Council will retrofit 1,200 homes.\n"
                     "2. Plant 10,000 trees by the end of March 2028.\n"
                     "3. Insulate 300 schools by end-2029.\n"
                     "4. Open 12 clinics by mid-2030.\n")
    assert [(t.value, t.unit, t.year) for t in doc.targets] == [
        (1200.0, "homes", 2027), (10000.0, "trees", 2028), (300.0, "schools", 2029), (12.0, "clinics", 2030)]


def test_a_part_of_a_whole_after_of_which(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "homes.txt", "Westland Housing Plan\n\n"
                     "We are spending £2.1 billion to deliver 20,000 new homes by 2030, of which 5,000 will be in rural "
                     "areas.\n\nOur goal is 9,000 affordable homes by 2032, of which at least 70% will be for social rent.\n")
    got = [(t.indicator, t.value, t.unit, t.comparator, t.year) for t in doc.targets]
    assert ("to deliver 20,000 new homes", 2.1e9, "GBP", "=", 2030) in got
    assert ("new homes in rural areas", 5000.0, "homes", "=", 2030) in got
    assert ("affordable homes for social rent", 70.0, "%", ">=", 2032) in got


def test_what_a_plan_reports_it_launched_or_approved_is_done(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "done.txt", "Westland Housing Plan\n\n"
                     "After a pilot, we launched a £4m national fund in September 2018.\n\n"
                     "We will plant 5,000 trees by 2030, and have planted 30,000 trees since 2019.\n")
    got = [(t.value, t.kind, t.year) for t in doc.targets]
    assert got == [(4e6, "achieved", 2018), (5000.0, "target", 2030), (30000.0, "achieved", None)]


def test_forecasts_and_comparisons_are_no_goals_and_a_share_to_meet_is_one(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "ev.txt", "Westland submission on electric vehicles\n\n"
                     "The market operator's neutral scenario forecasts that EVs will comprise 1.5% of new vehicle sales "
                     "in 2020 and 17.3% in 2030.\n\nFuel costs of EVs are 66-75% lower than for petrol vehicles.\n\n"
                     "The Government aims to have 30% of new cars electric by 2030.\n\nFaster cancer treatment\n\n"
                     "90% of patients to receive cancer treatment within 31 days of the decision to treat.\n\n"
                     "95% of children fully immunised at 24 months of age.\n")
    got = [(t.value, t.kind, t.year) for t in doc.targets]
    assert (1.5, "target", 2020) not in got and (17.3, "target", 2030) not in got
    assert (66.0, "target", None) not in got and (30.0, "target", 2030) in got
    assert (90.0, "target", None) in got and (95.0, "target", None) in got


def test_a_bare_dollar_is_the_local_one_and_a_permitted_span_no_goal(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "nsw.txt", "Transport for New South Wales submission on electric vehicles\n\n"
                     "The Government will provide rebates of $15,000 to 2,000 buyers by 2025.\n\n"
                     "The agency will spend US$2 million on research by 2026.\n\n"
                     "Section 3. An unused credit may exist for up to three years from the date of its creation.\n")
    got = [(t.value, t.unit) for t in doc.targets]
    assert (15000.0, "AUD") in got and (2e6, "USD") in got and (3.0, "年") not in got


def test_a_governments_submission_keeps_the_facts_it_reports(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "sub.md", "### Select Committee on Electric Vehicles\n\n### Submission from the "
                     "Westland Government\n\nThe market share of EVs is currently a nominal 0.1%, and it is predicted "
                     "to reach 20% by 2030.\n")
    assert [(t.value, t.kind, t.year) for t in doc.targets] == [(0.1, "baseline", None), (20.0, "target", 2030)]


def test_a_figure_alone_in_its_cell_is_named_by_the_cell_before(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "t.md", "# Westland Climate Action Plan\n\n| Action 7 | Solar farms |\n| --- | --- |\n"
                     "| Impact & cost | Generated renewable energy (if applicable) | 520,074,511 kWh in 2030 |\n")
    assert [(t.indicator, t.value, t.year) for t in doc.targets] == [("Generated renewable energy", 520074511.0, 2030)]


def test_a_statutes_goals_listed_under_an_open_lead_in_and_a_cut_below_a_past_level(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "act.txt", "Westland Environmental Goals Act\n\n"
                     "(b) of the total electricity needs of the Province,\n"
                     "(i) 18.5 per cent is obtained from renewable energy sources by 2013;\n"
                     "(f) greenhouse gas emissions are, by 2020, at least 10 per cent below the levels that were emitted "
                     "in 1990;\n(g) emissions of nitrogen oxides are reduced by\n(i) 20 per cent by 2009,\n"
                     "(ii) 28 per cent by 2015, and\n(iii) 44 per cent by 2020,\nrelative to emissions in 2000;\n")
    got = [(t.indicator, t.value, t.comparator, t.year, t.kind) for t in doc.targets]
    assert [(v, c, y, k) for _, v, c, y, k in got] == [(18.5, "=", 2013, "target"), (10.0, ">=", 2020, "target"),
                                                       (20.0, "=", 2009, "target"), (28.0, "=", 2015, "target"),
                                                       (44.0, "=", 2020, "target")]
    assert all(i == "emissions of nitrogen oxides" for i, *_ in got[2:])


def test_value_first_items_under_a_lead_in_that_calls_them_targets(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "res.md", "Westland Renewable Energy Policy\n\nOverall targets:\n\n"
                     "  • 5000 MW of Wind Power Projects;\n  • 400 MW of Small Hydro Projects;\n"
                     "  • Total of 5,400 MW capacity are targeted to be installed in the next 5 years.\n\n"
                     "The Agency was founded in 1990 and employs a staff of about 400 engineers and clerks across "
                     "the state, in offices that report to the Board every quarter on their work.\n\n"
                     "  • 30 MW of pilot plants were commissioned.\n")
    got = [(t.indicator, t.value, t.unit, t.kind) for t in doc.targets]
    assert got[:3] == [("Wind Power Projects", 5000.0, "MW", "target"), ("Small Hydro Projects", 400.0, "MW", "target"),
                       ("Total", 5400.0, "MW", "target")]
    assert not any(u == "年" for _, _, u, _ in got) and (30.0, "target") not in [(v, k) for _, v, _, k in got]


def test_a_change_from_todays_level_spaced_thousands_and_the_future_perfect(tmp_path: Path) -> None:
    """"from the current 21 percent to over 60 percent by 2030": today's level, then the goal, both of the share the
    verb changes; "to 450 000 by 2030" (thousands set apart by spaces) counts the number's noun; "By March 2027 we will
    have recruited five stewards" is due, not done; "has already benefited 4,000 carers" is done, no goal."""
    doc = parse_text(tmp_path, "p.txt", "\n".join([
        "Westland Skills Plan 2030", "Goals",
        "Increase the share of qualified staff in the college sector from the current 21 percent to over 60 percent by 2030.",
        "Increase the number of students in apprenticeships to 450 000 by 2030.",
        "By March 2027 we will have recruited five data stewards.",
        "The wage scheme has already benefited 4,000 carers.",
        "We will focus on boosting the wages of 25,000 people by 2028."]))
    got = sorted((t.indicator, t.value, t.comparator, t.year, t.kind) for t in doc.targets)
    assert ("share of qualified staff in the college sector", 21.0, "=", None, "baseline") in got
    assert ("share of qualified staff in the college sector", 60.0, ">", 2030, "target") in got
    assert any(v == 450000.0 and y == 2030 and k == "target" for _, v, _, y, k in got)
    assert ("data stewards", 5.0, "=", 2027, "target") in got
    assert not any(v == 4000.0 and k == "target" for _, v, _, _, k in got)
    assert any(v == 25000.0 and y == 2028 for _, v, _, y, _ in got)


def test_a_figure_that_picks_out_a_class_is_no_goal(tmp_path: Path) -> None:
    """"services handling over 50,000 transactions each year will be redesigned": which services, not a goal; the
    goal in the same plan stays."""
    doc = parse_text(tmp_path, "p.txt", "\n".join([
        "Westland Digital Plan 2030", "Actions",
        "Services handling over 50,000 transactions each year will be redesigned by a service owner.",
        "Schools with fewer than 80 pupils will share a business manager.",
        "We will move 90% of transactions online by 2028."]))
    assert [(t.value, t.year) for t in doc.targets] == [(90.0, 2028)]


def test_a_goal_lists_imperative_items_state_goals(tmp_path: Path) -> None:
    """"Produce 15 000 technicians per year." in a list of goals: a goal of its own, whatever year it gives."""
    doc = parse_text(tmp_path, "p.txt", "\n".join([
        "Westland Skills Plan", "Education goals",
        "Produce 15 000 technicians per year.", "Provide 2 million training places through community colleges."]))
    assert sorted((t.value, t.kind) for t in doc.targets) == [(15000.0, "target"), (2000000.0, "target")]


def test_numbers_that_name_scopes_and_a_fleet_of_a_size_are_no_goals(tmp_path: Path) -> None:
    """"scope 1, 2, and 3 emissions" names scopes; "each agency with a fleet comprising at least 20 vehicles" says which
    agencies; the goal of the same sentence stays."""
    doc = parse_text(tmp_path, "p.txt", "\n".join([
        "Westland Executive Order on Clean Fleets", "Sec. 2. Goals.",
        "Each agency shall reduce its scope 1, 2, and 3 greenhouse gas emissions by 40 percent by 2030.",
        "Each agency with a fleet comprising at least 20 vehicles shall develop a fleet plan."]))
    assert [(t.value, t.year) for t in doc.targets] == [(40.0, 2030)]


def test_a_course_things_take_unless_acted_on_is_no_goal(tmp_path: Path) -> None:
    """"…the business as usual projection of 52 Mt in 2030", "likely to increase from 20 Mt in 2015 to 31 Mt by 2035" and
    "expected to rise to 160 Mt in 2035 unless further action is taken": what happens if nothing is done; the plan's own
    goal stays."""
    doc = parse_text(tmp_path, "p.txt", "\n".join([
        "Westland Low Carbon Farming Strategy 2025-2035",
        "The strategy aims at reducing farm emissions to 40 Mt relative to the business as usual projection of 52 Mt in 2035.",
        "Livestock emissions are likely to increase from 20 Mt in 2015 to 31 Mt by 2035.",
        "Total emissions are expected to rise to 160 Mt in 2035 unless further action is taken."]))
    assert [(t.value, t.kind) for t in doc.targets if t.kind == "target"] == [(40.0, "target")]


def test_double_as_a_kind_of_thing_and_a_count_of_examples_are_no_figures(tmp_path: Path) -> None:
    """"single and double head charging units" and "double-decker buses" name kinds of things; "Two examples are
    included below" counts the text's own examples. The goal beside them stays."""
    doc = parse_text(tmp_path, "p.txt", "\n".join([
        "Westland Transport Plan 2030", "Goals",
        "We will install 300 charging bays through a mixture of single and double head charging units by 2028.",
        "We will buy new double-decker buses. Two examples are included below."]))
    assert [(t.value, t.year) for t in doc.targets] == [(300.0, 2028)]


def test_a_rating_limit_set_in_a_sentence_or_by_a_lead_in_over_its_items(tmp_path: Path) -> None:
    """"a maximum energy-use index of 90": a unitless rating's limit; "prohibit … an index of greater than:" over items
    opening with their figure in words: each is the highest allowed; an exemption's threshold is none."""
    doc = parse_text(tmp_path, "act.md", "\n\n".join([
        "Westland Efficient Buildings Act",
        "1. The board may adopt rules that establish a maximum energy-use index of 90 for new offices.",
        "2. The board shall prohibit the construction of buildings that have an energy-use index of greater than:",
        "    a. Eighty for use as schools after December 31, 2027; and",
        "    b. One hundred twenty for use as warehouses.",
        "3. The board shall exempt from this section a building with an energy-use index of less than 40.",
        "4. The retrofit program must cut emissions by between 1,200 - 1,500 tCO2 per annum.",
    ]))
    got = sorted((t.value, t.comparator, t.kind) for t in doc.targets)
    assert got == [(80.0, "<=", "target"), (90.0, "<=", "target"), (120.0, "<=", "target"),
                   (1200.0, ">=", "target"), (1500.0, "<=", "target")], got
    assert {t.indicator for t in doc.targets if t.value in (80, 90, 120)} == {"energy-use index"}


def test_a_schedule_of_levels_under_a_floor_set_by_a_lead_in(tmp_path: Path) -> None:
    """"The minimum wage … shall be at least:" over items "$16.50 per hour, beginning March 1, 2027": each item is the
    floor from the year it takes effect; a rounding rule ("the nearest multiple of $0.10") is no level."""
    doc = parse_text(tmp_path, "order.md", "\n\n".join([
        "Executive Order on Eastport Contractor Pay",
        "Sec. 2. Pay. (a) The minimum wage paid to workers on covered contracts shall be at least:",
        "(i) $16.50 per hour, beginning March 1, 2027; and",
        "(ii) beginning January 1, 2028, 90 percent of the wage in effect under section 1, rounded to the nearest "
        "multiple of $0.10.",
        "(b) Each agency shall include this clause in its contracts.",
    ]))
    got = sorted((t.value, t.unit, t.comparator, t.year, t.indicator) for t in doc.targets)
    assert got == [(16.5, "USD", ">=", 2027, "minimum wage"), (90.0, "%", ">=", 2028, "minimum wage")], got
