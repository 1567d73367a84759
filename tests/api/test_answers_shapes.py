"""Question shapes, near-miss checks and the typed query, on plans written for these tests.

Several same-shape work plans of made-up places (hash embedder: BM25 does the finding) stand
for "many documents of one kind": the question's place or title must pick the document, a
detail the documents do not state must come back `none`, and its answerable twin must still
be answered. None of these questions or documents comes from the gold sets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from api.answer.answerer import answer_question
from api.answer.query import parse_question
from index.home import Home

PLACES = {"青山市": ("市林业局", "市财政局", 46, 48), "白水市": ("市水利局", "市农业农村局", 51, 55),
          "红石市": ("市生态环境局", "市交通局", 38, 41), "金沙市": ("市自然资源局", "市住建局", 62, 63)}


def _plan(place: str, lead: str, other: str, now: int, target: int) -> str:
    return "\n".join([
        f"{place}生态保护三年行动方案(2024-2026年)",
        f"{place}人民政府办公室",
        "一、工作目标",
        f"到2026年,全市森林覆盖率达到{target}%,建成生态公园12个。",
        "二、重点任务",
        f"1.推进国土绿化。开展植树造林,新增造林面积3万亩。(责任单位:{lead}牵头,{other}配合。完成时限:2025年12月底前)",
        f"2.加强湿地保护。建立湿地保护名录,开展退化湿地修复。(责任单位:{lead}。完成时限:持续推进)",
        f"3.完善资金保障。设立生态保护专项资金,每年安排资金2000万元。(责任单位:{other}、{lead})",
        f"2023年全市森林覆盖率为{now}%。",
    ])


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Home:
    folder = tmp_path_factory.mktemp("plans")
    for i, (place, (lead, other, now, target)) in enumerate(PLACES.items()):
        (folder / f"plan{i}.txt").write_text(_plan(place, lead, other, now, target), encoding="utf-8")
    home = Home(folder / "home", embedder="hash")
    assert not home.ingest([folder]).failed
    return home


@pytest.mark.parametrize("place", list(PLACES))
def test_the_place_named_picks_its_document(plans: Home, place: str) -> None:
    a = answer_question(plans, f"{place}到2026年森林覆盖率目标是多少?")
    assert a["type"] == "target" and a["targets"][0]["value"] == PLACES[place][3], a
    assert place in a["citations"][0]["title"]


def test_a_year_the_documents_do_not_state_is_none_with_what_differs(plans: Home) -> None:
    a = answer_question(plans, "青山市到2030年森林覆盖率目标是多少?")
    assert a["type"] == "none" and "2030" in a["answer"]
    assert answer_question(plans, "青山市到2026年森林覆盖率目标是多少?")["type"] == "target"


def test_a_place_or_document_the_corpus_lacks_is_none(plans: Home) -> None:
    assert answer_question(plans, "黑河市到2026年森林覆盖率目标是多少?")["type"] == "none"
    assert answer_question(plans, "《黑河市生态保护三年行动方案》提出建成多少个生态公园?")["type"] == "none"
    assert answer_question(plans, "《白水市生态保护三年行动方案(2024-2026年)》提出建成多少个生态公园?")["type"] == "target"


def test_a_measure_or_amount_the_evidence_does_not_carry_is_none(plans: Home) -> None:
    assert answer_question(plans, "白水市对每个生态公园给予多少资金奖励?")["type"] == "none"
    b = answer_question(plans, "白水市每年安排多少生态保护专项资金?")
    assert b["type"] != "none" and "2000" in b["answer"].replace(",", "")


def test_two_roles_at_once_and_one_role(plans: Home) -> None:
    a = answer_question(plans, "红石市推进国土绿化谁牵头,谁配合?")
    assert {(u["name"], u["role"]) for u in a["units"]} == {("市生态环境局", "lead"), ("市交通局", "participant")}
    b = answer_question(plans, "红石市推进国土绿化由哪个部门配合?")
    assert [u["name"] for u in b["units"]] == ["市交通局"]


def test_a_role_the_task_does_not_state_is_none(plans: Home) -> None:
    a = answer_question(plans, "金沙市加强湿地保护有哪些配合单位?")
    assert a["type"] == "none" and a["citations"]
    assert answer_question(plans, "金沙市加强湿地保护由哪些单位负责?")["units"][0]["name"] == "市自然资源局"


def test_a_units_tasks_with_roles_and_deadlines(plans: Home) -> None:
    a = answer_question(plans, "青山市市林业局牵头的任务有哪些、什么时候完成?")
    assert a["type"] == "responsibility"
    assert "推进国土绿化" in a["answer"] and "2025年12月底前" in a["answer"]
    assert answer_question(plans, "青山市市教育局负责哪项任务?")["type"] == "none"


def test_a_task_without_a_deadline_says_so(plans: Home) -> None:
    a = answer_question(plans, "白水市完善资金保障要在什么时间前完成?")
    assert a["type"] == "none" and not a["deadlines"] and "完善资金保障" in a["citations"][0]["quote"]


def test_many_places_at_once(plans: Home) -> None:
    a = answer_question(plans, "各市到2026年森林覆盖率目标分别是多少?")
    values = {t["value"] for t in a["targets"]}
    assert {v[3] for v in PLACES.values()} <= values
    b = answer_question(plans, "哪些地区到2026年的森林覆盖率目标高于50%?")
    assert {t["value"] for t in b["targets"]} == {55, 63}


def test_english_question_names_a_chinese_place_by_pinyin(plans: Home) -> None:
    a = answer_question(plans, "What forest coverage target does Qingshan set for 2026?")
    assert a["type"] == "target" and a["targets"][0]["value"] == 48


def test_confidence_is_a_number_and_none_has_none(plans: Home) -> None:
    assert answer_question(plans, "青山市到2030年森林覆盖率目标是多少?")["confidence"] == 0.0
    assert 0.7 <= answer_question(plans, "青山市到2026年森林覆盖率目标是多少?")["confidence"] <= 1.0


def test_the_query_is_read_once() -> None:
    q = parse_question("《某市生态保护行动方案(2024-2026年)》中,附表2里甲县2030年的目标是多少?")
    assert q.titles == ("某市生态保护行动方案(2024-2026年)",)
    assert q.years == frozenset({2030}) and q.doc_years == frozenset({2024, 2026})
    assert q.tables == ("附表2",) and "甲县" in q.places and q.intent == "target"
    r = parse_question("谁牵头,谁参与?")
    assert r.roles >= {"lead", "participant"} and r.intent == "responsibility"
    e = parse_question("Under the May 2025 order, who chairs the council?")
    assert e.doc_years == frozenset({2025}) and not e.years and "lead" in e.roles


def test_citations_carry_the_title_and_exact_quotes(plans: Home, tmp_path: Path) -> None:
    a = answer_question(plans, "白水市推进国土绿化由哪些单位负责?")
    for c in a["citations"]:
        assert c["title"] and c["source"].endswith(".txt")
        assert (plans.store.text(c["doc_id"]) or "")[c["start"]:c["end"]] == c["quote"]


def test_a_period_naming_a_plan_is_not_the_year_asked() -> None:
    assert not parse_question("某省林业“十四五”规划附表1中,甲县的造林面积是多少?").years
    assert not parse_question("某省十四五生态保护规划提出的森林覆盖率是多少?").years
    assert parse_question("“十四五”期间某市计划投入多少资金?").years == frozenset({2025})
    assert parse_question("十三五时期新增治理面积多少?").years == frozenset({2020})


TABLE_PLAN = """<html><body><h1>蓝湖市城乡绿化三年行动方案(2024-2026年)</h1><p>蓝湖市人民政府办公室</p>
<h2>一、主要指标</h2><p>表1 主要指标</p>
<table><tr><th>指标</th><th>单位</th><th>2023年现状值</th><th>2026年目标值</th></tr>
<tr><td>口袋公园</td><td>个</td><td>8</td><td>30</td></tr><tr><td>绿道</td><td>公里</td><td>120</td><td>200</td></tr></table>
</body></html>"""


def test_a_measure_given_by_a_unit_column_answers_how_many(tmp_path: Path) -> None:
    """"多少个" / "多少公里" are stated when the table's unit column says 个 / 公里 (kept as km)."""
    (tmp_path / "plan.html").write_text(TABLE_PLAN, encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "plan.html"]).failed
    parks = answer_question(home, "蓝湖市到2026年建成口袋公园多少个?")
    assert parks["type"] == "target" and parks["targets"][0]["value"] == 30, parks
    paths = answer_question(home, "蓝湖市到2026年建成绿道多少公里?")
    assert paths["type"] == "target" and paths["targets"][0]["value"] == 200, paths
    assert answer_question(home, "蓝湖市到2026年口袋公园的财政投入是多少万元?")["type"] == "none"
    home.close()


