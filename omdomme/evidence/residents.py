"""Resident surveys: start one, take an answer, close it and feed the organisation's indicators."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts import access
from cohorts.activity import record
from cohorts.models import Organisation
from evaluations.models import Measurement

from . import builtin
from .models import ResidentAnswer, ResidentResponse, ResidentSurvey
from .resident_template import POSITIVE_FROM, QUESTIONS, SCALE_MAX, TITLE

SOURCE = "Innbyggerundersøkelse (Omdømmeskolen)"


class ResidentSurveyError(ValidationError):
    pass


def can_run(user, organisation: Organisation) -> bool:
    """A contact person of the organisation, or course staff, may start and close its resident surveys."""
    return access.is_staff(user) or access.is_contact_person(user, organisation)


def start_survey(*, actor, organisation: Organisation, language: str, opens_on, closes_on) -> ResidentSurvey:
    if not can_run(actor, organisation):
        raise PermissionDenied
    if closes_on < opens_on:
        raise ResidentSurveyError(_("The survey must close on or after the day it opens."), code="dates")
    with transaction.atomic():
        survey = ResidentSurvey.objects.create(
            organisation=organisation, language=language, opens_on=opens_on, closes_on=closes_on, created_by=actor
        )
        record(
            actor,
            "resident_survey.start",
            _("Resident survey %(year)s started for %(org)s.") % {"year": survey.year, "org": organisation.name},
            target=survey,
            organisation=organisation,
        )
    return survey


def submit_answers(survey: ResidentSurvey, answers: dict[str, int], *, today=None) -> ResidentResponse:
    """Store one anonymous response. Every template question must be answered on the 1–5 scale."""
    today = today or timezone.localdate()
    if not survey.is_open(today):
        raise ResidentSurveyError(_("This survey is not open."), code="closed")
    clean = {}
    for q in QUESTIONS:
        value = answers.get(q.code)
        if not isinstance(value, int) or not 1 <= value <= SCALE_MAX:
            raise ResidentSurveyError(_("Answer every question."), code="incomplete")
        clean[q.code] = value
    with transaction.atomic():
        response = ResidentResponse.objects.create(survey=survey)
        ResidentAnswer.objects.bulk_create(
            [ResidentAnswer(response=response, question=code, value=value) for code, value in clean.items()]
        )
    return response


@dataclass
class QuestionResult:
    code: str
    text: str
    n: int
    mean: Decimal | None
    positive: Decimal | None  # percent
    mean_moe: Decimal | None  # 95 % margin of error of the mean
    positive_moe: Decimal | None  # 95 % margin of error of the share, in percentage points
    previous: QuestionResult | None = None

    @property
    def mean_change(self) -> Decimal | None:
        if self.previous is None or self.previous.mean is None or self.mean is None:
            return None
        return self.mean - self.previous.mean

    @property
    def positive_change(self) -> Decimal | None:
        if self.previous is None or self.previous.positive is None or self.positive is None:
            return None
        return self.positive - self.previous.positive

    @property
    def significant(self) -> bool | None:
        """Is the change in the mean larger than the two waves' margins of error combined?"""
        change = self.mean_change
        if change is None or self.mean_moe is None or self.previous.mean_moe is None:
            return None
        return abs(float(change)) > math.hypot(float(self.mean_moe), float(self.previous.mean_moe))


def _q(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


def results(survey: ResidentSurvey) -> list[QuestionResult]:
    values: dict[str, list[int]] = {q.code: [] for q in QUESTIONS}
    for code, value in ResidentAnswer.objects.filter(response__survey=survey).values_list("question", "value"):
        values.setdefault(code, []).append(value)
    out = []
    for q in QUESTIONS:
        vals = values[q.code]
        n = len(vals)
        mean = positive = mean_moe = positive_moe = None
        if n:
            m = sum(vals) / n
            share = sum(1 for v in vals if v >= POSITIVE_FROM) / n
            mean, positive = _q(m), _q(100 * share)
            if n > 1:
                sd = math.sqrt(sum((v - m) ** 2 for v in vals) / (n - 1))
                mean_moe = _q(1.96 * sd / math.sqrt(n))
                positive_moe = _q(100 * 1.96 * math.sqrt(share * (1 - share) / n))
        out.append(QuestionResult(q.code, q.text[survey.language], n, mean, positive, mean_moe, positive_moe))
    return out


def previous_wave(survey: ResidentSurvey) -> ResidentSurvey | None:
    return (
        ResidentSurvey.objects.filter(organisation=survey.organisation, closes_on__lt=survey.opens_on)
        .order_by("-closes_on")
        .first()
    )


def results_with_previous(survey: ResidentSurvey) -> list[QuestionResult]:
    current = results(survey)
    before = previous_wave(survey)
    if before is not None:
        for now, then in zip(current, results(before), strict=True):
            now.previous = then
    return current


def close_survey(survey: ResidentSurvey, *, actor, now=None) -> int:
    """Close the survey and store its results as the organisation's indicators for the survey's year
    (mean and share positive per question, each with n and its margin of error). Returns n.
    ``actor`` is one who may run the survey (``can_run``), or ``None`` for the daily sweep."""
    now = now or timezone.now()
    if actor is not None and not can_run(actor, survey.organisation):
        raise PermissionDenied
    with transaction.atomic():
        survey = ResidentSurvey.objects.select_for_update().get(pk=survey.pk)
        if survey.results_recorded_at is not None:
            return ResidentResponse.objects.filter(survey=survey).count()
        n = ResidentResponse.objects.filter(survey=survey).count()
        title = TITLE[survey.language]
        for result in results(survey):
            if not result.n:
                continue
            for code, value, moe in (
                (f"resident_{result.code}_mean", result.mean, result.mean_moe),
                (f"resident_{result.code}_positive", result.positive, result.positive_moe),
            ):
                Measurement.objects.update_or_create(
                    indicator=builtin.indicator(code),
                    organisation=survey.organisation,
                    year=survey.year,
                    defaults={
                        "value": value,
                        "sample_size": result.n,
                        "margin_of_error": moe,
                        "source": SOURCE,
                        "source_table": "",
                        "retrieved_at": now,
                        "method": f"{title} {survey.opens_on:%d.%m.%Y}–{survey.closes_on:%d.%m.%Y}, n = {result.n}",
                        "entered_by": None,
                    },
                )
        survey.results_recorded_at = now
        if survey.closes_on >= timezone.localdate(now):
            survey.closes_on = timezone.localdate(now)
            if survey.closes_on < survey.opens_on:
                survey.opens_on = survey.closes_on
        survey.save(update_fields=["results_recorded_at", "closes_on", "opens_on"])
        record(
            actor,
            "resident_survey.close",
            _("Resident survey %(year)s for %(org)s closed with %(n)s answers.")
            % {"year": survey.year, "org": survey.organisation.name, "n": n},
            target=survey,
            organisation=survey.organisation,
        )
    return n


def close_due_surveys(*, today=None) -> int:
    """The daily sweep: every survey whose closing day has passed feeds its results once."""
    today = today or timezone.localdate()
    due = ResidentSurvey.objects.filter(closes_on__lt=today, results_recorded_at__isnull=True)
    count = 0
    for survey in due:
        close_survey(survey, actor=None)
        count += 1
    return count
