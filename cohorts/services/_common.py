"""Access checks shared by the cohort services."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from omdomme.accounts.models import User

from .. import access


def _require_staff_or_system(actor: User | None) -> None:
    """Course staff, or the system itself (``actor=None``)."""
    if actor is not None:
        access.require_staff(actor)


def _require_contact(actor: User | None, organisation) -> None:
    """Course staff or a contact person of the organisation (or the system, ``actor=None``)."""
    if actor is not None and not (access.is_staff(actor) or access.is_contact_person(actor, organisation)):
        raise PermissionDenied
