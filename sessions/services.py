"""Operations on gatherings, registrations and speed-advisory slots that guard an invariant.

Each runs in one transaction, locks the rows it decides on (``select_for_update``) and raises a
``ValidationError`` subclass with a translated message when the rule says no. The database
constraints on ``AdvisorySlot`` are the last line: a race that slips past the locks ends as an
``IntegrityError``, which is turned into the same kind of message here, never a 500.

The acting user is the keyword-only ``actor``, checked through ``cohorts.access``: a refusal is
``PermissionDenied`` for the programme's set-up and registrations, a ``BookingError`` with its
message for speed advisory (as the booking pages show it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts import access
from cohorts.activity import record
from cohorts.models import Enrolment, Membership, Organisation, RoleKind
from omdomme.core import fragments
from omdomme.core.translated import all_versions
from omdomme.notifications.services import queue_email

from .models import AdvisorySlot, Gathering, ProgrammeItem, Registration, RegistrationStatus


class BookingError(ValidationError):
    """A speed-advisory booking, claim, release or move was refused."""


class RegistrationError(ValidationError):
    """A registration for a gathering was refused."""


class GatheringError(ValidationError):
    """A change to a gathering was refused."""


# --- helpers ---------------------------------------------------------------------------------


def _fmt(dt: datetime) -> str:
    return timezone.localtime(dt).strftime("%d.%m.%Y %H:%M")


# --- gatherings ------------------------------------------------------------------------------


def publish_gathering(gathering: Gathering, *, actor, publish: bool = True) -> Gathering:
    access.require_staff(actor)
    with transaction.atomic():
        gathering = Gathering.objects.select_for_update().get(pk=gathering.pk)
        gathering.is_published = publish
        gathering.published_at = timezone.now() if publish else None
        gathering.save(update_fields=["is_published", "published_at"])
        record(
            actor,
            "gathering.published" if publish else "gathering.unpublished",
            (_("Published %(g)s") if publish else _("Unpublished %(g)s")) % {"g": gathering},
            target=gathering,
            cohort=gathering.cohort,
        )
    return gathering


def save_gathering(gathering: Gathering, *, actor) -> Gathering:
    """Create or update a gathering; a changed booking limit flows to its slots (composite FK)."""
    access.require_staff(actor)
    created = gathering.pk is None
    with transaction.atomic():
        if not created:
            old = Gathering.objects.select_for_update().get(pk=gathering.pk)
            if gathering.max_bookings_per_organisation < old.max_bookings_per_organisation:
                _lower_limit(gathering)
        try:
            with transaction.atomic():
                gathering.save()
        except IntegrityError as exc:
            raise GatheringError(_("This cohort already has a gathering with that number.")) from exc
        if not created:
            # The slots' copy of the limit (PostgreSQL also cascades it through the foreign key).
            AdvisorySlot.objects.filter(gathering=gathering).update(
                booking_limit=gathering.max_bookings_per_organisation
            )
            fragments.bump(("gathering", gathering.pk))  # update() sends no signals
            # More places (or no limit any more): the waiting list moves up, in order.
            _promote_waiting(gathering, actor)
        record(
            actor,
            "gathering.created" if created else "gathering.updated",
            (_("Created %(g)s") if created else _("Updated %(g)s")) % {"g": gathering},
            target=gathering,
            cohort=gathering.cohort,
        )
    return gathering


def save_programme_item(item: ProgrammeItem, *, actor) -> ProgrammeItem:
    """Add or change one item of a gathering's programme."""
    access.require_staff(actor)
    created = item.pk is None
    with transaction.atomic():
        item.save()
        record(
            actor,
            "programme_item.created" if created else "programme_item.updated",
            (
                _("Added %(item)s to the programme of %(g)s")
                if created
                else _("Updated %(item)s in the programme of %(g)s")
            )
            % {"item": item.title, "g": item.gathering},
            target=item,
            cohort=item.gathering.cohort,
        )
    return item


def delete_programme_item(item: ProgrammeItem, *, actor) -> None:
    access.require_staff(actor)
    gathering = item.gathering
    with transaction.atomic():
        record(
            actor,
            "programme_item.deleted",
            _("Removed %(item)s from the programme of %(g)s") % {"item": item.title, "g": gathering},
            target=item,
            cohort=gathering.cohort,
        )
        item.delete()