REPORT = """Abstract: Integrated management of small watersheds in hilly counties, from one pilot.

1. Basic information
The Qing Creek watershed covers 86.4 square kilometers in the hills of R County.
More than 70% of the watershed is farmland. The soil erosion control rate of the Qing Creek watershed reached 92% in 2023.
The county plans to raise the sewage treatment rate of the villages to 95% by 2027.
"""


def test_an_english_indicator_the_evidence_never_names_is_none(tmp_path: Path) -> None:
    """"What is the X rate of Y" is answered only when the evidence names X; its place alone is not enough
    (here the place's words are not in the document's title, so they count among the words asked)."""
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "report.txt"]).failed
    stated = answer_question(home, "What is the soil erosion control rate of the Qing Creek watershed?")
    assert stated["type"] != "none" and "92" in stated["answer"], stated
    missing = answer_question(home, "What is the forest coverage rate of the Qing Creek watershed?")
    assert missing["type"] == "none" and "forest" in missing["answer"], missing
    home.close()


STRETCHES_EN = """Abstract: Water quality along a small river, from one county survey.

2. Current situation
The upstream water quality of Qing Creek remains Class II all year round.
The upstream is a water source area, the middle reaches are farmland, and the downstream is an industrial park.
"""
STRETCHES_ZH = """某县清溪流域综合治理情况
一、基本情况
清溪上游水质常年保持Ⅱ类。上游为水源保护区，中游为农业生产区，下游为工业园区。
"""


@pytest.mark.parametrize(("text", "upstream", "downstream"), [
    (STRETCHES_EN, "What water quality class does the upstream section of Qing Creek maintain?",
     "What water quality class does the downstream section of Qing Creek maintain?"),
    (STRETCHES_ZH, "清溪上游的水质保持在哪一类？", "清溪下游的水质保持在哪一类？")])
def test_a_stretch_of_river_the_stating_sentence_does_not_speak_of_is_none(
        tmp_path: Path, text: str, upstream: str, downstream: str) -> None:
    """What the upstream keeps is no answer for the downstream, though another sentence names it."""
    (tmp_path / "survey.txt").write_text(text, encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "survey.txt"]).failed
    up = answer_question(home, upstream)
    assert up["type"] != "none" and ("II" in up["answer"] or "Ⅱ" in up["answer"]), up
    assert answer_question(home, downstream)["type"] == "none"
    home.close()


ORDER = """Executive Order on Coastal Flood Resilience

Sec. 1. Purpose. Coastal communities face rising flood risk.

Sec. 2. Flood Mapping. (a) The Secretary of Commerce, through the Administrator of the National Oceanic and Atmospheric Administration, shall update the national coastal flood maps within 12 months of the date of this order. The Secretary of Commerce shall designate the Administrator of the National Oceanic and Atmospheric Administration as the lead official for coastal flood mapping across the Federal Government.
(b) The Secretary of Homeland Security shall consult with the Coastal Resilience Advisory Board regarding the priorities for the updated maps.

Sec. 3. Reporting. The Director of the Office of Management and Budget shall serve as the chair of the Coastal Investment Council. The Secretary of the Interior shall submit an annual progress report to the Assistant to the President for Domestic Policy by December 31 of each year.

Sec. 4. Task Force. The White House Chief of Staff shall establish a Coastal Flood Task Force, to be chaired by the National Climate Advisor, within 30 days of the date of this order.
"""


