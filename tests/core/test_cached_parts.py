"""The pages' cached parts (omdomme.core.fragments) with the fragment cache on: after each kind of
change a part shows, made through the real services and models, the next render shows it; and a
part cached for one viewer never reaches another who sees something else."""

import pickle
from datetime import time, timedelta

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from cohorts import services as cohort_services
from homework import services as homework_services
from homework.models import SubmissionStatus
from sessions import services as session_services
from tests.factories import CohortRoleFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.gatherings.factories import GatheringFactory, RegistrationFactory, SlotFactory, at
from tests.homework.factories import AssignmentFactory, SubmissionFactory

pytestmark = pytest.mark.django_db

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "navigation": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    "template_fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "parts"},
}


@pytest.fixture(autouse=True)
def fragment_cache():
    with override_settings(CACHES=CACHES):
        caches["template_fragments"].clear()
        yield caches["template_fragments"]
        caches["template_fragments"].clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as if its transaction committed (bumps happen on commit)."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


def _page(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_cached_part_is_served_without_reading_its_data(world, client, django_assert_num_queries):
    url = world.cohort.get_absolute_url()
    first = _page(client, world.staff, url)
    # The session, its user, the menu's memberships, the cohort, the "missing Nynorsk" panel: none of
    # the part's own (tests/cohorts/test_queries.py counts 10 when it renders).
    with django_assert_num_queries(5):
        again = client.get(url).content.decode()
    assert again[again.index("<main") :] == first[first.index("<main") :]  # the header's CSRF token differs


def test_cohort_page_shows_enrolments_teams_roles_and_renames(world, client, committed):
    url = world.cohort.get_absolute_url()
    assert "Delta kommune" not in _page(client, world.staff, url)

    delta = committed(OrganisationFactory, name="Delta kommune")
    committed(cohort_services.enrol, world.cohort, delta, actor=world.staff)
    assert "Delta kommune" in _page(client, world.staff, url)

    colleague = committed(MembershipFactory, organisation=world.org_a).user
    committed(cohort_services.set_team, world.enrolment_a, [world.contact_a, colleague], actor=world.staff)
    page = _page(client, world.staff, url)
    row = page[page.index("Alfa kommune</a>") :]
    assert row[: row.index("</tr>")].count('<td class="num">2</td>') == 1

    committed(cohort_services.assign_role, world.cohort, world.outsider, "evaluator", actor=world.staff)
    assert "Ola Utenfor" in _page(client, world.staff, url)

    delta.name = "Delta herad"
    committed(delta.save)
    page = _page(client, world.staff, url)
    assert ("Delta herad" in page, "Delta kommune" in page) == (True, False)

    world.outsider.full_name = "Ola Omdøypt"
    committed(world.outsider.save)
    assert "Ola Omdøypt" in _page(client, world.staff, url)


def test_cohort_page_follows_the_language(world, client, committed):
    url = world.cohort.get_absolute_url()
    assert "Organisasjoner</h2>" in _page(client, world.staff, url)
    world.staff.language = "en"
    committed(world.staff.save)
    assert "Organisations</h2>" in _page(client, world.staff, url)


def test_cohort_page_parts_do_not_cross_audiences(world, client):
    url = world.cohort.get_absolute_url()
    staff_page = _page(client, world.staff, url)
    enrolment_a, enrolment_b = world.enrolment_a.get_absolute_url(), world.enrolment_b.get_absolute_url()
    assert (enrolment_a in staff_page, enrolment_b in staff_page) == (True, True)

    page_a = _page(client, world.contact_a, url)
    assert (enrolment_a in page_a, enrolment_b in page_a) == (True, False)
    assert reverse("cohorts:enrolment_team", args=[world.enrolment_a.pk]) not in page_a
    page_b = _page(client, world.contact_b, url)
    assert (enrolment_a in page_b, enrolment_b in page_b) == (False, True)


def test_progress_matrix_shows_status_changes_and_new_assignments(world, client, committed):
    assignment = committed(AssignmentFactory, cohort=world.cohort, title="Kommunikasjonsplan")
    submission = committed(
        SubmissionFactory,
        assignment=assignment,
        organisation=world.org_a,
        status=SubmissionStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    url = reverse("homework:progress", args=[world.cohort.pk])
    page = _page(client, world.staff, url)
    assert 'class="badge submitted"' in page and 'class="badge approved"' not in page

    committed(homework_services.approve, submission, actor=world.staff)
    assert 'class="badge approved"' in _page(client, world.staff, url)

    committed(homework_services.create_method_set, world.cohort, actor=world.staff, first_due=timezone.now())
    assert "11. " in _page(client, world.staff, url)  # ten method steps after the first assignment (bulk_create)


def test_progress_matrix_parts_do_not_cross_audiences(world, client):
    AssignmentFactory(cohort=world.cohort, title="Utkast til strategi", is_published=False)
    url = reverse("homework:progress", args=[world.cohort.pk])
    assert "Utkast til strategi" in _page(client, world.staff, url)
    assert "Utkast til strategi" not in _page(client, world.advisor, url)  # advisors see published work only


@pytest.fixture
def board(world):
    gathering = GatheringFactory(cohort=world.cohort, number=1, starts_on=timezone.localdate() + timedelta(days=30))
    start = at(gathering.starts_on, 13)
    slot = SlotFactory(
        gathering=gathering, advisor=world.advisor, starts_at=start, ends_at=start + timedelta(minutes=20)
    )
    return gathering, slot, reverse("gatherings:board", args=[gathering.pk])


def test_board_shows_bookings_and_cancellations(world, client, committed, board):
    gathering, slot, url = board
    assert "Alfa kommune" not in _page(client, world.staff, url)

    committed(session_services.book_slot, slot, world.org_a, world.contact_a, topic="Merkevare")
    page = _page(client, world.staff, url)
    assert "Alfa kommune" in page
    assert f'formaction="{reverse("gatherings:slot_cancel", args=[slot.pk])}"' in page

    slot.refresh_from_db()
    committed(session_services.cancel_booking, slot, actor=world.staff)
    assert "Alfa kommune" not in _page(client, world.staff, url)


def test_board_shows_slots_laid_out_in_bulk(world, client, committed, board):
    gathering, slot, url = board
    before = _page(client, world.staff, url).count('class="slot slot-free"')
    committed(
        session_services.layout_slots,
        gathering,
        actor=world.staff,
        day=gathering.starts_on,
        start=time(9),
        end=time(10),
        slot_minutes=20,
        room_prefix="Sal",
    )
    assert _page(client, world.staff, url).count('class="slot slot-free"') == before + 3


def test_board_parts_do_not_cross_audiences_and_hold_no_csrf_token(world, client, fragment_cache, board):
    gathering, slot, url = board
    free = SlotFactory(gathering=gathering, starts_at=slot.starts_at, ends_at=slot.ends_at, room="Sal B")
    claim = f'formaction="{reverse("gatherings:slot_claim", args=[free.pk])}"'
    release = f'formaction="{reverse("gatherings:slot_release", args=[slot.pk])}"'

    staff_page = _page(client, world.staff, url)
    assert (claim in staff_page, release in staff_page) == (False, False)
    advisor_page = _page(client, world.advisor, url)
    assert (claim in advisor_page, release in advisor_page) == (True, True)
    assert staff_page.count('id="slot-actions"') == advisor_page.count('id="slot-actions"') == 1

    stored = [pickle.loads(value) for value in fragment_cache._cache.values()]  # noqa: S301 - our own test cache
    parts = [value for value in stored if isinstance(value, str) and "<table" in value]
    assert len(parts) == 2  # the staff's and the advisor's
    assert not any("csrfmiddlewaretoken" in part for part in parts)

    # A contact person gets booking forms with their own token: never a cached part.
    contact_page = _page(client, world.contact_a, url)
    assert f'action="{reverse("gatherings:slot_book", args=[slot.pk])}"' in contact_page
    assert "Sal B" in contact_page


def test_board_follows_the_viewers_role_and_membership(world, client, committed, board):
    """What the board lets a person do (sessions.views.slots.cached_viewer) is kept under their
    access version and the cohort's: a new role or a lost membership shows on the next render."""
    gathering, slot, url = board
    free = SlotFactory(gathering=gathering, starts_at=slot.starts_at, ends_at=slot.ends_at, room="Sal B")
    claim = f'formaction="{reverse("gatherings:slot_claim", args=[free.pk])}"'
    newcomer = UserFactory(is_staff=True)  # sees every board; claims only as the cohort's advisor
    assert claim not in _page(client, newcomer, url)
    role = committed(CohortRoleFactory, cohort=world.cohort, user=newcomer, role="advisor")
    assert claim in _page(client, newcomer, url)
    committed(role.delete)
    assert claim not in _page(client, newcomer, url)

    layout = f'href="{reverse("gatherings:slot_layout", args=[gathering.pk])}"'
    member = committed(MembershipFactory, organisation=world.org_a, role="member").user
    assert layout not in _page(client, member, url)
    member.is_staff = True
    committed(member.save)  # their access version; no cohort shows this person
    assert layout in _page(client, member, url)

    book = f'action="{reverse("gatherings:slot_book", args=[slot.pk])}"'
    assert book in _page(client, world.contact_a, url)
    membership = world.contact_a.memberships.get(organisation=world.org_a)
    membership.role = "member"  # a team member sees the board; only contact persons book
    committed(membership.save)
    assert book not in _page(client, world.contact_a, url)


def test_gathering_page_counts_follow_registrations_and_slots(world, client, committed):
    """The counts, "book speed advisory" and the viewer's own registration are kept under the
    gathering's version (sessions.views.gatherings._registration_facts)."""
    gathering = GatheringFactory(cohort=world.cohort, number=1, starts_on=timezone.localdate() + timedelta(days=30))
    url = gathering.get_absolute_url()

    def seen(user):
        client.force_login(user)
        response = client.get(url)
        return response.context["counts"]["confirmed"], response.context["has_slots"], response.context["own"]

    assert seen(world.staff) == (0, False, None)
    registration = committed(RegistrationFactory, gathering=gathering, user=world.staff, organisation=world.org_a)
    committed(SlotFactory, gathering=gathering, starts_at=at(gathering.starts_on, 13))
    assert seen(world.staff) == (1, True, registration)
    assert seen(world.contact_a)[2] is None  # the own registration is the viewer's
    registration.status = "cancelled"
    committed(registration.save)
    assert seen(world.staff)[0] == 0
