"""Pages: query counts that do not grow with rows, htmx board updates, exports and calendars."""

import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from icalendar import Calendar
from openpyxl import load_workbook

from cohorts.models import MembershipRole
from sessions.models import AdvisorySlot, Registration
from tests.factories import MembershipFactory, UserFactory

from .factories import ProgrammeItemFactory, RegistrationFactory, SlotFactory, at

pytestmark = pytest.mark.django_db


def _people(world, n):
    users = []
    for i in range(n):
        u = UserFactory(full_name=f"Deltaker {i:02d}", email=f"deltaker{i}@alfa.kommune.no")
        MembershipFactory(organisation=world.org_a, user=u, role=MembershipRole.MEMBER)
        users.append(u)
    return users


@pytest.mark.parametrize("n", [1, 30])
def test_registration_list_queries_do_not_grow(world, gathering, client_for, django_assert_num_queries, n):
    for u in _people(world, n):
        RegistrationFactory(gathering=gathering, user=u, organisation=world.org_a, dietary_needs="Vegetar")
    client = client_for(world.staff)
    with django_assert_num_queries(8):
        response = client.get(reverse("gatherings:registration_list", args=[gathering.pk]))
    assert response.status_code == 200
    assert response.context["summary"]["total"] == n
    assert response.context["summary"]["dietary"] == [("vegetar", n)]