@pytest.mark.parametrize(("question", "party", "not_party"), [
    ("Who is to be the lead official for coastal flood mapping?",
     "Administrator of the National Oceanic and Atmospheric Administration", "Secretary of Commerce"),
    ("Whom must the Secretary of Homeland Security consult on the priorities for the flood maps?",
     "Coastal Resilience Advisory Board", "Secretary of Homeland Security"),
    ("Who will serve as the chair of the Coastal Investment Council?", "Director of the Office of Management and Budget", None),
    ("Who chairs the Coastal Flood Task Force?", "National Climate Advisor", "Chief of Staff"),
    ("To whom must the Secretary of the Interior submit the annual progress report?",
     "Assistant to the President for Domestic Policy", "Secretary of the Interior"),
])
def test_a_role_holder_or_a_verbs_object_is_answered_not_the_actor(tmp_path: Path, question: str, party: str,
                                                                    not_party: str | None) -> None:
    """"Who is to be the <role>" names whom a sentence designates (or who serves) as that role;
    "Whom must X consult" / "To whom must X submit" the verb's object, not X who acts."""
    (tmp_path / "order.txt").write_text(ORDER, encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "order.txt"]).failed
    a = answer_question(home, question)
    names = [u["name"] for u in a.get("units", [])]
    assert any(party in n for n in names), a
    assert not_party is None or not any(n.endswith(not_party) for n in names), a
    home.close()


def test_a_role_the_question_does_not_name_is_not_taken_for_the_answer(tmp_path: Path) -> None:
    """A designation for another role leaves the actor as the answer to "who updates the maps"."""
    (tmp_path / "order.txt").write_text(ORDER, encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "order.txt"]).failed
    a = answer_question(home, "Who is responsible for updating the national coastal flood maps?")
    names = [u["name"] for u in a.get("units", [])]
    assert any("Secretary of Commerce" in n for n in names) and not any(n.startswith("the Administrator") for n in names), a
    home.close()


def test_the_place_named_keeps_other_places_values_out(plans: Home) -> None:
    """Four plans state the same indicator: a question naming one place gets that place's value only."""
    a = answer_question(plans, "白水市到2026年森林覆盖率目标是多少?")
    assert {t["scope"] for t in a["targets"]} == {"白水市"}, a["targets"]


def test_who_and_by_when_in_one_question_gets_both(plans: Home) -> None:
    a = answer_question(plans, "红石市推进国土绿化由谁牵头，什么时候完成?")
    assert a["type"] == "responsibility"
    assert "市生态环境局" in a["answer"] and "2025年12月" in a["answer"], a["answer"]


def test_a_traditional_script_document_answers_simplified_and_traditional_questions(tmp_path: Path) -> None:
    """A document in Traditional characters is read with the simplified rules; a question in either script
    finds its records, answered in the document's words."""
    from tests.ingest.test_script import TRADITIONAL

    (tmp_path / "trad.txt").write_text(TRADITIONAL, encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "trad.txt"]).failed
    who = answer_question(home, "深化工程建设项目审批制度改革由谁牵头?")
    assert who["type"] == "responsibility" and "市住房城鄉建設局" in who["answer"], who
    when = answer_question(home, "全面實施行政許可事項清單管理什麼時候完成?")
    assert when["type"] == "deadline" and "2025年6月" in when["answer"], when
    rate = answer_question(home, "到2025年政务服务事项网上可办率目标是多少?")
    assert rate["type"] == "target" and rate["targets"][0]["value"] == 98, rate
    assert answer_question(home, "到2030年政务服务事项网上可办率目标是多少?")["type"] == "none"
    home.close()


def test_an_english_question_naming_a_place_gets_that_plans_value(tmp_path: Path) -> None:
    """Two English plans state the same goal with other figures: the place named picks one, and no conflict is
    reported between different places."""
    (tmp_path / "a.txt").write_text("Riverside City Council Climate Action Plan\n\nGoals\n\n"
                                    "The council will reduce greenhouse gas emissions by 40% by 2030.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Lakeside County Climate Strategy\n\nGoals\n\n"
                                    "The county will reduce greenhouse gas emissions by 55% by 2030.\n", encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path]).failed
    a = answer_question(home, "What is the greenhouse gas emissions reduction target for 2030 in Lakeside County?")
    assert a["type"] == "target" and [t["value"] for t in a["targets"]] == [55], a["answer"]
    assert "different values" not in a["answer"] and "for  " not in a["answer"]
    home.close()


def _report(place: str, growth: float, goal: float) -> str:
    return "\n".join([
        "政府工作报告",
        f"——2026年1月15日在{place}第十七届人民代表大会第六次会议上",
        "一、2025年工作回顾",
        f"2025年，全市地区生产总值突破800亿元、增长{growth}%；粮食总产量稳定在60万吨以上。",
        "二、2026年工作安排",
        f"今年经济社会发展的主要预期目标是：地区生产总值增长{goal}%左右；城镇新增就业1.2万人以上。",
    ])


def test_work_reports_of_two_places_answer_last_year_and_this_years_goal(tmp_path: Path) -> None:
    """Two placeless titles ("政府工作报告"): the congress line names the place; "2025年某市…" asks last year's
    result (the year before the place is no word of the question), "某市2026年…目标" this year's goal."""
    (tmp_path / "a.txt").write_text(_report("松岭市", 5.4, 5.5), encoding="utf-8")
    (tmp_path / "b.txt").write_text(_report("云溪市", 6.1, 6.0), encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path]).failed
    done = answer_question(home, "2025年云溪市地区生产总值增长多少？")
    assert done["type"] == "target" and [t["value"] for t in done["targets"]][:1] == [6.1], done["answer"]
    goal = answer_question(home, "松岭市2026年地区生产总值增长的预期目标是多少？")
    assert goal["type"] == "target" and [t["value"] for t in goal["targets"]][:1] == [5.5], goal["answer"]
    assert answer_question(home, "松岭市2027年地区生产总值增长目标是多少？")["type"] == "none"
    named = answer_question(home, "云溪市政府工作报告提出2026年地区生产总值增长多少？")  # 市政府 is no missing word
    assert named["type"] == "target" and [t["value"] for t in named["targets"]][:1] == [6.0], named["answer"]
    grain = answer_question(home, "2025年松岭市粮食总产量是多少？")
    assert "60万吨" in grain["answer"], grain["answer"]  # the unit as the report writes it, not "万t"
    # a kind of the measure the reports never state: 棉花 before 产量, where only 粮食总产量 is given
    assert answer_question(home, "2025年松岭市棉花总产量是多少？")["type"] == "none"
    jobs = answer_question(home, "松岭市今年城镇新增就业预期目标是多少名？")  # 多少名, answered in 万人
    assert jobs["type"] == "target" and [t["value"] for t in jobs["targets"]][:1] == [1.2], jobs["answer"]
    home.close()


