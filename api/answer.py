"""Answers with citations (placeholder until the answering issue lands: fact answers from search)."""

from __future__ import annotations

from typing import Any

from index.home import Home


def answer_question(home: Home, question: str) -> dict[str, Any]:
    hits = home.search(question, k=5)
    cites = [h.citation().to_dict() for h in hits[:3]]
    return {"question": question, "type": "fact" if hits else "none",
            "answer": hits[0].quote if hits else "文档中没有找到答案。", "units": [], "deadlines": [],
            "targets": [], "citations": cites, "confidence": 0.5 if hits else 0.0}
