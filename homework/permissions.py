"""Who may change what in homework. Reading is decided by the ``visible_to`` querysets; these
helpers decide writes on objects the user can already see (a refusal there is a 403)."""

from __future__ import annotations

from cohorts import access
from cohorts.models import CohortRole, RoleKind


def is_team(user, organisation_id: int) -> bool:
    """An active member (contact or team member) of the organisation."""
    return access.is_member(user, organisation_id)


def is_course_side(user, cohort_id: int) -> bool:
    """Course staff, or an advisor assigned to the cohort: they give feedback and decide."""
    if access.is_staff(user):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return CohortRole.objects.filter(user=user, cohort_id=cohort_id, role=RoleKind.ADVISOR).exists()


def can_manage_assignments(user) -> bool:
    return access.is_staff(user)
