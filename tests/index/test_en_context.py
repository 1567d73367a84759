"""What an English chunk's passage carries beyond its own lines (`index.en_context`): its section,
the chapeaux above it, the sections it cites, the items its closing chapeau introduces.

The texts are written for these tests in the shapes orders, statutes and policies use."""

from __future__ import annotations

from index.en_context import leads, trails
from index.passages import passage_text
from ingest.models import Chunk

ORDER = """Executive Order on Cleaner Ferries

Sec. 2. Harbor Ferry Emission Standards. (a) The Administrator shall consider issuing rules on harbor ferry engines.
(b) The Secretary of Transportation shall review fuel standards for ferries.
Sec. 3. Reporting Deadlines. (a) With respect to the rules described in section 2(a) of this order, the Administrator shall consider issuing a proposed rule by March 2031.
(b) The Secretary shall report on sections 4 through 5 of this order.
Sec. 4. Port Grants. (a) The Secretary shall fund shore power.
Sec. 5. Workforce. (a) The Secretary of Labor shall train operators.
"""

STATUTE = """## 12.34.010 - Water use reductions.
1. The county shall limit water withdrawals to achieve the following reductions:
    a. By 2035, reduce withdrawals to eighty million gallons, or thirty percent below 2015 levels;
    b. By 2045, reduce withdrawals to sixty million gallons, or fifty percent below 2015 levels.
2. The board shall report every second year.
"""

POLICY = """## 6. Requirements
*   6.1.1The Director of Harbor Services is responsible for:
*   6.1.1.1Inspecting ferry terminals and reporting on:
*   6.1.1.1.1 Accessibility of boarding ramps; and
*   6.1.1.1.2 Lighting of waiting areas.
*   6.1.1.2Publishing an annual service report.
"""


def chunk(text: str, first: str, last: str) -> Chunk:
    """The chunk from the line holding `first` to the end of the line holding `last`."""
    start = text.rindex("\n", 0, text.index(first)) + 1
    end = text.index("\n", text.index(last))
    while text[start] == " ":
        start += 1
    return Chunk(f"c{start}", "d", start, end, "", None, text[start:end])


def test_an_item_carries_its_section_and_every_chapeau_above_it() -> None:
    c = chunk(STATUTE, "By 2035", "By 2035")
    lead = leads(STATUTE, [c])[c.chunk_id]
    assert "12.34.010 - Water use reductions" in lead
    assert "The county shall limit water withdrawals to achieve the following reductions:" in lead
    assert lead.index("Water use") < lead.index("The county")  # outermost first
    text = passage_text(c, document="Water Code", lead=lead)
    assert text.endswith(c.text) and text.startswith("Water Code\n")


def test_nested_chapeaux_come_outermost_first() -> None:
    c = chunk(POLICY, "6.1.1.1.1", "6.1.1.1.2")
    lead = leads(POLICY, [c])[c.chunk_id]
    assert lead.index("The Director of Harbor Services is responsible for:") < lead.index(
        "Inspecting ferry terminals and reporting on:")


def test_a_line_that_does_not_end_with_a_colon_is_no_chapeau() -> None:
    c = chunk(STATUTE, "The board shall report", "The board shall report")
    assert "The county shall limit" not in leads(STATUTE, [c]).get(c.chunk_id, "")


def test_a_chunk_holding_its_chapeau_does_not_repeat_it() -> None:
    c = chunk(STATUTE, "The county shall limit", "By 2045")
    assert "The county shall limit" not in leads(STATUTE, [c]).get(c.chunk_id, "")


def test_a_cited_section_brings_its_title() -> None:
    c = chunk(ORDER, "With respect to the rules", "With respect to the rules")
    lead = leads(ORDER, [c])[c.chunk_id]
    assert "Sec. 2. Harbor Ferry Emission Standards" in lead
    assert "Port Grants" not in lead


def test_a_cited_range_brings_every_title_in_it() -> None:
    c = chunk(ORDER, "report on sections 4 through 5", "report on sections 4 through 5")
    lead = leads(ORDER, [c])[c.chunk_id]
    assert "Sec. 3. Reporting Deadlines" in lead  # the chunk's own section, as its heading
    assert "Sec. 4. Port Grants" in lead and "Sec. 5. Workforce" in lead
    assert "Harbor Ferry" not in lead


def test_a_chunk_ending_with_a_chapeau_carries_the_items_it_introduces() -> None:
    c = chunk(POLICY, "6.1.1The Director", "6.1.1The Director")
    trail = trails(POLICY, [c])[c.chunk_id]
    assert trail.splitlines() == ["Inspecting ferry terminals and reporting on:", "Publishing an annual service report."]
    assert passage_text(c, trail=trail).endswith("\nPublishing an annual service report.")


def test_no_trail_when_the_chunk_holds_its_items_or_ends_with_no_chapeau() -> None:
    whole = chunk(STATUTE, "The county shall limit", "By 2045")
    plain = chunk(STATUTE, "The board shall report", "The board shall report")
    assert trails(STATUTE, [whole, plain]) == {}


def test_a_cited_subsection_brings_what_it_says() -> None:
    c = chunk(ORDER, "With respect to the rules", "With respect to the rules")
    lead = leads(ORDER, [c])[c.chunk_id]
    assert "The Administrator shall consider issuing rules on harbor ferry engines." in lead
    assert "review fuel standards" not in lead  # 2(b) is not cited
    holding = chunk(ORDER, "Sec. 2. Harbor", "With respect to the rules")  # the chunk holds 2(a) itself
    assert "harbor ferry engines" not in leads(ORDER, [holding]).get(holding.chunk_id, "")