def test_a_count_question_gets_the_count_not_the_same_things_area(tmp_path: Path) -> None:
    """"建设多少个社区" asks a count: the plan's 社区面积 in 万平方米 is not it, whichever ranks first by words;
    a statistics short form (规上 for 规模以上) is the measure's own name."""
    (tmp_path / "p.txt").write_text("\n".join([
        "青禾市创业社区建设行动计划（2026—2028年）", "一、工作目标",
        "到2028年，全市创业社区面积超80万平方米。",
        "到2028年，建成创业社区120个以上，规模以上工业增加值年均增长6%。"]), encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "p.txt"]).failed
    count = answer_question(home, "青禾市到2028年要建设多少个创业社区？")
    assert count["type"] == "target" and [t["value"] for t in count["targets"]][:1] == [120], count["answer"]
    short = answer_question(home, "青禾市规上工业增加值年均增长目标是多少？")
    assert short["type"] == "target" and [t["value"] for t in short["targets"]][:1] == [6], short["answer"]
    home.close()


def test_questions_worded_the_users_way(tmp_path: Path) -> None:
    """Users write 要/应 before the verb, short forms (水保率, 卫健委), 负责部门 and 多长时间; English users write
    DoD for the Department of Defense, "Canadian" for a policy of Canada, "within how many days"."""
    (tmp_path / "zh.txt").write_text("\n".join([
        "青禾市水土保持规划（2021-2025年）", "一、目标", "到2025年，全市水土保持率达到78%。", "二、任务",
        "1.建设监测信息系统。2025年6月底前建成全市水土保持监测信息系统。（责任单位：市卫生健康委、市水利局）",
        "2.出台实施细则。本规划印发之日起30日内出台实施细则。（责任单位：市水利局）"]), encoding="utf-8")
    (tmp_path / "en.txt").write_text("\n\n".join([
        "Policy on Coastal Data (Government of Canada)",
        "4.1 The Department of Defense shall designate an executive agent for coastal data within 45 days of the "
        "date of this policy."]), encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path]).failed
    rate = answer_question(home, "青禾市到2025年水保率要达到多少？")
    assert rate["type"] == "target" and [t["value"] for t in rate["targets"]][:1] == [78], rate["answer"]
    who = answer_question(home, "建设监测信息系统这项工作的负责部门有哪些？")
    assert who["type"] == "responsibility" and "市水利局" in who["answer"], who["answer"]
    when = answer_question(home, "市卫健委要在什么时间前建好监测信息系统？")
    assert when["type"] == "deadline" and "2025年6月" in when["answer"], when["answer"]
    rules = answer_question(home, "规划要求多长时间内出台实施细则？")
    assert rules["type"] == "deadline" and "30日" in rules["answer"], rules["answer"]
    agent = answer_question(home, "Under the Canadian coastal data policy, within how many days must the DoD designate "
                                  "an executive agent?")
    assert agent["type"] == "deadline" and "45" in agent["answer"], agent["answer"]
    home.close()


def test_who_and_with_whom_in_one_question_gets_both_roles(tmp_path: Path) -> None:
    """"Who writes the report, and in coordination with whom?" asks the lead and the participants; "In
    coordination with whom must X …?" asks only the participants."""
    (tmp_path / "order.txt").write_text("\n\n".join([
        "Executive Order on Coastal Data",
        "Sec. 2. Report. (a) Within 120 days of the date of this order, the Secretary of Commerce, in coordination "
        "with the Secretary of the Interior and the Administrator of the Environmental Protection Agency, shall "
        "prepare a report on coastal flood data."]), encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "order.txt"]).failed
    both = answer_question(home, "Who prepares the report on coastal flood data, and in coordination with whom?")
    assert [u["role"] for u in both["units"]] == ["lead", "participant", "participant"], both["answer"]
    others = answer_question(home, "In coordination with whom must the Secretary of Commerce prepare the coastal "
                                   "flood data report?")
    assert [u["role"] for u in others["units"]] == ["participant", "participant"], others["answer"]
    home.close()


def test_who_sets_up_a_body_is_not_that_body(tmp_path: Path) -> None:
    """"Who sets up the team that helps applicants?": the team's own duty does not answer it, and "that assists"
    describes the team, it asks no participants."""
    (tmp_path / "order.txt").write_text("\n\n".join([
        "Executive Order on Faster Permits",
        "Sec. 4. Permit Teams. (c) Upon receiving a complete application, the Secretary of the Interior shall "
        "establish a permit team of agency staff. The permit team shall provide assistance to the applicant to "
        "ensure a timely decision on the permit application."]), encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "order.txt"]).failed
    for question in ("Who sets up the permit team that helps the applicant get a timely permit decision?",
                     "Which official establishes the permit team that assists applicants?"):
        a = answer_question(home, question)
        assert [u["name"] for u in a["units"]] == ["the Secretary of the Interior"], a["answer"]
    home.close()


