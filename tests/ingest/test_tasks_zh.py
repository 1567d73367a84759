"""Chinese task records in the forms official documents use: unit notes at the end of a
paragraph, document-wide conventions stated once (下同), unannotated work items, heading
lines, labelled sub-items and deadlines in prose.

Every document here is made up (transport, health, agriculture, water, culture); they check
the written patterns, not answers from the dev or seed corpus.
"""

from __future__ import annotations

from pathlib import Path

from ingest.models import ParsedDocument, Task
from ingest.pipeline import parse_file


def parse_text(tmp_path: Path, text: str) -> ParsedDocument:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


def units(t: Task) -> list[tuple[str, str]]:
    return [(u.name, u.role) for u in t.units]


def deadlines(t: Task) -> list[tuple[str, str | None, str]]:
    return [(d.text, d.date, d.kind) for d in t.deadlines]


def by_title(doc: ParsedDocument) -> dict[str, Task]:
    for t in doc.tasks:
        assert t.citation.quote == doc.text[t.citation.start:t.citation.end] == t.text
    return {t.title: t for t in doc.tasks}


NATIONAL_OPINION = """国务院办公厅关于推进农村公路高质量发展的意见
一、总体要求
（一）指导思想。以新发展理念为引领，推动农村公路高质量发展。
（二）基本原则。坚持因地制宜，坚持建养并重。
二、重点任务
（三）完善路网布局。加快建设乡镇对外快速通道，推进较大人口规模自然村通硬化路。（交通运输部、国家发展改革委、财政部负责。列第一位者为牵头单位，下同）
（四）提升养护水平。全面推行路长制，落实养护资金。（交通运输部、财政部，各省级人民政府按职责分工负责）
（五）强化安全保障。完善农村公路安全设施。（公安部牵头，交通运输部、应急部配合）
（六）推进城乡客运一体化。2024年6月底前，交通运输部出台评价办法；2025年起，每年3月底前各省份报送实施情况。（交通运输部等有关部门和单位负责）
（七）抓好落地见效。各省级人民政府要在本意见印发之日起30日内，制定具体实施方案，常态化开展督导。（各省级人民政府负责）
三、保障措施
加强组织领导，强化资金保障。
"""


def test_first_listed_leads_from_the_note_that_says_so(tmp_path: Path) -> None:
    tasks = by_title(parse_text(tmp_path, NATIONAL_OPINION))
    assert list(tasks) == ["完善路网布局", "提升养护水平", "强化安全保障", "推进城乡客运一体化", "抓好落地见效"]
    assert units(tasks["完善路网布局"]) == [("交通运输部", "lead"), ("国家发展改革委", "participant"), ("财政部", "participant")]
    assert units(tasks["提升养护水平"]) == [("交通运输部", "lead"), ("财政部", "participant"), ("各省级人民政府", "participant")]
    # a note that names its own lead and assistants keeps them
    assert units(tasks["强化安全保障"]) == [("公安部", "lead"), ("交通运输部", "participant"), ("应急部", "participant")]
    assert units(tasks["推进城乡客运一体化"]) == [("交通运输部", "lead")]


def test_deadlines_stated_in_prose(tmp_path: Path) -> None:
    tasks = by_title(parse_text(tmp_path, NATIONAL_OPINION))
    cascade = tasks["推进城乡客运一体化"]
    assert deadlines(cascade) == [("2024年6月底前", "2024-06-30", "by"), ("每年3月底前", None, "ongoing")]
    assert cascade.ongoing
    assert deadlines(tasks["抓好落地见效"]) == [("本意见印发之日起30日内", None, "by"), ("常态化", None, "ongoing")]
    assert deadlines(tasks["完善路网布局"]) == [] and not tasks["完善路网布局"].ongoing


ZONE_OPINION = """国务院关于促进内河港口高质量发展的若干意见
四、主要任务
（一）优化港口布局。
1.推进港区整合。有序整合分散港区。（交通运输部、自然资源部负责，排在第一位的部门为牵头部门，下同）
2.完善集疏运体系。加快铁路进港。（国家铁路局、交通运输部等有关部门负责）
"""


def test_first_department_leads(tmp_path: Path) -> None:
    tasks = by_title(parse_text(tmp_path, ZONE_OPINION))
    assert units(tasks["推进港区整合"]) == [("交通运输部", "lead"), ("自然资源部", "participant")]
    assert units(tasks["完善集疏运体系"]) == [("国家铁路局", "lead"), ("交通运输部", "participant")]


CITY_PLAN = """某市智慧医疗发展行动计划
一、主要目标
到2026年，全市二级以上医院全部接入全民健康信息平台。
二、重点任务
（一）夯实数字底座
1.建设全民健康信息平台。整合各级医疗机构数据。（责任单位：市卫健委、市数据局，市财政局、各县（市、区）政府；第一个逗号前为牵头单位，多个牵头部门的按职责分工负责，下同）
2.推广电子健康卡。实现就医一码通行。〔责任单位：市医保局，市卫健委〕
3.发展互联网医院。支持公立医院开展在线复诊。（责任单位：市卫健委）鼓励社会力量举办互联网医院。（责任单位：市发展改革委、市卫健委）
"""


def test_units_before_the_first_comma_lead(tmp_path: Path) -> None:
    tasks = by_title(parse_text(tmp_path, CITY_PLAN))
    assert units(tasks["建设全民健康信息平台"]) == [
        ("市卫健委", "lead"), ("市数据局", "lead"), ("市财政局", "participant"), ("各县(市、区)政府", "participant")]
    assert units(tasks["推广电子健康卡"]) == [("市医保局", "lead"), ("市卫健委", "participant")]
    # two notes in one item: the union, each unit once with its strongest role
    assert units(tasks["发展互联网医院"]) == [("市卫健委", "lead"), ("市发展改革委", "lead")]
    assert "一、主要目标" not in {t.section for t in tasks.values()}


IMPLIED_UNITS = """某市推进农田水利建设行动方案
二、重点任务
（一）完善灌排体系
1.实施灌区改造。到2027年，完成中型灌区改造12处。[责任单位：市农业农村局、市水利局，各区、县（市）政府。以下均需各区、县（市）政府落实，不再列出]
2.建设小型水源工程。新建山塘水库20座。（责任单位：市水利局）
"""


def test_implementers_stated_once_stay_out_of_later_lists(tmp_path: Path) -> None:
    tasks = by_title(parse_text(tmp_path, IMPLIED_UNITS))
    first, second = tasks["实施灌区改造"], tasks["建设小型水源工程"]
    assert units(first) == [("市农业农村局", "responsible"), ("市水利局", "responsible"), ("各区、县(市)政府", "responsible")]
    assert deadlines(first) == [("到2027年", "2027-12-31", "by")]
    assert units(second) == [("市水利局", "responsible")]


