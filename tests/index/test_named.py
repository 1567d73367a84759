"""`Namer` (what a query names, with the query-independent parts made once) against the rule computed
afresh for each query, on lines of many look-alike titles and on random queries drawn from them."""

from __future__ import annotations

import math
import random

from index.named import DISTINCTIVE, MIN_SHARE, NAMED_SHARE, Namer, document_weights

PLACES = ["杭州", "宁波", "温州", "武汉", "重庆", "万州", "成都", "西安"]
WORDS = ["支持", "人工智能", "创新", "发展", "若干", "措施", "行动", "计划", "水土", "保持", "规划", "2025", "OPC"]


def reference(query: set[str], lines: list[set[str]], places: list[set[str]]) -> list[float]:
    """The rule as written in the module docstring, every statistic recomputed."""
    n = len(lines)
    if n < 2 or not query:
        return [0.0] * n
    df: dict[str, int] = {}
    for tokens in lines:
        for t in tokens:
            df[t] = df.get(t, 0) + 1
    idf = {t: math.log(n / d) for t, d in df.items() if d <= max(1.0, DISTINCTIVE * n)}
    out = []
    for tokens, place in zip(lines, places, strict=True):
        named_place = any(idf.get(t, 0.0) > 0 for t in place & query)
        total = sum(idf.get(t, 0.0) for t in tokens)
        share = sum(idf.get(t, 0.0) for t in tokens & query) / total if total else 0.0
        by_title = min(1.0, share / NAMED_SHARE) if share >= MIN_SHARE else 0.0
        out.append(max(1.0 if named_place else 0.0, by_title))
    return out


def test_namer_gives_the_rule_s_weights_query_after_query() -> None:
    rng = random.Random(5)
    lines, places = [], []
    for i in range(60):
        place = rng.choice(PLACES)
        lines.append({place, *rng.sample(WORDS, 4), f"文号{i % 17}"})
        places.append({place} if i % 3 else set())
    namer = Namer(lines, places)
    named = 0
    for _ in range(200):
        source = rng.choice(lines)
        query = set(rng.sample(sorted(source), rng.randint(1, len(source)))) | {rng.choice(WORDS)}
        want = reference(query, lines, places)
        got = namer.weights(query)
        assert [round(x, 9) for x in got] == [round(x, 9) for x in want], query
        assert document_weights(query, lines, places) == got
        named += any(got)
    assert named > 20  # the queries do name documents: the comparison is not all zeros


def test_one_line_or_no_query_names_nothing() -> None:
    assert Namer([{"杭州"}]).weights({"杭州"}) == [0.0]
    assert Namer([{"杭州"}, {"宁波"}]).weights(set()) == [0.0, 0.0]
