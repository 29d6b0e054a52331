"""Small builders for gatherings, slots and homework (the other apps' tests own their factories)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from homework.models import Assignment, Submission
from sessions.models import AdvisorySlot, Gathering, ProgrammeItem, Registration


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def gathering(cohort, *, starts_on: date, number: int = 1, title: str = "Samling på Stiklestad", **kwargs) -> Gathering:
    defaults = {
        "venue": "Stiklestad nasjonale kultursenter",
        "address": "Stiklestadvegen 1",
        "town": "Verdal",
        "travel_info": "Tog til Verdal, buss til Stiklestad.",
        "accommodation_info": "Rom på Stiklestad hotell.",
        "costs_info": "Kr 2 500 per deltaker.",
        "what_to_bring": "Kommunens omdømmeplattform.",
        "ends_on": starts_on + timedelta(days=1),
        "is_published": True,
    }
    return Gathering.objects.create(
        cohort=cohort, number=number, title=title, starts_on=starts_on, **{**defaults, **kwargs}
    )


def programme_item(g: Gathering, title: str, *, day_offset: int = 0, hour: int = 10, **kwargs) -> ProgrammeItem:
    return ProgrammeItem.objects.create(
        gathering=g,
        day=g.starts_on + timedelta(days=day_offset),
        starts_at=time(hour, 0),
        ends_at=time(hour, 45),
        title=title,
        **kwargs,
    )


def booked_slot(
    g: Gathering, organisation, advisor, *, starts_at: datetime, room: str = "Rom 1", ordinal: int = 1
) -> AdvisorySlot:
    return AdvisorySlot.objects.create(
        cohort=g.cohort,
        gathering=g,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=20),
        room=room,
        advisor=advisor,
        claimed_at=timezone.now(),
        organisation=organisation,
        booked_at=timezone.now(),
        booking_ordinal=ordinal,
        booking_limit=g.max_bookings_per_organisation,
    )


def register(g: Gathering, user, organisation, status: str = "confirmed") -> Registration:
    return Registration.objects.create(
        gathering=g,
        user=user,
        organisation=organisation,
        status=status,
        waitlisted_at=timezone.now() if status == "waiting" else None,
    )


def assignment(cohort, *, due_at: datetime, title: str = "Omdømmeplattform") -> Assignment:
    return Assignment.objects.create(cohort=cohort, title=title, due_at=due_at, is_published=True)


def submit(a: Assignment, organisation, status: str = "submitted") -> Submission:
    return Submission.objects.create(
        assignment=a, organisation=organisation, cohort=a.cohort, status=status, submitted_at=timezone.now()
    )
