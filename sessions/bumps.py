"""What retires the booking board's cached part (``omdomme.core.fragments``, scope
``("gathering", pk)``, beside its cohort's): the gathering, its slots and registrations, and the
names of the advisors on its slots. Connected in ``GatheringsConfig.ready()``; the services that
write slots with ``bulk_create`` or ``update()`` bump it themselves."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models.signals import post_init
from django.utils import timezone

from cohorts import scopes
from cohorts.bumps import PERSON_FIELDS
from omdomme.core.fragments import Scope, connect_bumps

from .models import AdvisorySlot, Gathering, Registration


def _advisor_gatherings(user) -> list[Scope]:
    gathering_ids = (
        AdvisorySlot.objects.filter(advisor=user, gathering__isnull=False)
        .values_list("gathering_id", flat=True)
        .distinct()
    )
    return [("gathering", pk) for pk in gathering_ids]


def _advisor_scopes(*ids: int | None) -> list[Scope]:
    return [("advisor", pk) for pk in set(ids) if pk is not None]


def _advisors(gathering) -> list[Scope]:
    """The schedules of the advisors of a gathering's slots (they show its title)."""
    return _advisor_scopes(*gathering.slots.values_list("advisor_id", flat=True).distinct())


def _remember_booking(sender, instance, **kwargs) -> None:
    instance._booked_by, instance._claimed_by = instance.organisation_id, instance.advisor_id


def _slot_scopes(slot) -> list[Scope]:
    """A slot bumps the organisation and the advisor it had when loaded as well as its current ones
    (a cancelled booking or a released slot leaves the first)."""
    return [
        *scopes.orgs(slot.organisation_id, getattr(slot, "_booked_by", None)),
        *_advisor_scopes(slot.advisor_id, getattr(slot, "_claimed_by", None)),
    ]


def _advisor_bookings(user) -> list[Scope]:
    """Bookings show their advisor's name; the organisation page shows yesterday's too."""
    since = timezone.now() - timedelta(days=1)
    booked = AdvisorySlot.objects.filter(advisor=user, organisation__isnull=False, ends_at__gte=since)
    return scopes.orgs(*booked.values_list("organisation_id", flat=True).distinct())


def connect_organisation_scopes() -> None:
    """The organisations' cached parts (cohorts.scopes) and the advisors' schedules (``("advisor", id)``)."""
    connect_bumps(Gathering, lambda g: [*scopes.cohort_orgs(g.cohort_id), *_advisors(g)], uid="org-gathering")
    connect_bumps(
        Registration, lambda r: [("user", r.user_id), *scopes.orgs(r.organisation_id)], uid="org-registration"
    )
    post_init.connect(_remember_booking, sender=AdvisorySlot, weak=False, dispatch_uid="frag-slot-booked-by")
    connect_bumps(AdvisorySlot, _slot_scopes, uid="org-advisoryslot")
    connect_bumps(get_user_model(), _advisor_bookings, uid="org-slot-advisor", fields=PERSON_FIELDS)


def connect() -> None:
    connect_organisation_scopes()
    connect_bumps(Gathering, lambda gathering: [("gathering", gathering.pk)], uid="gatherings.gathering")
    for model in (AdvisorySlot, Registration):
        connect_bumps(model, lambda obj: [("gathering", obj.gathering_id)], uid=f"gatherings.{model._meta.model_name}")
    connect_bumps(get_user_model(), _advisor_gatherings, uid="gatherings.advisor", fields={"full_name", "email"})