LABELLED_SUB_ITEMS = """某市文旅融合发展三年行动计划（2025-2027年）
三、重点任务
（一）打造精品线路。推出研学旅游线路10条。（牵头单位：市文旅局，责任单位：市教育局、市交通运输局）
（二）建设服务平台
智慧文旅平台：整合景区票务、导览服务。（牵头单位：市数据局、市文旅局，责任单位：市大数据集团，各区镇）
乡村旅游驿站：在重点村建设旅游驿站。（责任单位：各区镇）
（三）做强文旅品牌。省文化和旅游厅指导开展品牌推广。（省文化和旅游厅牵头负责，省商务厅、财政厅，广州、佛山市政府配合）
"""


def test_lead_and_responsible_labels_and_labelled_sub_items(tmp_path: Path) -> None:
    tasks = by_title(parse_text(tmp_path, LABELLED_SUB_ITEMS))
    assert list(tasks) == ["打造精品线路", "智慧文旅平台", "乡村旅游驿站", "做强文旅品牌"]
    assert units(tasks["打造精品线路"]) == [("市文旅局", "lead"), ("市教育局", "participant"), ("市交通运输局", "participant")]
    assert units(tasks["智慧文旅平台"]) == [("市数据局", "lead"), ("市文旅局", "lead"), ("市大数据集团", "participant"),
                                        ("各区镇", "participant")]
    assert units(tasks["乡村旅游驿站"]) == [("各区镇", "responsible")]  # alone, 责任单位 is responsible
    brand = tasks["做强文旅品牌"]
    assert units(brand) == [("省文化和旅游厅", "lead"), ("省商务厅", "participant"), ("财政厅", "participant"),
                            ("广州", "participant"), ("佛山市政府", "participant")]
    assert [u.normalized for u in brand.units][2] == "省财政厅"  # the level the list already gave


UNANNOTATED_PLAN = """某县高标准农田建设三年行动计划（2025—2027年）
一、总体目标
到2027年，累计建成高标准农田10万亩。
二、重点建设领域
（一）粮食生产功能区。优先在粮食生产功能区布局建设。
三、重点任务
（一）加快新建项目。每年新建高标准农田3万亩，到2027年全面完成建设任务。
（二）推进改造提升。对已建项目常态化开展工程管护。
（三）完善管护机制。建立常态化管护机制，落实管护主体。
四、支持政策
（一）对新建项目每亩补助1500元。
五、保障措施
（一）加强组织领导。成立工作专班。
"""


def test_work_items_without_notes_are_tasks_in_the_work_part_only(tmp_path: Path) -> None:
    tasks = by_title(parse_text(tmp_path, UNANNOTATED_PLAN))
    assert list(tasks) == ["加快新建项目", "推进改造提升", "完善管护机制"]
    assert all(t.units == [] for t in tasks.values())
    assert deadlines(tasks["加快新建项目"]) == [("到2027年", "2027-12-31", "by")]
    assert tasks["推进改造提升"].ongoing
    assert tasks["完善管护机制"].ongoing  # 常态化 as written, a mechanism's too (the dev gold's convention)


HEADING_LINES = """某县数字乡村建设实施方案
二、主要任务
（一）夯实数字基础，提升网络覆盖
1.完善农村信息基础设施
推进5G网络向行政村延伸，2025年底前实现行政村5G全覆盖。
2.发展农村电商
培育农村电商带头人100名。
三、保障措施
（一）加强组织保障
成立工作专班。
"""


def test_item_headings_on_their_own_line(tmp_path: Path) -> None:
    tasks = by_title(parse_text(tmp_path, HEADING_LINES))
    assert list(tasks) == ["完善农村信息基础设施", "发展农村电商"]
    first = tasks["完善农村信息基础设施"]
    assert first.text == "1.完善农村信息基础设施\n推进5G网络向行政村延伸,2025年底前实现行政村5G全覆盖。"
    assert deadlines(first) == [("2025年底前", "2025-12-31", "by")]


ASSESSMENT = """某市公立医院绩效考核工作方案
三、考核程序
（一）医院自查。各医院于2024年3月底前完成自查。
（二）市级考核。市卫生健康委于2024年6月底前完成考核。
（三）结果运用。考核结果与财政补助挂钩。
四、组织实施
（一）加强领导。各区要高度重视。
（二）做好总结。2024年底前完成年度总结。
（三）广泛宣传。加强政策解读。
"""


def test_items_whose_siblings_are_tasks(tmp_path: Path) -> None:
    tasks = by_title(parse_text(tmp_path, ASSESSMENT))
    # 三.(三) sits among dated items; the plan annotates no unit, so its numbered 组织实施 items are work too (the
    # gold README leaves out only unnumbered 保障 paragraphs)
    assert list(tasks) == ["医院自查", "市级考核", "结果运用", "加强领导", "做好总结", "广泛宣传"]
    assert deadlines(tasks["医院自查"]) == [("2024年3月底前", "2024-03-31", "by")]
    assert tasks["结果运用"].deadlines == [] and tasks["结果运用"].units == []


LEVELS = """某市节水型城市建设工作方案
二、重点任务
（一）强化用水管理
1.严格取水许可。全面落实取水许可制度。
（1）开展取水口核查。
（2）规范计量设施。
2.推进计划用水。对重点用水户实行计划管理。
（二）推进节水改造。加快老旧供水管网改造。（责任单位：市水务局）
1.实施管网分区计量。
2.开展漏损治理。
（三）加强节水宣传。广泛开展节水进社区活动。
1.建设节水教育基地。（责任单位：市教育局）
2.开展节水主题宣传。（责任单位：市委宣传部）
"""


def test_the_level_where_work_is_stated(tmp_path: Path) -> None:
    tasks = by_title(parse_text(tmp_path, LEVELS))
    # (一) is a group title; 1. states work, its (1)(2) are details; (二) carries the note, its
    # sub-items are its details; (三) introduces annotated items and is their heading
    assert list(tasks) == ["严格取水许可", "推进计划用水", "推进节水改造", "建设节水教育基地", "开展节水主题宣传"]
    assert units(tasks["推进节水改造"]) == [("市水务局", "responsible")]


INTRODUCED_MEASURES = """某县林长制工作方案
三、主要任务
（一）加强森林资源保护
围绕森林资源保护，重点做好以下工作：
1.严格林地管理。落实林地用途管制。
2.加强森林防火。建设防火隔离带。
"""


def test_measures_under_an_introduced_heading(tmp_path: Path) -> None:
    tasks = by_title(parse_text(tmp_path, INTRODUCED_MEASURES))
    assert list(tasks) == ["严格林地管理", "加强森林防火"]


