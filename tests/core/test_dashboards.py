import pytest
from django.urls import reverse

from omdomme.notifications.models import OutboxMail, OutboxStatus

pytestmark = pytest.mark.django_db


def _mail(status: str) -> OutboxMail:
    return OutboxMail.objects.create(
        kind="invitation", recipients=["a@example.no"], subject="Hei", body_text="Hei", status=status
    )


def test_staff_home_says_when_email_fails_and_links_to_the_failed_ones(world, client_for):
    _mail(OutboxStatus.FAILED)
    _mail(OutboxStatus.FAILED)
    _mail(OutboxStatus.SENT)
    body = client_for(world.staff).get(reverse("home")).content.decode()
    assert "2 e-poster kunne ikke leveres" in body
    assert f"{reverse('notifications:outbox_list')}?status=failed" in body
    assert "venter på å bli sendt" not in body


def test_contacts_never_see_the_email_section(world, client_for):
    _mail(OutboxStatus.FAILED)
    body = client_for(world.contact_a).get(reverse("home")).content.decode()
    assert "kunne ikke leveres" not in body
