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
                "message", to=["kari@alfa.kommune.no"], language="nn",
                context={"subject": "Samling på Stiklestad", "body": "Vi gler oss til å sjå dykk."},
            )
            # Not yet committed: the worker must not have been asked yet.
            assert OutboxMail.objects.get(pk=mail.pk).status == OutboxStatus.QUEUED
        status = wait_for(lambda: OutboxMail.objects.get(pk=mail.pk).status == OutboxStatus.SENT and "sent")
        assert status == "sent", worker.log()[-3000:]
        assert "notifications.deliver_mail" in worker.log()
    assert len(smtp.received) == 1
    assert str(make_header(decode_header(smtp.received[0]["Subject"]))) == "Samling på Stiklestad"
