"""Registrations for a gathering, its waiting list and check-in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts import access
from cohorts.activity import record
from cohorts.models import Enrolment, Membership, Organisation
from omdomme.notifications.services import queue_email

from ..models import Gathering, Registration, RegistrationStatus
from .errors import RegistrationError


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
