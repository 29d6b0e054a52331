"""Races against real PostgreSQL: many people press "book" on one slot at the same moment.

Each thread has its own database connection (Django gives every thread one); they all start
together at a Barrier. Exactly one booking wins; every other attempt gets a clear BookingError,
never an exception of another kind.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import translation

from cohorts.models import Enrolment, Membership, MembershipRole, Organisation
from sessions import services
from sessions.models import AdvisorySlot
from tests.factories import CohortFactory, CohortRoleFactory, UserFactory

from .factories import GatheringFactory, SlotFactory, at

ATTEMPTS = 40


def _race(n: int, work) -> tuple[list, list[str], list[BaseException]]:
    barrier = threading.Barrier(n)
    results: list = []
    refusals: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(i: int) -> None:
        translation.activate("en")  # each thread has its own active language
        try:
            barrier.wait(timeout=30)
            outcome = work(i)
            with lock:
                results.append(outcome)
        except services.BookingError as exc:
            with lock:
                refusals.append(" ".join(exc.messages))
        except BaseException as exc:  # noqa: BLE001 - every other kind is a failure we report
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results, refusals, errors


@pytest.fixture
def crowd(transactional_db):
    cohort = CohortFactory(year=2026)
    advisor = UserFactory(full_name="Rådgiver", is_advisor=True)
    CohortRoleFactory(cohort=cohort, user=advisor, role="advisor")
    gathering = GatheringFactory(cohort=cohort, number=1)
    orgs, contacts = [], []
    for i in range(ATTEMPTS):
        org = Organisation.objects.create(name=f"Kappløp kommune {i}", municipality_number=f"{7000 + i}")
        contact = UserFactory(full_name=f"Kontakt {i}", email=f"kontakt{i}@kapplop.no")
        Membership.objects.create(organisation=org, user=contact, role=MembershipRole.CONTACT)
        Enrolment.objects.create(cohort=cohort, organisation=org)
        orgs.append(org)
        contacts.append(contact)
    yield {"cohort": cohort, "advisor": advisor, "gathering": gathering, "orgs": orgs, "contacts": contacts}
    connections.close_all()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(3))
def test_forty_contacts_book_one_slot_at_once(crowd, round_):
    g = crowd["gathering"]
    start = at(g.starts_on, 10 + round_)
    slot = SlotFactory(gathering=g, advisor=crowd["advisor"], starts_at=start, ends_at=start + timedelta(minutes=20))

    def book(i):
        return services.book_slot(AdvisorySlot(pk=slot.pk), crowd["orgs"][i], topic=f"t{i}", actor=crowd["contacts"][i])

    results, refusals, errors = _race(ATTEMPTS, book)
    assert errors == []
    assert len(results) == 1
    assert len(refusals) == ATTEMPTS - 1
    assert set(refusals) == {"Someone else booked this slot just before you. Choose another slot."}
    slot.refresh_from_db()
    assert slot.organisation == results[0].organisation
    assert slot.topic == f"t{crowd['orgs'].index(results[0].organisation)}"


@pytest.mark.django_db(transaction=True)
def test_one_organisation_books_many_slots_at_once_within_its_limit(crowd):
    """Ten contacts of one organisation race for ten different slots: the limit (2) holds."""
    g = crowd["gathering"]
    org = crowd["orgs"][0]
    extra = [UserFactory(full_name=f"Kollega {i}", email=f"kollega{i}@kapplop.no") for i in range(9)]
    for u in extra:
        Membership.objects.create(organisation=org, user=u, role=MembershipRole.CONTACT)
    people = [crowd["contacts"][0], *extra]
    advisors = []
    for i in range(10):
        adv = UserFactory(full_name=f"Rådgiver {i}", email=f"radgiver{i}@kapplop.no", is_advisor=True)
        advisors.append(adv)
    slots = [
        SlotFactory(
            gathering=g, advisor=advisors[i], starts_at=at(g.starts_on, 8 + i), ends_at=at(g.starts_on, 8 + i, 20)
        )
        for i in range(10)
    ]

    results, refusals, errors = _race(
        10, lambda i: services.book_slot(AdvisorySlot(pk=slots[i].pk), org, actor=people[i])
    )
    assert errors == []
    assert len(results) == 2
    assert len(refusals) == 8
    assert AdvisorySlot.objects.filter(organisation=org).count() == 2


@pytest.mark.django_db(transaction=True)
def test_advisors_race_for_one_slot(crowd):
    g = crowd["gathering"]
    advisors = [UserFactory(full_name=f"Rådgiver {i}", email=f"r{i}@kapplop.no", is_advisor=True) for i in range(10)]
    for a in advisors:
        CohortRoleFactory(cohort=crowd["cohort"], user=a, role="advisor")
    slot = SlotFactory(gathering=g, starts_at=at(g.starts_on, 16), ends_at=at(g.starts_on, 16, 20))
    results, refusals, errors = _race(10, lambda i: services.claim_slot(AdvisorySlot(pk=slot.pk), actor=advisors[i]))
    assert errors == []
    assert len(results) == 1
    assert set(refusals) == {"Another advisor claimed this slot first."}


@pytest.mark.django_db(transaction=True)
def test_capacity_holds_when_many_register_at_once(crowd):
    from sessions.models import Registration, RegistrationStatus
    from sessions.services import RegistrationData, RegistrationError

    g = crowd["gathering"]
    type(g).objects.filter(pk=g.pk).update(capacity=5)
    data = RegistrationData(days=[g.starts_on.isoformat()])
    refusals: list[str] = []

    def register(i):
        try:
            return services.register(
                g, crowd["contacts"][i], data, organisation=crowd["orgs"][i], actor=crowd["contacts"][i]
            )
        except RegistrationError as exc:
            refusals.append(" ".join(exc.messages))
            return None

    results, _refused, errors = _race(20, register)
    assert errors == []
    assert len([r for r in results if r is not None]) == 5
    assert len(refusals) == 15
    assert Registration.objects.filter(gathering=g, status=RegistrationStatus.CONFIRMED).count() == 5
