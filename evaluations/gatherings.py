"""The survey's link to gatherings (the ``gatherings`` app, built in ``sessions/``)."""

from __future__ import annotations

from omdomme.accounts.models import User


def registered_user_ids(gathering_id: int):
    """People registered for a gathering (a subquery). Filled in when the gatherings app exists."""
    return User.objects.none().values("pk")