def test_a_county_named_with_its_city_is_the_county_asked(tmp_path: Path) -> None:
    """"青山市石岭县…目标" asks the county's value: the city's own value is where it lies, not a second source
    that disagrees."""
    (tmp_path / "p.txt").write_text("\n".join([
        "青山市水土保持规划（2021-2025年）", "附表1 各区县水土保持率目标", "| 区域 | 2020年现状值 | 2025年目标值 |",
        "| --- | --- | --- |", "| 青山市 | 69% | 72% |", "| 石岭县 | 84% | 87% |", "| 白石区 | 77% | 80% |"]),
        encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "p.txt"]).failed
    a = answer_question(home, "青山市石岭县2025年水土保持率目标是多少？")
    assert [t["value"] for t in a["targets"]] == [87] and "不一致" not in a["answer"], a["answer"]
    home.close()


HEALTH_GOALS = """Westland Health Targets

Health targets

- 93% of children fully immunised at 18 months of age.
- 80% of patients seen within 6 hours in emergency departments.

Storage targets

Westland's legislated energy storage targets are:
- at least 1.8 GW of energy storage capacity by 2030
- at least 4.1 GW by 2035.
"""


def test_a_qualifying_figure_the_evidence_gives_otherwise_is_none(tmp_path: Path) -> None:
    """"immunised at 12 months" where only "at 18 months" is stated: the nearest sentence is no answer; asked
    as written, it is; "does Westland want" asks, it names nothing the evidence must hold."""
    (tmp_path / "goals.txt").write_text(HEALTH_GOALS, encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "goals.txt"]).failed
    stated = answer_question(home, "What share of Westland children should be fully immunised at 18 months?")
    assert stated["type"] != "none" and "93" in stated["answer"], stated
    other = answer_question(home, "What share of Westland children should be fully immunised at 12 months?")
    assert other["type"] == "none", other
    wanted = answer_question(home, "How much energy storage capacity does Westland want by 2035?")
    assert wanted["type"] == "target" and "4.1" in wanted["answer"], wanted
    home.close()


def test_an_undated_figure_is_of_the_one_year_its_documents_title_names(tmp_path: Path) -> None:
    """A year's list of work ("2026年…重点工作任务落实清单推进情况") states its figures without their year:
    asked for that year they answer; asked for another year, none."""
    (tmp_path / "list.txt").write_text("\n".join([
        "某市某区城市管理局", "2026年区政府重点工作任务落实清单推进情况(1-6月)",
        "年度重点工作 | 细化任务及目标 | 牵头单位 | 落实情况",
        "12.推进停车设施建设。新建、改造公共泊位不少于2100个。 | 完成年度任务的50% | 区城管局 | 已完成1200个"]),
        encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "list.txt"]).failed
    asked = answer_question(home, "2026年新建、改造公共泊位的目标是多少？")
    assert asked["type"] == "target" and "2,100" in asked["answer"], asked
    other = answer_question(home, "2027年新建、改造公共泊位的目标是多少？")
    assert other["type"] == "none", other
    home.close()


CARTEL_ORDER = """Executive Order on Designating Smuggling Rings

March 3, 2027

By the authority vested in me as President by the Constitution and the laws of the United States of America, it is hereby ordered:

Sec. 2.  Designation.  (a)  Within 14 days of the date of this order, the Secretary of State, in consultation with the Secretary of the Treasury and the Attorney General, shall recommend whether smuggling rings should be designated as Special Transit Organizations (STOs).
"""


def test_who_and_whom_they_consult_and_how_quickly(tmp_path: Path) -> None:
    """"…, and who do they consult?" asks both roles; "and how quickly?" the deadline too; "STOs" is the
    plural of the acronym the order writes."""
    (tmp_path / "order.txt").write_text(CARTEL_ORDER, encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "order.txt"]).failed
    a = answer_question(home, "Who has to recommend whether the rings get designated as STOs, and who do they consult?")
    assert a["type"] == "responsibility" and "Attorney General" in a["answer"], a["answer"]
    b = answer_question(home, "Who has to recommend whether the rings get designated as STOs, and how quickly?")
    assert "17 March 2027" in b["answer"] or "2027-03-17" in b["answer"], b["answer"]
    home.close()


def test_a_listed_goal_of_another_measure_in_the_year_asked_is_none(tmp_path: Path) -> None:
    """Two lists of goals under one title: the measure's words in the document's title still pick the record
    ("energy storage" over "offshore wind energy"); "capacity" is what a GW figure states; asked for offshore
    wind in a year only storage has a goal, the storage record is no answer."""
    (tmp_path / "t.txt").write_text("\n".join([
        "Westland renewable energy and storage targets", "Our offshore wind targets",
        "Westland's offshore wind energy generation targets are:", "- at least 3 GW by 2033", "- 5 GW by 2036.",
        "Our energy storage targets", "Westland's legislated energy storage targets are:",
        "- at least 1.8 GW of energy storage capacity by 2031", "- at least 4.1 GW by 2036."]), encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "t.txt"]).failed
    other = answer_question(home, "What's Westland's offshore wind capacity target for 2031?")
    assert other["type"] != "target", other["answer"]
    wind = answer_question(home, "What's Westland's offshore wind capacity target for 2033?")
    assert wind["type"] == "target" and wind["targets"][0]["value"] == 3, wind["answer"]
    storage = answer_question(home, "How much energy storage capacity does Westland want by 2036?")
    assert storage["type"] == "target" and storage["targets"][0]["value"] == 4.1, storage["answer"]
    home.close()


def test_asking_which_year_names_no_measure(tmp_path: Path) -> None:
    """"在哪一年达到75%？" asks when; 哪一年 is no word the evidence must hold."""
    (tmp_path / "plan.txt").write_text("某市医疗保障行动方案（2026—2028年）\n一、主要目标\n"
                                       "到2027年，全市城乡居民医保参保率达到98%，职工医保个人账户使用率达到75%左右。\n",
                                       encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "plan.txt"]).failed
    a = answer_question(home, "职工医保个人账户使用率在哪一年达到75%？")
    assert a["type"] != "none" and "2027" in a["answer"], a["answer"]
    home.close()


