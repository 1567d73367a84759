"""Table cell lookup: "附表1中酉阳县的剧烈侵蚀面积是多少？" answered from the row and the column.

Target records hold the figures a plan sets or reports; tables hold more (every erosion
class, every share). When a retrieved chunk is a table row, the question's row label and
column words pick one cell: the row whose label the question names, the value column
whose header path shares the most words with the question. The cell is returned as a
`Target` (kind from the column, like the extractor's) cited by its row.
"""

from __future__ import annotations

import hashlib
import re

from api.answer.grounding import segment
from index.home import Home
from ingest.models import Citation, Hit, Target
from ingest.read.table_grid import Grid, align, read_grid, table_runs
from ingest.recognise.quantities import parse_cell
from ingest.targets.tables import column_kind, unit_in

MIN_COLUMN_OVERLAP = 0.5
_WORDISH = re.compile(r"[\w%]")


def _words(text: str) -> set[str]:
    """Words, not bigrams: "剧烈侵蚀面积" must not match "占侵蚀面积比" through "蚀面"."""
    return {w for w in segment(re.sub(r"[(（][^()（）]*[)）]", " ", text)) if _WORDISH.search(w)}


def column_score(question: str, path: list[str]) -> float:
    return _column_score(_words(question), path)


def _column_score(question_words: set[str], path: list[str]) -> float:
    """Words of the header path the question uses, then the share of the path they make up."""
    header = _words(" ".join(path))
    shared = len(question_words & header)
    return shared + 0.5 * shared / len(header) if header else 0.0


def _grids(home: Home, doc_id: str) -> list[Grid]:
    text = home.store.text(doc_id) or ""
    return [read_grid(caption, section, rows) for caption, section, rows in table_runs(text, home.store.blocks(doc_id))]


def _row_label_named(labels: list[str], question: str) -> bool:
    for label in labels:
        core = label.rstrip("县区市州")
        if len(core) >= 2 and core in question:
            return True
    return False


def lookup_cell(home: Home, question: str, hits: list[Hit]) -> tuple[Target, float] | None:
    """The best (cell as a Target, column overlap) among the table rows retrieved, or None."""
    qwords = _words(question)
    best: tuple[Target, float] | None = None
    for doc_id in dict.fromkeys(h.doc_id for h in hits if "\t" in h.text):
        rows = [h for h in hits if h.doc_id == doc_id and "\t" in h.text]
        for grid in _grids(home, doc_id):
            for rec in grid.records:
                labels = [c.text for c in rec.labels]
                if not any(h.chunk_start <= rec.start < h.chunk_end for h in rows) or not _row_label_named(labels, question):
                    continue
                for value, col in zip(rec.values, align(rec, len(grid.value_columns)), strict=False):
                    if col < 0:
                        continue
                    path = grid.value_columns[col]
                    score = _column_score(qwords, path)
                    if score >= MIN_COLUMN_OVERLAP and (best is None or score > best[1]):
                        target = _cell_target(home, doc_id, grid, rec.start, value.end, labels, path, value.text)
                        if target is not None:
                            best = (target, score)
    return best


def _cell_target(home: Home, doc_id: str, grid: Grid, start: int, end: int, labels: list[str], path: list[str],
                 cell: str) -> Target | None:
    parsed = parse_cell(cell)
    if parsed is None:
        return None
    text = home.store.text(doc_id) or ""
    info = home.store.document_info(doc_id) or {}
    source = info.get("source", "")
    citation = Citation(doc_id=doc_id, source=source, section=grid.section, page=None, start=start, end=end,
                        quote=text[start:end])
    indicator = " / ".join(p for p in path if p)
    return Target(target_id=hashlib.sha1(f"{doc_id}:{start}:{end}".encode()).hexdigest()[:16], doc_id=doc_id,
                  source=source, indicator=indicator, indicator_normalized=indicator, scope=labels[-1] if labels else "",
                  value=parsed.value, unit=parsed.unit or _leaf_unit(path, grid.caption),
                  comparator=parsed.comparator, year=None,  # type: ignore[arg-type]
                  kind=column_kind(path, grid.caption), citation=citation, scope_normalized=labels[-1] if labels else "",
                  table=grid.caption)


def _leaf_unit(path: list[str], caption: str) -> str:
    """The unit the most specific header names: "占比(%)" under "面积(km2)" is a percentage."""
    for part in [*reversed(path), caption]:
        unit = unit_in(part)
        if unit:
            return unit
    return ""
