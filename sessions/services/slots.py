"""Speed-advisory slots: layout, claims by advisors, bookings by organisations."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts import access
from cohorts.activity import record
from cohorts.models import Enrolment, Organisation, RoleKind
from omdomme.core import fragments

from ..models import AdvisorySlot, Gathering
from .errors import BookingError


def layout_slots(
    gathering: Gathering,
    *,
    actor,
    day: date,
    start,
    end,
    slot_minutes: int,
    buffer_minutes: int = 0,
    rooms: int = 1,
    room_prefix: str = "",
) -> list[AdvisorySlot]:
    """Lay out a grid of free slots: ``rooms`` parallel rooms, from ``start`` to ``end`` on ``day``."""
    access.require_staff(actor)
    if slot_minutes < 5:
        raise BookingError(_("A slot lasts at least five minutes."))
    if rooms < 1 or rooms > 30:
        raise BookingError(_("Choose between 1 and 30 rooms."))
    if day not in gathering.days:
        raise BookingError(_("Choose a day of the gathering."))
    first = timezone.make_aware(datetime.combine(day, start))
    last = timezone.make_aware(datetime.combine(day, end))
    if last <= first:
        raise BookingError(_("The time window must end after it starts."))
    step = timedelta(minutes=slot_minutes + buffer_minutes)
    length = timedelta(minutes=slot_minutes)
    room_prefix = room_prefix or _("Room")
    slots = []
    t = first
    while t + length <= last:
        for r in range(1, rooms + 1):
            slots.append(
                AdvisorySlot(
                    cohort_id=gathering.cohort_id,
                    gathering=gathering,
                    starts_at=t,
                    ends_at=t + length,
                    room=f"{room_prefix} {r}",
                    booking_limit=gathering.max_bookings_per_organisation,
                )
            )
        t += step
    if not slots:
        raise BookingError(_("The time window is shorter than one slot."))
    with transaction.atomic():
        Gathering.objects.select_for_update().get(pk=gathering.pk)
        rooms_taken = set(
            AdvisorySlot.objects.filter(
                gathering=gathering,
                starts_at__lt=last,
                ends_at__gt=first,
            ).values_list("room", flat=True)
        )
        if rooms_taken & {s.room for s in slots}:
            raise BookingError(_("Some of these rooms already have slots in this time window."))
        try:
            with transaction.atomic():
                AdvisorySlot.objects.bulk_create(slots)
        except IntegrityError as exc:
            raise BookingError(_("Some of these rooms already have slots in this time window.")) from exc
        fragments.bump(("gathering", gathering.pk))  # bulk_create sends no signals
        record(
            actor,
            "slots.laid_out",
            _("Laid out %(n)d speed-advisory slots for %(g)s") % {"n": len(slots), "g": gathering},
            target=gathering,
            cohort=gathering.cohort,
        )
    return slots


def _locked(slot: AdvisorySlot) -> AdvisorySlot:
    try:
        return (
            AdvisorySlot.objects.select_for_update(of=("self",)).select_related("gathering", "cohort").get(pk=slot.pk)
        )
    except AdvisorySlot.DoesNotExist as exc:
        raise BookingError(_("This slot no longer exists.")) from exc


def claim_slot(slot: AdvisorySlot, *, actor, now: datetime | None = None) -> AdvisorySlot:
    """An advisor (assigned to the slot's cohort) takes a free slot."""
    advisor = actor
    now = now or timezone.now()
    with transaction.atomic():
        slot = _locked(slot)
        if not access.has_cohort_role(advisor, slot.cohort_id, RoleKind.ADVISOR):
            raise BookingError(_("Only advisors of this cohort can claim slots."))
        if slot.starts_at <= now:
            raise BookingError(_("This slot has already started."))
        if slot.advisor_id == advisor.pk:
            raise BookingError(_("You have already claimed this slot."))
        if slot.advisor_id is not None:
            raise BookingError(_("Another advisor claimed this slot first."))
        if AdvisorySlot.objects.filter(
            advisor=advisor, starts_at__lt=slot.ends_at, ends_at__gt=slot.starts_at
        ).exists():
            raise BookingError(_("You already have a slot at this time."))
        slot.advisor = advisor
        slot.claimed_at = now
        _save(slot, ["advisor", "claimed_at"], _("You already have a slot at this time."))
        record(
            advisor,
            "slot.claimed",
            _("%(who)s claimed the slot %(slot)s") % {"who": advisor, "slot": slot},
            target=slot,
            cohort=slot.cohort,
        )
    return slot


def release_slot(slot: AdvisorySlot, *, actor, now: datetime | None = None) -> AdvisorySlot:
    """The advisor (or staff) gives a claimed slot back. A booked slot must be cancelled first."""
    now = now or timezone.now()
    with transaction.atomic():
        slot = _locked(slot)
        if slot.advisor_id is None:
            raise BookingError(_("This slot is not claimed."))
        if slot.advisor_id != actor.pk and not access.is_staff(actor):
            raise BookingError(_("Only the advisor who claimed this slot can release it."))
        if slot.organisation_id is not None:
            raise BookingError(_("This slot is booked: cancel the booking before releasing it."))
        if slot.is_followup:
            # A follow-up slot exists only as an advisor's offer: releasing removes it.
            record(
                actor,
                "slot.withdrawn",
                _("Withdrew the follow-up slot %(slot)s") % {"slot": slot},
                target=slot,
                cohort=slot.cohort,
            )
            slot.delete()
            return slot
        slot.advisor = None
        slot.claimed_at = None
        slot.advisor_notes = ""
        slot.save(update_fields=["advisor", "claimed_at", "advisor_notes"])
        record(
            actor, "slot.released", _("Released the slot %(slot)s") % {"slot": slot}, target=slot, cohort=slot.cohort
        )
    return slot


def offer_followup_slot(
    cohort,
    *,
    actor,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    video_url: str = "",
    now: datetime | None = None,
) -> AdvisorySlot:
    """An advisor offers a follow-up slot between gatherings (no gathering; a place or video link)."""
    advisor = actor
    now = now or timezone.now()
    if not access.has_cohort_role(advisor, cohort.pk, RoleKind.ADVISOR):
        raise BookingError(_("Only advisors of this cohort can offer follow-up slots."))
    if ends_at <= starts_at:
        raise BookingError(_("The slot must end after it starts."))
    if starts_at <= now:
        raise BookingError(_("A follow-up slot must lie in the future."))
    if not place and not video_url:
        raise BookingError(_("Give a place or a video-meeting link."))
    with transaction.atomic():
        if (
            AdvisorySlot.objects.select_for_update()
            .filter(advisor=advisor, starts_at__lt=ends_at, ends_at__gt=starts_at)
            .exists()
        ):
            raise BookingError(_("You already have a slot at this time."))
        slot = AdvisorySlot(
            cohort=cohort,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
            video_url=video_url,
            advisor=advisor,
            claimed_at=now,
        )
        _save(slot, None, _("You already have a slot at this time."))
        record(
            advisor,
            "slot.offered",
            _("%(who)s offered a follow-up slot %(slot)s") % {"who": advisor, "slot": slot},
            target=slot,
            cohort=cohort,
        )
    return slot


def book_slot(
    slot: AdvisorySlot, organisation: Organisation, actor, *, topic: str = "", now: datetime | None = None
) -> AdvisorySlot:
    """Book a claimed slot for ``organisation`` (by one of its contacts, or staff on its behalf).

    Callers pass ``actor=``; it stays positional too, as ``book_slot(slot, organisation, user)`` is
    a documented contract."""
    now = now or timezone.now()
    staff = access.is_staff(actor)
    if not staff and not access.is_contact_person(actor, organisation):
        raise BookingError(_("Only the organisation's contact persons can book speed advisory."))
    with transaction.atomic():
        slot = _locked(slot)
        # Locking the enrolment serialises one organisation's bookings in a cohort, so concurrent
        # bookings by colleagues each see the other's ordinal and all get a fair answer.
        enrolment = (
            Enrolment.objects.current()
            .select_for_update()
            .filter(cohort=slot.cohort_id, organisation=organisation)
            .first()
        )
        if enrolment is None:
            raise BookingError(_("%(org)s is not enrolled in the cohort of this slot.") % {"org": organisation})
        if slot.starts_at <= now:
            raise BookingError(_("This slot has already started or is over."))
        if slot.gathering_id and not slot.gathering.is_published and not staff:
            raise BookingError(_("This gathering is not published yet."))
        if slot.organisation_id == organisation.pk:
            raise BookingError(_("%(org)s has already booked this slot.") % {"org": organisation})
        if slot.organisation_id is not None:
            raise BookingError(_("Someone else booked this slot just before you. Choose another slot."))
        if slot.advisor_id is None:
            raise BookingError(_("No advisor has claimed this slot yet, so it cannot be booked."))
        if not staff and slot.starts_at - now < timedelta(hours=slot.cohort.booking_cancel_hours):
            raise BookingError(
                _("Slots starting within %(h)d hours can only be booked by the course staff.")
                % {"h": slot.cohort.booking_cancel_hours}
            )
        overlap = AdvisorySlot.objects.filter(
            organisation=organisation, starts_at__lt=slot.ends_at, ends_at__gt=slot.starts_at
        )
        if overlap.exists():
            raise BookingError(_("%(org)s already has a booking at this time.") % {"org": organisation})
        slot.booking_ordinal = _next_ordinal(slot, organisation)
        slot.organisation = organisation
        slot.booked_by = actor
        slot.booked_at = now
        slot.topic = topic.strip()
        _save(
            slot,
            ["organisation", "booked_by", "booked_at", "topic", "booking_ordinal"],
            _(
                "The booking could not be saved: the slot was taken, or %(org)s has reached its limit or has "
                "another booking at this time."
            )
            % {"org": organisation},
        )
        record(
            actor,
            "slot.booked",
            _("%(org)s booked speed advisory %(slot)s with %(advisor)s")
            % {"org": organisation, "slot": slot, "advisor": slot.advisor},
            target=slot,
            cohort=slot.cohort,
            organisation=organisation,
        )
    return slot


def _next_ordinal(slot: AdvisorySlot, organisation: Organisation) -> int | None:
    if slot.gathering_id is None:
        return None
    used = set(
        AdvisorySlot.objects.filter(gathering_id=slot.gathering_id, organisation=organisation).values_list(
            "booking_ordinal", flat=True
        )
    )
    limit = slot.gathering.max_bookings_per_organisation
    free = [n for n in range(1, limit + 1) if n not in used]
    if not free:
        raise BookingError(
            _("%(org)s already has %(n)d speed-advisory bookings at this gathering, the most allowed.")
            % {"org": organisation, "n": limit}
        )
    return free[0]


def cancel_booking(slot: AdvisorySlot, *, actor, now: datetime | None = None) -> AdvisorySlot:
    """Cancel a booking: contacts of the booked organisation up to the cohort's cut-off; staff any time."""
    now = now or timezone.now()
    with transaction.atomic():
        slot = _locked(slot)
        if slot.organisation_id is None:
            raise BookingError(_("This slot is not booked."))
        if not access.is_staff(actor):
            if not access.is_contact_person(actor, slot.organisation_id):
                raise BookingError(_("Only the organisation's contact persons can cancel this booking."))
            hours = slot.cohort.booking_cancel_hours
            if slot.starts_at - now < timedelta(hours=hours):
                raise BookingError(
                    _("Bookings can be cancelled up to %(h)d hours before. Contact the course staff.") % {"h": hours}
                )
        organisation = slot.organisation
        slot.organisation = None
        slot.booking_ordinal = None
        slot.booked_by = None
        slot.booked_at = None
        slot.topic = ""
        slot.save(update_fields=["organisation", "booking_ordinal", "booked_by", "booked_at", "topic"])
        record(
            actor,
            "slot.cancelled",
            _("Cancelled the booking of %(org)s for %(slot)s") % {"org": organisation, "slot": slot},
            target=slot,
            cohort=slot.cohort,
            organisation=organisation,
        )
    return slot


def move_booking(slot: AdvisorySlot, target: AdvisorySlot, *, actor, now: datetime | None = None) -> AdvisorySlot:
    """Staff move a booking to another free slot of the same advisor. Returns the new slot."""
    now = now or timezone.now()
    if not access.is_staff(actor):
        raise BookingError(_("Only the course staff can move bookings."))
    if slot.pk == target.pk:
        raise BookingError(_("Choose a different slot."))
    with transaction.atomic():
        # Lock both rows in a fixed order so two moves cannot deadlock.
        locked = {
            s.pk: s
            for s in AdvisorySlot.objects.select_for_update(of=("self",))
            .select_related("gathering", "cohort")
            .filter(pk__in=[slot.pk, target.pk])
            .order_by("pk")
        }
        if len(locked) != 2:
            raise BookingError(_("This slot no longer exists."))
        slot, target = locked[slot.pk], locked[target.pk]
        if slot.organisation_id is None:
            raise BookingError(_("This slot is not booked."))
        if target.advisor_id != slot.advisor_id:
            raise BookingError(_("A booking can only move to another slot with the same advisor."))
        if target.organisation_id is not None:
            raise BookingError(_("The chosen slot is already booked."))
        if target.starts_at <= now:
            raise BookingError(_("The chosen slot has already started or is over."))
        organisation = slot.organisation
        Enrolment.objects.select_for_update().filter(cohort=slot.cohort_id, organisation=organisation).first()
        fields = {"booked_by": slot.booked_by, "booked_at": slot.booked_at, "topic": slot.topic}
        slot.organisation = None
        slot.booking_ordinal = None
        slot.booked_by = None
        slot.booked_at = None
        slot.topic = ""
        slot.save(update_fields=["organisation", "booking_ordinal", "booked_by", "booked_at", "topic"])
        if AdvisorySlot.objects.filter(
            organisation=organisation, starts_at__lt=target.ends_at, ends_at__gt=target.starts_at
        ).exists():
            raise BookingError(_("%(org)s already has a booking at this time.") % {"org": organisation})
        target.booking_ordinal = _next_ordinal(target, organisation)
        target.organisation = organisation
        for k, v in fields.items():
            setattr(target, k, v)
        _save(
            target,
            ["organisation", "booking_ordinal", "booked_by", "booked_at", "topic"],
            _("The booking could not be moved to that slot."),
        )
        record(
            actor,
            "slot.moved",
            _("Moved the booking of %(org)s from %(a)s to %(b)s") % {"org": organisation, "a": slot, "b": target},
            target=target,
            cohort=target.cohort,
            organisation=organisation,
        )
    return target


def save_advisor_notes(slot: AdvisorySlot, notes: str, *, actor) -> AdvisorySlot:
    """The slot's advisor (or staff) keeps notes on it; the log says that they changed, not what."""
    with transaction.atomic():
        slot = _locked(slot)
        if slot.advisor_id != actor.pk and not access.is_staff(actor):
            raise BookingError(_("Only the slot's advisor can write notes on it."))
        slot.advisor_notes = notes
        slot.save(update_fields=["advisor_notes"])
        record(
            actor,
            "slot.notes",
            _("Updated the advisor notes on the slot %(slot)s") % {"slot": slot},
            target=slot,
            cohort=slot.cohort,
        )
    return slot


def _save(slot: AdvisorySlot, fields: list[str] | None, message: str) -> None:
    """Save inside a savepoint; a database refusal (a lost race) becomes a ``BookingError``."""
    try:
        with transaction.atomic():
            if fields is None:
                slot.save()
            else:
                slot.save(update_fields=fields)
    except IntegrityError as exc:
        raise BookingError(message) from exc