def test_a_year_and_a_place_asked_must_be_stated_by_one_document(tmp_path: Path) -> None:
    """Two sentences from two documents never make one answer: Westland's 2030 sentence and Eastport's goal do
    not say what Eastport committed to for 2030 (its only goal is for 2050); the words as asked are shown."""
    (tmp_path / "eastport.txt").write_text(
        "Eastport Climate Order\nSection 1. Eastport commits to reduce its greenhouse gas emissions 80% by 2050.\n"
        "Section 2. The City shall report progress annually.\n", encoding="utf-8")
    (tmp_path / "westland.txt").write_text(
        "Westland Fleet Plan\nWe will phase out new petrol vehicles in the Westland public fleet by 2030.\n",
        encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path]).failed
    a = answer_question(home, "What greenhouse gas emissions reduction has Eastport committed to by 2030?")
    assert a["type"] == "none", a
    assert answer_question(home, "What greenhouse gas emissions reduction has Eastport committed to by 2050?")[
        "type"] != "none"
    home.close()


def test_what_an_order_does_is_in_its_sections_not_its_recitals(tmp_path: Path) -> None:
    (tmp_path / "order.txt").write_text("\n".join([
        "THE CITY OF EASTPORT", "EXECUTIVE ORDER NO. 12", "March 3, 2025", "HARBOR SAFETY",
        "WHEREAS, Executive Order No. 7, dated May 1, 2025, rescinded the curfew on harbor piers; and",
        "WHEREAS, Executive Order No. 9, dated June 2, 2025, rescinded the permit fee for small boats;",
        "NOW, THEREFORE, by the power vested in me as Mayor of the City of Eastport, it is hereby ordered:",
        "Section 1. Executive Order No. 4, dated March 10, 2024, is RESCINDED and replaced by this Order.",
        "§ 2. The Harbor Office shall inspect every pier each month."]), encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "order.txt"]).failed
    a = answer_question(home, "Which executive order does Eastport Executive Order No. 12 of 2025 rescind?")
    assert "Executive Order No. 4" in a["answer"].split("\n")[0], a
    home.close()


def test_a_document_read_without_its_title_is_named_by_its_region(tmp_path: Path) -> None:
    """A news copy has no title line (its title is its file name); the province it was read to govern still
    picks it when a question names that province, over a city's like item."""
    (tmp_path / "07_notice_copy.txt").write_text("\n".join([
        "据青川省人民政府网消息，近日，青川省人民政府发布关于年度重点工作及责任分解的通知。",
        "一、确保完成全年主要预期目标",
        "1.固定资产投资力争增长9%以上。", "牵头责任单位:省发展改革委。",
        "2.规模以上工业增加值增长7%。", "牵头责任单位:省经济和信息化厅。", "协同责任单位:省统计局、省财政厅。"]),
        encoding="utf-8")
    (tmp_path / "city.txt").write_text("\n".join([
        "白石市2026年《政府工作报告》目标任务责任分解方案", "一、主要预期目标",
        "1.固定资产投资增长目标为7%。(牵头单位:市发改委)", "2.固定资产投资增长目标由市发改委负责落实。"]),
        encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path]).failed
    a = answer_question(home, "青川省固定资产投资增长目标是多少，牵头责任单位是谁？")
    assert a["type"] != "none" and "省发展改革委" in a["answer"], a
    home.close()


def test_a_pollutants_code_the_evidence_does_not_name_is_none(tmp_path: Path) -> None:
    (tmp_path / "air.txt").write_text("\n".join([
        "甲省大气污染防治实施方案", "一、总体目标",
        "到2027年，全省可吸入颗粒物PM10平均浓度比2022年下降10%以上。"]), encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "air.txt"]).failed
    assert answer_question(home, "甲省到2027年可吸入颗粒物PM10平均浓度要下降多少？")["type"] == "target"
    a = answer_question(home, "甲省到2027年细颗粒物PM2.5平均浓度要下降多少？")
    assert a["type"] == "none" and "PM2.5" in a["answer"], a
    home.close()


def test_an_english_place_the_translator_knows_in_chinese_is_looked_for_as_written(tmp_path: Path) -> None:
    """"Fujian" is read as 福建 to find Chinese documents; an English page that says "Fujian" has it. A one-word
    document line ("Strategies", a column taken for a title) names no document a question must come from."""
    (tmp_path / "care.md").write_text("\n".join([
        "# Care for the Elderly", "",
        "Facilitate elderly recipients retiring in Guangdong and Fujian Provinces to receive assistance through "
        "their bank accounts.", "",
        "The Government will set up a Working Group on Ageing Society Strategies under the steer of the Deputy "
        "Chief Secretary."]), encoding="utf-8")
    (tmp_path / "annex.md").write_text("Strategies\nActivities\nCapacity building for farmers\n", encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path]).failed
    a = answer_question(home, "How can elderly recipients retiring in Fujian receive assistance?")
    assert a["type"] != "none" and "bank accounts" in a["answer"], a
    b = answer_question(home, "Who steers the Working Group on Ageing Society Strategies?")
    assert b["type"] != "none" and "Deputy Chief Secretary" in b["answer"], b
    home.close()


def test_what_a_how_many_question_counts_must_be_what_the_evidence_counts(tmp_path: Path) -> None:
    (tmp_path / "works.txt").write_text("\n".join([
        "某县人民政府办公室关于印发2027年为民实事实施方案的通知", "一、主要内容",
        "2027年，新增城区停车位1000个以上，新增园位800个，建成全民健身中心1个。"]), encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "works.txt"]).failed
    assert "1,000" in answer_question(home, "某县2027年计划新增多少个停车位？")["answer"]
    a = answer_question(home, "某县2027年计划新增多少个充电桩？")
    assert a["type"] == "none" and "充电桩" in a["answer"], a
    home.close()


@pytest.mark.parametrize(("question", "evidence", "missing"), [
    ("By what date must the Board issue the FY27 budget?", "The Board issues the FY26 budget by May 1, 2026.", "FY27"),
    ("What is the PM10 target?", "PM2.5 falls to 30 by 2030.", "PM10"),
    ("2025年PM 2.5浓度目标是多少？", "PM2.5平均浓度下降到30。", ""),
    ("What does Bill 79 require by FY2025?", "Bill No. 79 requires reports by fiscal year 2025.", ""),  # no codes
])
def test_a_code_the_question_names_must_be_the_evidences(question: str, evidence: str, missing: str) -> None:
    from api.answer.pinned import _code_missing
    assert _code_missing(question, evidence) == missing


