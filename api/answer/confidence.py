"""How sure an answer is: a number that means something, calibrated on the dev sets.

Measured on the dev sets (`policykb eval --set dev-zh --set dev-en --set seed --only answers`):
an answer read from a record (a task's units or deadlines, a target value, a table cell)
whose every pinned detail the evidence states is right far more often than a quoted
sentence, and a record that shares most of the question's words more often than one that
shares few. So the confidence is a base per source, raised by the record's lexical fit and
the share of the question's salient terms the passages hold, and capped below the
"confident" line (0.7) for sources that were not right at least nine times in ten there:
sentences, and English questions answered from Chinese text.
"""

from __future__ import annotations

from api.answer.draft import Draft
from api.answer.query import Query

BASE = {"tasks": 0.72, "targets": 0.72, "cell": 0.72, "document": 0.8, "sentences": 0.5}
FIT_FOR_FULL = 1.2  # a record scoring this (overlap + title + rank) counts as a full fit
NOT_CONFIDENT = 0.65  # the cap for sources below the bar


def confidence(q: Query, draft: Draft, coverage: float) -> float:
    """The answer's confidence in [0, 1] (see the module docstring)."""
    base = BASE.get(draft.source, 0.5)
    fit = min(1.0, draft.fit / FIT_FOR_FULL)
    conf = base + 0.2 * fit * coverage
    cross_language = q.lang == "en" and any("\u4e00" <= ch <= "\u9fff" for ch in draft.text)
    if draft.source == "sentences" or cross_language:
        conf = min(conf, NOT_CONFIDENT)
    return max(0.05, min(0.98, conf))