WORK_POINTS = """某市2024年生态环境保护工作要点
一、深入打好蓝天保卫战
1.推进重点行业超低排放改造。完成钢铁企业超低排放改造。（牵头单位：市生态环境局；责任单位：市工信局、各区县政府；完成时限：2024年10月底）
2.加强移动源污染防治。淘汰老旧柴油货车500辆。（市生态环境局、市公安局按职责分工负责）
二、持续打好碧水保卫战
3.开展入河排污口排查整治。2024年6月底前完成排查，年底前完成整治。（责任单位：市生态环境局，各区县政府；配合单位：市水利局）
三、扎实推进净土保卫战
4.加强土壤污染源头防控。落实重点监管单位制度。
责任单位：市生态环境局
5.推进农用地安全利用。
"""


def test_items_numbered_on_across_parts_are_one_series(tmp_path: Path) -> None:
    tasks = by_title(parse_text(tmp_path, WORK_POINTS))
    assert list(tasks) == ["推进重点行业超低排放改造", "加强移动源污染防治", "开展入河排污口排查整治", "加强土壤污染源头防控",
                           "推进农用地安全利用"]
    assert units(tasks["推进重点行业超低排放改造"]) == [
        ("市生态环境局", "lead"), ("市工信局", "participant"), ("各区县政府", "participant")]
    assert deadlines(tasks["开展入河排污口排查整治"]) == [("2024年6月底前", "2024-06-30", "by"), ("年底前", "2024-12-31", "by")]
    assert units(tasks["开展入河排污口排查整治"]) == [
        ("市生态环境局", "responsible"), ("各区县政府", "responsible"), ("市水利局", "participant")]


PLAN_WITH_DIVISION_TABLE = """某省推进交通强省建设三年行动计划（2024—2026年）
二、重点任务
1.加快高速公路建设。新开工高速公路10个项目。
2.推进普通国省道提质改造。每年改造普通国省道800公里。
3.发展多式联运。2025年底前建成多式联运示范工程5个。
附件：重点任务分工表
\t序号
\t重点任务
\t牵头单位
\t责任单位
\t完成时限

\t1
\t加快高速公路建设
\t省交通运输厅
\t省发展改革委，各市州人民政府
\t2026年底

\t2
\t推进普通国省道提质改造
\t省交通运输厅
\t各市州人民政府
\t持续推进

"""


def test_division_table_assigns_the_measures_of_the_text(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, PLAN_WITH_DIVISION_TABLE)
    tasks = by_title(doc)
    assert list(tasks) == ["加快高速公路建设", "推进普通国省道提质改造", "发展多式联运"]  # one task per measure
    first = tasks["加快高速公路建设"]
    assert first.text.startswith("1.加快高速公路建设。")
    assert units(first) == [("省交通运输厅", "lead"), ("省发展改革委", "participant"), ("各市州人民政府", "participant")]
    assert deadlines(first) == [("2026年底", "2026-12-31", "by")]
    assert tasks["推进普通国省道提质改造"].ongoing
    assert units(tasks["发展多式联运"]) == []


PIPE_TABLE = """某县水利工程考核细则
| 序号 | 考核内容 | 分值 | 责任单位 | 完成时限 |
|---|---|---|---|---|
| 1 | 完成病险水库除险加固8座。 | 20 | 县水利局、县财政局 | 2024年10月底前 |
| 2 | 开展河道清淤30公里。 | 10 |  | 持续推进 |
"""


def test_pipe_separated_table_with_a_merged_cell(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, PIPE_TABLE)
    assert [(t.title, units(t), deadlines(t)) for t in doc.tasks] == [
        ("完成病险水库除险加固8座", [("县水利局", "responsible"), ("县财政局", "responsible")],
         [("2024年10月底前", "2024-10-31", "by")]),
        ("开展河道清淤30公里", [("县水利局", "responsible"), ("县财政局", "responsible")], [("持续推进", None, "ongoing")]),
    ]


LINE_TABLE = """某市城乡供水一体化三年行动方案
二、重点任务
1.实施水源工程建设。新建中型水库2座。
2.推进城乡管网互联互通。新建供水管网200公里。
附件：重点任务分工
序号
重点任务
牵头单位
配合单位
完成时限
1
实施水源工程建设
市水利局
市发展改革委、市财政局
2025年底前
2
推进城乡管网互联互通
市水务集团
各县（市、区）政府
2026年6月底前
3
开展水质监测
市卫生健康委
市生态环境局
长期坚持
"""


def test_table_written_one_cell_per_line(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, LINE_TABLE)
    got = [(t.title, units(t), deadlines(t)) for t in doc.tasks]
    assert got == [
        ("实施水源工程建设", [("市水利局", "lead"), ("市发展改革委", "participant"), ("市财政局", "participant")],
         [("2025年底前", "2025-12-31", "by")]),
        ("推进城乡管网互联互通", [("市水务集团", "lead"), ("各县(市、区)政府", "participant")],
         [("2026年6月底前", "2026-06-30", "by")]),
        ("开展水质监测", [("市卫生健康委", "lead"), ("市生态环境局", "participant")], [("长期坚持", None, "ongoing")]),
    ]
    assert doc.tasks[0].text.startswith("1.实施水源工程建设。")  # the measure of the text, assigned by the table



def test_a_deadline_field_and_the_dates_of_the_text(tmp_path: Path) -> None:
    text = ("某县乡村振兴工作方案\n二、重点任务\n"
            "1.建设农村供水工程。到2027年，农村自来水普及率达到95%。（责任单位：县水利局；完成时限：2025年底前）\n")
    [t] = parse_text(tmp_path, text).tasks
    assert deadlines(t) == [("2025年底前", "2025-12-31", "by"), ("到2027年", "2027-12-31", "by")]


def test_dated_goals_are_not_tasks(tmp_path: Path) -> None:
    text = ("某市全民健身实施计划\n一、总体要求\n（一）指导思想。坚持以人民为中心。\n"
            "（二）主要目标。2025年底前，人均体育场地面积达到2.6平方米。\n"
            "二、主要任务\n（一）完善目标考核。2024年底前出台考核办法。\n")
    assert [t.title for t in parse_text(tmp_path, text).tasks] == ["完善目标考核"]


GROUPED_BY_LEAD = """丙市2026年民生实事任务清单

一、市卫生健康委牵头事项（2项）

1.新建社区卫生服务站12个。

2.为65岁以上老年人免费体检，2026年10月底前完成。

二、市教育局、市财政局负责的工作任务

3.新增公办学位5000个。（市住房城乡建设局配合）

三、提升城市品质

4.改造老旧小区80个。
"""


def test_a_heading_that_names_the_lead_assigns_every_item_under_it(tmp_path: Path) -> None:
    """Allocation lists group items under "<unit>牵头事项" headings instead of annotating each; a heading
    of content ("三、提升城市品质") leads nothing, and an item's own note of partners adds to the heading's lead."""
    doc = parse_text(tmp_path, GROUPED_BY_LEAD)
    by_number = {t.number: t for t in doc.tasks}
    assert units(by_number["1."]) == [("市卫生健康委", "lead")]
    assert units(by_number["2."]) == [("市卫生健康委", "lead")]
    assert [d[1] for d in deadlines(by_number["2."])] == ["2026-10-31"]
    assert units(by_number["3."]) == [("市教育局", "lead"), ("市财政局", "lead"), ("市住房城乡建设局", "participant")]
    assert "4." not in by_number or not any(u.role == "lead" for u in by_number["4."].units)


