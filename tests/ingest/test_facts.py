"""Document facts read from the text alone: title, issuer, 文号, date, kind, region.

Every document here is written for the test in the shapes official documents take."""

from __future__ import annotations

import pytest

from ingest.facts import merge, read_facts
from ingest.models import DocMeta

NOTICE = """某省交通运输厅关于印发《某省农村公路提升行动方案（2025—2027年）》的通知
某交发〔2025〕12号
各市（州）交通运输局：
现将《某省农村公路提升行动方案（2025—2027年）》印发给你们，请认真贯彻落实。
某省交通运输厅
2025年3月8日
某省农村公路提升行动方案（2025—2027年）
一、总体要求
"""

OPINION = """国务院办公厅关于加快推进
县域商业体系建设的指导意见
国办发〔2024〕7号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
一、总体要求
（一）到2027年，县域商业体系基本建成。
国务院办公厅
二〇二四年十一月二十日
（此件公开发布）
"""

WORK_REPORT = """政府工作报告
——2026年1月22日在甲省第十四届人民代表大会第五次会议上
甲省省长  某某
各位代表：
一、2025年工作回顾
"""

ORDER = """Executive Order on Modernizing Regional Ports

March 3, 2027

By the authority vested in me as President by the Constitution and the laws of the United States of America,
it is hereby ordered as follows:

Section 1. Policy.

THE WHITE HOUSE,

March 3, 2027.
"""


def test_a_transmittal_notice_names_the_plan_it_carries() -> None:
    f = read_facts(NOTICE)
    assert f.title == "某省农村公路提升行动方案（2025—2027年）"
    assert (f.issuer, f.doc_number, f.date, f.kind, f.region) == (
        "某省交通运输厅", "某交发〔2025〕12号", "2025-03-08", "plan", "某省")


def test_a_title_broken_over_two_lines_and_a_date_in_chinese_numerals() -> None:
    f = read_facts(OPINION)
    assert f.title == "国务院办公厅关于加快推进县域商业体系建设的指导意见"
    assert (f.date, f.kind, f.region, f.doc_number) == ("2024-11-20", "opinion", "全国", "国办发〔2024〕7号")


def test_a_work_report_takes_its_date_and_place_from_the_speaker_line() -> None:
    f = read_facts(WORK_REPORT)
    assert f.title == "政府工作报告"
    assert (f.date, f.kind, f.region) == ("2026-01-22", "work_report", "甲省")


def test_an_executive_order() -> None:
    f = read_facts(ORDER)
    assert f.title == "Executive Order on Modernizing Regional Ports"
    assert (f.date, f.kind, f.issuer) == ("2027-03-03", "executive_order", "The White House")


@pytest.mark.parametrize("text", ["摘 要\n本文分析了某流域治理成效。\n关键词：流域；治理",
                                  "Abstract: We study erosion control in a river basin.\nKeywords: erosion"])
def test_papers_are_told_from_plans(text: str) -> None:
    assert read_facts(text).kind == "paper"


def test_a_manifest_refines_but_is_not_needed() -> None:
    found = read_facts(NOTICE)
    merged = merge(found, DocMeta(title="Rural road plan", date=None))
    assert merged.title == "Rural road plan" and merged.date == "2025-03-08" and merged.kind == "plan"


def test_a_notice_the_text_carries_out_is_not_its_title() -> None:
    """"为落实《某省人民政府关于印发<某省…方案>的通知》…" cites the province's plan; the first line is the title."""
    meta = read_facts("某市打赢蓝天保卫战实施方案(2024-2026年)\n"
                      "为落实《某省人民政府关于印发<某省打赢蓝天保卫战实施方案(2023-2026年)>的通知》部署要求，制定本方案。\n"
                      "一、目标要求\n")
    assert meta.title == "某市打赢蓝天保卫战实施方案(2024-2026年)" and meta.region == "某市"


