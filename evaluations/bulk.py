"""Bulk-made answers for demo and benchmark data (bypassing the answering service on purpose: these
surveys are closed and their respondents are made up)."""

from __future__ import annotations

import random

from omdomme.core import fragments

from .models import Answer, QuestionKind, Response, ResponseStatus, Survey
from .services import respondent_key

TEXTS = [
    "Nyttig å høre hvordan andre kommuner jobber med omdømme.",
    "Speedrådgivningen ga oss konkrete råd vi kan bruke med en gang.",
    "Mer tid til erfaringsutveksling mellom kommunene.",
    "Vi skal forankre arbeidet i kommuneplanens samfunnsdel.",
    "Plukke de lavthengende fruktene først.",
    "Det vi gjør betyr mer enn det vi sier.",
    "Forankring tar lengre tid enn man tror.",
    "God mat og fine omgivelser på Stiklestad.",
]


def add_responses(
    survey: Survey,
    n: int,
    *,
    seed: int = 1,
    bias: int = 0,
    kinds: tuple[str, ...] = ("municipality",),
    label: str = "demo",
) -> int:
    """Add ``n`` submitted responses answering every question; ``bias`` shifts scale answers up or down."""
    rng = random.Random(seed)
    questions = list(survey.questions.prefetch_related("choices"))
    responses = Response.objects.bulk_create(
        [
            Response(
                survey=survey,
                respondent_key=respondent_key(survey.pk, f"{label}-{seed}-{i}"),
                anonymous=survey.anonymous,
                status=ResponseStatus.SUBMITTED,
                organisation_kind=kinds[i % len(kinds)],
            )
            for i in range(n)
        ]
    )
    answers = []
    for response in responses:
        for question in questions:
            choices = list(question.choices.all())
            if question.kind == QuestionKind.SCALE:
                top = question.scale_max
                value = min(top, max(1, round(rng.triangular(1, top, top * 0.7)) + bias))
                answers.append(Answer(response=response, question=question, number=value))
            elif question.kind == QuestionKind.NUMBER:
                answers.append(Answer(response=response, question=question, number=rng.randint(1, 8)))
            elif question.kind == QuestionKind.SINGLE and choices:
                answers.append(Answer(response=response, question=question, choice=rng.choice(choices)))
            elif question.kind == QuestionKind.MULTIPLE and choices:
                picked = rng.sample(choices, rng.randint(1, min(3, len(choices))))
                answers += [Answer(response=response, question=question, choice=c) for c in picked]
            elif question.kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT) and rng.random() < 0.6:
                answers.append(Answer(response=response, question=question, text=rng.choice(TEXTS)))
    Answer.objects.bulk_create(answers, batch_size=5000)
    fragments.bump(("survey", survey.pk))  # bulk_create sends no signals
    return len(responses)