NOTES_IN_PROSE = """戊县农村供水保障工作方案

三、重点任务

（一）推进规模化供水。由县水利局负责，2026年6月底前完成3处规模化水厂建设。

（二）加强水源保护。县生态环境局牵头，县水利局配合，持续推进。

（三）完善运行机制。县水利局负责指导各乡镇建立管护制度。

四、保障措施

一是强化组织领导。成立县级工作专班，每季度调度一次。（责任单位：县委办公室）二是加大资金投入。统筹各级资金，2026年底前足额拨付。（责任单位：县财政局）
"""


def test_notes_written_as_clauses_of_the_text(tmp_path: Path) -> None:
    """"由X负责，…" and "X牵头，Y配合，…" are notes without brackets; "X负责指导…" is a sentence about X."""
    doc = parse_text(tmp_path, NOTES_IN_PROSE)
    by_number = {t.number: t for t in doc.tasks}
    assert units(by_number["(一)"]) == [("县水利局", "lead")]
    assert [d[1] for d in deadlines(by_number["(一)"])] == ["2026-06-30"]
    assert units(by_number["(二)"]) == [("县生态环境局", "lead"), ("县水利局", "participant")]
    assert by_number["(二)"].ongoing
    assert "(三)" not in by_number  # numbers are width-normalised


def test_an_inline_enumeration_with_a_note_per_part_is_one_task_each(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, NOTES_IN_PROSE)
    by_number = {t.number: t for t in doc.tasks}
    assert by_number["一是"].title == "强化组织领导" and units(by_number["一是"]) == [("县委办公室", "responsible")]
    assert by_number["二是"].title == "加大资金投入" and units(by_number["二是"]) == [("县财政局", "responsible")]
    assert [d[1] for d in deadlines(by_number["二是"])] == ["2026-12-31"]
    assert by_number["一是"].text.startswith("一是强化组织领导") and "县财政局" not in by_number["一是"].text


def test_a_unit_cell_that_labels_its_units_itself(tmp_path: Path) -> None:
    """A 责任单位 cell written "牵头单位：A 责任单位：B、C" follows its own labels: A leads, B and C take part."""
    from tests.plan_fixtures import table

    doc = parse_text(tmp_path, "\n".join(["某市公共文化设施建设工作方案", "一、任务分工",
                                          table("", [["序号", "工作任务", "责任单位", "完成时限"],
                                                     ["1", "建设城市书房20个", "牵头单位：市文化局 责任单位：各区人民政府、市财政局",
                                                      "2025年底前"],
                                                     ["2", "建设乡镇文化站8个", "市文化局", "2025年底前"]])]))
    by_number = {t.number: t for t in doc.tasks}
    assert units(by_number["1"]) == [("市文化局", "lead"), ("各区人民政府", "participant"), ("市财政局", "participant")]
    assert units(by_number["2"]) == [("市文化局", "responsible")]


def test_a_thing_led_by_a_unit_names_the_unit_not_the_thing(tmp_path: Path) -> None:
    """"X由Y牵头，Z配合": Y leads X; the thing before 由 is not part of the unit's name."""
    doc = parse_text(tmp_path, "某县水土保持工作方案\n一、重点工程\n1.山塘清淤工程由县水利局牵头，县财政局配合，2026年底前完成。\n")
    assert [units(t) for t in doc.tasks] == [[("县水利局", "lead"), ("县财政局", "participant")]]


def test_a_note_stating_who_implements_everything_below(tmp_path: Path) -> None:
    """"以下各项工作均需各县、区人民政府(管委会)落实，不再列出" is a convention, not units of the note; "各县、区人民
    政府(管委会)" is one unit (各 over two levels, one body under two names)."""
    doc = parse_text(tmp_path, "\n".join([
        "某市扬尘污染治理实施方案(2024-2026年)", "二、工作任务",
        "1.制定施工扬尘清单。完成建筑工地扬尘源清单编制。〔市住房城乡建设局牵头，市生态环境局、市城管局参与，"
        "各县、区人民政府(管委会)负责落实。以下各项工作均需各县、区人民政府(管委会)落实，不再列出。〕",
        "2.推进道路机扫。提高城市道路机械化清扫率。〔市城管局牵头〕",
    ]))
    first = units(doc.tasks[0])
    assert first[:3] == [("市住房城乡建设局", "lead"), ("市生态环境局", "participant"), ("市城管局", "participant")]
    assert ("各县、区人民政府(管委会)", "responsible") in first and len(first) == 4  # implements: no lead


def test_a_table_copied_one_cell_per_line_with_its_separators(tmp_path: Path) -> None:
    """Web tables copied as text keep a "|" after each cell ("序号 |" / "80 |" / "县教育局 |")."""
    lines = ["某县2025年政府工作报告重点任务分解表", "序号 |", "目标与任务 |", "牵头单位 |", "责任单位 |",
             "1 |", "新增普惠性托位300个以上。 |", "县卫生健康委 |", "各乡镇人民政府 |",
             "2 |", "推进义务教育优质均衡发展。 |", "县教育局 |", "县各有关单位 |"]
    doc = parse_text(tmp_path, "\n".join(lines))
    assert [units(t) for t in doc.tasks] == [[("县卫生健康委", "lead"), ("各乡镇人民政府", "participant")],
                                             [("县教育局", "lead"), ("县各有关单位", "participant")]]


def test_an_annual_programme_dates_its_month_only_deadlines(tmp_path: Path) -> None:
    """Without a date line, "5月底前" in a "2024年…工作要点" is May 2024."""
    doc = parse_text(tmp_path, "某区2024年优化营商环境工作要点\n一、提升审批效率\n"
                               "1.加快建立中介超市。5月底前实现中介超市上线运行。（区政务服务局牵头）\n")
    assert deadlines(doc.tasks[0]) == [("5月底前", "2024-05-31", "by")]