@pytest.mark.parametrize(("head", "date", "region"), [
    ("政 府 工 作 报 告\n——2025年1月10日在乙县第十八届人民代表大会第五次会议上\n县长 张 明", "2025-01-10", "乙县"),
    ("丙区2025年政府工作报告\n2025年3月2日在丙区第十九届人民代表大会第四次会议上\n丙区人民政府区长 李华", "2025-03-02", "丙区"),
    ("政府工作报告\n（2024年2月5日在丁旗第十七届人民代表大会第三次会议上）\n旗长 王强", "2024-02-05", "丁旗"),
    ("政府工作报告\n——2025 年 3 月 30 日在戊县第十五届人民代表大会\n六次会议上\n戊县人民政府县长 赵刚", "2025-03-30", "戊县"),
])
def test_a_work_reports_speaker_line_in_the_shapes_reports_are_set_in(head: str, date: str, region: str) -> None:
    """Spaced titles, speaker lines without the dash, in brackets or broken after 人民代表大会, banners (旗):
    the date and place are read, and neither the speaker line's rest nor the speaker is the title."""
    f = read_facts(head + "\n各位代表：\n现在，我代表人民政府向大会报告工作，请予审议。\n")
    assert (f.title, f.date, f.kind, f.region) == ("政府工作报告" if "丙区" not in head else "丙区2025年政府工作报告",
                                                   date, "work_report", region)


def test_a_report_without_its_title_line_is_known_by_its_address() -> None:
    f = read_facts("各位代表：\n现在，我代表县人民政府向大会报告工作，请予审议。\n一、过去一年工作回顾\n")
    assert f.kind == "work_report"


def test_a_title_opening_with_its_year_names_its_place_and_a_headline_word_is_none() -> None:
    from ingest.recognise.places import place_in_title

    assert place_in_title("2026年某某县政府工作报告") == "某某县"
    assert place_in_title("2025年度某某区重点工作任务") == "某某区"
    assert place_in_title("地区生产总值增长5.6%以上，某某区描绘2025年发展蓝图") is None


def test_a_news_report_of_a_congress_session_names_its_place() -> None:
    f = read_facts("地区生产总值增长5.6%以上，某某区描绘2025年发展蓝图\n1月9日，某某市某某区第十九届人民代表大会第四次会议召开。"
                   "会上，区长代表区人民政府向大会报告工作。\n")
    assert (f.kind, f.region) == ("work_report", "某某区")


def test_a_head_full_of_place_characters_has_no_congress_and_ends() -> None:
    """The congress pattern is found first and a place looked for only right before it, so a head of 800 市
    (a pattern of nested repeats took minutes on 50) returns at once; pytest's timeout guards it."""
    from ingest.facts import document_region

    assert document_region("", "", "市" * 800) is None
    assert document_region("", "", "区市" * 390 + "，某某市某某县第一届人民代表大会") == "某某县"


def test_an_approval_is_about_the_place_whose_plan_it_approves() -> None:
    head = "国务院关于甲北乙新区总体规划（2026—2040年）的批复\n国函〔2026〕3号\n甲省人民政府：\n"
    f = read_facts(head)
    assert (f.kind, f.region) == ("approval", "甲北乙新区")  # not 全国: the State Council approves it
    assert read_facts("国务院关于同意丙市城市总体规划的批复\n").region == "丙市"
    assert read_facts("国务院办公厅关于加快发展丁产业的指导意见\n").region == "全国"  # no place after 关于


@pytest.mark.parametrize(("title", "place"), [
    ("中国（甲省）自由贸易试验区乙新片区推进数字贸易的若干措施", "乙新片区"),
    ("中国(丙省)自由贸易试验区丁片区管理委员会", "丁片区"),
    ("中国（甲省）自由贸易试验区条例", "甲省自由贸易试验区"),
])
def test_a_free_trade_zone_is_the_area_it_names(title: str, place: str) -> None:
    from ingest.recognise.places import place_in_title
    assert place_in_title(title) == place


def test_an_order_governs_the_place_of_its_author() -> None:
    assert read_facts(ORDER).region == "United States"
    release = "THE WHITE HOUSE\nFACT SHEET: New Funding for Rural Clinics\nToday, the Department announced …\n"
    assert read_facts(release).region == "United States"
    state = "Executive Order No. 7\nBy the authority vested in me as Governor of the State of Westland, …\n"
    assert read_facts(state).region == "Westland"  # a governor's order: the governor's state
    city = "THE CITY OF EASTPORT\nOFFICE OF THE MAYOR\nEXECUTIVE ORDER NO. 12\nJune 2, 2027\nCLEAN FLEETS\n"
    assert read_facts(city).region == "Eastport"  # a mayor's order under the city's letterhead


