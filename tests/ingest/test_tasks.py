"""Task records from synthetic documents in every form the extractor supports.

The documents are made up (other provinces, other fields, other numbering styles); they
check patterns, not answers from the seed corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.models import DocMeta, ParsedDocument, Task
from ingest.pipeline import parse_file

LINES_WORK_PLAN = """某市城市更新三年行动工作方案
一、工作目标
到2025年底,完成老旧小区改造300个。
二、重点任务
（一）推进老旧小区改造
1．实施老旧小区综合整治。对2000年以前建成的老旧小区进行整治，完善配套设施。
牵头单位：市城更局；责任单位：各区人民政府、市财政局；完成时限：2024年12月底前。
2．加快加装电梯。鼓励有条件的小区加装电梯。
牵头单位：市城更局
配合单位：市市场监管局、市规划和自然资源局
完成时限：长期坚持
（二）完善基础设施
1．改造城市燃气管网。全面排查老化管网，2024年6月底前完成排查。
2．建设口袋公园。每个区建设不少于5个口袋公园。（市园林局牵头，各区政府配合）
3．完善夜间照明。
三、保障措施
（一）加强组织领导。成立工作专班，由市政府分管领导任组长，市城更局负责日常工作。
"""

TABLE_PLAN = (
    "某省教育数字化转型实施方案任务分工表\n\n表1 重点任务分工\n"
    "\t序号\n\t重点任务\n\t牵头单位\n\t配合单位\n\t完成时限\n\n"
    "\t一、平台建设\n\n"
    "\t1\n\t建设省级智慧教育平台，实现资源共享。\n\t省教育厅\n\t省发展改革委、省财政厅\n\t2024年6月前\n\n"
    "\t2\n\t推进中小学校园网络提速。\n\t省通信管理局\n\t省教育厅\n\t2025年\n\n"
    "\t3\n\t开展教师数字素养培训。\n\t省教育厅、省人力资源社会保障厅\n\t各市人民政府\n\t持续推进\n\n"
    "\t4\n\t建设数字教材库。\n\t省教育厅\n\n"
)

TWO_ROW_HEADER = (
    "某县森林防火工作方案\n\n表1 任务分工\n"
    "\t序号\n\t工作任务\n\t责任单位\n\t完成时限\n\n\t牵头单位\n\t配合单位\n\n"
    "\t1\n\t完善防火基础设施，新建瞭望塔6座。\n\t县林业局\n\t县财政局、县应急管理局\n\t2025年10月底前\n\n"
)

INLINE_ANNOTATIONS = """某县农村人居环境整治提升五年行动实施方案
三、主要任务
（一）扎实推进农村厕所革命
1.稳步推进卫生厕所改造。因地制宜选择改厕技术模式。(责任单位:县农业农村局牵头,县卫生健康局、县生态环境局配合,各镇人民政府负责落实。完成时限:2023年底前完成改厕1000户,2025年底前全面完成)
2.加强厕所粪污无害化处理。(责任单位:县农业农村局、县城管局按职责分工负责。完成时限:持续推进)
（二）加快推进农村生活污水治理
1.推动县域生活污水治理统筹规划。[责任单位:县生态环境局、县住建局、各镇人民政府]
2.加强农村黑臭水体治理。【责任单位：县生态环境局牵头，县水利局、县农业农村局参与】
3.开展村庄清洁行动。各镇要组织群众清理房前屋后，县农业农村局要加强督导。
"""

ENGLISH_PLAN = """Provincial Flood Resilience Action Plan 2024-2026
1. Strengthen early warning
1.1 Upgrade the rainfall radar network. Install ten new radars in mountain counties.
Lead agency: Provincial Meteorological Bureau; Responsible: county governments; Deadline: by the end of 2025.
1.2 Publish flood risk maps for all cities. Maps shall be updated every two years.
Lead agency: Department of Natural Resources. Supporting agencies: Department of Water Resources and the Emergency Management Department. Deadline: by June 2024.
2. Build capacity
2.1 Train village flood wardens. Responsible: county governments and township governments. Timeline: ongoing.
2.2 Review the plan. The plan will be reviewed in 2026.
"""

BULLETS_AND_LABEL_LINES = """某州文旅融合发展实施方案
一、重点任务
1.打造精品旅游线路。围绕民族文化资源，推出精品线路10条。
牵头单位：
州文化和旅游局
配合单位：
州交通运输局、各县(市)人民政府
完成时限：
2025年12月
● 推行“一码游”，2024年9月底前实现景区全覆盖。（州文旅局牵头，州大数据局配合）
● 持续优化旅游服务。
"""


def parse_text(tmp_path: Path, text: str, name: str = "plan.txt") -> ParsedDocument:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


def summary(t: Task) -> tuple[str, str, list[tuple[str, str]], list[tuple[str | None, str]], bool]:
    return (t.number, t.title, [(u.name, u.role) for u in t.units], [(d.date, d.kind) for d in t.deadlines], t.ongoing)


def check_citations(doc: ParsedDocument) -> None:
    for t in doc.tasks:
        c = t.citation
        assert c.quote == doc.text[c.start:c.end] == t.text
        assert c.quote == c.quote.strip() and c.doc_id == t.doc_id == doc.doc_id and c.section == t.section
        assert t.number and t.number in c.quote or not t.number


def test_label_lines_and_body_deadlines(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, LINES_WORK_PLAN)
    check_citations(doc)
    got = [summary(t) for t in doc.tasks]
    # every leaf item of the work part is a task, 3. without units or deadline too; 保障措施 items are not
    assert [g[1] for g in got] == ["实施老旧小区综合整治", "加快加装电梯", "改造城市燃气管网", "建设口袋公园", "完善夜间照明"]
    # beside a 牵头单位, the 责任单位 are the others: participants
    assert got[0][2] == [("市城更局", "lead"), ("各区人民政府", "participant"), ("市财政局", "participant")]
    assert got[0][3] == [("2024-12-31", "by")]
    assert got[1][2] == [("市城更局", "lead"), ("市市场监管局", "participant"), ("市规划和自然资源局", "participant")]
    assert got[1][3:] == ([(None, "ongoing")], True)
    assert got[2][2:] == ([], [("2024-06-30", "by")], False)
    assert got[3][2:] == ([("市园林局", "lead"), ("各区政府", "participant")], [], False)
    assert got[4] == ("3.", "完善夜间照明", [], [], False)
    assert doc.tasks[0].section == "二、重点任务 > (一)推进老旧小区改造"
    assert doc.tasks[1].text.endswith("完成时限:长期坚持")  # the item runs through its label lines


def test_task_division_table(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, TABLE_PLAN)
    check_citations(doc)
    got = [summary(t) for t in doc.tasks]
    assert got[:3] == [
        ("1", "建设省级智慧教育平台,实现资源共享", [("省教育厅", "lead"), ("省发展改革委", "participant"), ("省财政厅", "participant")],
         [("2024-06-30", "by")], False),
        ("2", "推进中小学校园网络提速", [("省通信管理局", "lead"), ("省教育厅", "participant")], [("2025-12-31", "in_year")], False),
        ("3", "开展教师数字素养培训", [("省教育厅", "lead"), ("省人力资源社会保障厅", "lead"), ("各市人民政府", "participant")],
         [(None, "ongoing")], True),
    ]
    # a row that lost merged cells keeps its own task and lead; the missing columns come from the row above
    assert got[3][:3] == ("4", "建设数字教材库", [("省教育厅", "lead"), ("各市人民政府", "participant")])
    assert doc.tasks[0].section.endswith("表1 重点任务分工")
    assert "\t" not in doc.tasks[0].text[:1]


def test_two_row_header(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, TWO_ROW_HEADER)
    [t] = doc.tasks
    assert summary(t) == ("1", "完善防火基础设施,新建瞭望塔6座",
                          [("县林业局", "lead"), ("县财政局", "participant"), ("县应急管理局", "participant")],
                          [("2025-10-31", "by")], False)


def test_inline_annotations(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, INLINE_ANNOTATIONS)
    check_citations(doc)
    got = [summary(t) for t in doc.tasks]
    assert len(got) == 5
    assert got[4][:3] == ("3.", "开展村庄清洁行动", [])  # a work item; actors named only in prose are not units
    assert got[0][2] == [("县农业农村局", "lead"), ("县卫生健康局", "participant"), ("县生态环境局", "participant"),
                         ("各镇人民政府", "responsible")]  # implements what the lead leads
    assert [(d.date, d.what) for d in doc.tasks[0].deadlines] == [("2023-12-31", "完成改厕1000户"), ("2025-12-31", None)]
    assert got[1][2:] == ([("县农业农村局", "lead"), ("县城管局", "lead")], [(None, "ongoing")], True)
    assert got[2][2] == [("县生态环境局", "responsible"), ("县住建局", "responsible"), ("各镇人民政府", "responsible")]
    assert got[3][2] == [("县生态环境局", "lead"), ("县水利局", "participant"), ("县农业农村局", "participant")]
    assert doc.tasks[0].title == "稳步推进卫生厕所改造"
    assert doc.tasks[2].text.endswith("各镇人民政府]")


def test_english_forms(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, ENGLISH_PLAN, "plan_en.txt")
    check_citations(doc)
    got = [summary(t) for t in doc.tasks]
    assert got == [
        ("1.1", "Upgrade the rainfall radar network",
         [("Provincial Meteorological Bureau", "lead"), ("county governments", "responsible")], [("2025-12-31", "by")], False),
        ("1.2", "Publish flood risk maps for all cities",
         [("Department of Natural Resources", "lead"), ("Department of Water Resources", "participant"),
          ("the Emergency Management Department", "participant")], [("2024-06-30", "by")], False),
        ("2.1", "Train village flood wardens",
         [("county governments", "responsible"), ("township governments", "responsible")], [(None, "ongoing")], True),
    ]


def test_label_on_its_own_line_and_bullets(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, BULLETS_AND_LABEL_LINES)
    check_citations(doc)
    got = [summary(t) for t in doc.tasks]
    assert got == [
        ("1.", "打造精品旅游线路", [("州文化和旅游局", "lead"), ("州交通运输局", "participant"),
                                   ("各县(市)人民政府", "participant")], [("2025-12-31", "by")], False),
        ("●", "推行“一码游”,2024年9月底前实现景区全覆盖", [("州文旅局", "lead"), ("州大数据局", "participant")],
         [("2024-09-30", "by")], False),
    ]
    assert doc.tasks[0].units[1].normalized == "州交通运输局"


def test_normalised_units_and_stable_ids(tmp_path: Path) -> None:
    text = ("某区河湖长制工作要点\n一、重点任务\n"
            "1.开展河道清淤。[责任单位:区水务局、区财政局]\n"
            "2.加强岸线管理。[责任单位:区水务局、区财局政]\n"
            "3.推进河湖划界。[责任单位:区水务局、区财政局、区规划和自然资源局]\n")
    first = parse_text(tmp_path, text)
    again = parse_text(tmp_path, text)
    copy = parse_text(tmp_path, text, "copy.txt")  # another source: another document, its own records
    assert [t.task_id for t in first.tasks] == [t.task_id for t in again.tasks]
    assert not {t.task_id for t in first.tasks} & {t.task_id for t in copy.tasks}
    assert len({t.task_id for t in first.tasks}) == 3
    typo = first.tasks[1].units[1]
    assert (typo.name, typo.normalized) == ("区财局政", "区财政局")  # name as written, typo fixed


@pytest.mark.parametrize("text", ["", "1.\n", "(责任单位:)\n", "牵头单位：\n", "\t序号\n\t任务\n\t牵头单位\n\n\t1\n"])
def test_degenerate_documents(tmp_path: Path, text: str) -> None:
    path = tmp_path / "x.txt"
    path.write_text("标题\n" + text, encoding="utf-8")
    doc = parse_file(path)
    check_citations(doc)


def test_unnumbered_paragraphs_under_a_heading_are_separate_measures(tmp_path: Path) -> None:
    text = ("某市全民健身实施计划\n三、主要任务\n（一）增加场地设施供给\n"
            "新建社区健身中心20个，推进学校体育场馆开放。（市体育局牵头，市教育局配合）\n"
            "建设健身步道100公里。\n牵头单位：市体育局；配合单位：市住建局、市园林局\n"
            "（二）丰富赛事活动\n每年举办全民健身运动会。\n")
    doc = parse_text(tmp_path, text)
    check_citations(doc)
    got = [summary(t) for t in doc.tasks]
    assert got == [
        ("", "新建社区健身中心20个,推进学校体育场馆开放", [("市体育局", "lead"), ("市教育局", "participant")], [], False),
        ("", "建设健身步道100公里", [("市体育局", "lead"), ("市住建局", "participant"), ("市园林局", "participant")], [], False),
        ("(二)", "丰富赛事活动", [], [], False),  # a heading line of the work part: its text is the paragraph below
    ]
    assert doc.tasks[2].text == "(二)丰富赛事活动\n每年举办全民健身运动会。"
    assert all(t.section == "三、主要任务 > (一)增加场地设施供给" for t in doc.tasks[:2])


def test_annotation_before_the_text(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "某市方案\n一、任务\n1.【牵头单位：市发改委】推进项目审批改革。完成时限：2024年底前\n")
    [t] = doc.tasks
    assert (t.title, [(u.name, u.normalized) for u in t.units]) == ("推进项目审批改革", [("市发改委", "市发展改革委")])


_FRAGMENTS = [
    "一、重点任务", "(一)加强管理", "1.推进河道治理。", "2.开展巡查。", "(1)建设站点。", "● 优化服务。",
    "(责任单位:县水利局牵头,县财政局配合。完成时限:2024年底前)", "[责任单位:县林业局、各乡镇人民政府]",
    "牵头单位:市交通局;配合单位:市公安局", "完成时限:", "持续推进", "2025年6月底前完成", "Responsible: city governments",
    "Lead agency: Water Bureau; Deadline: by June 2025.", "\t序号\n\t任务\n\t牵头单位\n\t完成时限\n",
    "\t1\n\t修建堤防。\n\t县水利局\n\t2026年\n", "(省教育厅牵头,省财政厅配合)", "各乡镇人民政府", "、", ",", "。",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(_FRAGMENTS),
                        st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30)), max_size=25),
       st.lists(st.sampled_from(["\n", "", " ", "\n\n"]), min_size=25, max_size=25))
def test_any_document_gives_grounded_tasks(parts: list[str], seps: list[str]) -> None:
    text = "标题\n" + "".join(p + s for p, s in zip(parts, seps, strict=False))
    doc = parse_file(Path("random.txt"), data=text.encode("utf-8"), meta=DocMeta())
    for t in doc.tasks:
        assert t.citation.quote == doc.text[t.citation.start:t.citation.end] == t.text
        assert all(u.name and u.name in doc.text and u.role in ("lead", "participant", "responsible") for u in t.units)
        assert all(d.text in doc.text and d.kind in ("by", "in_year", "ongoing") for d in t.deadlines)
        assert t.ongoing == any(d.kind == "ongoing" for d in t.deadlines)


NATIONAL_STYLE = """关于加快推进某某工作的意见
一、主要任务
(一)加快完善制度体系。健全法规标准,完善配套政策。(国家发展改革委、财政部、自然资源部等按职责分工负责)
(二)强化科技支撑。加强关键技术攻关,2025年底前建成国家实验室。(科技部牵头,教育部、中国科学院参与)
(三)推进示范建设。开展试点示范。(各省级人民政府)
(四)加强宣传引导。领导小组办公室(设在市发展改革委)负责日常工作。
(五)强化统计监测。完善统计制度(含开发区管委会)
(六)优化市场准入。实施改革全覆盖。〔责任单位:省市场监管局、商务厅按职责分工负责。具体任务均涉及各市人民政府,下同。〕
"""


def test_unlabelled_brackets_and_notes_after_the_list(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, NATIONAL_STYLE)
    got = [summary(t) for t in doc.tasks]
    assert [g[0] for g in got] == ["(一)", "(二)", "(三)", "(四)", "(五)", "(六)"]
    assert got[3][2] == got[4][2] == []  # work items of 主要任务, but their brackets are asides, not notes
    assert got[0][2] == [("国家发展改革委", "lead"), ("财政部", "lead"), ("自然资源部", "lead")]
    assert got[1][2:4] == ([("科技部", "lead"), ("教育部", "participant"), ("中国科学院", "participant")],
                           [("2025-12-31", "by")])
    assert got[2][2] == [("各省级人民政府", "responsible")]
    assert got[5][2] == [("省市场监管局", "lead"), ("商务厅", "lead")]  # the note after 。 is not a unit


def test_annotation_after_sub_items_belongs_to_the_parent(tmp_path: Path) -> None:
    text = ("某市应急体系建设任务分解\n一、具体建设任务\n1.完善应急预案体系\n(1)加强预案管理。\n(2)推进预案精编化。\n"
            "(责任单位:市直各有关单位、各县(市、区)人民政府)\n2.健全运行机制\n(1)推进办事机构建设。(市应急局牵头)\n"
            "(2)加强专项机构建设。(市公安局负责)\n")
    doc = parse_text(tmp_path, text)
    check_citations(doc)
    got = [summary(t) for t in doc.tasks]
    assert [(g[0], g[1]) for g in got] == [("1.", "完善应急预案体系"), ("(1)", "推进办事机构建设"), ("(2)", "加强专项机构建设")]
    assert got[0][2] == [("市直各有关单位", "responsible"), ("各县(市、区)人民政府", "responsible")]
    assert doc.tasks[0].text.startswith("1.完善应急预案体系") and doc.tasks[0].text.endswith("人民政府)")


def test_annotated_paragraphs_under_an_annotated_item_add_their_units_to_it(tmp_path: Path) -> None:
    """The numbered item is the task; its paragraphs' own notes name more units of it."""
    text = ("某县工作要点\n一、重点工作\n1.推进河道清淤。(责任单位:县水务局)\n清淤方案另行印发。\n"
            "加强岸线巡查,建立巡查台账。(县河长办、县水务局指导)\n2.整治入河排污口。(县环保局负责)\n")
    doc = parse_text(tmp_path, text)
    got = [(t.number, t.title, [u.name for u in t.units]) for t in doc.tasks]
    assert got == [("1.", "推进河道清淤", ["县水务局", "县河长办"]), ("2.", "整治入河排污口", ["县环保局"])]
    assert doc.tasks[0].text.endswith("指导)")