def test_a_decomposition_list_its_leaders_column_and_level_words(tmp_path: Path) -> None:
    """A 责任领导 column names officials, not units; "市国资委等市级有关部门" is 市国资委; "市直有关部门、单位" is one
    group; a goal item set as a heading with its 责任单位 line under it is a task and a target of the year."""
    doc = parse_text(tmp_path, "\n".join([
        "某某区2024年重点工作及责任清单",
        "序号 |", "重点工作 |", "责任领导 |", "责任单位 |", "完成时限 |",
        "1 |", "推进老旧小区改造，全年改造小区30个。 |", "王明 |", "区住建局 |", "全年 |",
        "二、主要预期目标",
        "(一)地区生产总值增长6%以上",
        "责任单位:区发展改革局、区统计局等区级有关部门",
        "(二)优化政务服务",
        "责任单位:区政务服务局、区直有关部门、单位",
    ]))
    got = {t.title[:8]: [(u.name, u.role) for u in t.units] for t in doc.tasks}
    assert got["推进老旧小区改造"] == [("区住建局", "responsible")]
    assert got["地区生产总值增长"] == [("区发展改革局", "responsible"), ("区统计局", "responsible")]
    assert got["优化政务服务"] == [("区政务服务局", "responsible"), ("区直有关部门、单位", "responsible")]
    goal = [t for t in doc.targets if t.value == 6.0]
    assert [(t.kind, t.year, t.comparator) for t in goal] == [("target", 2024, ">=")]


def test_a_task_table_copied_one_cell_per_line_with_group_rows_and_lone_bars(tmp_path: Path) -> None:
    """Web tables pasted one cell per line: the header after the title (not joined onto it), group headings
    spanning the table ("一、…") between rows, and "|" separators on lines of their own."""
    doc = parse_text(tmp_path, "\n".join([
        "某某区教育局2025年重点工作任务分解表",
        "序号", "重点工作任务", "主要责任单位", "协同配合单位",
        "一、2025年主要预期目标",
        "3", "新建公办幼儿园5所。", "区教育局", "区住建局、区财政局",
        "二、全力办好人民满意的教育",
        "7", "推进义务教育优质均衡发展。", "区教育局", "各乡镇人民政府",
    ]))
    assert doc.title == "某某区教育局2025年重点工作任务分解表"
    assert [(t.number, units(t)) for t in doc.tasks] == [
        ("3", [("区教育局", "responsible"), ("区住建局", "participant"), ("区财政局", "participant")]),
        ("7", [("区教育局", "responsible"), ("各乡镇人民政府", "participant")])]
    bars = parse_text(tmp_path, "\n".join(["某某市城市管理工作任务表", "|", "序号", "|", "工作任务", "|", "负责部门", "|",
                                           "时间进度", "|", "|", "1", "|", "完善城市管理体制", "|", "市城管局", "|",
                                           "2025年6月底前", "|"]))
    assert [(t.title, units(t), [d.date for d in t.deadlines]) for t in bars.tasks] == [
        ("完善城市管理体制", [("市城管局", "responsible")], ["2025-06-30"])]


def test_a_progress_table_whose_rows_open_with_their_number(tmp_path: Path) -> None:
    """"12.推进…。 | … | 区城管局 |": a row that opens with its number is still a table row, and a note that
    slid under the 牵头单位 column of a row that lost cells names no unit."""
    doc = parse_text(tmp_path, "\n".join([
        "某区2026年区政府重点工作任务落实清单推进情况",
        "年度重点工作 | 细化任务及目标 | 三季度目标 | 分管领导 | 牵头单位 | 落实情况",
        "12.推进停车设施建设，新建公共泊位2100个。 | 新建公共泊位2100个 | 完成1500个 | 张三 | 区城管局 | 已完成1200个",
        "13.推进垃圾分类。 | 建成处置中心 | 试运营 | 李四 | 区城管局 | 土建完成",
        "完成主干道撤桶 | 部门协调不了。无任务经费。目前试行 | 是 |"]))
    units = [[(u.name, u.role) for u in t.units] for t in doc.tasks]
    assert units[:2] == [[("区城管局", "lead")], [("区城管局", "lead")]]
    assert all("。" not in u.name for t in doc.tasks for u in t.units)


def test_label_lines_under_an_item_with_an_official_and_cooperating_units(tmp_path: Path) -> None:
    """"1.…" then "牵头负责领导：张某。" "牵头责任单位：…" "协同责任单位：…": one task; the official names no unit,
    协同责任单位 beside a lead label names the participants."""
    doc = parse_text(tmp_path, "\n".join([
        "某省人民政府关于2026年重点工作及责任分解的通知", "一、确保完成全年主要预期目标",
        "1.全省生产总值增长6%以上，在实际工作中力争更好结果。", "牵头负责领导：张某。", "牵头责任单位：省发展改革委。",
        "协同责任单位：省政府各部门、各直属机构。", "2.固定资产投资力争增长8%以上。", "牵头负责领导：李某。",
        "牵头责任单位：省统计局。", "协同责任单位：省财政厅。"]))
    assert [(t.number, [(u.name, u.role) for u in t.units]) for t in doc.tasks] == [
        ("1.", [("省发展改革委", "lead"), ("省政府各部门", "participant"), ("各直属机构", "participant")]),
        ("2.", [("省统计局", "lead"), ("省财政厅", "participant")])]


def test_a_notes_side_slots_and_a_division_of_work_line(tmp_path: Path) -> None:
    """"…;数据提供单位:市统计局" names who supplies the figure (no lead, no label in its name); "部门分工:" under an
    item is its units field, its role phrases deciding."""
    doc = parse_text(tmp_path, "\n".join([
        "某市2026年《政府工作报告》目标任务责任分解方案", "一、主要预期目标",
        "1.地区生产总值增长6%左右。(牵头单位:市发展改革委;数据提供单位:市统计局)",
        "2.城镇新增就业5万人。", "部门分工:市人力资源社会保障局牵头,各区、各部门配合。"]))
    assert [units(t) for t in doc.tasks] == [
        [("市发展改革委", "lead"), ("市统计局", "participant")],
        [("市人力资源社会保障局", "lead"), ("各区", "participant"), ("各部门", "participant")]]


def test_a_notices_items_state_their_duty_and_time_in_the_paragraph_under_them(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "\n".join([
        "甲省人民政府办公厅关于开展惠民政策落实情况自查的通知", "各市（州）人民政府，省政府各部门：",
        "一、各地自查", "各市（州）于6月20日18:00前向省政府报送自查报告。",
        "二、部门自查", "各主管部门完成自查报告，12月底前报省政府督查室。",
        "三、工作要求", "各地要高度重视。", "（一）加强领导。2026年9月底前完成整改。",
        "甲省人民政府办公厅", "2026年6月5日"]))
    got = [(t.number, [(d.date, d.kind) for d in t.deadlines]) for t in doc.tasks]
    assert got[:2] == [("一、", [("2026-06-20", "by")]), ("二、", [("2026-12-31", "by")])]
    assert "三、" not in [n for n, _ in got]  # its paragraph opens the items under it


