import logging

from celery import shared_task

log = logging.getLogger(__name__)


@shared_task(name="evaluations.render_report", ignore_result=True, soft_time_limit=120, time_limit=180)
def render_report_task(*, report_id: int) -> str:
    """Make one evaluation report PDF (idempotent: a redelivery makes the same report again)."""
    from .models import SurveyReport
    from .reports import render_report

    report = SurveyReport.objects.select_related("survey__cohort").filter(pk=report_id).first()
    if report is None:
        log.info("evaluation report %s: gone", report_id)
        return "missing"
    try:
        return render_report(report).status
    except Exception:  # render_report has marked the report failed (with the error) for staff to see
        log.exception("evaluation report %s failed", report_id)
        return "failed"
