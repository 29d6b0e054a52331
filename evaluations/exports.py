"""Exports: responses as CSV/XLSX (tablib rows, written by ``omdomme.core.exports``, which defuses
formulas in every cell) and the evaluation report as PDF.

An anonymous survey's export has no name, email, organisation, organisation kind, status or time
column, and its rows are ordered by the respondent key (a keyed hash, so the order says nothing
about who answered when). It is only available when its results may be shown (closed, and at
least ``results.MIN_GROUP`` responses).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict

import tablib
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
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


REPORT_TEXT_ANSWERS = 10  # text answers per question in the PDF; all of them are in the export
GENERATED_MARK = "@@generated@@"


def report_html(survey: Survey, *, language: str) -> str:
    """The evaluation report as HTML: survey results with charts and data tables, response rate and
    the cohort's indicator charts, in ``language``. Text answers are capped at
    ``REPORT_TEXT_ANSWERS`` per question with a link to the full export. The time it was made is
    left as ``GENERATED_MARK``, so the HTML is the same as long as what the report shows is."""

    with translation.override(language):
        summary = results.summarise(survey)
        for qr in summary.questions:
            qr.total_texts = len(qr.texts)
            qr.texts = results.sample(qr.texts, REPORT_TEXT_ANSWERS)
        enrolled = Enrolment.objects.filter(cohort_id=survey.cohort_id).exclude(status=EnrolmentStatus.WITHDRAWN)
        measured = (
            Organisation.objects.filter(pk__in=enrolled.values("organisation_id"), measurements__isnull=False)
            .distinct()
            .order_by("name")
        )
        organisations = [(org, organisation_series(org, Measurement.objects.all())) for org in measured]
        return render_to_string(
            "evaluations/report.html",
            {
                "survey": survey,
                "summary": summary,
                "rates": response_rates(survey),
                "indicator_charts": cohort_charts(survey.cohort),
                "organisations": organisations,
                "generated": GENERATED_MARK,
                "export_url": settings.SITE_URL + reverse("evaluations:survey_results", args=[survey.pk]),
                "LANGUAGE_CODE": language,
                "scale_kind": QuestionKind.SCALE,
            },
        )


_ID_ATTRIBUTES = re.compile(r'\s(?:id|aria-labelledby)="[^"]*"')


def html_fingerprint(html: str) -> str:
    """SHA-256 of what the report shows: the HTML without its element ids (the charts number theirs
    per process, which says nothing about the content)."""
    return hashlib.sha256(_ID_ATTRIBUTES.sub("", html).encode("utf-8")).hexdigest()


def pdf_from_html(html: str, *, now=None) -> bytes:
    generated = date_format(timezone.localtime(now or timezone.now()), "j.n.Y H:i")
    return render_pdf(html.replace(GENERATED_MARK, generated))


def report_pdf(survey: Survey, *, language: str, now=None) -> bytes:
    """The report's PDF, made now (what the Celery task runs, and what the benchmark times)."""
    return pdf_from_html(report_html(survey, language=language), now=now)
