"""Conventions a document states once for every later unit note (列第一位者为牵头单位，下同 …)."""

from __future__ import annotations

from ingest.recognise.units import parse_units
from ingest.tasks.conventions import apply_lead_rule, lead_rules, rule_cut


def test_rule_clauses_end_the_unit_list() -> None:
    for value, kept in [
        ("交通运输部、公安部负责。列第一位者为牵头单位,下同", "交通运输部、公安部负责"),
        ("水利部、自然资源部负责,排在第一位的部门为牵头部门,下同", "水利部、自然资源部负责"),
        ("省农业农村厅、省水利厅,省财政厅;第一个逗号前为牵头单位,多个牵头部门的按职责分工负责,下同",
         "省农业农村厅、省水利厅,省财政厅"),
        ("市水务局,各区、县(市)政府。以下均需各区、县(市)政府落实,不再列出", "市水务局,各区、县(市)政府"),
        ("各区人民政府〈含高新区管委会,下同〉", "各区人民政府〈含高新区管委会,下同〉"),  # a note inside a name stays
        ("省卫生健康委、省医保局", "省卫生健康委、省医保局"),
    ]:
        assert value[:rule_cut(value)] == kept


def test_rule_wordings() -> None:
    for clause, kind in [("排名第一的为牵头单位", "first"), ("第一个单位为牵头单位", "first"), ("牵头单位列第一位", "first"),
                         ("排在首位的部门为牵头部门", "first"), ("逗号前为牵头单位", "first_comma"),
                         ("分号前的单位为牵头单位", "first_semicolon")]:
        assert lead_rules(f"(责任单位:县林业局、县水利局;{clause},下同)").kinds == [kind], clause
    assert lead_rules("县林业局牵头,县水利局配合").kinds == []


def test_rules_hold_from_the_note_that_states_them() -> None:
    text = "(一)建设。(甲局负责)\n(二)维护。(乙局、丙局负责。列第一位的为牵头单位,下同)\n(三)第一个逗号前为牵头单位"
    rules = lead_rules(text)
    assert rules.at(text.index("甲局")) is None
    assert rules.at(text.index("下同")) == "first"
    assert rules.at(len(text)) == "first_comma"


def roles_under(value: str, rule: str | None) -> list[tuple[str, str]]:
    mentions = apply_lead_rule(parse_units(value), value, rule)  # type: ignore[arg-type]
    return [(m.name, m.role) for m in mentions]


def test_lead_rules_give_roles_only_where_the_note_makes_no_distinction() -> None:
    assert roles_under("省林业局、省财政厅、省应急厅负责", "first") == [
        ("省林业局", "lead"), ("省财政厅", "participant"), ("省应急厅", "participant")]
    assert roles_under("市卫健委、市医保局,市财政局、市民政局", "first_comma") == [
        ("市卫健委", "lead"), ("市医保局", "lead"), ("市财政局", "participant"), ("市民政局", "participant")]
    assert roles_under("市卫健委、市医保局", "first_comma") == [("市卫健委", "lead"), ("市医保局", "lead")]
    assert roles_under("市卫健委,市医保局;市财政局", "first_semicolon") == [
        ("市卫健委", "lead"), ("市医保局", "lead"), ("市财政局", "participant")]
    # the note itself says who leads and who assists
    assert roles_under("省林业局牵头,省财政厅配合", "first") == [("省林业局", "lead"), ("省财政厅", "participant")]
    assert roles_under("省林业局、省财政厅负责", None) == [("省林业局", "lead"), ("省财政厅", "lead")]
    # a note that says all its units lead keeps them all, under a first-listed-leads rule too
    assert roles_under("省林业局、省财政厅牵头负责", "first") == [("省林业局", "lead"), ("省财政厅", "lead")]
    assert roles_under("省林业局、省财政厅牵头,省应急厅负责", "first") == [
        ("省林业局", "lead"), ("省财政厅", "lead"), ("省应急厅", "responsible")]
