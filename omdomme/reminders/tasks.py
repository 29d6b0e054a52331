import logging

from celery import shared_task

from .rules import sweep

log = logging.getLogger(__name__)


@shared_task(name="reminders.sweep", ignore_result=True, soft_time_limit=600, time_limit=660)
def sweep_task() -> int:
    """The periodic reminder sweep (beat); ``manage.py send_reminders`` runs the same function."""

    return sum(sweep().values())
