"""The menu is cached per user and language, and rebuilt as soon as what it shows changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cohorts.models import Membership
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _menu_cache(settings):
    """The tests' settings make the menu cache a dummy; here it is a real one, as in production."""
    settings.CACHES = {**settings.CACHES, "navigation": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def _menu(response) -> list[str]:
    return [item.label for item in response.context["menu_items"]]


def _membership_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return sum(1 for q in ctx.captured_queries if "cohorts_membership" in q["sql"])


def test_second_page_reads_the_menu_from_the_cache(client):
    client.force_login(UserFactory())
    page = reverse("privacy:policy")
    assert _membership_queries(client, page) == 1
    assert _membership_queries(client, page) == 0


def test_a_new_membership_shows_at_once(client):
    user = UserFactory()
    client.force_login(user)
    page = reverse("privacy:policy")
    assert "Min organisasjon" not in _menu(client.get(page))
    MembershipFactory(user=user, organisation=OrganisationFactory())
    assert "Min organisasjon" in _menu(client.get(page))


def test_an_ended_membership_and_a_new_role_show_at_once(client):
    user = UserFactory()
    membership = MembershipFactory(user=user, organisation=OrganisationFactory())
    client.force_login(user)
    page = reverse("privacy:policy")
    assert "Min organisasjon" in _menu(client.get(page))
    Membership.objects.filter(pk=membership.pk).update(is_active=False)  # a bulk update sends no signal ...
    user.is_staff = True
    user.save()  # ... but the user's own change does
    menu = _menu(client.get(page))
    assert "Min organisasjon" not in menu
    assert "Organisasjoner" in menu


def test_the_menu_follows_the_language(client):
    user = UserFactory(is_staff=True)
    client.force_login(user)
    page = reverse("privacy:policy")
    assert "Organisasjoner" in _menu(client.get(page))
    user.language = "en"
    user.save()
    assert "Organisations" in _menu(client.get(page))
