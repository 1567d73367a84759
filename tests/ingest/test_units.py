"""Unit lists -> units with roles; alias table and document-wide normalisation."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.recognise.units import (
    AliasTable,
    alias_table,
    known_unit_names,
    looks_like_unit,
    normalize_names,
    parse_units,
    role_class,
)


def roles(text: str, **kw: object) -> list[tuple[str, str]]:
    return [(u.name, u.role) for u in parse_units(text, **kw)]  # type: ignore[arg-type]


def test_bare_list_is_responsible_and_splits_on_every_separator() -> None:
    assert roles("市交通局、市财政局,各区人民政府;市公安局／市城管局") == [
        ("市交通局", "responsible"), ("市财政局", "responsible"), ("各区人民政府", "responsible"),
        ("市公安局", "responsible"), ("市城管局", "responsible")]


def test_role_phrases_close_groups() -> None:
    text = "省卫生健康委、省医保局按职责分工负责,省疾控中心技术牵头,省财政厅、省药监局参与"
    assert roles(text) == [("省卫生健康委", "lead"), ("省医保局", "lead"), ("省疾控中心", "lead"),
                           ("省财政厅", "participant"), ("省药监局", "participant")]
    assert roles("区商务局牵头、区市场监管局、区税务局参与") == [
        ("区商务局", "lead"), ("区市场监管局", "participant"), ("区税务局", "participant")]
    assert roles("市体育局负责,市教育局承担、各区政府参与") == [
        ("市体育局", "lead"), ("市教育局", "lead"), ("各区政府", "participant")]
    assert roles("市委宣传部、市网信办组织协调,市融媒体中心分别承担") == [
        ("市委宣传部", "lead"), ("市网信办", "lead"), ("市融媒体中心", "lead")]
    assert roles("由州林草局牵头,州公安局协助,各县人民政府负责落实") == [
        ("州林草局", "lead"), ("州公安局", "participant"), ("各县人民政府", "responsible")]


def test_units_answering_for_their_parts_after_the_lead_are_not_leads() -> None:
    assert roles("市发展改革委牵头，市应急局、市市场监管局按职责分工负责") == [
        ("市发展改革委", "lead"), ("市应急局", "responsible"), ("市市场监管局", "responsible")]
    assert roles("区住建局牵头负责，区财政局负责，各街道配合") == [
        ("区住建局", "lead"), ("区财政局", "responsible"), ("各街道", "participant")]
    # named before the lead, or beside a technical lead only, a duty stays a lead
    assert roles("市水务局负责,市水文站牵头,市环科院参与") == [
        ("市水务局", "lead"), ("市水文站", "lead"), ("市环科院", "participant")]
    assert roles("省水利厅按职责分工负责,省水文中心技术牵头") == [("省水利厅", "lead"), ("省水文中心", "lead")]


@pytest.mark.parametrize(("phrase", "role"), [
    ("牵头", "lead"), ("负责", "lead"), ("组织", "lead"), ("组织协调", "lead"), ("协调", "lead"),
    ("技术牵头", "lead"), ("承担", "lead"), ("分别承担", "lead"), ("按职责分工负责", "lead"),
    ("依据职责分工负责", "lead"), ("参与", "participant"), ("配合", "participant"), ("协助", "participant"),
])
def test_role_classes(phrase: str, role: str) -> None:
    assert role_class(phrase) == role
    assert roles(f"市气象局{phrase}") == [("市气象局", role)]


def test_role_words_inside_names_are_not_roles() -> None:
    assert roles("市委组织部、市人力资源和社会保障局负责") == [("市委组织部", "lead"), ("市人力资源和社会保障局", "lead")]
    assert roles("区综合协调办") == [("区综合协调办", "responsible")]


def test_a_guiding_ministry_is_responsible_not_lead() -> None:
    assert roles("甲部指导，乙市政府负责落实") == [("甲部", "responsible"), ("乙市政府", "lead")]
    assert roles("甲部牵头，乙部参与") == [("甲部", "lead"), ("乙部", "participant")]
    assert roles("市教育局负责指导") == [("市教育局", "lead")]  # 负责指导: the one in charge, not a unit named "…负责"


def test_conjunctions_split_only_between_units() -> None:
    assert roles("市住房和城乡建设局和市工业和信息化局") == [
        ("市住房和城乡建设局", "responsible"), ("市工业和信息化局", "responsible")]
    assert roles("县水务局及各乡镇人民政府") == [("县水务局", "responsible"), ("各乡镇人民政府", "responsible")]
    assert roles("各乡镇人民政府") == [("各乡镇人民政府", "responsible")]
    # "城市运行" is a field of work, not a bank: one office named by two fields; a bank before 和 is a unit
    assert roles("市城市运行和应急管理办、市财政局") == [("市城市运行和应急管理办", "responsible"), ("市财政局", "responsible")]
    assert roles("人民银行和市金融局") == [("人民银行", "responsible"), ("市金融局", "responsible")]
    # "及其": the body and its own departments, one group ("其有关部门" is no unit by itself)
    assert roles("甲县人民政府及其有关部门、县财政局") == [("甲县人民政府及其有关部门", "responsible"), ("县财政局", "responsible")]


def test_brackets() -> None:
    assert roles("市文旅局(牵头)、市商务局、各县(市、区)人民政府") == [
        ("市文旅局", "lead"), ("市商务局", "participant"), ("各县(市、区)人民政府", "participant")]
    assert roles("县医保局（牵头）") == [("县医保局", "lead")]
    # a second name in brackets is the same body under two names: kept as written
    assert roles("县卫健局(县疾控中心)、县医保局") == [("县卫健局(县疾控中心)", "responsible"), ("县医保局", "responsible")]
    assert roles("领导小组办公室(设在县卫健局)") == [("领导小组办公室(设在县卫健局)", "responsible")]


def test_names_kept_as_written() -> None:
    # 各 over a list of levels is one unit; the note scoping a name is not part of it
    assert roles("省交通运输厅、各市、县(区)人民政府") == [("省交通运输厅", "responsible"), ("各市、县(区)人民政府", "responsible")]
    assert roles("各省、自治区、直辖市人民政府") == [("各省、自治区、直辖市人民政府", "responsible")]
    assert roles("市民政局、各区、县级市政府") == [("市民政局", "responsible"), ("各区、县级市政府", "responsible")]
    assert roles("各县(市、区)人民政府〈含高新区管委会,下同〉、县水利局") == [
        ("各县(市、区)人民政府", "responsible"), ("县水利局", "responsible")]
    assert roles("县卫生健康局(县中医药管理局)") == [("县卫生健康局(县中医药管理局)", "responsible")]
    # a level list that does not end in a government stays split
    assert [u.name for u in parse_units("各市、县水利局")] == ["各市", "县水利局"]


def test_generic_tails_and_groups() -> None:
    assert roles("省农业农村厅、省供销社等和各有关市州人民政府负责") == [
        ("省农业农村厅", "lead"), ("省供销社", "lead"), ("各有关市州人民政府", "lead")]
    assert roles("省水利厅等有关部门和单位负责") == [("省水利厅", "lead")]
    assert roles("各县(市、区)党委和政府") == [("各县(市、区)党委和政府", "responsible")]
    assert roles("各有关部门和单位,各市人民政府按职责分工负责") == [
        ("各有关部门和单位", "lead"), ("各市人民政府", "lead")]
    assert roles("省妇联、省残联、省科协") == [("省妇联", "responsible"), ("省残联", "responsible"), ("省科协", "responsible")]


def test_label_role_wins_when_fixed() -> None:
    assert roles("省水利厅、省农业农村厅按职责分工负责", default_role="participant", fixed_role=True) == [
        ("省水利厅", "participant"), ("省农业农村厅", "participant")]


def test_strips_connectives_and_etc() -> None:
    assert roles("县科技局、县工信局等部门配合") == [("县科技局", "participant"), ("县工信局", "participant")]


def test_english_lists() -> None:
    assert roles("Department of Agriculture and Rural Affairs and the county governments") == [
        ("Department of Agriculture and Rural Affairs", "responsible"), ("the county governments", "responsible")]
    assert roles("Energy Bureau (lead), Ministry of Ecology and Environment") == [
        ("Energy Bureau", "lead"), ("Ministry of Ecology and Environment", "participant")]
    assert roles("Health Commission leads, with support from city governments and NGOs") == [
        ("Health Commission", "lead"), ("city governments", "participant"), ("NGOs", "participant")]


def test_looks_like_unit() -> None:
    assert looks_like_unit("市生态环境局") and looks_like_unit("各街道") and looks_like_unit("Water Bureau")
    assert looks_like_unit("省工商联") and looks_like_unit("共青团中央")
    assert not looks_like_unit("加强监督检查")


NO_ALIASES = AliasTable({}, {})


def test_normalisation_rules_per_document() -> None:
    lists = [["县教体局", "县财政局"], ["县体教局", "县财政局"], ["县教体局"],  # transposed typo
             ["县发展改革局", "县市场监管局"], ["县发展和改革局"], ["县发展改革局"],  # full name vs own short form
             ["县气象站", "县林科所"], ["县气象站", "县林科所"], ["县气象站县", "林科所"]]  # moved character
    got = normalize_names(lists, NO_ALIASES)
    assert got["县体教局"] == "县教体局"
    assert got["县发展和改革局"] == "县发展改革局"
    assert (got["县气象站县"], got["林科所"]) == ("县气象站", "县林科所")
    assert got["县财政局"] == "县财政局"
    # the alias table then maps the document's spelling, typo variants included
    assert normalize_names(lists)["县体教局"] == normalize_names(lists)["县教体局"] == "县教育体育局"


def test_moved_character_between_neighbours() -> None:
    lists = [["区规资局", "区城投集团"], ["区规资局", "区城投集团"], ["区区规资局", "城投集团"]]
    got = normalize_names(lists, NO_ALIASES)
    assert (got["区区规资局"], got["城投集团"]) == ("区规资局", "区城投集团")


def test_missing_common_prefix() -> None:
    lists = [["镇农办", "镇财政所", "镇综治办"], ["镇农办"], ["财政所", "镇综治办"]]
    assert normalize_names(lists, NO_ALIASES)["财政所"] == "镇财政所"


def test_names_shortened_in_a_list_get_their_full_normalised_form() -> None:
    lists = [["省交通运输厅", "财政厅", "自然资源厅", "各市人民政府"], ["杭州", "宁波", "温州市政府"],
             ["大理州", "楚雄州人民政府"], ["交通运输部", "财政部"]]
    got = normalize_names(lists, NO_ALIASES)
    assert (got["财政厅"], got["自然资源厅"]) == ("省财政厅", "省自然资源厅")
    assert (got["杭州"], got["宁波"], got["温州市政府"]) == ("杭州市政府", "宁波市政府", "温州市政府")
    assert got["大理州"] == "大理州人民政府"
    assert got["财政部"] == "财政部"  # no level was given
    # a word that starts like a level is not one; a name with its own level or place stays
    got = normalize_names([["市场监管总局", "发展改革委"], ["省发展改革委", "团省委", "某某金融监管局"]], NO_ALIASES)
    assert (got["发展改革委"], got["团省委"], got["某某金融监管局"]) == ("发展改革委", "团省委", "某某金融监管局")
    got = normalize_names([["各省级人民政府"], ["各省级人民政府"], ["各有关省级人民政府"]], NO_ALIASES)
    assert got["各有关省级人民政府"] == "各有关省级人民政府"  # a subset, not a spelling


def test_different_units_stay_apart() -> None:
    lists = [["县水利局", "县水利工程管理局"], ["县水利局"], ["县水利工程管理局"], ["县水利工程管理局"]]
    got = normalize_names(lists, NO_ALIASES)
    assert got["县水利局"] == "县水利局" and got["县水利工程管理局"] == "县水利工程管理局"


def test_alias_table_and_user_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = alias_table()
    assert table.lookup("市发改委") == "市发展改革委"  # suffix entry keeps the prefix
    user = tmp_path / "aliases.tsv"
    user.write_text("# mine\n区两新工委\t区委社会工作部\n市发改委\t市发展和改革委员会\n", encoding="utf-8")
    monkeypatch.setenv("POLICYKB_UNIT_ALIASES", str(user))
    table = alias_table()
    assert table.lookup("区两新工委") == "区委社会工作部"
    assert table.lookup("市发改委") == "市发展和改革委员会"  # the user's table wins
    assert "区两新工委" in known_unit_names() and "区委社会工作部" in known_unit_names()
    assert normalize_names([["区两新工委"]])["区两新工委"] == "区委社会工作部"


def test_known_unit_names_takes_extra_names() -> None:
    names = known_unit_names(["县 林业局"])
    assert "县林业局" in names and names == sorted(names)


_UNITISH = st.text(alphabet=st.sampled_from(list("县市省局委办中心政府和及、,，;；()（）牵头负责参与配合 ABand")), max_size=50)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), _UNITISH), st.sampled_from(["lead", "participant", "responsible"]),
       st.booleans())
def test_splitter_never_raises_and_spans_are_exact(text: str, role: str, fixed: bool) -> None:
    for u in parse_units(text, role, fixed):  # type: ignore[arg-type]
        assert 0 <= u.start < u.end <= len(text)
        assert text[u.start:u.end] == u.name and u.name.strip() == u.name
        assert u.role in ("lead", "participant", "responsible")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.text(min_size=1, max_size=12), max_size=5), max_size=6))
def test_normalisation_never_raises_and_covers_every_name(lists: list[list[str]]) -> None:
    got = normalize_names(lists)
    assert set(got) == {n for lst in lists for n in lst}


def test_each_of_several_levels_without_their_government_is_one_group() -> None:
    assert roles("市科协，各区、县级市") == [("市科协", "responsible"), ("各区、县级市", "responsible")]
    assert roles("各有关区、县（市）") == [("各有关区、县（市）", "responsible")]
    assert roles("各区、各部门") == [("各区", "responsible"), ("各部门", "responsible")]


def test_the_name_of_a_role_is_no_unit() -> None:
    from ingest.recognise.units import looks_like_unit
    assert not looks_like_unit("协同单位") and not looks_like_unit("牵头单位") and looks_like_unit("区民政局")


def test_a_clause_ending_like_a_body_is_no_unit() -> None:
    from ingest.recognise.units import looks_like_unit
    assert not looks_like_unit("依此对自己在竞价活动中的行") and looks_like_unit("中国农业银行")


def test_a_named_bodys_trailing_group_after_deng_is_dropped() -> None:
    from ingest.recognise.units import parse_units
    assert [u.name for u in parse_units("公安部、税务总局等国务院相关部门以及各地区")] == ["公安部", "税务总局", "各地区"]
