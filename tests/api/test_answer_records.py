"""Direct tests of api/answer/query.py and tasks.py: what a question pins down, and which units of a task it asks for.

The questions are written for these tests (other provinces and fields), not taken from the gold.
"""

from __future__ import annotations

from api.answer.query import caption_refs, number_refs, parse_question, years_of
from api.answer.tasks import role_phrase, select_units
from ingest.models import Citation, Task, Unit


def _task(text: str, units: list[tuple[str, str]]) -> Task:
    cite = Citation(doc_id="d", source="s.txt", section="", page=None, start=0, end=len(text), quote=text)
    return Task(task_id="t", doc_id="d", source="s.txt", number="1.", section="", title="", text=text,
                units=[Unit(name=n, normalized=n, role=r) for n, r in units], deadlines=[], ongoing=False,
                citation=cite)  # type: ignore[arg-type]


def test_years_named_in_a_question_include_plan_periods() -> None:
    assert years_of("2027年全省粮食产量目标是多少？") == {2027}
    assert years_of("“十五五”期间森林覆盖率要达到多少？") == {2030}
    assert years_of("十六五末和2040年分别是多少") == {2035, 2040}
    assert years_of("到20250年") == set()


def test_tables_and_items_a_question_points_at() -> None:
    assert caption_refs("附表 3中甲县的目标值") == ("附表3",)
    assert caption_refs("专栏2列出了哪些工程") == ("专栏2",)
    assert number_refs("第12项任务由谁负责") == {"12"}
    assert number_refs("Who leads measure No. 7?") == {"7"}


def test_a_question_about_participants_gets_only_them() -> None:
    task = _task("推进智慧农机应用（省农业农村厅牵头，省工业和信息化厅、省财政厅参与）",
                 [("省农业农村厅", "lead"), ("省工业和信息化厅", "participant"), ("省财政厅", "participant")])
    asked = select_units(parse_question("哪些单位参与推进智慧农机应用？"), task)[0]
    assert [u.name for u in asked] == ["省工业和信息化厅", "省财政厅"]
    assert len(select_units(parse_question("推进智慧农机应用由谁负责？"), task)[0]) == 3


def test_role_words_written_after_a_units_list() -> None:
    text = "建立联防联控机制。市应急局组织协调，市公安局、市交通局配合。"
    assert role_phrase(text, Unit("市应急局", "市应急局", "responsible")) == "组织协调"
    assert role_phrase(text, Unit("市交通局", "市交通局", "participant")) == "配合"
    assert role_phrase(text, Unit("市教育局", "市教育局", "participant")) == ""


def test_support_as_the_measures_own_verb_asks_for_its_actor() -> None:
    """"Who will support improved capability …" asks who does it; "Which agencies support the Ministry" asks the
    supporting role."""
    from api.answer.query import roles_asked

    assert roles_asked("Who will support improved digital capability across departments?") == frozenset()
    assert roles_asked("Which agencies support the Ministry in this task?") == frozenset({"participant"})
    assert roles_asked("Who leads and who supports the audit?") == frozenset({"lead", "participant"})
