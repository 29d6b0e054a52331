"""The survey's link to gatherings (the ``gatherings`` app, built in ``sessions/``)."""

from __future__ import annotations

from sessions.models import Registration, RegistrationStatus


def registered_user_ids(gathering_id: int):
    """People with a confirmed registration for a gathering (a subquery)."""
    return Registration.objects.filter(gathering_id=gathering_id, status=RegistrationStatus.CONFIRMED).values("user_id")
