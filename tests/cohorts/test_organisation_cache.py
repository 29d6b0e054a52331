"""The organisation page's cached part for staff (cohorts.scopes.organisation_part): each kind of
change it shows appears on the next render, time moves it on, and nobody else gets it."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cohorts import services as cohort_services
from omdomme.evidence.models import ResidentSurvey
from omdomme.packs import services as pack_services
from omdomme.packs.models import PackStatus, ParticipantPack
from sessions import services as session_services
from tests.evaluations.factories import MeasurementFactory
from tests.factories import MembershipFactory
from tests.gatherings.factories import GatheringFactory, SlotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def org_page(client_for, django_capture_on_commit_callbacks):
    """``org_page(user, org)`` renders the organisation page; ``org_page.change()`` wraps a write and runs
    what its commit runs (the bumps)."""

    class Page:
        def __call__(self, user, organisation) -> str:
            response = client_for(user).get(organisation.get_absolute_url())
            assert response.status_code == 200
            return response.content.decode()

        def change(self):
            return django_capture_on_commit_callbacks(execute=True)

    return Page()


def test_team_invitations_and_cohorts_show(world, org_page, fragment_cache):
    assert "Kari Alfa" in org_page(world.staff, world.org_a)
    with org_page.change():
        world.contact_a.full_name = "Kari Alfasen"
        world.contact_a.save()
    assert "Kari Alfasen" in org_page(world.staff, world.org_a)
    with org_page.change():
        MembershipFactory(organisation=world.org_a, user__full_name="Per Ny")
    assert "Per Ny" in org_page(world.staff, world.org_a)
    with org_page.change():
        invitation = cohort_services.invite(world.org_a, "ny@alfa.kommune.no", actor=world.staff)
    assert "ny@alfa.kommune.no" in org_page(world.staff, world.org_a)
    with time_machine.travel(invitation.expires_at + timedelta(minutes=1)):
        assert "utløpt" in org_page(world.staff, world.org_a)  # no write: the minute moved on
    with org_page.change():
        cohort_services.update_goals(world.enrolment_a, "Alfa vil bli kjent for fjellet.", actor=world.staff)
    assert "Alfa vil bli kjent for fjellet." in org_page(world.staff, world.org_a)
    with org_page.change():
        world.cohort.name = "Omdømmeskulen 2026"
        world.cohort.save()
    assert "Omdømmeskulen 2026" in org_page(world.staff, world.org_a)


def test_panels_show_their_changes(world, org_page, fragment_cache):
    gathering = GatheringFactory(cohort=world.cohort, title="Samling på Stiklestad")
    slot = SlotFactory(gathering=gathering, advisor=world.advisor)
    assert "Rådgiver Rune" not in org_page(world.staff, world.org_a)
    with org_page.change():
        session_services.book_slot(slot, world.org_a, world.staff)
    assert "Rådgiver Rune" in org_page(world.staff, world.org_a)
    with org_page.change():
        world.advisor.full_name = "Rådgiver Runa"
        world.advisor.save()
    assert "Rådgiver Runa" in org_page(world.staff, world.org_a)
    with time_machine.travel(slot.ends_at + timedelta(days=1, minutes=1)):
        assert "Rådgiver Runa" not in org_page(world.staff, world.org_a)  # no write: over a day ago
    with org_page.change():
        session_services.cancel_booking(slot, actor=world.staff)
    assert "Rådgiver Runa" not in org_page(world.staff, world.org_a)

    assert "ikke laget ennå" in org_page(world.staff, world.org_a)
    with org_page.change():
        pack = ParticipantPack.objects.create(
            gathering=gathering,
            organisation=world.org_a,
            status=PackStatus.READY,
            file="packs/1/alfa.pdf",
            rendered_at=timezone.now(),
        )
    assert "klar til nedlasting" in org_page(world.staff, world.org_a)
    with org_page.change():
        ParticipantPack.objects.filter(pk=pack.pk).update(
            status=PackStatus.RENDERING, rendering_since=timezone.now() - timedelta(days=1)
        )
        pack_services.recover_stuck()  # an update() of its own: it bumps
    assert "ikke laget ennå" in org_page(world.staff, world.org_a)

    with org_page.change():
        MeasurementFactory(organisation=world.org_a, indicator__name="Tilflytting per 1000")
    assert "Tilflytting per 1000" in org_page(world.staff, world.org_a)
    with org_page.change():
        ResidentSurvey.objects.create(
            organisation=world.org_a, opens_on=timezone.localdate(), closes_on=timezone.localdate() + timedelta(days=9)
        )
    assert reverse("evidence:organisation", args=[world.org_a.pk]) in org_page(world.staff, world.org_a)
    assert f"{timezone.localdate():%-d.%-m.%Y}" in org_page(world.staff, world.org_a)


def test_only_staff_share_the_part(world, org_page, fragment_cache):
    assert "Kari Alfa" in org_page(world.staff, world.org_a)
    assert "Bjørn Beta" in org_page(world.staff, world.org_b) and "Kari Alfa" not in org_page(world.staff, world.org_b)
    with org_page.change():
        cohort_services.invite(world.org_a, "ny@alfa.kommune.no", actor=world.staff)
    staff_page = org_page(world.staff, world.org_a)
    assert "ny@alfa.kommune.no" in staff_page
    colleague = MembershipFactory(organisation=world.org_a, role="member").user
    assert "ny@alfa.kommune.no" not in org_page(colleague, world.org_a)  # members do not see invitations


def test_a_hit_for_staff_runs_three_queries(world, client, fragment_cache, django_assert_num_queries):
    client.force_login(world.staff)
    url = world.org_a.get_absolute_url()
    client.get(url)
    with django_assert_num_queries(3):  # the session, its user and the organisation
        assert "Kari Alfa" in client.get(url).content.decode()
