"""Course staff: the one definition, in the bottom layer so that the outbox (below ``cohorts``) uses
it too. Every app above imports it through ``cohorts.access``."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


def is_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def require_staff(user) -> None:
    """Writes that change the programme itself are for course staff only (others: 403)."""
    if not is_staff(user):
        raise PermissionDenied
