"""Factories for gatherings, programme items, registrations and slots."""

from datetime import datetime, time, timedelta

import factory
from django.utils import timezone

from sessions.models import AdvisorySlot, Gathering, ProgrammeItem, ProgrammeItemKind, Registration
from tests.factories import CohortFactory, UserFactory


def in_days(n: int):
    return timezone.localdate() + timedelta(days=n)


def at(day, hour: int, minute: int = 0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


class GatheringFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gathering

    cohort = factory.SubFactory(CohortFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda o: f"Samling {o.number}")
    venue = "Stiklestad Nasjonale Kultursenter"
    town = "Verdal"
    starts_on = factory.LazyFunction(lambda: in_days(30))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + timedelta(days=1))
    registration_deadline = factory.LazyAttribute(lambda o: at(o.starts_on - timedelta(days=7), 23, 59))
    is_published = True
    max_bookings_per_organisation = 2


class ProgrammeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeItem

    gathering = factory.SubFactory(GatheringFactory)
    day = factory.LazyAttribute(lambda o: o.gathering.starts_on)
    starts_at = time(10, 0)
    ends_at = time(11, 0)
    title = factory.Sequence(lambda n: f"Foredrag {n}")
    kind = ProgrammeItemKind.TALK


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    gathering = factory.SubFactory(GatheringFactory)
    user = factory.SubFactory(UserFactory)
    days = factory.LazyAttribute(lambda o: [d.isoformat() for d in o.gathering.days])


class SlotFactory(factory.django.DjangoModelFactory):
    """A slot at a gathering; pass ``advisor`` to make it claimed, ``organisation`` (and
    ``booking_ordinal``) to make it booked."""

    class Meta:
        model = AdvisorySlot

    gathering = factory.SubFactory(GatheringFactory)
    cohort = factory.LazyAttribute(lambda o: o.gathering.cohort if o.gathering else CohortFactory())
    starts_at = factory.LazyAttribute(lambda o: at(o.gathering.starts_on, 13, 0))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=20))
    room = factory.Sequence(lambda n: f"Rom {n}")
    booking_limit = factory.LazyAttribute(lambda o: o.gathering.max_bookings_per_organisation if o.gathering else None)
