"""What retires the cached parts of a cohort's pages (``omdomme.core.fragments``, scope
``("cohort", pk)``): the cohort, its enrolments and their teams, its staff contacts, advisors and
evaluators, its invitations and applications, and the names of the organisations and people it
shows. Connected in ``CohortsConfig.ready()``; higher apps cache parts under this scope too (the
progress matrix, the booking board) and add scopes of their own."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from omdomme.core.fragments import Scope, connect_bumps, connect_m2m_bumps

from .models import Application, Cohort, CohortRole, Enrolment, Invitation, Membership, Organisation


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


def connect() -> None:
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
        fields={"full_name", "email", "is_active", "is_staff"},
    )
