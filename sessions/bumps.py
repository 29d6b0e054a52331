"""What retires the booking board's cached part (``omdomme.core.fragments``, scope
``("gathering", pk)``, beside its cohort's): the gathering, its slots and registrations, and the
names of the advisors on its slots. Connected in ``GatheringsConfig.ready()``; the services that
write slots with ``bulk_create`` or ``update()`` bump it themselves."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from omdomme.core.fragments import Scope, connect_bumps

from .models import AdvisorySlot, Gathering, Registration


def _advisor_gatherings(user) -> list[Scope]:
    gathering_ids = (
        AdvisorySlot.objects.filter(advisor=user, gathering__isnull=False)
        .values_list("gathering_id", flat=True)
        .distinct()
    )
    return [("gathering", pk) for pk in gathering_ids]


def connect() -> None:
    connect_bumps(Gathering, lambda gathering: [("gathering", gathering.pk)], uid="gatherings.gathering")
    for model in (AdvisorySlot, Registration):
        connect_bumps(model, lambda obj: [("gathering", obj.gathering_id)], uid=f"gatherings.{model._meta.model_name}")
    connect_bumps(get_user_model(), _advisor_gatherings, uid="gatherings.advisor", fields={"full_name", "email"})