def test_a_notice_without_its_title_line_names_what_it_transmits() -> None:
    head = "\n".join(["某政办函〔2026〕8号", "各乡镇人民政府，县直有关单位：",
                      "《某县全民健身提升行动计划（2026-2028年）主要目标任务》《某县全民健身提升行动计划（2026-2028年）"
                      "责任清单》已经县人民政府第十七届52次常务会议审议通过。现印发给你们，请认真组织实施。",
                      "某县人民政府办公室", "2026年4月30日", "（此件公开发布）", "某县全民健身提升行动计划"])
    assert read_facts(head).title == "某县全民健身提升行动计划（2026-2028年）主要目标任务"
    half_width = "某政办发〔2026〕3号\n《某市交通强市行动方案》已经市政府同意,现印发给你们,请认真贯彻落实。\n"
    assert read_facts(half_width).title == "某市交通强市行动方案"


def test_a_letterhead_or_publication_mark_is_no_title() -> None:
    assert read_facts("某市某区城市管理局\n2026年区政府重点工作任务落实清单\n一、…\n").title == \
        "2026年区政府重点工作任务落实清单"
    assert read_facts("某市人民政府\n关于印发某市供水规划的通知\n").title == "某市供水规划"  # still joined
    assert read_facts("（此件公开发布）\n某市供水保障行动方案\n").title == "某市供水保障行动方案"


def test_a_mayor_named_before_the_congress_is_no_place() -> None:
    from ingest.recognise.places import place_in_title
    assert place_in_title("张某市长在某某市第十六届人民代表大会第四次会议上的政府工作报告") is None
    assert read_facts("张某市长在某某市第十六届人民代表大会第四次会议上的政府工作报告\n各位代表：\n").region == "某某市"
    assert place_in_title("某某市委办公室关于印发…的通知") == "某某市"  # an issuer: the 市委's city


@pytest.mark.parametrize(("title", "place"), [
    ("江苏省南京市推进数字政府建设实施方案", "南京市"),  # the place within the place
    ("福建省福州市鼓楼区城市管理局", "福州市"),  # one level down, no further
    ("福州市鼓楼区城市管理局", "鼓楼区"),
    ("某市推进城市更新行动方案", "某市"),  # a verb after the place, no place 推进城市
    ("某市推进区县协调发展的意见", "某市"),
    ("某市智慧城市建设三年行动计划", "某市"),  # a kind of city
    ("某市城市社区嵌入式服务设施建设方案", "某市"),
    ("某省加快新区建设的意见", "某省"),
])
def test_a_place_named_within_a_place(title: str, place: str) -> None:
    from ingest.recognise.places import place_in_title
    assert place_in_title(title) == place


def test_a_letterhead_names_the_issuer_when_nothing_else_does() -> None:
    f = read_facts("福州市鼓楼区城市管理局\n2026年区政府重点工作任务落实清单\n一、…\n")
    assert (f.issuer, f.region) == ("福州市鼓楼区城市管理局", "鼓楼区")


def test_a_status_a_place_earns_is_no_place() -> None:
    from ingest.recognise.places import place_in_title
    assert place_in_title("国家级生态县创建工作方案") is None
    assert place_in_title("省级文明城市创建实施方案") is None
    assert place_in_title("某县创建国家级生态县工作方案") == "某县"


def test_a_title_naming_a_national_status_is_not_national() -> None:
    assert read_facts("国家级生态县创建工作方案\n一、指导思想\n").region is None
    assert read_facts("国家发展改革委关于印发某行动方案的通知\n").region == "全国"


def test_a_news_copy_of_the_national_work_report() -> None:
    head = "\n".join(["新华社受权播发《政府工作报告》", "2027-03-14 10:40:34 | 来源：某日报",
                      "新华社北京3月13日电 新华社受权于13日全文播发国务院总理在十五届全国人大二次会议上所作的《政府工作报告》。",
                      "今年发展主要预期目标是：国内生产总值增长5%左右。"])
    f = read_facts(head)
    assert (f.kind, f.region, f.date) == ("work_report", "全国", "2027-03-14")


