"""A member's home page is a cached part (cohorts.scopes.home_part): each kind of change it shows
appears on the next render, time moves it on without any write, and nobody sees another's part."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cohorts import services as cohort_services
from evaluations.models import Participation
from homework import services as homework_services
from sessions import services as session_services
from sessions.services import RegistrationData
from tests.evaluations.factories import SurveyFactory
from tests.factories import MembershipFactory, UserFactory
from tests.gatherings.factories import GatheringFactory, SlotFactory, at
from tests.homework.factories import AssignmentFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(client_for, django_capture_on_commit_callbacks):
    """``home(user)`` renders the user's home page; ``home.change()`` wraps a write and runs what
    its commit runs (the bumps)."""

    class Home:
        def __call__(self, user) -> str:
            response = client_for(user).get(reverse("home"))
            assert response.status_code == 200
            return response.content.decode()

        def change(self):
            return django_capture_on_commit_callbacks(execute=True)

    return Home()


def test_organisation_team_and_cohort_changes_show(world, home, fragment_cache):
    page = home(world.contact_a)
    assert "Alfa kommune" in page and "Omdømmeskolen 2026" in page
    with home.change():
        world.org_a.name = "Alfa herad"
        world.org_a.save()
    assert "Alfa herad" in home(world.contact_a)
    with home.change():
        world.cohort.name = "Omdømmeskulen 2026"
        world.cohort.save()
    assert "Omdømmeskulen 2026" in home(world.contact_a)
    assert "1 person i teamet" in home(world.contact_a)
    with home.change():
        MembershipFactory(organisation=world.org_a, user=UserFactory())
    assert "2 personer i teamet" in home(world.contact_a)
    assert "0 ubesvarte invitasjoner" in home(world.contact_a)
    with home.change():
        cohort_services.invite(world.org_a, "ny@alfa.kommune.no", actor=world.contact_a)
    assert "1 ubesvart invitasjon" in home(world.contact_a)
    with home.change():
        cohort_services.update_goals(world.enrolment_a, "", actor=world.contact_a)
    assert reverse("cohorts:enrolment_goals", args=[world.enrolment_a.pk]) in home(world.contact_a)


def test_gatherings_registrations_and_bookings_show(world, home, fragment_cache):
    assert "Samling på Stiklestad" not in home(world.contact_a)
    with home.change():
        gathering = GatheringFactory(cohort=world.cohort, title="Samling på Stiklestad")
    page = home(world.contact_a)
    assert "Samling på Stiklestad" in page and reverse("gatherings:register", args=[gathering.pk]) in page
    with home.change():
        session_services.register(
            gathering,
            world.contact_a,
            RegistrationData(days=[gathering.starts_on.isoformat()]),
            actor=world.contact_a,
            organisation=world.org_a,
        )
    assert reverse("gatherings:register", args=[gathering.pk]) not in home(world.contact_a)
    slot = SlotFactory(gathering=gathering, advisor=world.advisor, starts_at=at(gathering.starts_on, 10))
    with home.change():
        session_services.book_slot(slot, world.org_a, world.contact_a)
    assert "Rådgiver Rune" in home(world.contact_a)
    with home.change():
        world.advisor.full_name = "Rådgiver Runa"
        world.advisor.save()
    assert "Rådgiver Runa" in home(world.contact_a)
    with home.change():
        session_services.cancel_booking(slot, actor=world.contact_a)
    assert "Rådgiver Runa" not in home(world.contact_a)


def test_homework_and_surveys_show(world, home, fragment_cache):
    with home.change():
        assignment = AssignmentFactory(
            cohort=world.cohort, title="Handlingsplan", due_at=timezone.now() + timedelta(days=3)
        )
    assert "Handlingsplan" in home(world.contact_a)
    with home.change():
        homework_services.grant_extension(
            assignment, world.org_a, actor=world.staff, due_at=timezone.now() + timedelta(days=30), reason="Sykdom"
        )
    assert "Handlingsplan" not in home(world.contact_a)  # now due after the two weeks
    with home.change():
        other = AssignmentFactory(cohort=world.cohort, title="Målbilde", due_at=timezone.now() + timedelta(days=3))
    assert "Målbilde" in home(world.contact_a)
    with home.change():
        SubmissionFactory(
            assignment=other,
            organisation=world.org_a,
            status="submitted",
            submitted_at=timezone.now(),
            first_submitted_at=timezone.now(),
        )
    assert "Målbilde" not in home(world.contact_a)

    with home.change():
        survey = SurveyFactory(cohort=world.cohort, title="Evaluering av samling 1")
    assert "Evaluering av samling 1" in home(world.contact_a)
    with home.change():
        Participation.objects.create(survey=survey, user=world.contact_a, organisation=world.org_a, submitted=True)
    assert "Evaluering av samling 1" not in home(world.contact_a)


def test_time_moves_the_part_on_without_any_write(world, home, fragment_cache):
    due = timezone.now() + timedelta(hours=2)
    with home.change():
        AssignmentFactory(cohort=world.cohort, title="Handlingsplan", due_at=due)
    assert "Handlingsplan" in home(world.contact_a)
    with time_machine.travel(due + timedelta(minutes=1)):
        assert "Handlingsplan" not in home(world.contact_a)  # past due: no longer "due soon"


def test_nobody_sees_another_members_part(world, home, fragment_cache):
    gathering = GatheringFactory(cohort=world.cohort)
    slot = SlotFactory(gathering=gathering, advisor=world.advisor, starts_at=at(gathering.starts_on, 10))
    session_services.book_slot(slot, world.org_b, world.contact_b)
    page_b = home(world.contact_b)
    assert "Beta kommune" in page_b and "Rådgiver Rune" in page_b
    page_a = home(world.contact_a)
    assert "Alfa kommune" in page_a
    assert "Beta kommune" not in page_a and "Rådgiver Rune" not in page_a
    colleague = MembershipFactory(organisation=world.org_a, role="member").user
    assert "Alfa kommune" in home(colleague) and "Beta kommune" not in home(colleague)


def test_a_hit_runs_only_the_sign_in_queries(world, client, fragment_cache, django_assert_num_queries):
    client.force_login(world.contact_a)
    client.get(reverse("home"))
    with django_assert_num_queries(3):  # the session, its user and their memberships (the menu needs them)
        assert "Alfa kommune" in client.get(reverse("home")).content.decode()
