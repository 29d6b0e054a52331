from __future__ import annotations

from django.shortcuts import get_object_or_404

from .. import access
from ..models import Cohort, Organisation


def staff_cohort(request, pk: int) -> Cohort:
    """A cohort the user may see (else 404) and change (else 403)."""
    cohort = get_object_or_404(Cohort.objects.visible_to(request.user), pk=pk)
    access.require_staff(request.user)
    return cohort


def staff_organisation(request, pk: int) -> Organisation:
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)
    access.require_staff(request.user)
    return organisation


def can_invite(user, organisation: Organisation) -> bool:
    """Staff invite anyone; an organisation's contact persons invite team members to it."""
    return access.is_staff(user) or access.is_contact_person(user, organisation)
