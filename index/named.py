"""Which documents does a query name? A prior over documents from their one-line descriptions.

Among many documents of one kind (thirty provinces' plans of one year, a dozen executive
orders) the passages look alike and rarely name their own document: `…增长5.5%左右` does
not say which province. The query often does ("what growth target did Province P set",
"under the Executive Order on Climate-Related Financial Risk", 《武汉市…若干措施》), and
what it names is in the document's line (`index.passages.doc_line`: title, issuer, region,
date). Each document scores the summed rarity (idf over the documents' lines) of the
distinctive query tokens its line holds - those at most a fifth of the lines carry: a place
or a title word only one document carries counts fully, words many titles share ("支持",
"创新发展", "Executive Order") count for nothing, however many of them a line holds. The
score is relative to the best-named document's, so a document that shares one rare word
with the query counts less when another shares three. Retrieval adds a bonus
proportional to that score to every passage of the document (`index.hybrid.boost_documents`),
so the named document's passages rise above look-alikes while their order within it stays.

    >>> w = document_weights({"杭州", "社区"}, [{"杭州", "社区"}, {"宁波", "社区"}])
    >>> w[0] > w[1] == 0.0
    True
"""

from __future__ import annotations

import math
from collections.abc import Sequence

SATURATION = 1.5  # rarity (nats) at which a document counts as fully named: one token carried by ~1 of 5 lines
DISTINCTIVE = 0.2  # a token counts when at most this share of the documents' lines hold it


def document_weights(query_tokens: set[str], line_tokens: Sequence[set[str]]) -> list[float]:
    """Per document, how strongly the query names it, in [0, 1] (0 for all when it names none)."""
    n = len(line_tokens)
    if n < 2 or not query_tokens:
        return [0.0] * n
    df: dict[str, int] = {}
    for tokens in line_tokens:
        for t in tokens & query_tokens:
            df[t] = df.get(t, 0) + 1
    idf = {t: math.log(n / d) for t, d in df.items() if d <= max(1.0, DISTINCTIVE * n)}
    sums = [sum(idf.get(t, 0.0) for t in tokens & query_tokens) for tokens in line_tokens]
    best = max(sums)
    if best <= 0:
        return [0.0] * n
    return [min(1.0, s / SATURATION) * s / best for s in sums]
