"""The evaluation sets: a corpus, its gold folder, and the tag its near-miss questions carry.

`seed` is the default corpus with the gold of the original issues; `dev-zh` and `dev-en` are
development documents from many issuers and fields (copied from the team's shared dev data
with their labelling READMEs). Each is scored on a fresh home, so nothing depends on a
manifest, a file name or an earlier ingest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "eval"


@dataclass(frozen=True)
class EvalSet:
    name: str
    corpus: Path
    gold: Path
    nearmiss_tag: str | None = None

    def complete_docs(self) -> set[str] | None:
        """Documents whose gold labels every task (`complete.json`), or None when every one does."""
        path = self.gold / "complete.json"
        return set(json.loads(path.read_text(encoding="utf-8"))["docs"]) if path.is_file() else None


SETS: dict[str, EvalSet] = {
    "seed": EvalSet("seed", ROOT / "corpus", EVAL / "gold", "seed"),
    "dev-zh": EvalSet("dev-zh", EVAL / "dev" / "zh" / "corpus", EVAL / "dev" / "zh" / "gold", "dev_zh"),
    "dev-en": EvalSet("dev-en", EVAL / "dev" / "en" / "corpus", EVAL / "dev" / "en" / "gold", "dev_en"),
}


def set_for_gold(gold: Path) -> EvalSet | None:
    """The named set whose gold folder this is (so scorers know its near-miss tag and coverage)."""
    resolved = gold.resolve()
    return next((s for s in SETS.values() if s.gold.resolve() == resolved), None)