def test_a_table_copied_one_cell_a_line_is_read_by_its_rows(tmp_path: Path) -> None:
    """A web page's table copied as "|" / "1 |" / "某项目 |" … lines: each row is a task of its units column, its
    figures the year's goals of an annual list of livelihood projects."""
    cells = ["序号", "项目名称", "建设地点", "建设时间", "2026年建设内容", "年度投资金额（万元）", "责任单位"]
    rows = [["1", "城北道路建设项目", "某某街道", "2026", "建成城北路延伸段道路2公里。", "300", "住建局"],
            ["2", "高标准农田建设项目", "某某镇", "2026", "实施田块整治500亩，建设机电井7座。", "4930", "农业农村局"]]
    lines = ["某县人民政府关于印发某县2026年十大民生实事项目的通知", "各镇人民政府：", "附件：", "|", "某县2026年十大民生实事项目清单 |",
             "||||||"]
    for row in [cells, *rows]:
        lines += ["|"] + [f"{c} |" for c in row]
    doc = parse_text(tmp_path, "\n".join(lines))
    assert "1 | 城北道路建设项目 | 某某街道 | 2026 |" in doc.text
    assert [(t.number, [u.normalized for u in t.units]) for t in doc.tasks] == [
        ("1", ["住房城乡建设局"]), ("2", ["农业农村局"])]
    assert {(t.value, t.unit, t.year) for t in doc.targets} >= {(500.0, "亩", 2026), (7.0, "座", 2026)}


def test_people_and_progress_labels_end_the_units_before_them(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "\n".join([
        "某市2027年民生实事项目进展情况", "一、交通",
        "2.新增安装300套路口视频采集设备。 牵头领导:王某某 责任单位:市公安局 项目责任人:李某 配合单位:市城管局、市财政局 "
        "实际完成情况:已完成。",
        "3.新辟公交线路10条。 牵头领导:王某某 责任单位:市交通委 项目责任人:张某 配合单位:市财政局"]))
    assert [units(t) for t in doc.tasks] == [
        [("市公安局", "responsible"), ("市城管局", "participant"), ("市财政局", "participant")],
        [("市交通委", "responsible"), ("市财政局", "participant")]]


def test_support_units_item_numbers_before_years_and_yearly_stages(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "\n".join([
        "某市某区城市更新2025年度实施计划",
        "一、行动任务",
        "1.推进甲片区更新。（牵头单位：经济技术开发区、某街道，支撑单位：区规划资源局、区建设管理委）",
        "二、工作安排",
        "1.2025年8月底前完成自查。（责任单位：区水务局）",
        "2.强化考核。强化前期自查、年中指导、年末检查，年底前完成评估。（责任单位：区财政局）",
    ]))
    got = [(t.number, units(t), deadlines(t)) for t in doc.tasks]
    assert got[0][1] == [("经济技术开发区", "lead"), ("某街道", "lead"), ("区规划资源局", "participant"),
                         ("区建设管理委", "participant")]
    assert got[1][0] == "1." and got[1][2] == [("2025年8月底前", "2025-08-31", "by")]
    assert got[2][2] == [("年底前", "2025-12-31", "by")]  # 年中指导 / 年末检查: every year's stages


def test_a_duty_division_part_names_each_unit_in_a_heading(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "\n".join([
        "某市某区排水防涝实施方案",
        "一、工作任务",
        "（一）推进管网改造。完成改造3个。（责任单位：区水务局）",
        "四、职责分工",
        "(一)区建管委",
        "牵头协调本区排水防涝工作，负责规划修编。",
        "(二)区财政局",
        "负责在政府投资项目中安排年度预算。",
        "五、保障措施",
        "(一)加强组织领导",
        "成立领导小组。",
    ]))
    got = [(t.title, units(t)) for t in doc.tasks]
    assert got == [("推进管网改造", [("区水务局", "responsible")]),
                   ("牵头协调本区排水防涝工作", [("区建管委", "responsible")]),
                   ("负责在政府投资项目中安排年度预算", [("区财政局", "responsible")])]


def test_a_page_whose_line_breaks_became_spaces_is_read_by_its_numbering(tmp_path: Path) -> None:
    """A web copy that set the whole notice on one line, its breaks turned into spaces: the headings and items
    are read as the document numbers them (a space before a mark ends a line in Chinese text)."""
    doc = parse_text(tmp_path, "甲乙市水利局关于印发2025年全市水土保持工作要点的通知 各县区水务局: 现将《2025年全市水土保持工作要点》"
                     "印发你们。 甲乙市水利局 2025年3月17日 2025年全市水土保持工作要点 总体思路:加强预防保护,提供有力支撑。 "
                     "一、加强水土保持预防监督 1.推进落实空间管控。6月底前完成重点区划定,12月底前全面完成陡坡地范围划定。"
                     "(甲乙市水土保持站负责) 2.强化监管。建立常态化监管机制,年内检查项目不少于20个。(甲乙市水利局负责) "
                     "二、推进重点治理 3.实施综合治理。治理水土流失面积1.5亿元的项目除外。\n")
    got = [(t.number, [u.normalized for u in t.units], [d.date for d in t.deadlines]) for t in doc.tasks]
    assert got[:2] == [("1.", ["甲乙市水土保持站"], ["2025-06-30", "2025-12-31"]), ("2.", ["甲乙市水利局"], [None])]


def test_a_space_inside_a_chinese_sentence_before_a_decimal_is_no_line_break() -> None:
    from ingest.read.relines import split_glued_numbering
    line = "完成投资 1.5亿元,新建泵站 2座。 (一) 其余工作。"
    assert split_glued_numbering(line) == [line]


def test_a_table_one_cell_a_line_with_a_group_line_and_merged_cells(tmp_path: Path) -> None:
    """An annex table copied one cell a line: a group line over its rows ("推进实施示范工程"), and rows that lost their
    merged 事项 and 责任单位 cells: each such row's own text is its measure, the merged cells come from above."""
    lines = ["甲乙市交通领域光伏推广应用实施方案", "一、主要任务", "（一）推进示范工程。加快建设。", "附表1", "任务分工表",
             "序号", "事项", "工作措施", "责任单位", "推进实施示范工程",
             "1", "“光伏+地铁”工程", "充分利用高架车站、停车场等资源，进行光伏项目的开发和建设", "甲乙地铁集团",
             "2", "新建高架车站、基地库房等要求屋顶光伏覆盖面积达到50%",
             "3", "“光伏+公交”工程", "利用公交枢纽、首末站建设光伏车棚", "甲乙公交集团、各区政府"]
    doc = parse_text(tmp_path, "\n\n".join(lines))
    got = [(t.number, t.title[:8], [u.normalized for u in t.units]) for t in doc.tasks if t.number in ("1", "2", "3")]
    assert got == [("1", "充分利用高架车站", ["甲乙地铁集团"]), ("2", "新建高架车站、基", ["甲乙地铁集团"]),
                   ("3", "利用公交枢纽、首", ["甲乙公交集团", "各区政府"])]