def test_a_document_citing_its_own_places_organs() -> None:
    """No place in the title, but "根据《中共甲乙市委、甲乙市人民政府关于…》" and units of that level (市科协, 市发展改革委):
    the city. A county citing its city's decision speaks as a county, so the city is not taken."""
    city = "\n".join(["关于推进人才集聚工程的实施意见",
                      "为深入贯彻落实市第十次党代会精神，根据《中共甲乙市委、甲乙市人民政府关于全面推进新型城市化发展的决定》，"
                      "提出以下实施意见。", "1.引进人才。（牵头单位：市科协，配合单位：市发展改革委、市教育局）",
                      "2.培育人才。（牵头单位：市人力资源社会保障局）"])
    assert read_facts(city).region == "甲乙市"
    county = city.replace("市科协，配合单位：市发展改革委、市教育局", "县科协，配合单位：县发展改革委、县教育局").replace(
        "市人力资源社会保障局", "县人力资源社会保障局").replace("市第十次党代会", "县第十次党代会")
    assert read_facts(county).region is None
    report = "《政府工作报告》摘要\n日期：2027年01月24日\n1月20日，丙丁县人民政府县长张某在作《政府工作报告》时说…\n"
    assert read_facts(report).region == "丙丁县"


def test_a_place_after_its_provinces_short_name_is_that_place() -> None:
    from ingest.recognise.places import place_in_title

    assert place_in_title("河南某某县第十八届人民代表大会第三次会议开幕") == "某某县"
    assert place_in_title("江苏甲乙市推进数字化转型实施方案") == "甲乙市"
    assert place_in_title("湖北省支持创新发展若干措施") == "湖北省"  # the province itself
    assert place_in_title("浙江大学发展规划") is None


def test_an_english_title_naming_its_country_by_adjective_gives_the_region() -> None:
    assert read_facts("Canadian Net-Zero Emissions Accountability Act\nAn Act respecting transparency.\n").region == \
        "Canada"
    assert read_facts("Westland Housing Plan\nThe plan sets goals.\n").region is None


def test_a_title_opening_with_a_provinces_short_name_and_its_measure() -> None:
    from ingest.recognise.places import place_in_title

    assert place_in_title("重庆推进政务服务智能化") == "重庆市"
    assert place_in_title("广西加快数字经济发展若干措施") == "广西壮族自治区"
    assert place_in_title("江苏2027年重点工作任务") == "江苏省"
    assert place_in_title("北京大学发展规划") is None  # a university, not the city


@pytest.mark.parametrize(("head", "title", "issuer", "region"), [
    # a forwarded document, named by whoever drew it up: the quoted name is the title
    ("# 甲市乙丙区人民政府办公室关于转发区建设管理委制订的《乙丙区城市更新2025年度实施计划》的通知\n各街道：\n",
     "乙丙区城市更新2025年度实施计划", "甲市乙丙区人民政府办公室", "乙丙区"),
    # "本区" in the notice's title; the covering letter names the plan with its place
    ("# 甲市丁戊区人民政府办公室关于印发2021年本区城市体检工作方案的通知\n各镇人民政府：\n"
     "《2021年丁戊区城市体检工作方案》已经区政府同意，现印发给你们，请认真按照执行。\n",
     "2021年丁戊区城市体检工作方案", "甲市丁戊区人民政府办公室", "丁戊区"),
    # 下发; a bureau's name holding 和市 is no place within the city
    ("甲乙市绿化和市容管理局关于下发《甲乙市花推广应用三年行动计划(2024-2026年)》的通知\n各区：\n",
     "甲乙市花推广应用三年行动计划(2024-2026年)", "甲乙市绿化和市容管理局", "甲乙市"),
])
def test_forwarded_and_issued_notices(head: str, title: str, issuer: str, region: str) -> None:
    f = read_facts(head + "一、工作任务\n（一）开展体检。\n")
    assert (f.title, f.issuer, f.region) == (title, issuer, region)


def test_a_generic_park_in_a_title_is_no_place_within_the_city() -> None:
    from ingest.recognise.places import place_in_title
    assert place_in_title("甲乙市零碳园区建设工作方案") == "甲乙市"
    assert place_in_title("甲乙市丙丁区城市更新方案") == "丙丁区"


