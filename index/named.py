"""Which documents does a query name? A prior over documents from their one-line descriptions.

Among many documents of one kind (thirty provinces' plans of one year, a dozen executive
orders) the passages look alike and rarely name their own document: `…增长5.5%左右` does
not say which province. The query often does, in one of two ways, both read from the
document's line (`index.passages.doc_line`: title, issuer, region, date):

- by its **place**: the place its title starts with ("杭州计划到2028年…" names
  《杭州市…行动计划》), when few documents share that place;
- by its **title**: the query holds most of what is distinctive in the line ("under the
  Executive Order on Climate-Related Financial Risk", 《武汉市支持人工智能OPC创新发展若干措施》).
  A token is distinctive when at most a fifth of the lines carry it, weighted by its rarity
  (idf over the lines); words many titles share ("支持", "OPC", "Executive Order") and one
  topical word a question happens to share with a title ("reactor") do not name a document.

Retrieval adds a bonus proportional to the weight to every passage of the document
(`index.hybrid.boost_documents`), so the named document's passages rise above look-alikes
while their order within it stays.

    >>> document_weights({"杭州", "社区"}, [{"杭州", "社区"}, {"宁波", "社区"}], [{"杭州"}, {"宁波"}])
    [1.0, 0.0]
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from ingest.recognise.places import place_core, place_in_title

DISTINCTIVE = 0.2  # a token is distinctive when at most this share of the documents' lines hold it
NAMED_SHARE = 0.75  # the share of a line's distinctive rarity a query must hold to name it fully
MIN_SHARE = 0.5  # below this share a title is not named at all


def document_weights(query_tokens: set[str], line_tokens: Sequence[set[str]],
                     place_tokens: Sequence[set[str]] = ()) -> list[float]:
    """Per document, how strongly the query names it, in [0, 1] (0 for all when it names none)."""
    return Namer(line_tokens, place_tokens).weights(query_tokens)


class Namer:
    """`document_weights` for one set of document lines, what does not depend on the query (the
    tokens' rarity, each line's total, which lines hold each distinctive token) computed once.

    A search asks it of every query: recomputing those over every line each time cost ~10 ms a
    query on a home of a few hundred documents, more than BM25 over 10^5 chunks."""

    def __init__(self, line_tokens: Sequence[set[str]], place_tokens: Sequence[set[str]] = ()) -> None:
        self.n = n = len(line_tokens)
        df: dict[str, int] = {}
        for tokens in line_tokens:
            for t in tokens:
                df[t] = df.get(t, 0) + 1
        limit = max(1.0, DISTINCTIVE * n)
        self.idf = {t: w for t, d in df.items() if d <= limit and (w := math.log(n / d)) > 0}
        self.totals = [sum(self.idf.get(t, 0.0) for t in tokens) for tokens in line_tokens]
        # a line of one distinctive word ("Strategies": a column header taken for a title) names nothing
        self.sizes = [sum(1 for t in tokens if t in self.idf) for tokens in line_tokens]
        self.lines_of: dict[str, list[int]] = {}
        for i, tokens in enumerate(line_tokens):
            for t in tokens:
                if t in self.idf:
                    self.lines_of.setdefault(t, []).append(i)
        self.places_of: dict[str, list[int]] = {}
        for i, places in enumerate(place_tokens[:n]):
            for t in places:
                if t in self.idf:
                    self.places_of.setdefault(t, []).append(i)

    def weights(self, query_tokens: set[str]) -> list[float]:
        out = [0.0] * self.n
        if self.n < 2 or not query_tokens:
            return out
        held: dict[int, float] = {}
        for t in query_tokens:
            for i in self.lines_of.get(t, ()):
                held[i] = held.get(i, 0.0) + self.idf[t]
        for i, h in held.items():
            if self.sizes[i] < 2:
                continue
            share = h / self.totals[i]
            out[i] = min(1.0, share / NAMED_SHARE) if share >= MIN_SHARE else 0.0
        for t in query_tokens:
            for i in self.places_of.get(t, ()):
                out[i] = 1.0
        return out


def title_place(line: str) -> str:
    """The core of the place a document line's title starts with ("《杭州市…》 · …" -> "杭州"), else of the region
    the line names ("06_file_name · 甲省": a document read without its title), or ""."""
    m = re.match(r"《([^》]+)》", line)
    parts = line.split(" · ")
    place = place_in_title(m.group(1) if m else parts[0]) or next(
        (p for part in parts[1:] if (p := place_in_title(part)) == part.strip()), None)
    return place_core(place) if place else ""
