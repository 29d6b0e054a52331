"""The Celery app's settings: the promises the tasks rely on."""

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from omdomme.celery import app


def test_reliable_delivery_settings():
    conf = app.conf
    assert (conf.task_serializer, conf.result_serializer, conf.accept_content) == ("json", "json", ["json"])
    assert conf.task_acks_late is True and conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    # A task that runs to its hard time limit still finishes long before Redis would redeliver it.
    assert conf.task_time_limit < settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert conf.task_soft_time_limit < conf.task_time_limit


def test_every_beat_entry_names_a_registered_task():
    app.loader.import_default_modules()
    names = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert names == {
        "notifications.flush_outbox",
        "reminders.sweep",
        "packs.recover_stuck",
        "privacy.purge_expired_personal_data",
        "evidence.import_statistics",
        "evidence.close_resident_surveys",
    }
    assert names <= set(app.tasks)
    for name in ("notifications.deliver_mail", "packs.render"):
        assert name in app.tasks


@pytest.mark.django_db
def test_commands_refuse_bad_input():
    with pytest.raises(SystemExit):
        call_command("send_reminders", "--now", "i morgen")
    with pytest.raises(CommandError, match="No gathering with id 999999"):
        call_command("build_packs", "--gathering", "999999")