def _lower_limit(gathering: Gathering) -> None:
    """Before the limit goes down: renumber each organisation's bookings 1..k (cancellations leave
    gaps), and refuse if any organisation has more than the new limit."""
    limit = gathering.max_bookings_per_organisation
    booked = list(
        AdvisorySlot.objects.select_for_update()
        .filter(gathering=gathering, organisation__isnull=False)
        .order_by("organisation_id", "booking_ordinal")
    )
    per_org: dict[int, list[AdvisorySlot]] = {}
    for slot in booked:
        per_org.setdefault(slot.organisation_id, []).append(slot)
    if any(len(slots) > limit for slots in per_org.values()):
        raise GatheringError(
            _("Some organisations already have more bookings than the new limit. Cancel bookings first.")
        )
    for slots in per_org.values():
        for n, slot in enumerate(slots, start=1):
            if slot.booking_ordinal != n:
                # Ordinals only move down, to the lowest free number, so no two collide on the way.
                AdvisorySlot.objects.filter(pk=slot.pk).update(booking_ordinal=n)


def copy_gathering(
    source: Gathering, cohort, *, actor, number: int | None = None, starts_on: date | None = None
) -> Gathering:
    """Copy a gathering (practical info and programme) into ``cohort``, shifting dates.

    Without ``starts_on`` the dates move by whole years between the cohorts (same weekday where
    possible: shifted by a multiple of 7 days closest to a year per cohort year).
    """
    access.require_staff(actor)
    with transaction.atomic():
        if starts_on is None:
            years = cohort.year - source.cohort.year
            weeks = round(years * 365.25 / 7)
            shift = timedelta(weeks=weeks)
        else:
            shift = starts_on - source.starts_on
        if number is None:
            number = (Gathering.objects.filter(cohort=cohort).aggregate(m=Max("number"))["m"] or 0) + 1
        deadline = source.registration_deadline + shift if source.registration_deadline else None
        copy = Gathering(
            cohort=cohort,
            number=number,
            venue=source.venue,
            address=source.address,
            town=source.town,
            starts_on=source.starts_on + shift,
            ends_on=source.ends_on + shift,
            registration_deadline=deadline,
            capacity=source.capacity,
            max_bookings_per_organisation=source.max_bookings_per_organisation,
            **all_versions(source),  # title and practical information in every language
        )
        try:
            with transaction.atomic():
                copy.save()
        except IntegrityError as exc:
            raise GatheringError(_("This cohort already has a gathering with that number.")) from exc
        ProgrammeItem.objects.bulk_create(
            [
                ProgrammeItem(
                    gathering=copy,
                    day=item.day + shift,
                    starts_at=item.starts_at,
                    ends_at=item.ends_at,
                    speakers=item.speakers,
                    **all_versions(item),
                    kind=item.kind,
                )
                for item in source.programme_items.all()
            ]
        )
        record(
            actor,
            "gathering.copied",
            _("Copied %(src)s into %(cohort)s") % {"src": source, "cohort": cohort},
            target=copy,
            cohort=cohort,
        )
    return copy


# --- registrations ---------------------------------------------------------------------------


@dataclass
class RegistrationData:
    days: list[str]
    dietary_needs: str = ""
    accommodation_nights: list[str] | None = None
    arrival: datetime | None = None
    departure: datetime | None = None
    comment: str = ""


def organisation_for(person, gathering: Gathering) -> Organisation | None:
    """The organisation ``person`` takes part for at ``gathering``: one of theirs enrolled in its cohort."""
    membership = (
        Membership.objects.filter(
            user=person,
            is_active=True,
            organisation__in=Enrolment.objects.current().filter(cohort=gathering.cohort_id).values("organisation_id"),
        )
        .select_related("organisation")
        .first()
    )
    return membership.organisation if membership else None


def can_register_for(user, gathering: Gathering, person, organisation: Organisation | None) -> bool:
    """Staff register anyone; a contact registers themself and their organisation's team."""
    if access.is_staff(user):
        return True
    if organisation is None:
        return False
    if not Enrolment.objects.current().filter(cohort=gathering.cohort_id, organisation=organisation).exists():
        return False
    if person == user:
        return access.is_member(user, organisation)
    return access.is_contact_person(user, organisation) and access.is_member(person, organisation)


