"""Which item a question names - by kind and number ("(Action 9)", "milestone 2.1") or by its code in a coded action
list ("MOB/1/AC/B") - and whether the answer's citations are of that item. A near-miss names an item the documents do
not have, or one beside the item the best passage belongs to."""

from __future__ import annotations

import re

from api.answer.pinned import Difference
from api.answer.query import Query
from index.store import Store
from ingest.models import Citation

# an item the question names by its kind and number ("(Action 9)", "milestone 2.1", "measure 28")
_ITEM_REF = re.compile(r"\b(action|milestone|measure|item|task|recommendation|objective)\s+(\d{1,3}(?:\.\d{1,2})?)(?![\d.])",
                       re.I)


def missing_item(store: Store, q: Query, citations: list[Citation]) -> Difference | None:
    """An item named by kind and number that none of the cited documents has - no record numbered so, no line
    opening with it ("### Action 9: …", "| **2.1** …"): a mention in passing ("to be set up under Action 9")
    is not the item."""
    refs = _ITEM_REF.findall(q.text) if q.lang == "en" else []
    docs = list(dict.fromkeys(c.doc_id for c in citations))
    for word, number in refs:
        numbered = any(t.number.strip("Sec. ()") == number for d in docs for t in store.tasks(d))
        heading = re.compile(rf"(?mi)^[#*|\s]*(?:{word}s?\s+)?\**{re.escape(number)}\**(?![\d.])")
        if not numbered and not any(heading.search(store.text(d) or "") for d in docs):
            return Difference("noitem", f"{word} {number}")
    return None


# an action's code in a coded action list ("MOB/1/AC/B", "EN/2/PP/A"): the item, not its kind
_ITEM_CODE = re.compile(r"\b[A-Z]{2,5}(?:[/-][A-Z0-9]{1,4}){2,4}\b")
_CODE_HEAD = re.compile(r"(?m)^[|#*\s]*([A-Z]{2,5}(?:[/-][A-Z0-9]{1,4}){2,4})\b")


def other_coded_item(store: Store, q: Query, citations: list[Citation]) -> Difference | None:
    """A question naming an item by its code ("… action (MOB/1/AC/B)") answered from under another code ("MOB/1/AC/A"):
    the nearest code written before the first citation is the item it belongs to."""
    asked = _ITEM_CODE.findall(q.text)
    if not asked or not citations:
        return None
    c = citations[0]
    heads = _CODE_HEAD.findall((store.text(c.doc_id) or "")[:c.start])  # codes heading an item (a line's start),
    under = heads[-1] if heads else None  # not cited in passing ("See MOB/2/AC/A below")
    return Difference("item", asked[0]) if under is not None and under not in asked else None