def test_a_notice_naming_its_parts_by_their_themes_states_work_in_each_part(tmp_path: Path) -> None:
    """No unit notes and no part called 主要任务: every numbered measure of its parts is a task (its numbered
    safeguards too: the dev gold leaves out only unnumbered 保障 paragraphs), but not its aims, its index system,
    nor the annex after its body."""
    doc = parse_text(tmp_path, "\n".join([
        "甲乙省医疗保障局关于全面推进即时结算改革的通知", "各市医疗保障局：",
        "一、总体要求", "（一）工作目标。2026年底前实现即时结算全覆盖。",
        "二、强化即时结算机制建设", "（一）规范资金拨付机制。各地要按月拨付资金。", "（二）强化审核把关机制。完善审核规则。",
        "三、指标体系", "（一）医疗质量。通过质量指标考核医院。",
        "四、加强工作保障", "（一）加强组织领导。各地要高度重视。",
        "附件", "即时结算示范场景", "1.门诊即时结算。在某医院开展。", "2.住院即时结算。在某医院开展。"]))
    assert [(t.number, t.title) for t in doc.tasks] == [("(一)", "规范资金拨付机制"), ("(二)", "强化审核把关机制"),
                                                       ("(一)", "加强组织领导")]


def test_one_item_naming_who_in_passing_does_not_make_a_notice_annotated(tmp_path: Path) -> None:
    """"…日常管理主要由项目承担单位负责" in one measure is a sentence, not a unit note: the notice still states its work
    in every numbered part."""
    doc = parse_text(tmp_path, "\n".join([
        "甲乙省人民政府办公厅关于抓好科研管理改革落实工作的通知", "各市人民政府：",
        "一、充分认识改革的重要意义", "各地要提高认识。",
        "二、深入推进下放管理权限工作", "（一）推动预算调剂权落实到位。各部门要修订管理办法。",
        "（二）推动项目过程管理权落实到位。加强成果考核，日常管理主要由项目承担单位负责。",
        "三、加强督促检查", "（一）开展自查。各地要开展自查。", "（二）做好宣传。各部门要加强宣传。"]))
    assert [t.title for t in doc.tasks] == ["推动预算调剂权落实到位", "推动项目过程管理权落实到位", "开展自查", "做好宣传"]


def test_parts_beside_the_operative_part_are_work_unless_aims_scope_or_safeguards(tmp_path: Path) -> None:
    """A plan without unit notes that names its operative part (三、具体措施): its other numbered parts named by their
    themes (四、政策衔接，多方联动) or by how the work is organised (五、组织形式) are work too; scope and safeguards are not."""
    doc = parse_text(tmp_path, "\n".join([
        "甲乙省药品集中采购试点方案", "一、总体要求", "（一）基本原则。坚持以量换价。",
        "二、采购范围及形式", "（一）采购范围。选择部分品种。",
        "三、具体措施", "（一）带量采购。按用量估算采购量。", "（二）保证回款。医保基金预付货款。",
        "四、政策衔接，多方联动", "（一）探索支付标准协同。以中选价为支付标准。",
        "五、组织形式", "（一）成立试点工作小组。由省医保局牵头组建。",
        "六、保障措施", "（一）加强组织领导。各地要高度重视。"]))
    assert [t.title for t in doc.tasks] == ["带量采购", "保证回款", "探索支付标准协同", "成立试点工作小组"]


def test_a_theme_titled_part_that_mentions_safeguards_is_still_work_and_a_lone_figure_stays(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "\n".join([
        "甲乙市关于加强和规范电网规划投资管理工作的通知", "各区发展改革委：",
        "一、专项监管主要内容", "1.基本情况：企业当前人员、资产情况等。",
        "二、安全护航：筑牢应用赋能安全保障", "（一）提升安全保障能力。加强网络安全防护。", "（二）建立安全治理机制。完善治理规则。",
        "三、工作要求", "1.各单位要高度重视。", "2.各单位应按要求及时提供资料。",
        "本次检查时间为", "2021", "年", "2", "月", "13", "日。"]))
    assert [(t.number, t.title) for t in doc.tasks] == [("(一)", "提升安全保障能力"), ("(二)", "建立安全治理机制")]


def test_a_part_named_by_the_change_it_makes_beside_the_operative_part_is_work(tmp_path: Path) -> None:
    """An opinion with no unit notes that names its operative part (二、严格落实工作措施) and a part named by the change
    it makes (三、健全复核工作机制): the items of both are its work; its aims and safeguards are not."""
    doc = parse_text(tmp_path, "\n".join([
        "甲乙省人民政府办公厅关于全面推行行政执法复核机制的指导意见", "各市人民政府：",
        "一、总体要求", "（一）指导思想。坚持依法行政。",
        "二、严格落实工作措施", "（二）明确复核范围。各地要全面梳理执法事项。",
        "三、健全复核工作机制", "（三）完善复核方式。复核机构可以采用多种方式复核。",
        "四、加强组织保障", "（四）加强组织领导。各地要高度重视。"]))
    assert [t.title for t in doc.tasks] == ["明确复核范围", "完善复核方式"]


def test_a_part_that_reforms_a_process_is_work_and_a_process_part_is_not(tmp_path: Path) -> None:
    """"五、优化评审考核机制" sets out to change how reviews are run: its items are measures; "三、申报流程" describes
    how to apply."""
    doc = parse_text(tmp_path, "\n".join([
        "甲乙省关于支持小微企业融资的指导意见", "各市人民政府：",
        "一、降低融资成本", "（一）降低担保费率。各地要逐步降低费率。",
        "二、申报流程", "（二）提交材料。企业向所在县提交申请。",
        "三、优化评审考核机制", "（三）实施差异化考核。金融管理部门要调整考核办法。", "（四）完善绩效评价。财政部门要制定评价办法。"]))
    assert [t.title for t in doc.tasks] == ["降低担保费率", "实施差异化考核", "完善绩效评价"]


def test_numbered_safeguards_of_a_notice_without_notes_are_its_work(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "\n".join([
        "甲乙省关于做好电力合同签订工作的通知", "各市发展改革委：",
        "一、总体要求", "（一）指导思想。坚持市场化方向。",
        "二、保障足量签约", "（一）充分发挥合同的规避风险作用。各地要鼓励签约。",
        "三、保障措施", "（一）加强组织领导。各地要高度重视。", "（二）强化督促检查。定期通报进展。"]))
    assert [t.title for t in doc.tasks] == ["充分发挥合同的规避风险作用", "加强组织领导", "强化督促检查"]


def test_a_notices_parts_that_state_their_work_under_the_heading_and_its_footer(tmp_path: Path) -> None:
    """"四、加强事中事后监管 / 我办将…": a part whose heading is the measure and whose paragraph says it; the 落款 and the
    page's footer below it ("主办单位：…") belong to no item."""
    doc = parse_text(tmp_path, "\n".join([
        "甲乙省能源监管办关于做好电力市场注册工作的通知", "各供电企业：", "一、简化合同要求", "（一）统一业务办理流程。省电力公司应制定统一流程。",
        "四、加强事中事后监管", "我办将进一步加强监管，对违规行为依法处理。", "甲乙省能源监管办公室", "2018年10月26日",
        "主办单位：甲乙省能源监管办公室"]))
    assert [(t.number, t.title, t.units) for t in doc.tasks] == [("四、", "加强事中事后监管", [])]