def test_by_when_a_listed_level_is_due_is_the_item_stating_that_figure(tmp_path: Path) -> None:
    """"By when must … reach 100 per cent?": of a statute's list of levels, the item that states the figure asked
    (in words) answers, read with the lead-in it completes (who must reach it)."""
    (tmp_path / "rps.md").write_text("\n".join([
        "# Westland portfolio standards", "",
        "**§12-2 Portfolio standards.** (a) Each electric utility company that sells electricity for consumption in "
        "the State shall establish a renewable portfolio standard of:", "",
        "(1) Ten per cent of its net electricity sales by December 31, 2030;", "",
        "(2) Forty per cent of its net electricity sales by December 31, 2040; and", "",
        "(3) One hundred per cent of its net electricity sales by December 31, 2050.", "",
        "(b) The board shall review the standards every five years."]), encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "rps.md"]).failed
    a = answer_question(home, "By when must the electric utilities reach a 100 per cent renewable portfolio standard?")
    assert a["type"] == "deadline" and [d["date"] for d in a["deadlines"]] == ["2050-12-31"], a["answer"]
    b = answer_question(home, "By when must the electric utilities reach 40 percent renewable electricity sales?")
    assert [d["date"] for d in b["deadlines"]] == ["2040-12-31"], b["answer"]
    home.close()


def test_a_limit_counted_from_an_event_in_words_answers_a_when_question(tmp_path: Path) -> None:
    """"within ninety days following the goal dates": no calendar date, but the limit the question asks for."""
    (tmp_path / "s.md").write_text("# Westland utility standards\n\n**§12-4 Waivers.** Any electric utility company not "
                                   "meeting the portfolio standard shall report to the public service board within "
                                   "ninety days following the goal dates, and provide an explanation.\n", encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "s.md"]).failed
    a = answer_question(home, "Within how many days must a utility that misses the portfolio standard report to the board?")
    assert a["type"] != "none" and "ninety days" in a["answer"], a["answer"]
    home.close()


def test_a_time_span_asked_in_words_that_the_target_gives_otherwise_is_none(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_text("About the Westland health targets\n\nShorter stays in emergency departments\n\n"
                                    "95% of patients to be admitted, discharged or transferred from an emergency "
                                    "department within six hours.\n", encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "t.txt"]).failed
    four = answer_question(home, "What is the target share of emergency department patients admitted within four hours?")
    six = answer_question(home, "What is the target share of emergency department patients admitted within six hours?")
    assert four["type"] == "none" and six["type"] == "target" and six["targets"][0]["value"] == 95, (four, six)
    home.close()


def test_of_a_tasks_two_limits_the_one_for_what_is_asked_comes_first(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("\n".join([
        "甲乙市2025年水土保持工作要点", "一、加强水土保持预防监督",
        "1.推进落实水土保持空间管控。按照工作时间节点安排，6月底前完成水土流失严重、生态脆弱区划定工作，"
        "12月底前全面完成禁止开垦陡坡地范围划定并依法公告。（甲乙市水土保持站负责）",
        "2.强化监管。建立常态化监管机制。（甲乙市水利局负责）"]), encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "a.txt"]).failed
    slope = answer_question(home, "禁止开垦陡坡地范围划定要在什么时候前完成？")
    zones = answer_question(home, "水土流失严重、生态脆弱区划定什么时候完成？")
    assert [d["text"] for d in slope["deadlines"]] == ["12月底前", "6月底前"], slope["answer"]  # the asked one first
    assert [d["text"] for d in zones["deadlines"]] == ["6月底前", "12月底前"], zones["answer"]
    assert "陡坡地" in slope["deadlines"][0]["what"] and "生态脆弱区" in zones["deadlines"][0]["what"]
    home.close()


def test_a_level_asked_that_the_plan_states_otherwise_is_none(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_text("Westland Net Zero Action Plan\n\nThe Council will reduce its carbon emissions by "
                                    "45% by 2027 and achieve net zero by 2040.\n", encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "p.txt"]).failed
    sixty = answer_question(home, "By when does the Council aim to cut its carbon emissions by 60%?")
    forty_five = answer_question(home, "By when does the Council aim to cut its carbon emissions by 45%?")
    assert sixty["type"] == "none", sixty["answer"]
    assert forty_five["type"] != "none" and "2027" in forty_five["answer"], forty_five["answer"]
    home.close()


def _one_document_home(tmp_path: Path, text: str) -> Home:
    """A home (hash embedder) holding one plain-text document: what the answer tests below ask about."""
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "doc.txt"]).failed
    return home


NOTICE = "\n".join([
    "某县人民政府办公室关于2025年民生实事分解落实的通知",
    "一、各乡镇、各部门要于每月25日前将《民生实事推进情况表》报县政府督查室。",
    "二、县政府督查室要加强日常调度。",
    "附件", "2025年民生实事任务分解表", "序号", "民生实事", "责任单位", "完成时限",
    "1", "新建城东幼儿园2所。", "县教育局", "8月投入使用",
    "2", "完善城西公园配套设施。", "", "12月底前"])


def test_a_form_quoted_in_a_question_a_total_sum_asked_and_a_measure_naming_nobody(tmp_path: Path) -> None:
    """《…情况表》 in a question is a form the text mentions, not a missing document; "总投资是多少" asks a sum the
    text never gives (the count of 2 kindergartens is no answer); a measure naming no unit is said to name none."""
    home = _one_document_home(tmp_path, NOTICE)
    form = answer_question(home, "各乡镇应在什么时间报送《民生实事推进情况表》?")
    assert form["type"] != "none" and "25日" in form["answer"], form
    assert answer_question(home, "某县新建城东幼儿园的总投资是多少?")["type"] == "none"
    when = answer_question(home, "某县新建城东幼儿园什么时候投入使用?")
    assert "8月投入使用" in when["answer"], when
    home.close()


