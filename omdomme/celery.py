"""The Celery app.

Redis is the broker when ``REDIS_URL`` is set; without it tasks run eagerly in-process (see
settings), which is what ``make run`` uses. Conventions for every task:

* an explicit ``name=`` and keyword-only primitive arguments (ids), so queued tasks survive deploys;
* ``acks_late`` with ``reject_on_worker_lost``: a task whose worker dies is redelivered, so every
  task must be idempotent (the outbox and the reminder claims make them so);
* nothing is scheduled further ahead than the broker's visibility timeout: periodic sweeps (beat)
  pick up future work instead of long ETAs or countdowns;
* tasks are enqueued with ``transaction.on_commit`` so a worker never sees uncommitted rows.
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omdomme.settings")

app = Celery("omdomme")
app.config_from_object("django.conf:settings", namespace="CELERY")
# A deployment (or a test's private worker) may use its own queue name.
app.conf.task_default_queue = os.environ.get("CELERY_QUEUE", "celery")
app.autodiscover_tasks()  # tasks.py of every installed app

app.conf.beat_schedule = {
    # Retry queued mails whose backoff has passed and recover rows stuck in "sending".
    "flush-outbox": {"task": "notifications.flush_outbox", "schedule": 60.0},
    # The reminder sweep: idempotent, so running it often only sends what has become due.
    "send-reminders": {"task": "reminders.sweep", "schedule": crontab(minute="*/15")},
    # Packs whose render was interrupted (worker lost past its retries) are marked failed.
    "recover-packs": {"task": "packs.recover_stuck", "schedule": crontab(minute="*/10")},
    # Anonymise personal data of cohorts that ended more than PERSONAL_DATA_RETENTION_MONTHS ago.
    "purge-personal-data": {"task": "privacy.purge_expired_personal_data", "schedule": crontab(hour=3, minute=30)},
    # Official statistics once a year, after SSB has published last year's population and migration
    # (February/March). Re-running it by hand is safe: values are updated in place.
    "import-statistics": {
        "task": "evidence.import_statistics",
        "schedule": crontab(month_of_year=4, day_of_month=2, hour=4, minute=17),
    },
    # Resident surveys whose closing day has passed feed the organisation's indicators.
    "close-resident-surveys": {"task": "evidence.close_resident_surveys", "schedule": crontab(hour=2, minute=45)},
}