def register(
    gathering: Gathering,
    person,
    data: RegistrationData,
    *,
    actor,
    organisation: Organisation | None = None,
    waiting_list: bool = False,
    now: datetime | None = None,
) -> Registration:
    """Register (or re-register) ``person``. A full gathering refuses, unless ``waiting_list`` asks
    for a place on the waiting list (promoted in order when a place frees).

    The gathering row is locked, so the capacity holds under concurrent registrations. Who may
    register whom: ``can_register_for``.
    """
    if not can_register_for(actor, gathering, person, organisation):
        raise PermissionDenied
    now = now or timezone.now()
    staff = access.is_staff(actor)
    with transaction.atomic():
        gathering = Gathering.objects.select_for_update().get(pk=gathering.pk)
        if not staff and not gathering.registration_open(now):
            raise RegistrationError(
                _("The registration deadline for %(g)s has passed. Contact the course staff.") % {"g": gathering}
            )
        _check_days(gathering, data)
        reg = Registration.objects.select_for_update().filter(gathering=gathering, user=person).first()
        if reg is not None and reg.status != RegistrationStatus.CANCELLED:
            raise RegistrationError(
                _("%(person)s is already registered for %(g)s.") % {"person": person, "g": gathering}
            )
        reg = reg or Registration(gathering=gathering, user=person)
        reg.organisation = organisation
        _apply(reg, data)
        reg.registered_by = actor if actor.is_authenticated else None
        reg.checked_in_at = None
        confirmed = gathering.registrations.confirmed().count()
        if gathering.capacity is not None and confirmed >= gathering.capacity:
            if not waiting_list:
                raise RegistrationError(
                    _("%(g)s is full (%(n)d places). You can join the waiting list instead.")
                    % {"g": gathering, "n": gathering.capacity}
                )
            reg.status = RegistrationStatus.WAITING
            reg.waitlisted_at = now
        else:
            reg.status = RegistrationStatus.CONFIRMED
            reg.waitlisted_at = None
        reg.save()
        verb = "registration.waiting" if reg.status == RegistrationStatus.WAITING else "registration.created"
        record(
            actor,
            verb,
            _("%(person)s: %(status)s for %(g)s")
            % {"person": person, "status": reg.get_status_display(), "g": gathering},
            target=reg,
            cohort=gathering.cohort,
            organisation=organisation,
        )
    return reg


def can_change_registration(user, reg: Registration) -> bool:
    """Staff, the registered person, and the contact persons of the organisation they came for."""
    if access.is_staff(user) or reg.user_id == user.pk:
        return True
    return reg.organisation_id is not None and access.is_contact_person(user, reg.organisation_id)


def update_registration(
    reg: Registration, data: RegistrationData, *, actor, now: datetime | None = None
) -> Registration:
    if not can_change_registration(actor, reg):
        raise PermissionDenied
    now = now or timezone.now()
    with transaction.atomic():
        reg = Registration.objects.select_for_update().select_related("gathering").get(pk=reg.pk)
        if not access.is_staff(actor) and not reg.gathering.registration_open(now):
            raise RegistrationError(
                _("The registration deadline has passed: only the course staff can change this registration now.")
            )
        _check_days(reg.gathering, data)
        _apply(reg, data)
        reg.save()
        record(
            actor,
            "registration.updated",
            _("Updated the registration of %(person)s for %(g)s") % {"person": reg.user, "g": reg.gathering},
            target=reg,
            cohort=reg.gathering.cohort,
            organisation=reg.organisation,
        )
    return reg


