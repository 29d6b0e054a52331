"""The advisor's schedule cards are a cached part: each kind of change they show appears on the next
render, a slot that has ended goes without any write, and each advisor sees only their own."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from cohorts import services as cohort_services
from sessions import services
from tests.factories import CohortRoleFactory, MembershipFactory, UserFactory
from tests.homework.factories import AssignmentFactory, SubmissionFactory

from .factories import SlotFactory, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def schedule(client_for, django_capture_on_commit_callbacks):
    """``schedule(advisor)`` renders their schedule; ``schedule.change()`` wraps a write and runs what
    its commit runs (the bumps)."""

    class Schedule:
        def __call__(self, advisor) -> str:
            response = client_for(advisor).get(reverse("gatherings:my_schedule"))
            assert response.status_code == 200
            return response.content.decode()

        def change(self):
            return django_capture_on_commit_callbacks(execute=True)

    return Schedule()


@pytest.fixture
def slot(world, gathering):
    start = at(gathering.starts_on, 13)
    return SlotFactory(
        gathering=gathering, advisor=world.advisor, starts_at=start, ends_at=start + timedelta(minutes=20)
    )


def test_bookings_and_the_organisations_context_show(world, gathering, slot, schedule, fragment_cache):
    assert "Alfa kommune" not in schedule(world.advisor)
    with schedule.change():
        services.book_slot(slot, world.org_a, world.contact_a, topic="Tilflytting")
    page = schedule(world.advisor)
    assert "Alfa kommune" in page and "Tilflytting" in page and "Alfa vil bli kjent for friluftsliv." in page
    with schedule.change():
        cohort_services.update_goals(world.enrolment_a, "Alfa vil bli kjent for fjellet.", actor=world.contact_a)
    assert "Alfa vil bli kjent for fjellet." in schedule(world.advisor)
    colleague = MembershipFactory(organisation=world.org_a, user__full_name="Per Ny").user
    with schedule.change():
        cohort_services.set_team(world.enrolment_a, [colleague], actor=world.staff)
    assert "Per Ny" in schedule(world.advisor)
    with schedule.change():
        colleague.full_name = "Per Nyland"
        colleague.save()
    assert "Per Nyland" in schedule(world.advisor)
    with schedule.change():
        SubmissionFactory(
            assignment=AssignmentFactory(cohort=world.cohort, title="Handlingsplan"), organisation=world.org_a
        )
    assert "Handlingsplan" in schedule(world.advisor)
    with schedule.change():
        gathering.title = "Samling på Røros"
        gathering.save()
    assert "Samling på Røros" in schedule(world.advisor)
    with schedule.change():
        services.cancel_booking(slot, actor=world.contact_a)
    assert "Alfa kommune" not in schedule(world.advisor)


def test_claims_releases_and_time_show(world, gathering, slot, schedule, fragment_cache):
    start = at(gathering.starts_on, 15)
    free = SlotFactory(gathering=gathering, starts_at=start, ends_at=start + timedelta(minutes=20))
    assert "15:00" not in schedule(world.advisor)
    with schedule.change():
        services.claim_slot(free, actor=world.advisor)
    assert "15:00" in schedule(world.advisor)
    with schedule.change():
        services.release_slot(free, actor=world.advisor)
    assert "15:00" not in schedule(world.advisor)
    assert "13:00" in schedule(world.advisor)
    with time_machine.travel(slot.ends_at + timedelta(minutes=1)):
        assert "13:00" not in schedule(world.advisor)  # no write: the slot has ended


def test_each_advisor_sees_only_their_own(world, gathering, slot, schedule, fragment_cache):
    services.book_slot(slot, world.org_a, world.contact_a)
    other = UserFactory(is_advisor=True, full_name="Rådgiver Randi")
    CohortRoleFactory(cohort=world.cohort, user=other, role="advisor")
    assert "Alfa kommune" in schedule(world.advisor)
    assert "Alfa kommune" not in schedule(other)
