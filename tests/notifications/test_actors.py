"""Only course staff cancel or resend an email; the outbox row keeps who did (its own history)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from omdomme.notifications import services
from omdomme.notifications.models import OutboxMail, OutboxStatus

pytestmark = pytest.mark.django_db


def _mail(**kwargs) -> OutboxMail:
    fields = {
        "kind": "message",
        "recipients": ["a@example.no"],
        "subject": "Emne",
        "body_text": "Tekst",
        "language": "nb",
    }
    return OutboxMail.objects.create(**{**fields, **kwargs})


def test_cancel_and_resend_are_for_staff(world):
    mail = _mail(status=OutboxStatus.QUEUED)
    sent = _mail(status=OutboxStatus.SENT)
    before = list(OutboxMail.objects.order_by("pk").values())
    for person in (world.advisor, world.contact_a):
        with pytest.raises(PermissionDenied):
            services.cancel(mail, actor=person)
        with pytest.raises(PermissionDenied):
            services.resend(sent, actor=person)
    assert list(OutboxMail.objects.order_by("pk").values()) == before
    services.cancel(mail, actor=world.staff)
    assert OutboxMail.objects.get(pk=mail.pk).cancelled_by == world.staff
