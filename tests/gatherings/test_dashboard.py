"""Home-page sections, menu entries and the advisor's schedule with the organisation's context."""

from datetime import timedelta

import pytest
from django.urls import reverse

from cohorts.panels import enrolment_panels
from omdomme.core.extensions import Panel
from sessions import dashboard, navigation
from sessions.models import Registration
from sessions.views.slots import SCHEDULE_PAGE
from tests.factories import EnrolmentFactory, OrganisationFactory
from tests.homework.factories import AssignmentFactory, SubmissionFactory

from .factories import SlotFactory, at

pytestmark = pytest.mark.django_db


def _booked(world, gathering):
    start = at(gathering.starts_on, 13)
    return SlotFactory(
        gathering=gathering,
        advisor=world.advisor,
        starts_at=start,
        ends_at=start + timedelta(minutes=20),
        organisation=world.org_a,
        booking_ordinal=1,
        topic="Tilflytting",
    )


def test_contact_section_shows_next_gathering_registration_and_bookings(world, gathering):
    Registration.objects.create(
        gathering=gathering, user=world.contact_a, organisation=world.org_a, days=[gathering.starts_on.isoformat()]
    )
    slot = _booked(world, gathering)
    [section] = dashboard.sections(world.contact_a)
    assert section.template == "gatherings/dashboard_contact.html"
    assert section.context["gathering"] == gathering
    assert section.context["registration"].status == "confirmed"
    assert list(section.context["bookings"]) == [slot]
    assert [s.context["bookings"].count() for s in dashboard.sections(world.contact_b)] == [0]


def test_advisor_and_staff_sections(world, gathering):
    slot = _booked(world, gathering)
    [advisor_section] = dashboard.sections(world.advisor)
    assert list(advisor_section.context["slots"]) == [slot]
    [staff_section] = dashboard.sections(world.staff)
    assert [(g, g.registered) for g in staff_section.context["gatherings"]] == [(gathering, 0)]
    assert dashboard.sections(world.outsider) == []


def test_menu_entries(world):
    labels = lambda u: [(i.label, i.url) for i in navigation.menu(u)]  # noqa: E731
    assert labels(world.advisor) == [("Gatherings", "/samlinger/"), ("My schedule", "/samlinger/min-timeplan/")]
    assert labels(world.contact_a) == [("Gatherings", "/samlinger/"), ("My bookings", "/samlinger/mine-timer/")]


def test_home_page_renders_our_sections(world, gathering, client_for):
    _booked(world, gathering)
    assert "Samling 1" in client_for(world.contact_a).get(reverse("home")).content.decode()
    assert "Alfa kommune" in client_for(world.advisor).get(reverse("home")).content.decode()


def test_my_schedule_shows_team_goals_and_other_apps_panels(world, gathering, client_for):
    _booked(world, gathering)

    def homework_like_panel(user, enrolment):
        return [Panel("gatherings/panel_organisation_bookings.html", {"slots": []}, order=5)]

    enrolment_panels.register(homework_like_panel)
    try:
        page = client_for(world.advisor).get(reverse("gatherings:my_schedule")).content.decode()
    finally:
        enrolment_panels.unregister(homework_like_panel)
    assert "Alfa vil bli kjent for friluftsliv." in page
    assert "Kari Alfa" in page
    assert "Tilflytting" in page
    assert 'id="org-bookings-h"' in page  # the panel another app registered


def test_my_schedule_runs_the_same_queries_for_one_slot_and_many(
    world, gathering, client_for, django_assert_num_queries
):
    """One panel query for every organisation on the schedule, not one per slot (was an N+1); one
    more counts the pages."""
    assignment = AssignmentFactory(cohort=world.cohort)
    SubmissionFactory(assignment=assignment, organisation=world.org_a)
    _booked(world, gathering)
    client = client_for(world.advisor)
    with django_assert_num_queries(8):
        page = client.get(reverse("gatherings:my_schedule"))
    assert page.content.decode().count('class="card schedule-entry"') == 1
    start = at(gathering.starts_on, 14)
    for i in range(6):
        organisation = OrganisationFactory()
        EnrolmentFactory(cohort=world.cohort, organisation=organisation)
        SubmissionFactory(assignment=assignment, organisation=organisation)
        begins = start + timedelta(minutes=30 * i)
        SlotFactory(
            gathering=gathering,
            advisor=world.advisor,
            starts_at=begins,
            ends_at=begins + timedelta(minutes=20),
            organisation=organisation,
            booking_ordinal=1,
        )
    with django_assert_num_queries(8):
        page = client.get(reverse("gatherings:my_schedule"))
    assert page.content.decode().count('class="card schedule-entry"') == 7


def test_my_schedule_comes_in_pages_in_time_order(world, gathering, client_for):
    start = at(gathering.starts_on, 9)
    for i in range(SCHEDULE_PAGE + 2):
        begins = start + timedelta(minutes=30 * i)
        SlotFactory(
            gathering=gathering, advisor=world.advisor, starts_at=begins, ends_at=begins + timedelta(minutes=20)
        )
    SlotFactory(gathering=gathering, starts_at=start, ends_at=start + timedelta(minutes=20))  # unclaimed
    client = client_for(world.advisor)
    url = reverse("gatherings:my_schedule")
    first = client.get(url).content.decode()
    assert first.count('class="card schedule-entry"') == SCHEDULE_PAGE
    assert "09:00" in first and 'rel="next"' in first
    last = client.get(url, {"page": 2}).content.decode()
    assert last.count('class="card schedule-entry"') == 2
    assert "09:00" not in last
