"""A "by when" question is answered by a sentence that sets a time limit, also one that sets it for
a measure it cites by number ("the rules described in section 2(a) … by March 2031")."""

from __future__ import annotations

from api.answer.draft import _cites_number
from api.answer.text import states_a_deadline


def test_a_time_limit_is_a_deadline_a_named_year_is_not() -> None:
    assert states_a_deadline("The Secretary shall propose a rule by March 2031 and a final rule by May 2032.")
    assert states_a_deadline("The board shall publish its findings within nine months of this act.")
    assert states_a_deadline("The commission shall report no later than the end of each fiscal year.")
    assert states_a_deadline("各区县于2027年底前完成改造。")
    assert not states_a_deadline("The rules shall cover ferries beginning with model year 2029.")
    assert not states_a_deadline("The Secretary shall review harbor fuel standards.")


def test_a_sentence_citing_the_measure_by_its_number() -> None:
    sentence = "With respect to the rules described in section 2(a) of this order, the Administrator shall act by March 2031."
    assert _cites_number(sentence, ["Sec. 2(a)"])
    assert not _cites_number(sentence, ["Sec. 2(b)"])
    assert not _cites_number(sentence, ["Sec. 2"])  # "section 2(a)" names the item, not the whole section
    assert not _cites_number(sentence, ["二.(五).15"])