def cancel_registration(reg: Registration, *, actor, now: datetime | None = None) -> Registration:
    """Cancel a registration; a freed place goes to the first on the waiting list (with an email)."""
    if not can_change_registration(actor, reg):
        raise PermissionDenied
    now = now or timezone.now()
    with transaction.atomic():
        gathering = Gathering.objects.select_for_update().get(pk=reg.gathering_id)
        reg = Registration.objects.select_for_update().get(pk=reg.pk)
        if not access.is_staff(actor) and not gathering.registration_open(now):
            raise RegistrationError(_("The registration deadline has passed: contact the course staff to cancel."))
        if reg.status == RegistrationStatus.CANCELLED:
            raise RegistrationError(_("This registration is already cancelled."))
        reg.status = RegistrationStatus.CANCELLED
        reg.waitlisted_at = None
        reg.save(update_fields=["status", "waitlisted_at", "updated_at"])
        record(
            actor,
            "registration.cancelled",
            _("Cancelled the registration of %(person)s for %(g)s") % {"person": reg.user, "g": gathering},
            target=reg,
            cohort=gathering.cohort,
            organisation=reg.organisation,
        )
        _promote_waiting(gathering, actor)
    return reg


def _promote_waiting(gathering: Gathering, actor) -> list[Registration]:
    """Move people from the waiting list to confirmed, in order, while there is room; email each.
    It follows from a change that freed places, made by ``actor`` (whom that change has checked)."""
    promoted: list[Registration] = []
    with transaction.atomic():
        gathering = Gathering.objects.select_for_update().get(pk=gathering.pk)
        confirmed = gathering.registrations.confirmed().count()
        free = None if gathering.capacity is None else gathering.capacity - confirmed
        waiting = gathering.registrations.waiting().select_for_update().select_related("user")
        for reg in waiting:
            if free is not None and free <= 0:
                break
            reg.status = RegistrationStatus.CONFIRMED
            reg.waitlisted_at = None
            reg.save(update_fields=["status", "waitlisted_at", "updated_at"])
            promoted.append(reg)
            if free is not None:
                free -= 1
            record(
                actor,
                "registration.promoted",
                _("%(person)s moved from the waiting list to registered for %(g)s")
                % {"person": reg.user, "g": gathering},
                target=reg,
                cohort=gathering.cohort,
                organisation=reg.organisation,
            )
            queue_email(
                "gathering_place_free",
                to=[reg.user.email],
                language=reg.user.language,
                organisation=reg.organisation,
                context={"gathering": gathering, "registration": reg, "person": reg.user},
                recipient_user=reg.user,
                related=reg,
                cohort_id=gathering.cohort_id,
                dedupe_key=f"gathering-promoted-{reg.pk}-{reg.updated_at:%Y%m%d%H%M%S%f}",
                essential=True,
            )
    return promoted


def check_in(reg: Registration, *, actor, present: bool = True) -> Registration:
    access.require_staff(actor)
    with transaction.atomic():
        reg = Registration.objects.select_for_update().select_related("gathering", "user").get(pk=reg.pk)
        if reg.status != RegistrationStatus.CONFIRMED:
            raise RegistrationError(_("Only registered participants can be checked in."))
        reg.checked_in_at = timezone.now() if present else None
        reg.save(update_fields=["checked_in_at", "updated_at"])
        record(
            actor,
            "registration.checked_in" if present else "registration.check_in_undone",
            (_("%(person)s checked in at %(g)s") if present else _("%(person)s no longer checked in at %(g)s"))
            % {"person": reg.user, "g": reg.gathering},
            target=reg,
            cohort=reg.gathering.cohort,
            organisation=reg.organisation,
        )
    return reg


def _check_days(gathering: Gathering, data: RegistrationData) -> None:
    valid_days = {d.isoformat() for d in gathering.days}
    valid_nights = {d.isoformat() for d in gathering.nights}
    if not data.days:
        raise RegistrationError(_("Choose at least one day."))
    if not set(data.days) <= valid_days:
        raise RegistrationError(_("Choose days of the gathering."))
    if not set(data.accommodation_nights or []) <= valid_nights:
        raise RegistrationError(_("Choose nights around the gathering."))
    if data.arrival and data.departure and data.departure < data.arrival:
        raise RegistrationError(_("Departure must be after arrival."))


def _apply(reg: Registration, data: RegistrationData) -> None:
    reg.days = sorted(set(data.days))
    reg.dietary_needs = data.dietary_needs
    reg.accommodation_nights = sorted(set(data.accommodation_nights or []))
    reg.arrival = data.arrival
    reg.departure = data.departure
    reg.comment = data.comment


# --- speed-advisory slots --------------------------------------------------------------------


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
