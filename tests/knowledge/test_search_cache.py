"""The cached search results: a viewer never gets a result that a change has since hidden from
them, sees what was published since, and never gets another viewer's results."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cohorts import services as cohort_services
from cohorts.models import Membership
from homework import services as homework_services
from omdomme.knowledge import services as knowledge_services
from tests.factories import UserFactory

from .factories import case, past_member, shared_homework

pytestmark = pytest.mark.django_db


@pytest.fixture
def past(world):
    """A 2010 municipality with a published case and homework it shared with all cohorts."""
    cohort, org, contact = past_member(2010, "Nordre Land kommune", "kontakt@nordre-land.no", "3448")
    story = case(org, cohort, title="Landsbyutvikling", summary="Kommunen satset på bygdene.")
    homework = shared_homework(
        cohort, org, contact, world.staff, text="Alle kommunane deltok.", beyond=True, title="Tiltaksplan"
    )
    return {"cohort": cohort, "org": org, "contact": contact, "case": story, "homework": homework}


def found(client, user, q="kommunene") -> str:
    client.force_login(user)
    return client.get(reverse("knowledge:search"), {"q": q}).content.decode()


def test_an_unpublished_case_disappears_and_a_new_one_appears(
    client, world, past, fragment_cache, django_capture_on_commit_callbacks
):
    assert "Landsbyutvikling" in found(client, world.contact_a)
    with django_capture_on_commit_callbacks(execute=True):
        knowledge_services.publish_case(past["case"], actor=world.staff, publish=False)
    assert "Landsbyutvikling" not in found(client, world.contact_a)

    with django_capture_on_commit_callbacks(execute=True):
        case(past["org"], past["cohort"], title="Bygdeløftet", summary="Kommunene samarbeidet.")
    assert "Bygdeløftet" in found(client, world.contact_a)


def test_withdrawn_consent_hides_the_homework_from_other_cohorts(
    client, world, past, fragment_cache, django_capture_on_commit_callbacks
):
    assert "Tiltaksplan" in found(client, world.contact_a)
    with django_capture_on_commit_callbacks(execute=True):
        homework_services.withdraw_beyond_cohort(past["homework"], actor=past["contact"])
    assert "Tiltaksplan" not in found(client, world.contact_a)


def test_ended_alumni_access_hides_what_is_shared_with_all_cohorts(
    client, world, past, fragment_cache, django_capture_on_commit_callbacks
):
    assert "Landsbyutvikling" in found(client, world.contact_a)
    with django_capture_on_commit_callbacks(execute=True):
        cohort_services.end_alumni_access(world.contact_a, actor=world.staff)
    page = found(client, world.contact_a)
    assert "Landsbyutvikling" not in page
    assert "Tiltaksplan" not in page


def test_a_removed_membership_hides_the_results(
    client, world, past, fragment_cache, django_capture_on_commit_callbacks
):
    assert "Tiltaksplan" in found(client, world.contact_a)
    with django_capture_on_commit_callbacks(execute=True):
        for membership in Membership.objects.filter(user=world.contact_a):
            membership.is_active = False
            membership.save()
    assert "Tiltaksplan" not in found(client, world.contact_a)


def test_viewers_with_different_access_never_share_a_cached_result(client, world, past, fragment_cache):
    outsider = UserFactory(email="utenfor@example.no")  # no membership: no alumni access
    assert "Tiltaksplan" in found(client, world.contact_a)
    assert "Tiltaksplan" not in found(client, outsider)
    assert "Tiltaksplan" in found(client, world.contact_a)
