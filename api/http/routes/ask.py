"""POST /ask: a grounded answer with citations, or type `none` when the corpus holds none."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.answer.answerer import answer_question
from api.http.cache import home_version
from api.http.deps import AnswerCacheDep, HomeDep
from api.http.schemas import Answer, AskRequest, error_responses

router = APIRouter(tags=["ask"])


@router.post("/ask", response_model=Answer, responses=error_responses(422))
def ask(req: AskRequest, home: HomeDep, cache: AnswerCacheDep) -> dict[str, Any]:
    """Answer a question (who is responsible, by when, what target, or a fact) from the documents.

    `answer` is a sentence in the question's language; every citation's `quote` is exactly
    the canonical text at its span. `type` is `none` when nothing grounded was found.
    """
    return cache.get_or_compute(req.question, home_version(home), lambda: answer_question(home, req.question))