@pytest.mark.parametrize(("field", "date"), [
    ("Effective date: **2026-01-20**", "2026-01-20"),
    ("Published: 14 March 2025", "2025-03-14"),
    ("Date of issue: March 14, 2025", "2025-03-14"),
    ("Signed on 2 June 2024", "2024-06-02"),
    ("成文日期: | 2023-07-03 | 有效性: | 有效 |", "2023-07-03"),
])
def test_a_date_stated_on_a_field_line_of_the_head(field: str, date: str) -> None:
    assert read_facts(f"Westland Port Access Plan\n{field}\n\n1. The Authority shall publish a map.\n").date == date


def test_a_date_inside_a_sentence_is_not_the_documents() -> None:
    assert read_facts("Westland Port Access Plan\n\nThe Authority was established on 2 June 2024 by statute.\n").date is None


def test_a_government_orders_subject_line_is_its_title_and_its_dated_line_its_date() -> None:
    text = ("No. 14/2026-Housing Section-3\nEastport: Dated 10 February, 2026\nFrom,\nPrincipal Secretary,\n"
            "Government of Westland.\nTo,\nAll Development Authorities.\n"
            "Subject: Regarding the implementation of the Westland Urban Renewal Policy, 2026.\nSir,\n"
            "The Development Authority shall prepare a project report.\n")
    facts = read_facts(text)
    assert (facts.title, facts.date) == ("Westland Urban Renewal Policy, 2026", "2026-02-10")


def test_a_sub_total_row_is_no_subject_line() -> None:
    assert read_facts("Westland Farm Strategy\nSub-Total for Adaptation\n12\n").title == "Westland Farm Strategy"


def test_a_bill_is_named_by_its_number_and_what_it_relates_to() -> None:
    text = ("SECOND REGULAR SESSION\nHOUSE BILL NO. 412\n103RD GENERAL ASSEMBLY\nINTRODUCED BY REPRESENTATIVE SMITH.\n"
            "AN ACT\nTo repeal section 44.10 and to enact in lieu thereof one new section relating to water meters.\n"
            "Be it enacted by the General Assembly, as follows:\n")
    facts = read_facts(text)
    assert (facts.title, facts.kind) == ("House Bill No. 412, relating to water meters", "law")


def test_a_submission_is_named_by_who_submits_it() -> None:
    text = ("### Select Committee on Electric Vehicles\n\n### Submission from the South Australian Government\n\n"
            "## September 2018\n\nThe Government has set a target of 30% low emission vehicles in its fleet by 2019.\n")
    facts = read_facts(text)
    assert (facts.title, facts.region) == ("Submission from the South Australian Government", "South Australia")


def test_list_items_and_a_pages_field_lines_are_no_titles() -> None:
    assert read_facts("(ii) 28 per cent by 2015, and\n(iii) 44 per cent by 2020,\n").title is None
    assert read_facts("Policy status:In Force\nDate Effective:2015\nWestland Solar Policy 2015\n").title == \
        "Westland Solar Policy 2015"


def test_a_title_about_its_own_city_takes_the_issuers_place() -> None:
    facts = read_facts("关于推进本市新建建筑可再生能源应用的实施意见\n甲乙市住房和城乡建设管理委员会\n一、指导思想\n")
    assert facts.region == "甲乙市"


def test_a_development_zone_named_by_its_title_is_its_place() -> None:
    """A development zone governs itself: "甲乙经济技术开发区关于…" is for that zone (its name is longer than a county's)."""
    from ingest.recognise.places import place_in_title

    assert place_in_title("甲乙经济技术开发区关于支持数字经济发展的十条措施") == "甲乙经济技术开发区"
    assert place_in_title("丙丁高新区管委会关于印发2026年工作要点的通知") == "丙丁高新区"
    assert place_in_title("某某市关于推进开发区建设的意见") == "某某市"


def test_an_autonomous_banner_is_a_place() -> None:
    """自治旗 (an autonomous banner, Inner Mongolia's county level) names a place, an issuer line above a title too."""
    from ingest.facts import read_facts
    from ingest.recognise.places import place_in_title

    assert place_in_title("某某蒙古族自治旗人民政府办公室") == "某某蒙古族自治旗"
    facts = read_facts("某某族自治旗人民政府办公室\n关于印发2025年《政府工作报告》\n重点任务责任分工的通知\n各苏木乡镇人民政府：\n"
                       "现将《2025年〈政府工作报告〉重点任务责任分工》印发给你们。\n2025年2月1日", None)
    assert facts.region == "某某族自治旗"


