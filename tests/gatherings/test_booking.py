"""Speed-advisory services: the rules, and bad input refused with a clear message and no change."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from cohorts.models import Activity
from sessions import services
from sessions.models import AdvisorySlot
from sessions.services import BookingError
from tests.factories import CohortRoleFactory, UserFactory

from .factories import GatheringFactory, SlotFactory, at

pytestmark = pytest.mark.django_db


def _claimed(gathering, advisor, hour=13, minute=0, room="Rom 1"):
    start = at(gathering.starts_on, hour, minute)
    return SlotFactory(
        gathering=gathering, advisor=advisor, starts_at=start, ends_at=start + timedelta(minutes=20), room=room
    )


def _refused(fn, *args, message: str, **kwargs):
    before = (list(AdvisorySlot.objects.order_by("pk").values()), Activity.objects.count())
    with pytest.raises(BookingError) as info:
        fn(*args, **kwargs)
    assert message in " ".join(info.value.messages)
    assert (list(AdvisorySlot.objects.order_by("pk").values()), Activity.objects.count()) == before


def test_contact_books_and_cancels_a_claimed_slot(world, gathering):
    slot = _claimed(gathering, world.advisor)
    booked = services.book_slot(slot, world.org_a, topic="  Merkevare  ", actor=world.contact_a)
    booked.refresh_from_db()
    assert (booked.organisation, booked.booked_by, booked.topic, booked.booking_ordinal) == (
        world.org_a,
        world.contact_a,
        "Merkevare",
        1,
    )
    assert Activity.objects.filter(verb="slot.booked", target_id=slot.pk, organisation=world.org_a).count() == 1
    services.cancel_booking(slot, actor=world.contact_a)
    slot.refresh_from_db()
    assert (slot.organisation, slot.booking_ordinal, slot.topic, slot.advisor) == (None, None, "", world.advisor)


def test_booking_a_past_slot_is_refused(world, gathering):
    start = timezone.now() - timedelta(hours=1)
    slot = SlotFactory(
        gathering=gathering, advisor=world.advisor, starts_at=start, ends_at=start + timedelta(minutes=20)
    )
    _refused(services.book_slot, slot, world.org_a, actor=world.staff, message="already started or is over")


def test_booking_an_unclaimed_slot_is_refused(world, gathering):
    slot = SlotFactory(gathering=gathering)
    _refused(services.book_slot, slot, world.org_a, actor=world.contact_a, message="No advisor has claimed this slot")


def test_booking_a_slot_of_another_cohort_is_refused(world):
    other_gathering = GatheringFactory(cohort=world.other_cohort, number=1)
    slot = _claimed(other_gathering, world.advisor)
    _refused(services.book_slot, slot, world.org_a, actor=world.contact_a, message="is not enrolled in the cohort")


def test_booking_after_the_cut_off_is_refused_for_contacts_but_staff_may(world, gathering):
    start = timezone.now() + timedelta(hours=world.cohort.booking_cancel_hours - 1)
    slot = SlotFactory(
        gathering=gathering, advisor=world.advisor, starts_at=start, ends_at=start + timedelta(minutes=20)
    )
    _refused(
        services.book_slot, slot, world.org_a, actor=world.contact_a, message="can only be booked by the course staff"
    )
    services.book_slot(slot, world.org_a, actor=world.staff)
    assert AdvisorySlot.objects.get(pk=slot.pk).organisation == world.org_a


def test_cancelling_after_the_cut_off_is_refused_for_contacts(world, gathering):
    start = timezone.now() + timedelta(hours=world.cohort.booking_cancel_hours + 1)
    slot = SlotFactory(
        gathering=gathering, advisor=world.advisor, starts_at=start, ends_at=start + timedelta(minutes=20)
    )
    services.book_slot(slot, world.org_a, actor=world.contact_a)
    later = timezone.now() + timedelta(hours=3)
    _refused(
        services.cancel_booking,
        slot,
        actor=world.contact_a,
        now=later,
        message="can be cancelled up to 24 hours before",
    )
    services.cancel_booking(slot, now=later, actor=world.staff)
    assert AdvisorySlot.objects.get(pk=slot.pk).organisation is None


def test_booking_beyond_the_per_gathering_limit_is_refused(world, gathering):
    slots = [_claimed(gathering, world.advisor, hour=9 + i) for i in range(3)]
    services.book_slot(slots[0], world.org_a, actor=world.contact_a)
    services.book_slot(slots[1], world.org_a, actor=world.contact_a)
    _refused(
        services.book_slot,
        slots[2],
        world.org_a,
        actor=world.contact_a,
        message="already has 2 speed-advisory bookings at this gathering",
    )
    # A cancellation frees an ordinal, which the next booking reuses.
    services.cancel_booking(slots[0], actor=world.contact_a)
    services.book_slot(slots[2], world.org_a, actor=world.contact_a)
    assert sorted(AdvisorySlot.objects.filter(organisation=world.org_a).values_list("booking_ordinal", flat=True)) == [
        1,
        2,
    ]


def test_overlapping_booking_for_one_organisation_is_refused(world, gathering):
    advisor2 = UserFactory(is_advisor=True, full_name="Rådgiver To")
    CohortRoleFactory(cohort=world.cohort, user=advisor2, role="advisor")
    a = _claimed(gathering, world.advisor, room="Rom 1")
    b = _claimed(gathering, advisor2, minute=10, room="Rom 2")
    services.book_slot(a, world.org_a, actor=world.contact_a)
    _refused(services.book_slot, b, world.org_a, actor=world.contact_a, message="already has a booking at this time")


def test_booking_a_taken_slot_and_by_a_non_contact_is_refused(world, gathering):
    slot = _claimed(gathering, world.advisor)
    services.book_slot(slot, world.org_b, actor=world.contact_b)
    _refused(services.book_slot, slot, world.org_a, actor=world.contact_a, message="Someone else booked this slot")
    _refused(
        services.book_slot, slot, world.org_a, actor=world.advisor, message="Only the organisation's contact persons"
    )
    _refused(services.cancel_booking, slot, actor=world.contact_a, message="Only the organisation's contact persons")


def test_claim_release_and_advisor_overlap(world, gathering):
    slot = SlotFactory(gathering=gathering, starts_at=at(gathering.starts_on, 13), room="Rom 1")
    other = SlotFactory(gathering=gathering, starts_at=at(gathering.starts_on, 13, 5), room="Rom 2")
    services.claim_slot(slot, actor=world.advisor)
    assert AdvisorySlot.objects.get(pk=slot.pk).advisor == world.advisor
    _refused(services.claim_slot, other, actor=world.advisor, message="You already have a slot at this time")
    _refused(services.claim_slot, slot, actor=world.contact_a, message="Only advisors of this cohort")
    services.book_slot(slot, world.org_a, actor=world.contact_a)
    _refused(services.release_slot, slot, actor=world.advisor, message="cancel the booking before releasing")
    services.cancel_booking(slot, actor=world.contact_a)
    services.release_slot(slot, actor=world.advisor)
    assert AdvisorySlot.objects.get(pk=slot.pk).advisor is None


def test_staff_move_a_booking_to_another_slot_of_the_same_advisor(world, gathering):
    advisor2 = UserFactory(is_advisor=True, full_name="Rådgiver To")
    CohortRoleFactory(cohort=world.cohort, user=advisor2, role="advisor")
    a = _claimed(gathering, world.advisor, hour=13)
    b = _claimed(gathering, world.advisor, hour=14)
    c = _claimed(gathering, advisor2, hour=15)
    services.book_slot(a, world.org_a, topic="Omdømme", actor=world.contact_a)
    _refused(services.move_booking, a, c, actor=world.staff, message="same advisor")
    _refused(services.move_booking, a, b, actor=world.contact_a, message="Only the course staff")
    services.move_booking(a, b, actor=world.staff)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.organisation, b.organisation, b.topic, b.booking_ordinal) == (None, world.org_a, "Omdømme", 1)


def test_followup_slot_between_gatherings(world):
    start = timezone.now() + timedelta(days=10)
    with pytest.raises(BookingError, match="place or a video-meeting link"):
        services.offer_followup_slot(
            world.cohort, starts_at=start, ends_at=start + timedelta(minutes=30), actor=world.advisor
        )
    slot = services.offer_followup_slot(
        world.cohort,
        starts_at=start,
        ends_at=start + timedelta(minutes=30),
        video_url="https://meet.example/x",
        actor=world.advisor,
    )
    services.book_slot(slot, world.org_a, topic="Oppfølging", actor=world.contact_a)
    slot.refresh_from_db()
    assert (slot.gathering, slot.organisation, slot.booking_ordinal) == (None, world.org_a, None)


def test_layout_makes_a_grid(world, gathering):
    from datetime import time

    slots = services.layout_slots(
        gathering,
        day=gathering.starts_on,
        start=time(13),
        end=time(15),
        slot_minutes=20,
        buffer_minutes=5,
        rooms=3,
        actor=world.staff,
    )
    assert len(slots) == 15  # 13:00, 13:25, 13:50, 14:15, 14:40 × 3 rooms
    with pytest.raises(BookingError, match="already have slots"):
        services.layout_slots(
            gathering,
            day=gathering.starts_on,
            start=time(14),
            end=time(15),
            slot_minutes=20,
            rooms=1,
            actor=world.staff,
        )
    assert AdvisorySlot.objects.filter(gathering=gathering).count() == 15


# --- the database itself refuses, even when the services are bypassed --------------------------


def _integrity_error(fn):
    with pytest.raises(IntegrityError), transaction.atomic():
        fn()


def test_database_refuses_overlapping_bookings_for_one_organisation(world, gathering):
    advisor2 = UserFactory(is_advisor=True, full_name="Rådgiver To")
    a = _claimed(gathering, world.advisor, room="Rom 1")
    b = _claimed(gathering, advisor2, minute=10, room="Rom 2")
    AdvisorySlot.objects.filter(pk=a.pk).update(organisation=world.org_a, booking_ordinal=1)
    _integrity_error(lambda: AdvisorySlot.objects.filter(pk=b.pk).update(organisation=world.org_a, booking_ordinal=2))


def test_database_refuses_overlapping_slots_for_one_advisor(world, gathering):
    _claimed(gathering, world.advisor, room="Rom 1")
    _integrity_error(lambda: _claimed(gathering, world.advisor, minute=19, room="Rom 2"))
    _claimed(gathering, world.advisor, minute=20, room="Rom 2")  # back to back is fine


def test_database_refuses_more_bookings_than_the_limit(world, gathering):
    slots = [_claimed(gathering, world.advisor, hour=9 + i) for i in range(3)]
    AdvisorySlot.objects.filter(pk=slots[0].pk).update(organisation=world.org_a, booking_ordinal=1)
    AdvisorySlot.objects.filter(pk=slots[1].pk).update(organisation=world.org_a, booking_ordinal=2)
    _integrity_error(
        lambda: AdvisorySlot.objects.filter(pk=slots[2].pk).update(organisation=world.org_a, booking_ordinal=2)
    )
    _integrity_error(
        lambda: AdvisorySlot.objects.filter(pk=slots[2].pk).update(organisation=world.org_a, booking_ordinal=3)
    )
    # Raising the slot's copy of the limit by hand is refused by the composite foreign key.
    _integrity_error(lambda: AdvisorySlot.objects.filter(pk=slots[2].pk).update(booking_limit=3))
    _integrity_error(
        lambda: AdvisorySlot.objects.filter(pk=slots[2].pk).update(
            advisor=None, organisation=world.org_b, booking_ordinal=1
        )
    )


def test_lowering_the_limit_below_existing_bookings_is_refused(world, gathering):
    slots = [_claimed(gathering, world.advisor, hour=9 + i) for i in range(2)]
    services.book_slot(slots[0], world.org_a, actor=world.contact_a)
    services.book_slot(slots[1], world.org_a, actor=world.contact_a)
    gathering.max_bookings_per_organisation = 1
    with pytest.raises(services.GatheringError, match="more bookings than the new limit"):
        services.save_gathering(gathering, actor=world.staff)
    _integrity_error(lambda: type(gathering).objects.filter(pk=gathering.pk).update(max_bookings_per_organisation=1))
    gathering.max_bookings_per_organisation = 3
    services.save_gathering(gathering, actor=world.staff)
    assert set(AdvisorySlot.objects.filter(gathering=gathering).values_list("booking_limit", flat=True)) == {3}


def test_lowering_the_limit_renumbers_bookings_after_cancellations(world, gathering):
    gathering.max_bookings_per_organisation = 3
    services.save_gathering(gathering, actor=world.staff)
    slots = [_claimed(gathering, world.advisor, hour=9 + i) for i in range(3)]
    for s in slots:
        services.book_slot(s, world.org_a, actor=world.contact_a)
    services.cancel_booking(slots[1], actor=world.contact_a)  # ordinals left: 1 and 3
    gathering.max_bookings_per_organisation = 2
    services.save_gathering(gathering, actor=world.staff)
    booked = AdvisorySlot.objects.filter(organisation=world.org_a).order_by("starts_at")
    assert [(s.pk, s.booking_ordinal, s.booking_limit) for s in booked] == [(slots[0].pk, 1, 2), (slots[2].pk, 2, 2)]


def test_exclusion_constraints_are_a_no_op_off_postgresql():
    from types import SimpleNamespace

    from sessions.constraints import PostgresExclusionConstraint

    constraint = next(c for c in AdvisorySlot._meta.constraints if c.name == "slot_advisor_no_overlap")
    assert isinstance(constraint, PostgresExclusionConstraint)
    sqlite = SimpleNamespace(connection=SimpleNamespace(vendor="sqlite"))
    assert constraint.create_sql(AdvisorySlot, sqlite) is None
    assert constraint.remove_sql(AdvisorySlot, sqlite) is None
    assert constraint.constraint_sql(AdvisorySlot, sqlite) is None
