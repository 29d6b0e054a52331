"""Pages with personal data and every download are never cached (omdomme/core/middleware.py:
PrivateCacheMiddleware), and the reset mail to an unknown address names the address."""

import pytest
from django.urls import reverse

from omdomme.notifications.models import OutboxMail
from tests.gatherings.factories import GatheringFactory

pytestmark = pytest.mark.django_db

PRIVATE = {"private", "no-store"}


def _directives(response) -> set[str]:
    return {d.strip() for d in response.get("Cache-Control", "").split(",") if d.strip()}


def test_signed_in_pages_and_downloads_are_private_and_not_stored(world, client_for):
    gathering = GatheringFactory(cohort=world.cohort, number=1)
    client = client_for(world.contact_a)
    for url in [
        reverse("home"),
        reverse("privacy:my_data"),
        reverse("privacy:export"),
        reverse("gatherings:gathering_ics", args=[gathering.pk]),
        gathering.get_absolute_url(),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert _directives(response) >= PRIVATE, url


def test_the_personal_calendar_feed_is_private_without_a_session(world, client):
    world.contact_a.calendar_token = "t" * 40
    world.contact_a.save()
    response = client.get(reverse("gatherings:calendar_feed", args=["t" * 40]))
    assert response.status_code == 200
    assert _directives(response) == PRIVATE


def test_reset_mail_to_an_unknown_address_names_it(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/konto/password/reset/", {"email": "ukjent@example.no"})
    mail = OutboxMail.objects.get(kind="account_unknown_account")
    assert "tilbakestille passordet for ukjent@example.no i Omdømmeskolen" in " ".join(mail.body_text.split())