def test_a_text_naming_no_place_in_its_title_takes_the_city_its_body_keeps_naming() -> None:
    """"关于加快打造数字经济高地的若干举措" names no place; its body names 甲乙市 three times (丙丁市 once): 甲乙市.
    Two cities named as often are no answer, nor is one named once."""
    from ingest.facts import read_facts

    body = ("关于加快打造数字经济高地的若干举措\n为抢抓数字经济机遇，助力甲乙市打造数字经济高地，特制定本举措。\n"
            "一、支持在甲乙市重点园区建设数字社区。\n二、鼓励企业与丙丁市开展合作。\n三、对落户甲乙市的企业给予支持。")
    assert read_facts(body, None).region == "甲乙市"
    even = body.replace("与丙丁市开展合作", "与丙丁市、戊己市开展合作，服务丙丁市企业、丙丁市高校")
    assert read_facts(even, None).region is None
    assert read_facts("关于加快打造数字经济高地的若干举措\n助力甲乙市打造数字经济高地。", None).region is None


def test_a_city_named_without_its_suffix_in_a_campaigns_name_or_opening_a_title() -> None:
    """"“山海之城 美丽厦门”建设行动方案" and "健康泉州行动…" name their city without 市 (a table of China's cities says
    which names are cities); "长治久安…", "美丽中国…" name none."""
    from ingest.recognise.places import place_in_title

    assert place_in_title("“山海之城 美丽厦门”建设行动方案(2024—2028年)") == "厦门市"
    assert place_in_title("健康泉州行动实施方案") == "泉州市"
    assert place_in_title("泉州推进数字经济发展工作方案") == "泉州市"
    assert place_in_title("长治久安的若干保障措施") is None
    assert place_in_title("美丽中国建设实施方案") is None


def test_a_statutes_short_title_names_it_and_a_republic_over_it_is_its_place() -> None:
    """"This Act shall be known as the “Westland Rivers Act.”" under the legislature's lines and a bill number: the
    Act's name is the title; "Republic of Westland" heading the page is its state."""
    from ingest.facts import read_facts

    head = ("Republic of Westland\n**WESTLAND PARLIAMENT**\nSecond Regular Session\n\nParliament Bill No. **12**\n\n"
            "**AN ACT PROVIDING FOR THE CARE OF RIVERS**\n\n**SECTION 1. Short Title.** – This Act shall be known as the "
            "“Westland Rivers Act.”\n\n**SECTION 2.** The Ministry of Water shall publish a river plan.\n")
    facts = read_facts(head, None)
    assert (facts.title, facts.region) == ("Westland Rivers Act", "Westland")


def test_a_page_without_a_title_line_takes_its_place_from_its_file_name(tmp_path) -> None:
    """A page copied from its first item on, saved as "甲乙市交通运输2024年重点工作.txt": the file's name is its title and
    names its place, so its goals are the city's."""
    from ingest.pipeline import parse_file

    path = tmp_path / "甲乙市交通运输2024年重点工作.txt"
    path.write_text("一、主要目标\n到2025年，完成普通公路改造56.9公里，危桥改造11座。\n", encoding="utf-8")
    doc = parse_file(path)
    assert (doc.title, doc.meta.region) == ("甲乙市交通运输2024年重点工作", "甲乙市")
    assert {t.scope for t in doc.targets} == {"甲乙市"}


def test_an_english_plan_that_keeps_naming_one_council_is_that_places(tmp_path) -> None:
    """A city's action plan titled by its module ("Module B-2 Portfolio Design") that names "Eastport City Council" again
    and again (and its country's government too): its goals are Eastport's."""
    from ingest.pipeline import parse_file

    path = tmp_path / "plan.md"
    path.write_text("# Module B-2 Climate Neutrality Portfolio Design\n\nEastport City Council will lead the programme with "
                    "the Westland Government. Eastport City Council will retrofit council homes.\n\n"
                    "2030 Objective (i) 9,000 homes retrofitted.\n\nEastport City Council will report yearly.\n",
                    encoding="utf-8")
    doc = parse_file(path)
    assert {t.scope for t in doc.targets} == {"Eastport"}
