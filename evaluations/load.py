"""Benchmark data: in the first load cohort, a closed anonymous survey with 20 questions and 500
responses, and a named one with 20 questions and 100 responses (bulk inserts)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from omdomme.core.extensions import DemoContext

from .bulk import add_responses
from .models import Choice, Question, QuestionKind, Survey

KINDS = [
    QuestionKind.SCALE,
    QuestionKind.SCALE,
    QuestionKind.SINGLE,
    QuestionKind.MULTIPLE,
    QuestionKind.NUMBER,
    QuestionKind.SCALE,
    QuestionKind.SHORT_TEXT,
    QuestionKind.LONG_TEXT,
    QuestionKind.SCALE,
    QuestionKind.SINGLE,
]


def _survey(cohort, title: str, anonymous: bool, n_questions: int = 20) -> Survey:
    now = timezone.now()
    survey = Survey.objects.create(
        cohort=cohort,
        title=title,
        opens_at=now - timedelta(days=40),
        closes_at=now - timedelta(days=10),
        anonymous=anonymous,
    )
    questions = Question.objects.bulk_create(
        [
            Question(
                survey=survey,
                position=i + 1,
                kind=KINDS[i % len(KINDS)],
                text=f"Spørsmål {i + 1}",
                scale_max=10 if i % 4 == 0 else 5,
            )
            for i in range(n_questions)
        ]
    )
    Choice.objects.bulk_create(
        [
            Choice(question=q, label=f"Alternativ {k + 1}", position=k)
            for q in questions
            if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
            for k in range(4)
        ]
    )
    return survey


def load(ctx: DemoContext) -> None:
    cohort = ctx.extra["load_cohorts"][0]
    survey = _survey(cohort, "Last: evaluering med 500 svar", anonymous=True)
    add_responses(survey, 500, seed=500, kinds=("municipality", "regional_council"), label="load")
    named = _survey(cohort, "Last: navngitt evaluering", anonymous=False)
    add_responses(named, 100, seed=100, label="load-named")
    ctx.extra.update(load_survey=survey, load_named_survey=named)