def test_a_table_one_cell_a_line_with_a_unit_a_line_and_a_sub_row(tmp_path: Path) -> None:
    """A county's 民生实事 table copied one cell a line: a 责任单位 cell written one name a line, a sub-row under a
    merged unit cell (its own measure and date), and a month with no year in the 完成时限 cell (the year of the notice)."""
    lines = ["某县人民政府办公室关于2025年民生实事分解落实的通知", "各乡镇人民政府，县级各部门：", "现将民生实事分解下达。",
             "某县人民政府办公室", "2025年3月2日", "附件", "2025年民生实事任务分解表",
             "序号", "民生实事", "责任单位", "完成时限",
             "1", "新建城东污水处理厂。", "县水务局", "县住建局", "县城投公司", "12月底前",
             "2", "改造农贸市场3个。", "县商务局", "8月投入使用",
             "3", "开工建设县养老服务中心。", "县民政局", "5月底前动工", "建成社区食堂10个。", "11月底前",
             "4", "迁建县图书馆。", "县文旅局", "县代建中心", "10月"]
    doc = parse_text(tmp_path, "\n\n".join(lines))
    got = [(t.number, t.title, [u.normalized for u in t.units], [d.date for d in t.deadlines]) for t in doc.tasks]
    assert got == [
        ("1", "新建城东污水处理厂", ["县水务局", "县住房城乡建设局", "县城投公司"], ["2025-12-31"]),
        ("2", "改造农贸市场3个", ["县商务局"], ["2025-08-31"]),
        ("3", "开工建设县养老服务中心", ["县民政局"], ["2025-05-31", None, "2025-11-30"]),
        ("4", "迁建县图书馆", ["县文化和旅游局", "县代建中心"], ["2025-10-31"])]


def test_a_run_in_heading_is_named_by_its_first_sentence_and_a_note_s_rule_clause_names_no_unit(tmp_path: Path) -> None:
    """"四、强化算力底座。支持企业开发…申报…": the part is named "强化算力底座" (the measure after it may say 申报 or
    内容 without making the part a process); "以下均涉及各县区、园区，不再重复列出" in a note is its rule, not units."""
    doc = parse_text(tmp_path, "\n".join([
        "甲乙市关于支持数字经济创新发展的实施方案", "为加快数字经济发展，制定本方案。",
        "一、建设数字社区。结合各地资源禀赋，打造一批数字社区。",
        "二、夯实算力底座。推动企业共享工具包，包括模型训练、内容审核等工具，鼓励企业申报省级项目。",
        "三、强化人才队伍保障。组织开展专场招聘，支持企业开展评审认定。",
        "四、加强组织领导。建立工作专班，统筹推进各项任务。"]))
    assert [t.number for t in doc.tasks] == ["一、", "二、", "三、", "四、"]
    doc = parse_text(tmp_path, "\n".join([
        "甲乙市推进数字经济发展若干措施", "一、重点任务",
        "1.建设算力中心。统筹全市算力资源。（责任单位：市数据局，各县区人民政府、市各园区管委会，以下均涉及各县区、园区，不再重复列出）",
        "2.培育数据企业。（责任单位：市数据局）"]))
    assert [u.normalized for u in doc.tasks[0].units] == ["市数据局", "各县区人民政府", "市各园区管委会"]


def test_a_task_table_drawn_with_box_characters(tmp_path: Path) -> None:
    """An old text file's table drawn with │ and ├─┼─┤ (its rule lines inside the table), a "责任任务" column (the
    task, though it opens with 责任), and a row whose task cell runs on over two drawn lines (one title)."""
    lines = ["甲乙市2006年河道治理实施方案", "附件", "2006年河道治理工作任务分解表",
             "┌──┬─────┬──────────┬────────┐",
             "│序号│ 责任单位 │ 责任任务       │完成时间    │",
             "├──┼─────┼──────────┼────────┤",
             "│1  │市城建委  │启动东河改造工程。     │2006年6月底以前 │",
             "├──┼─────┼──────────┼────────┤",
             "│2  │市水务局 │完成北湖周边截污、   │2006年底以前  │",
             "│  │     │清淤等工程。      │        │",
             "└──┴─────┴──────────┴────────┘"]
    doc = parse_text(tmp_path, "\n".join(lines))
    got = [(t.number, t.title, [u.normalized for u in t.units], [d.date for d in t.deadlines]) for t in doc.tasks]
    assert got == [("1", "启动东河改造工程", ["市城建委"], ["2006-06-30"]),
                   ("2", "完成北湖周边截污、清淤等工程", ["市水务局"], ["2006-12-31"])]


def test_an_events_particulars_are_no_work(tmp_path: Path) -> None:
    """A notice of a survey: "一、调研时间", "三、调研方式", "四、其他事宜" say when and how it runs; a notice's work part
    ("二、工作任务") stays work."""
    doc = parse_text(tmp_path, "\n".join([
        "关于开展甲乙市中小学校舍安全调研的通知", "各区县教育局：", "现将有关事项通知如下：",
        "一、调研时间", "2026年3月1日-4月30日。", "二、工作任务", "1.各区县教育局要全面排查校舍安全隐患。",
        "三、调研方式", "1.听取区县教育局工作汇报；", "2.实地察看学校校舍。", "四、其他事宜", "1.具体行程另行通知。"]))
    assert [t.title for t in doc.tasks] == ["各区县教育局要全面排查校舍安全隐患"]


def test_labels_in_lenticular_brackets_and_a_note_opened_by_you(tmp_path: Path) -> None:
    """"【牵头单位】甲局【配合单位】乙局" labels its units; "（由甲局牵头，各区政府落实）" is a note though it opens with 由;
    "（由县水保中心落实基地建设）" is prose."""
    doc = parse_text(tmp_path, "\n".join([
        "某市2026年重点工作任务分解方案", "一、重点任务",
        "（一）建设数字平台。整合政务数据。【牵头单位】市数据局【配合单位】市财政局",
        "（二）推进老旧小区改造。完成改造50个。（由市住建局牵头，各区政府落实）",
        "（三）建设示范基地。2026年底前建成。（由县水保中心落实基地建设）"]))
    got = [(t.number, [(u.name, u.role) for u in t.units]) for t in doc.tasks]
    assert got == [("(一)", [("市数据局", "lead"), ("市财政局", "participant")]),
                   ("(二)", [("市住建局", "lead"), ("各区政府", "responsible")]),
                   ("(三)", [])], got
