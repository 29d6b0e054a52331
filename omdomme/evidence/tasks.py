"""Celery tasks of the evidence package: the yearly statistics import and the daily closing of resident surveys."""

from __future__ import annotations

import logging

from celery import shared_task

log = logging.getLogger(__name__)


@shared_task(name="evidence.import_statistics")
def import_statistics_task(*, years: int = 10) -> dict:
    from .statistics import import_statistics

    report = import_statistics(actor=None, years=years)
    log.info("import_statistics: stored %s, errors %s", report.stored, report.errors)
    return {"stored": report.stored, "unchanged": report.unchanged, "errors": report.errors}


@shared_task(name="evidence.close_resident_surveys")
def close_resident_surveys_task() -> int:
    from .residents import close_due_surveys

    closed = close_due_surveys()
    log.info("close_resident_surveys: %s surveys closed", closed)
    return closed
