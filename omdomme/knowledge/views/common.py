from __future__ import annotations

from django.core.exceptions import PermissionDenied

from cohorts import access


def require_staff(user) -> None:
    if not access.is_staff(user):
        raise PermissionDenied
