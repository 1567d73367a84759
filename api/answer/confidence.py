"""How sure an answer is: a number that means something, calibrated on the dev sets.

Every answer that reaches this point has passed the near-miss check (`pinned`), so what is
left to tell apart is how reliable its source has been. Measured on the seed, dev-zh and
dev-en gold (`policykb eval --set seed --set dev-zh --set dev-en --only answers`, after the
near-miss check; right / answered):

| source | right |
| --- | --- |
| task records of Chinese documents | 33 / 34 |
| task records of English documents (the newer English extractor) | 13 / 17 |
| target records, table cells, a document's own facts | 34 / 34 |
| sentences in the question's language | 40 / 42 |
| Chinese sentences quoted for an English question | 1 / 2 |

So each source gets a base at about its measured accuracy, placed above the "confident" line
(0.7, where answers must be right nine times in ten) only when it was right at least nine
times in ten; the share of the question's salient terms the passages hold moves it a little.
Re-measure with the same command when a record extractor changes.
"""

from __future__ import annotations

import re

from api.answer.draft import Draft
from api.answer.query import Query

_CJK = re.compile(r"[\u4e00-\u9fff]")
BASE = {"tasks_zh": 0.88, "tasks_en": 0.62, "targets": 0.9, "cell": 0.85, "document": 0.88,
        "sentences": 0.78, "sentences_cross": 0.5}


def source_key(q: Query, draft: Draft) -> str:
    """The calibration row of a draft: its source, and for tasks and sentences their language."""
    text = draft.evidence.texts[0] if draft.evidence.texts else draft.text
    chinese = bool(_CJK.search(text))
    if draft.source == "tasks":
        return "tasks_zh" if chinese else "tasks_en"
    if draft.source == "sentences":
        return "sentences_cross" if (q.lang == "en") == chinese else "sentences"
    return draft.source


def confidence(q: Query, draft: Draft, coverage: float) -> float:
    """The answer's confidence in [0, 1] (see the module docstring)."""
    base = BASE.get(source_key(q, draft), 0.5)
    return round(max(0.05, min(0.98, base * (0.92 + 0.08 * coverage))), 3)
