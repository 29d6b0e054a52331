import logging

from celery import shared_task

log = logging.getLogger(__name__)


@shared_task(name="reminders.sweep", ignore_result=True, soft_time_limit=600, time_limit=660)
def sweep_task() -> int:
    """The periodic reminder sweep (beat); ``manage.py send_reminders`` runs the same function."""
    from .rules import sweep

    return sum(sweep().values())
