"""Enrolments of organisations in a cohort: enrol, withdraw, team and goals."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omdomme.accounts.models import User

from .. import access
from ..activity import record
from ..models import Cohort, Enrolment, EnrolmentStatus, Membership, MembershipRole, Organisation
from ._common import _require_staff_or_system
from .errors import CohortsError


@transaction.atomic
def enrol(
    cohort: Cohort, organisation: Organisation, *, actor: User | None, status: str = EnrolmentStatus.ACTIVE
) -> Enrolment:
    """Enrol an organisation in a cohort (staff, or the system: ``actor=None``). A withdrawn
    enrolment is taken up again."""
    _require_staff_or_system(actor)
    Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
    existing = Enrolment.objects.select_for_update().filter(cohort=cohort, organisation=organisation).first()
    if existing is not None:
        if existing.status != EnrolmentStatus.WITHDRAWN:
            raise CohortsError(
                _("%(org)s is already enrolled in %(cohort)s.") % {"org": organisation.name, "cohort": cohort.name},
                code="already_enrolled",
            )
        existing.status, existing.withdrawn_at = status, None
        existing.save(update_fields=["status", "withdrawn_at"])
        enrolment = existing
    else:
        enrolment = Enrolment.objects.create(cohort=cohort, organisation=organisation, status=status)
    if not enrolment.team.exists():
        # The organisation's contact persons are on a new team from the start; staff adjust it later.
        enrolment.team.add(
            *Membership.objects.active()
            .filter(organisation=organisation, role=MembershipRole.CONTACT)
            .values_list("user_id", flat=True)
        )
    record(
        actor,
        "enrolment.created",
        _("Enrolled %(org)s in %(cohort)s") % {"org": organisation.name, "cohort": cohort.name},
        target=enrolment,
        cohort=cohort,
        organisation=organisation,
    )
    return enrolment


@transaction.atomic
def withdraw(enrolment: Enrolment, *, actor: User) -> Enrolment:
    access.require_staff(actor)
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",)).select_related("cohort", "organisation").get(pk=enrolment.pk)
    )
    if enrolment.status == EnrolmentStatus.WITHDRAWN:
        raise CohortsError(_("This organisation has already withdrawn."), code="already_withdrawn")
    enrolment.status, enrolment.withdrawn_at = EnrolmentStatus.WITHDRAWN, timezone.now()
    enrolment.save(update_fields=["status", "withdrawn_at"])
    record(
        actor,
        "enrolment.withdrawn",
        _("Withdrew %(org)s from %(cohort)s") % {"org": enrolment.organisation.name, "cohort": enrolment.cohort.name},
        target=enrolment,
        cohort=enrolment.cohort,
        organisation=enrolment.organisation,
    )
    return enrolment


@transaction.atomic
def set_team(enrolment: Enrolment, users: Iterable[User], *, actor: User) -> Enrolment:
    """The team is picked from the organisation's active members."""
    access.require_staff(actor)
    users = list(users)
    allowed = set(
        Membership.objects.active().filter(organisation=enrolment.organisation).values_list("user_id", flat=True)
    )
    outside = [u for u in users if u.pk not in allowed]
    if outside:
        raise CohortsError(
            _("%(person)s is not a member of %(org)s.") % {"person": outside[0], "org": enrolment.organisation.name},
            code="not_member",
        )
    enrolment.team.set(users)
    record(
        actor,
        "enrolment.team",
        _("Updated the team of %(org)s in %(cohort)s")
        % {"org": enrolment.organisation.name, "cohort": enrolment.cohort.name},
        target=enrolment,
        cohort=enrolment.cohort,
        organisation=enrolment.organisation,
    )
    return enrolment


@transaction.atomic
def update_goals(enrolment: Enrolment, goals: str, *, actor: User) -> Enrolment:
    """Staff or the organisation's own members write its goals for the programme."""
    if not (access.is_staff(actor) or access.is_team_member(actor, enrolment.organisation_id)):
        raise PermissionDenied
    enrolment.goals = goals.strip()
    enrolment.save(update_fields=["goals"])
    record(
        actor,
        "enrolment.goals",
        _("Updated the goals of %(org)s in %(cohort)s")
        % {"org": enrolment.organisation.name, "cohort": enrolment.cohort.name},
        target=enrolment,
        cohort=enrolment.cohort,
        organisation=enrolment.organisation,
    )
    return enrolment