def test_a_measure_whose_note_names_persons_says_no_unit_is_named_and_who_is(tmp_path: Path) -> None:
    """"（牵头责任人:王某,具体责任人:李某）" names persons, not units: the answer says no unit is named, and whom the
    note names (not "“…”由。")."""
    home = _one_document_home(tmp_path, "\n".join([
        "某县文旅局关于落实2025年重点工作任务的实施方案", "一、工作任务",
        "（一）完善景区服务设施。完善游客中心、停车场建设。(牵头责任人:王某,具体责任人:李某)",
        "（二）建设乡镇文化分馆。全年完成乡镇文化分馆8家。(责任单位:县文旅局)"]))
    got = answer_question(home, "完善景区服务设施由谁负责?")
    assert "没有列出责任单位" in got["answer"] and "王某" in got["answer"], got
    home.close()


def test_one_of_two_figures_of_a_sentence_is_asked_and_answered_alone(tmp_path: Path) -> None:
    """"单位GDP能耗较2020年下降14%，单位GDP二氧化碳排放较2020年下降19.5%": asked for the energy figure, the answer gives it
    and not the carbon one (which lacks the word asked, 能耗)."""
    home = _one_document_home(tmp_path, "甲乙市生态环境保护行动方案(2023—2027年)\n一、主要目标\n到2025年，单位GDP能耗较2020年"
                                       "下降14%，单位GDP二氧化碳排放较2020年下降19.5%，森林覆盖率达到58%。\n")
    got = answer_question(home, "甲乙市2025年单位GDP能耗下降多少?")
    assert [t["value"] for t in got["targets"]] == [14.0], got
    home.close()


def test_how_old_asked_where_no_age_is_given_is_none(tmp_path: Path) -> None:
    """"人均预期寿命达到多少岁" where the plan says only that life expectancy will rise: the documents give no age."""
    home = _one_document_home(tmp_path, "健康甲乙行动推进方案\n一、主要目标\n到2025年，全市居民健康素养水平稳步提高，人均预期寿命持续"
                                       "提高，主要健康指标达到全省平均水平。\n")
    assert answer_question(home, "2025年甲乙市人均预期寿命要达到多少岁?")["type"] == "none"
    home.close()


def test_who_does_an_item_without_a_note_is_read_from_its_sentence_and_a_guide_does_not_lead(tmp_path: Path) -> None:
    """An opinion without unit notes: "财政部门要会同…" answers who leads the item; a pilot plan's notes
    「（甲部牵头，乙部参与）」 and 「（丙部指导）」 make only 甲部 the lead asked for."""
    (tmp_path / "a.txt").write_text("\n".join([
        "甲乙省人民政府办公厅关于完善农业保险补贴的指导意见", "各市人民政府：",
        "一、完善补贴机制",
        "（一）健全绩效评价。甲乙省财政厅要会同省农业农村厅制定绩效评价办法，定期开展评价。",
        "（二）加强督促检查。甲乙省审计厅负责对本意见执行情况进行督促检查。"]), encoding="utf-8")
    (tmp_path / "b.txt").write_text("\n".join([
        "甲乙省“无废园区”建设试点工作方案", "一、主要任务",
        "（一）建立园区固体废物台账。摸清固体废物产生底数。（甲乙省生态环境厅牵头，甲乙省统计局参与）",
        "健全统计制度，开展统计监测。（甲乙省统计局、甲乙省工业和信息化厅指导）"]), encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "a.txt", tmp_path / "b.txt"]).failed
    audit = answer_question(home, "哪个部门负责对农业保险补贴意见执行情况进行督促检查？")
    assert [u["name"] for u in audit["units"]] == ["甲乙省审计厅"], audit["answer"]
    ledger = answer_question(home, "建立园区固体废物台账的工作由哪个部门牵头？")
    assert [u["name"] for u in ledger["units"]] == ["甲乙省生态环境厅"], ledger["answer"]
    home.close()


def test_a_share_asked_that_the_text_never_states_is_none(tmp_path: Path) -> None:
    """"给予多少比例的补贴" where the plan only says it supports buying compute: none; where it states 50%, the share."""
    (tmp_path / "a.txt").write_text("\n".join([
        "甲市支持人工智能企业发展的若干措施", "一、降低算力成本",
        "（一）支持购买算力。落实国家、省有关政策，支持企业购买智能算力，切实降低研发成本。"]), encoding="utf-8")
    (tmp_path / "b.txt").write_text("\n".join([
        "乙市支持人工智能企业发展的若干措施", "一、降低数据成本",
        "（一）支持购买数据。对购买公共数据的企业，按照实际支出的30%给予数据补贴。"]), encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "a.txt", tmp_path / "b.txt"]).failed
    assert answer_question(home, "甲市对企业购买智能算力给予多少比例的补贴？")["type"] == "none"
    twin = answer_question(home, "乙市对企业购买公共数据给予多少比例的补贴？")
    assert twin["type"] != "none" and "30" in twin["answer"], twin["answer"]
    home.close()


def test_which_bodies_are_responsible_leaves_out_the_stakeholders_involved(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("\n".join([
        "# Eastport Climate Action Portfolio", "",
        "| Action outline | Action name | Eastport Harbour Heat Network |", "| --- | --- | --- |",
        "|  | Action type | Infrastructure |",
        "|  | Action description | A scheme to heat the docklands with waste heat recovered from the harbour's "
        "sewage treatment works. |",
        "| Implementation | Responsible bodies/person for implementation | Eastport City Council and Harbour Energy Ltd |",
        "|  | Involved stakeholders | Eastport College, Port Authority |"]), encoding="utf-8")
    home = Home(tmp_path / "home", embedder="hash")
    assert not home.ingest([tmp_path / "a.md"]).failed
    got = answer_question(home, "Which bodies are responsible for the scheme to heat the docklands with waste heat "
                                "recovered from the harbour's sewage treatment works?")
    assert [u["name"] for u in got["units"]] == ["Eastport City Council", "Harbour Energy Ltd"], got["answer"]
    assert "measure  " not in got["answer"]
    home.close()
