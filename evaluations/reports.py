"""The evaluation report PDF, made by Celery and kept.

``request_report`` marks the survey's report in a language as waiting and starts the task after
the transaction commits; ``render_report`` (what the task runs) makes the PDF and stores it with
the fingerprint of its HTML. ``report_state`` tells a page whether the stored report still shows
what the report would show now: the HTML is built again (cheap: a few aggregate queries and one
template) and hashed; only WeasyPrint, the expensive part, is skipped while nothing has changed.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cohorts.activity import record

from .exports import html_fingerprint, pdf_from_html, report_html
from .models import ReportStatus, Survey, SurveyReport

log = logging.getLogger(__name__)

STUCK_AFTER = timedelta(minutes=15)
BUSY = (ReportStatus.PENDING, ReportStatus.RENDERING)


@dataclass
class ReportState:
    report: SurveyReport | None
    fresh: bool  # a ready report that shows what the report would show now

    @property
    def busy(self) -> bool:
        return self.report is not None and self.report.status in BUSY


def report_state(survey: Survey, language: str) -> ReportState:
    report = SurveyReport.objects.filter(survey=survey, language=language).first()
    if report is None or report.status != ReportStatus.READY:
        return ReportState(report, False)
    return ReportState(report, report.fingerprint == html_fingerprint(report_html(survey, language=language)))


def request_report(survey: Survey, language: str, *, actor) -> SurveyReport:
    """Ask for the report to be made (again). A report already on its way is left alone, unless it
    has been stuck for longer than any task may run. The ``actor`` must be one who may read the
    survey's results."""
    from .tasks import render_report_task

    if not Survey.objects.results_visible_to(actor).filter(pk=survey.pk).exists():
        raise PermissionDenied

    now = timezone.now()
    with transaction.atomic():
        report, _created = SurveyReport.objects.select_for_update().get_or_create(survey=survey, language=language)
        if report.status in BUSY and report.requested_at and now - report.requested_at < STUCK_AFTER:
            return report
        report.status, report.requested_at, report.requested_by, report.error = ReportStatus.PENDING, now, actor, ""
        report.save(update_fields=["status", "requested_at", "requested_by", "error"])
        record(
            actor,
            "evaluations.report_requested",
            _("Asked for the evaluation report of %(survey)s (%(language)s)")
            % {"survey": survey, "language": language},
            target=survey,
            cohort=survey.cohort,
        )
        transaction.on_commit(lambda: render_report_task.delay(report_id=report.pk))
    return report


def render_report(report: SurveyReport) -> SurveyReport:
    """Make the report's PDF now and store it (replacing the earlier file)."""
    survey = report.survey
    SurveyReport.objects.filter(pk=report.pk).update(status=ReportStatus.RENDERING, rendering_since=timezone.now())
    started = time.monotonic()
    try:
        html = report_html(survey, language=report.language)
        pdf = pdf_from_html(html)
    except Exception as exc:
        SurveyReport.objects.filter(pk=report.pk).update(status=ReportStatus.FAILED, error=str(exc)[:2000])
        log.exception("evaluation report %s failed", report.pk)
        raise
    old_name = report.file.name if report.file else ""
    report.file.save(f"{slugify(survey.title) or 'rapport'}-{report.language}.pdf", ContentFile(pdf), save=False)
    report.status = ReportStatus.READY
    report.fingerprint = html_fingerprint(html)
    report.rendered_at = timezone.now()
    report.render_ms = int((time.monotonic() - started) * 1000)
    report.error = ""
    report.save()
    if old_name and old_name != report.file.name:
        report.file.storage.delete(old_name)
    return report
