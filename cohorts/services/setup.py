"""Cohorts: save one, copy its set-up, and the roles people hold in it."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from omdomme.accounts.models import User

from .. import access
from ..activity import record
from ..models import Cohort, CohortRole
from .errors import CohortsError


@transaction.atomic
def save_cohort(cohort: Cohort, *, actor: User, contacts: Iterable[User] | None = None) -> Cohort:
    access.require_staff(actor)
    created = cohort.pk is None
    cohort.save()
    if contacts is not None:
        cohort.contacts.set(contacts)
    record(
        actor,
        "cohort.created" if created else "cohort.updated",
        (_("Created cohort %(name)s") if created else _("Updated cohort %(name)s")) % {"name": cohort.name},
        target=cohort,
        cohort=cohort,
    )
    return cohort


@transaction.atomic
def copy_cohort_setup(source: Cohort, target: Cohort, *, actor: User) -> Cohort:
    """Copy description, fee, staff contacts and advisor/evaluator assignments from an earlier
    cohort. Gatherings and homework are not copied."""
    access.require_staff(actor)
    if source.pk == target.pk:
        raise CohortsError(_("Choose a different cohort to copy from."), code="same_cohort")
    target = Cohort.objects.select_for_update().get(pk=target.pk)
    target.description = source.description
    target.fee = source.fee
    target.booking_cancel_hours = source.booking_cancel_hours
    target.evaluators_see_homework = source.evaluators_see_homework
    target.save()
    target.contacts.add(*source.contacts.all())
    for role in source.roles.all():
        CohortRole.objects.get_or_create(cohort=target, user_id=role.user_id, role=role.role)
    record(
        actor,
        "cohort.copied",
        _("Copied the set-up of %(source)s to %(target)s") % {"source": source.name, "target": target.name},
        target=target,
        cohort=target,
    )
    return target


@transaction.atomic
def assign_role(cohort: Cohort, user: User, role: str, *, actor: User) -> CohortRole:
    access.require_staff(actor)
    if CohortRole.objects.filter(cohort=cohort, user=user, role=role).exists():
        raise CohortsError(
            _("%(person)s already has this role in the cohort.") % {"person": user}, code="already_assigned"
        )
    assignment = CohortRole.objects.create(cohort=cohort, user=user, role=role)
    record(
        actor,
        "cohort.role_assigned",
        _("Assigned %(person)s as %(role)s") % {"person": user, "role": assignment.get_role_display().lower()},
        target=assignment,
        cohort=cohort,
    )
    return assignment


@transaction.atomic
def unassign_role(assignment: CohortRole, *, actor: User) -> None:
    access.require_staff(actor)
    cohort = assignment.cohort
    record(
        actor,
        "cohort.role_removed",
        _("Removed %(person)s as %(role)s")
        % {"person": assignment.user, "role": assignment.get_role_display().lower()},
        cohort=cohort,
    )
    assignment.delete()
