"""Factories and helpers for evaluations tests."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from evaluations.models import (
    Answer,
    Choice,
    Indicator,
    Measurement,
    Question,
    QuestionKind,
    Response,
    ResponseStatus,
    Survey,
)
from evaluations.services import respondent_key
from tests.factories import CohortFactory, OrganisationFactory


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    cohort = factory.SubFactory(CohortFactory)
    title = factory.Sequence(lambda n: f"Evaluering {n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    anonymous = True


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    survey = factory.SubFactory(SurveyFactory)
    text = factory.Sequence(lambda n: f"Spørsmål {n}?")
    kind = QuestionKind.SCALE
    position = factory.Sequence(lambda n: n)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    name = factory.Sequence(lambda n: f"Indikator {n}")


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    year = 2015
    value = Decimal("60.5")


def full_survey(**kwargs) -> Survey:
    """A survey with one question of each kind: scale 1–5, single, multiple, number, short and long text."""
    survey = SurveyFactory(**kwargs)
    QuestionFactory(
        survey=survey,
        kind=QuestionKind.SCALE,
        text="Hvor fornøyd er du med samlingen?",
        required=True,
        scale_min_label="Lite",
        scale_max_label="Svært",
        position=1,
    )
    single = QuestionFactory(survey=survey, kind=QuestionKind.SINGLE, text="Lengden var", position=2)
    for i, label in enumerate(["For kort", "Passe", "For lang"]):
        Choice.objects.create(question=single, label=label, position=i)
    multiple = QuestionFactory(survey=survey, kind=QuestionKind.MULTIPLE, text="Hva ga mest?", position=3)
    for i, label in enumerate(["Foredrag", "Speedrådgivning", "Gruppearbeid"]):
        Choice.objects.create(question=multiple, label=label, position=i)
    QuestionFactory(survey=survey, kind=QuestionKind.NUMBER, text="Hvor mange jobber med omdømme?", position=4)
    QuestionFactory(survey=survey, kind=QuestionKind.SHORT_TEXT, text="Ett ord om samlingen", position=5)
    QuestionFactory(survey=survey, kind=QuestionKind.LONG_TEXT, text="Hva tar du med hjem?", position=6)
    return survey


def q(survey: Survey, kind: str) -> Question:
    return survey.questions.filter(kind=kind).order_by("position").first()


def bulk_responses(survey: Survey, n: int, *, seed: int = 1, kind: str = "municipality") -> None:
    """``n`` submitted anonymous responses answering every question (bulk inserts, for volume tests)."""
    rng = random.Random(seed)
    questions = list(survey.questions.prefetch_related("choices"))
    responses = Response.objects.bulk_create(
        [
            Response(
                survey=survey,
                respondent_key=respondent_key(survey.pk, 10_000_000 + seed * 100_000 + i),
                anonymous=survey.anonymous,
                status=ResponseStatus.SUBMITTED,
                organisation_kind=kind,
            )
            for i in range(n)
        ]
    )
    answers = []
    for response in responses:
        for question in questions:
            choices = list(question.choices.all())
            if question.kind == QuestionKind.SCALE:
                answers.append(Answer(response=response, question=question, number=rng.randint(1, question.scale_max)))
            elif question.kind == QuestionKind.NUMBER:
                answers.append(Answer(response=response, question=question, number=rng.randint(0, 20)))
            elif question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
                picked = [rng.choice(choices)] if question.kind == QuestionKind.SINGLE else rng.sample(choices, 2)
                answers += [Answer(response=response, question=question, choice=c) for c in picked]
            else:
                answers.append(Answer(response=response, question=question, text=f"Svar {rng.randint(1, 99)}"))
    Answer.objects.bulk_create(answers, batch_size=2000)


def report_pdf(client, survey, language: str):
    """Ask for the evaluation report as the page's button does (Celery runs eagerly in the tests),
    then download it: the response with the PDF."""
    from django.test import TestCase
    from django.urls import reverse

    page = reverse("evaluations:survey_report", args=[survey.pk]) + f"?lang={language}"
    with TestCase.captureOnCommitCallbacks(execute=True):  # the task starts when the request commits
        assert client.post(page).status_code == 302
    return client.get(reverse("evaluations:survey_report_download", args=[survey.pk, language]))