@pytest.mark.parametrize("n", [1, 30])
def test_board_queries_do_not_grow(world, gathering, client_for, django_assert_num_queries, n):
    for i in range(n):
        start = at(gathering.starts_on, 8) + timedelta(minutes=25 * (i // 3))
        SlotFactory(
            gathering=gathering,
            starts_at=start,
            ends_at=start + timedelta(minutes=20),
            room=f"Rom {i % 3}",
            advisor=world.advisor if i % 3 == 0 else None,
        )
    client = client_for(world.contact_a)
    # With nothing cached: the session, its user, the gathering, the viewer's memberships and role
    # (kept for the next view: slots.cached_viewer), the menu's memberships, the slots.
    with django_assert_num_queries(7):
        response = client.get(reverse("gatherings:board", args=[gathering.pk]))
    assert response.status_code == 200
    assert sum(response.context["slots"]()["counts"].values()) == n


@pytest.mark.parametrize("n", [1, 30])
def test_programme_queries_do_not_grow(world, gathering, client_for, django_assert_num_queries, n):
    for i in range(n):
        ProgrammeItemFactory(gathering=gathering, day=gathering.days[i % 2], title=f"Post {i}")
    client = client_for(world.contact_a)
    with django_assert_num_queries(6):  # 5 before the page listed materials
        response = client.get(reverse("gatherings:programme", args=[gathering.pk]))
    assert response.status_code == 200
    assert sum(len(items) for _day, items in response.context["days"]) == n


def test_board_htmx_book_returns_the_cell(world, gathering, client_for):
    start = at(gathering.starts_on, 13)
    slot = SlotFactory(
        gathering=gathering, advisor=world.advisor, starts_at=start, ends_at=start + timedelta(minutes=20)
    )
    client = client_for(world.contact_a)
    board = client.get(reverse("gatherings:board", args=[gathering.pk])).content.decode()
    assert f'hx-post="{reverse("gatherings:slot_book", args=[slot.pk])}"' in board
    response = client.post(
        reverse("gatherings:slot_book", args=[slot.pk]),
        {f"book{slot.pk}-organisation": world.org_a.pk, f"book{slot.pk}-topic": "Merkevare"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith(f'<td id="slot-{slot.pk}" class="slot slot-booked">')
    assert "Alfa kommune" in html
    assert AdvisorySlot.objects.get(pk=slot.pk).organisation == world.org_a
    # A second attempt by the other organisation gets the refusal in the cell, not an error page.
    other = client_for(world.contact_b).post(
        reverse("gatherings:slot_book", args=[slot.pk]),
        {f"book{slot.pk}-organisation": world.org_b.pk},
        HTTP_HX_REQUEST="true",
    )
    assert other.status_code == 200
    assert 'role="alert">Noen andre booket denne timen like før deg' in other.content.decode().replace("\n", "")
    assert "Alfa kommune" not in other.content.decode()


def test_board_without_js_redirects_back_with_a_message(world, gathering, client_for):
    slot = SlotFactory(gathering=gathering)
    board_url = reverse("gatherings:board", args=[gathering.pk])
    response = client_for(world.advisor).post(reverse("gatherings:slot_claim", args=[slot.pk]), {"next": board_url})
    assert (response.status_code, response["Location"]) == (302, board_url)
    assert AdvisorySlot.objects.get(pk=slot.pk).advisor == world.advisor


def test_exports_contain_the_registrations(world, gathering, client_for):
    Registration.objects.create(
        gathering=gathering,
        user=world.contact_a,
        organisation=world.org_a,
        days=[gathering.starts_on.isoformat()],
        dietary_needs="Nøtteallergi",
    )
    client = client_for(world.staff)
    csv = client.get(reverse("gatherings:registration_export", args=[gathering.pk, "csv"]))
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[1].split(",")[:4] == ["Kari Alfa", "kontakt.a@alfa.kommune.no", "11111111", "Alfa kommune"]
    xlsx = client.get(reverse("gatherings:registration_export", args=[gathering.pk, "xlsx"]))
    sheet = load_workbook(BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[2]][:4] == ["Kari Alfa", "kontakt.a@alfa.kommune.no", "11111111", "Alfa kommune"]
    assert sheet.cell(row=2, column=7).value == "Nøtteallergi"


def test_gathering_ics_and_personal_feed(world, gathering, client_for):
    start = at(gathering.starts_on, 13)
    slot = SlotFactory(
        gathering=gathering,
        advisor=world.advisor,
        starts_at=start,
        ends_at=start + timedelta(minutes=20),
        organisation=world.org_a,
        booking_ordinal=1,
    )
    ics = client_for(world.contact_a).get(reverse("gatherings:gathering_ics", args=[gathering.pk]))
    event = Calendar.from_ical(ics.content).walk("VEVENT")[0]
    assert (event.decoded("dtstart"), event.decoded("dtend")) == (
        gathering.starts_on,
        gathering.ends_on + timedelta(days=1),
    )

    client = client_for(world.contact_a)
    client.post(reverse("gatherings:calendar_settings"), {"action": "generate"})
    world.contact_a.refresh_from_db()
    token = world.contact_a.calendar_token
    assert len(token) >= 40
    client.logout()
    feed = client.get(reverse("gatherings:calendar_feed", args=[token]))
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert sorted(str(e["uid"]) for e in events) == sorted(
        [f"gathering-{gathering.pk}@omdommeskolen", f"slot-{slot.pk}@omdommeskolen"]
    )
    client_for(world.contact_a).post(reverse("gatherings:calendar_settings"), {"action": "revoke"})
    assert client.get(reverse("gatherings:calendar_feed", args=[token])).status_code == 404


def test_a_line_break_in_a_profile_name_cannot_break_the_calendar_feed(world, gathering, client):
    world.contact_a.full_name = "Kari\r\nAlfa"
    world.contact_a.calendar_token = "t" * 40
    world.contact_a.save()
    feed = client.get(reverse("gatherings:calendar_feed", args=["t" * 40]))
    assert feed.status_code == 200
    calendar = Calendar.from_ical(feed.content)
    assert str(calendar["x-wr-calname"]) == "Omdømmeskolen – Kari\\nAlfa"  # the line break escaped, one line
    assert [str(e["uid"]) for e in calendar.walk("VEVENT")] == [f"gathering-{gathering.pk}@omdommeskolen"]


def test_checkin_search_and_tap(world, gathering, client_for):
    reg = Registration.objects.create(
        gathering=gathering, user=world.contact_a, organisation=world.org_a, days=[gathering.starts_on.isoformat()]
    )
    client = client_for(world.staff)
    url = reverse("gatherings:checkin", args=[gathering.pk])
    partial = client.get(url, {"q": "kari"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="checkin-results")
    assert "<html" not in partial.content.decode() and "Kari Alfa" in partial.content.decode()
    assert "Kari Alfa" not in client.get(url, {"q": "bjørn"}).content.decode()
    row = client.post(reverse("gatherings:checkin_toggle", args=[reg.pk]), {"present": "1"}, HTTP_HX_REQUEST="true")
    assert row.content.decode().startswith(f'<li id="checkin-{reg.pk}" class="checkin-row present">')
    assert Registration.objects.get(pk=reg.pk).checked_in_at is not None


def test_checkin_search_and_status_filter_come_from_their_filtersets(world, gathering, client_for):
    RegistrationFactory(gathering=gathering, user=world.contact_a, organisation=world.org_a)
    client = client_for(world.staff)
    url = reverse("gatherings:checkin", args=[gathering.pk])
    page = client.get(url, {"q": "kari"}).content.decode()
    assert re.search(r'<input type="search" name="q" value="kari"[^>]* hx-get="' + url + '"[^>]*id="f-q">', page)
    assert '<label for="f-q">Søk etter navn eller organisasjon</label>' in page  # no "(optional)" in a search bar
    registrations = reverse("gatherings:registration_list", args=[gathering.pk])
    page = client.get(registrations, {"status": "cancelled"}).content.decode()
    assert re.search(r'<select name="status" data-autosubmit id="f-status">', page)
    assert '<option value="cancelled" selected>' in page
    assert len(client.get(registrations, {"status": "cancelled"}).context["registrations"]) == 0
    assert len(client.get(registrations, {"status": "confirmed"}).context["registrations"]) == 1


def test_organisation_page_shows_its_bookings_only(world, gathering, client_for):
    start = at(gathering.starts_on, 13)
    SlotFactory(
        gathering=gathering,
        advisor=world.advisor,
        starts_at=start,
        ends_at=start + timedelta(minutes=20),
        organisation=world.org_a,
        booking_ordinal=1,
    )
    page = client_for(world.contact_a).get(world.org_a.get_absolute_url()).content.decode()
    assert 'id="org-bookings-h"' in page
    assert "Rådgiver Rune" in page
