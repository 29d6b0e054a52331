"""Integration: a mail queued in a transaction goes through Redis to a real worker process and is
delivered by SMTP (a real local server); the row ends up "sent"."""

from email.header import decode_header, make_header

import pytest
from django.db import transaction

from omdomme.notifications import services
from omdomme.notifications.models import OutboxMail, OutboxStatus

from .smtp import SmtpServer
from .worker import real_worker, wait_for

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def test_mail_goes_through_the_broker_and_lands():
    with SmtpServer() as smtp, real_worker(email_url=f"smtp://127.0.0.1:{smtp.port}") as worker:
        with transaction.atomic():
            mail = services.queue_email(
                "message",
                to=["kari@alfa.kommune.no"],
                language="nn",
                context={"subject": "Samling på Stiklestad", "body": "Vi gler oss til å sjå dykk."},
            )
            # Not yet committed: the worker must not have been asked yet.
            assert OutboxMail.objects.get(pk=mail.pk).status == OutboxStatus.QUEUED
        status = wait_for(lambda: OutboxMail.objects.get(pk=mail.pk).status == OutboxStatus.SENT and "sent")
        assert status == "sent", worker.log()[-3000:]
        assert "notifications.deliver_mail" in worker.log()
    assert len(smtp.received) == 1
    assert str(make_header(decode_header(smtp.received[0]["Subject"]))) == "Samling på Stiklestad"


def test_a_reminder_and_packs_go_through_the_broker_and_land(world):
    from datetime import date, timedelta
    from pathlib import Path

    from django.utils import timezone

    from omdomme.packs.models import PackStatus, ParticipantPack
    from omdomme.packs.services import request_packs
    from omdomme.reminders.tasks import sweep_task
    from tests.packs import factories as f

    g = f.gathering(world.cohort, starts_on=date(2026, 9, 22))
    f.programme_item(g, "Velkommen til Stiklestad")
    f.assignment(world.cohort, due_at=timezone.now() + timedelta(hours=6), title="Blåbærplanen")
    with SmtpServer() as smtp, real_worker(email_url=f"smtp://127.0.0.1:{smtp.port}") as worker:
        sweep_task.delay()
        sent = wait_for(
            lambda: OutboxMail.objects.filter(kind="reminder_homework", status=OutboxStatus.SENT).count() == 2,
            timeout=60,
        )
        assert sent, worker.log()[-3000:]
        with transaction.atomic():
            request_packs(g, actor=world.staff)
        ready = wait_for(lambda: ParticipantPack.objects.filter(status=PackStatus.READY).count() == 2, timeout=90)
        assert ready, worker.log()[-3000:]
        assert "packs.render" in worker.log() and "reminders.sweep" in worker.log()
    assert sorted(m["To"] for m in smtp.received) == ["kontakt.a@alfa.kommune.no", "kontakt.b@beta.kommune.no"]
    for pack in ParticipantPack.objects.all():
        assert Path(pack.file.path).read_bytes().startswith(b"%PDF")
