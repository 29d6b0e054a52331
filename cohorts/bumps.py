"""What retires the cached parts of a cohort's pages (``omdomme.core.fragments``, scope
``("cohort", pk)``): the cohort, its enrolments and their teams, its staff contacts, advisors and
evaluators, its invitations and applications, and the names of the organisations and people it
shows. Connected in ``CohortsConfig.ready()``; higher apps cache parts under this scope too (the
progress matrix, the booking board) and add scopes of their own.

Beside it, the organisations' and people's scopes (``cohorts.scopes``: ``("org", id)``,
``("user", id)``), which the home page, the organisation page and the advisor's schedule use; every
app bumps them for its own rows in its ``bumps.connect()``."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from omdomme.core.fragments import Scope, connect_bumps, connect_m2m_bumps

from . import scopes
from .access import access_scope
from .models import (
    AlumniAccessEnd,
    Application,
    Cohort,
    CohortRole,
    Enrolment,
    Invitation,
    Membership,
    Organisation,
)

PERSON_FIELDS = frozenset({"full_name", "email", "is_active", "is_staff"})  # what pages show of a person


def _own_cohort(obj) -> list[Scope]:
    return [("cohort", obj.cohort_id)]


def _organisation_cohorts(organisation_id: int) -> list[Scope]:
    cohort_ids = Enrolment.objects.filter(organisation_id=organisation_id).values_list("cohort_id", flat=True)
    return [("cohort", pk) for pk in cohort_ids]


def _team_row_cohort(row) -> list[Scope]:
    return [("cohort", pk) for pk in Enrolment.objects.filter(pk=row.enrolment_id).values_list("cohort_id", flat=True)]


def _person_cohorts(user) -> list[Scope]:
    """Where the person's name shows: as a staff contact or an advisor or evaluator of the cohort."""
    cohort_ids = Cohort.objects.filter(Q(contacts=user) | Q(roles__user=user)).values_list("pk", flat=True).distinct()
    return [("cohort", pk) for pk in cohort_ids]


def _member_orgs(user) -> list[Scope]:
    """The organisation pages that list the person among their members."""
    return scopes.orgs(*Membership.objects.filter(user=user).values_list("organisation_id", flat=True))


def connect_organisation_scopes() -> None:
    """The organisations' and people's cached parts (``cohorts.scopes``): what each of these rows shows."""
    connect_bumps(Organisation, lambda org: scopes.orgs(org.pk), uid="org-organisation")
    connect_bumps(Membership, lambda m: [("user", m.user_id), *scopes.orgs(m.organisation_id)], uid="org-membership")
    connect_bumps(Invitation, lambda i: scopes.orgs(i.organisation_id), uid="org-invitation")
    connect_bumps(Enrolment, lambda e: scopes.orgs(e.organisation_id), uid="org-enrolment")
    connect_bumps(Cohort, lambda cohort: scopes.cohort_orgs(cohort.pk), uid="org-cohort")
    # The organisation page lists its members by name (a sign-in only touches last_login).
    connect_bumps(get_user_model(), _member_orgs, uid="org-member", fields=PERSON_FIELDS)
    # A role in a cohort widens what a person sees of it (access.cohort_q).
    connect_bumps(CohortRole, lambda role: [("user", role.user_id)], uid="org-cohortrole")
    connect_m2m_bumps(Enrolment.team, lambda e: scopes.orgs(e.organisation_id), uid="org-enrolment-team")


def connect_access_scope() -> None:
    """A person's access scope (``access.access_scope``): their access flags, memberships, cohort
    roles and alumni access."""
    user_fields = {"is_active", "is_staff", "is_superuser"}
    connect_bumps(get_user_model(), lambda user: [access_scope(user)], uid="access-user", fields=user_fields)
    for model in (Membership, CohortRole, AlumniAccessEnd):
        connect_bumps(model, lambda row: [("user", row.user_id)], uid=f"access-{model.__name__}")


def connect() -> None:
    connect_access_scope()
    connect_organisation_scopes()
    connect_bumps(Cohort, lambda cohort: [("cohort", cohort.pk)], uid="cohorts.cohort")
    for model in (Enrolment, CohortRole, Invitation, Application):
        connect_bumps(model, _own_cohort, uid=f"cohorts.{model._meta.model_name}")
    connect_bumps(Organisation, lambda org: _organisation_cohorts(org.pk), uid="cohorts.organisation")
    # A membership decides which enrolments a contact may open (and what a member sees elsewhere).
    connect_bumps(Membership, lambda m: _organisation_cohorts(m.organisation_id), uid="cohorts.membership")
    connect_m2m_bumps(Enrolment.team, _own_cohort, uid="cohorts.enrolment-team")
    connect_bumps(Enrolment.team.through, _team_row_cohort, uid="cohorts.enrolment-team-row")  # cascades
    connect_m2m_bumps(Cohort.contacts, lambda cohort: [("cohort", cohort.pk)], uid="cohorts.cohort-contacts")
    connect_bumps(
        get_user_model(),
        _person_cohorts,
        uid="cohorts.person",
        fields=PERSON_FIELDS,
    )
