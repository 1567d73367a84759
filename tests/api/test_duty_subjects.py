"""Who does a measure without a unit note, read from its sentences: the subject that names units ("科研单位要…"), a
notice asking named bodies to act ("请甲部、乙部等部门在…前完成"), the sentence sharing most of the question's words
first. The sentences are written for these tests."""

from __future__ import annotations

from api.answer.actors import duty_subjects

MEASURE = ("（四）科研单位要健全内部管理制度。专业机构不再承担已下放给科研单位管理的事项，请甲乙部、丙丁委等部门在2029年2月底前完成。"
           "请戊己部会同有关部门修订评估办法。")


def names(question: str) -> list[str]:
    return [u.name for u in duty_subjects(MEASURE, question)]


def test_the_subject_of_the_measure_without_its_number() -> None:
    assert names("谁负责健全内部管理制度？") == ["科研单位"]


def test_the_bodies_a_notice_asks_to_act_in_the_sentence_asked_about() -> None:
    assert names("专业机构不再承担已下放的事项，通知请哪些部门完成？") == ["甲乙部", "丙丁委"]
    assert names("通知请哪个部门修订评估办法？") == ["戊己部"]


def test_generic_subjects_name_nobody() -> None:
    assert duty_subjects("各地区、各有关部门要加强督促检查。", "谁负责督促检查？") == []


def test_a_topic_before_you_and_the_bodies_acted_with() -> None:
    """"本措施由甲区科委会同甲区数据局、甲区财政局等负责解释": the topic before 由 is no body; those it acts with share."""
    got = duty_subjects("4.本措施由甲区科委会同甲区数据局、甲区财政局等负责解释。", "Which bodies interpret the measures?")
    assert [u.name for u in got] == ["甲区科委", "甲区数据局", "甲区财政局"]
    assert [u.name for u in duty_subjects("乙省财政厅要会同有关部门制定办法。", "谁制定办法？")] == ["乙省财政厅"]
