"""The Celery app. Without REDIS_URL tasks run eagerly in-process (see settings)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omdomme.settings")

app = Celery("omdomme")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Retry queued mails whose backoff has passed and recover rows stuck in "sending".
    "flush-outbox": {"task": "notifications.flush_outbox", "schedule": 60.0},
}
