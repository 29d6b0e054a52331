"""Invitation links are keyed hashes (HMAC under SECRET_KEY) of a secret the database keeps: a copy
of the database opens no invitation, and links are compared in constant time."""

import pytest
from django.db import connection
from django.urls import reverse

from cohorts import services
from cohorts.models import Invitation
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation():
    return services.invite(OrganisationFactory(), "ny@example.no", actor=UserFactory(is_staff=True))


def test_the_link_token_is_nowhere_in_the_database(invitation):
    url_token = invitation.url_token
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM cohorts_invitation WHERE id = %s", [invitation.pk])
        row = " ".join(str(v) for v in cursor.fetchone())
    assert url_token.split("-", 1)[1] not in row
    assert url_token in invitation.get_accept_url()


def test_only_the_keyed_link_opens_the_invitation(invitation, client, settings):
    assert Invitation.objects.by_url_token(invitation.url_token) == invitation
    stolen = f"{invitation.pk}-{invitation.token}"  # what a copy of the database holds
    last = invitation.url_token[-1]
    altered = invitation.url_token[:-1] + ("1" if last == "0" else "0")  # always differs from the real one
    for token in [invitation.token, stolen, altered, f"{invitation.pk}-", "x"]:
        assert Invitation.objects.by_url_token(token) is None
    response = client.get(reverse("cohorts:invitation_accept", args=[stolen]))
    assert response.status_code == 404
    assert "Denne invitasjonslenken er ikke gyldig." in response.content.decode()
    link = invitation.url_token
    settings.SECRET_KEY = "another-key-" + "x" * 40  # the same row under another key opens nothing
    assert Invitation.objects.by_url_token(link) is None
