"""Exports: responses as CSV/XLSX (tablib rows, written by ``omdomme.core.exports``, which defuses
formulas in every cell) and the evaluation report as PDF.

An anonymous survey's export has no name, email, organisation, organisation kind, status or time
column, and its rows are ordered by the respondent key (a keyed hash, so the order says nothing
about who answered when). It is only available when its results may be shown (closed, and at
least ``results.MIN_GROUP`` responses).
"""

from __future__ import annotations

from collections import defaultdict

import tablib
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cohorts.models import Enrolment, EnrolmentStatus, Organisation
from omdomme.core.pdf import render_pdf

from . import results
from .indicators import cohort_charts, organisation_series
from .models import Answer, Measurement, QuestionKind, Response, ResponseStatus, Survey
from .services import response_rates


def responses_dataset(survey: Survey, *, now=None) -> tablib.Dataset:
    questions = list(survey.questions.prefetch_related("choices").order_by("position", "pk"))
    submitted = Response.objects.filter(survey=survey, status=ResponseStatus.SUBMITTED)
    reason = results.withheld_reason(survey, submitted.count(), submitted.count(), now)
    if reason:
        raise ExportWithheld(reason)
    labels = {c.pk: c.label for q in questions for c in q.choices.all()}
    values: dict[object, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for rid, qid, cid, number, text in Answer.objects.filter(response__in=submitted.values("pk")).values_list(
        "response", "question", "choice", "number", "text"
    ):
        if cid:
            values[rid][qid].append(labels.get(cid, ""))
        elif number is not None:
            values[rid][qid].append(_number(number))
        else:
            values[rid][qid].append(text)
    headers = [q.text for q in questions]
    if survey.anonymous:
        data = tablib.Dataset(headers=[_("Response"), *headers], title=survey.title[:31])
        for i, response in enumerate(submitted.order_by("respondent_key").only("pk"), 1):
            data.append([i, *[_cell(values[response.pk][q.pk]) for q in questions]])
        return data
    data = tablib.Dataset(
        headers=[_("Name"), _("Email"), _("Organisation"), _("Organisation kind"), *headers], title=survey.title[:31]
    )
    for response in submitted.select_related("user", "organisation").order_by("organisation__name", "user__full_name"):
        user, org = response.user, response.organisation
        data.append(
            [
                user.get_full_name() if user else "",
                user.email if user else "",
                org.name if org else "",
                response.get_organisation_kind_display(),
                *[_cell(values[response.pk][q.pk]) for q in questions],
            ]
        )
    return data


class ExportWithheld(Exception):
    """The survey's answers may not be exported yet (anonymous and open, or too few answers)."""


def _cell(values: list[str]) -> str:
    return "; ".join(values)


def _number(value) -> str:
    return str(int(value)) if value == int(value) else str(value)


def report_pdf(survey: Survey, *, language: str, now=None) -> bytes:
    """The evaluation report: survey results with charts and data tables, response rate and the cohort's
    indicator charts, in ``language``."""

    with translation.override(language):
        summary = results.summarise(survey, now=now)
        enrolled = Enrolment.objects.filter(cohort_id=survey.cohort_id).exclude(status=EnrolmentStatus.WITHDRAWN)
        measured = (
            Organisation.objects.filter(pk__in=enrolled.values("organisation_id"), measurements__isnull=False)
            .distinct()
            .order_by("name")
        )
        organisations = [(org, organisation_series(org, Measurement.objects.all())) for org in measured]
        html = render_to_string(
            "evaluations/report.html",
            {
                "survey": survey,
                "summary": summary,
                "rates": response_rates(survey),
                "indicator_charts": cohort_charts(survey.cohort),
                "organisations": organisations,
                "generated": timezone.localtime(now or timezone.now()),
                "LANGUAGE_CODE": language,
                "scale_kind": QuestionKind.SCALE,
            },
        )
    return render_pdf(html)
