"""Fragment scopes (``omdomme.core.fragments``) for what an organisation's people see: ``("org", id)``
for everything that belongs to an organisation or reaches it through its cohorts (its enrolments,
team, invitations, bookings, homework, the cohorts' gatherings, assignments and surveys), and
``("user", id)`` for a person's own rows (memberships, registrations, survey participation).

Each app bumps these scopes for its own models in its ``AppConfig.ready()``; a row that belongs to a
whole cohort bumps every organisation enrolled in it (``cohort_orgs``).

A member's home page is cached under ``home_part`` and the organisation page, for staff, under
``organisation_part``. The advisor's schedule (``sessions.views.slots``) adds ``("advisor", id)``,
which slots and gatherings bump (``sessions.apps``)."""

from __future__ import annotations

from omdomme.core import fragments

from . import access
from .models import Enrolment

Scope = fragments.Scope
INDICATORS: Scope = ("indicators", 0)  # every indicator and measurement: charts show cohort averages


def orgs(*ids: int | None) -> list[Scope]:
    return [("org", pk) for pk in ids if pk is not None]


def cohort_orgs(cohort_id: int | None) -> list[Scope]:
    """Every organisation enrolled in the cohort (in any state)."""
    if cohort_id is None:
        return []
    return orgs(*Enrolment.objects.filter(cohort_id=cohort_id).values_list("organisation_id", flat=True))


def home_part(request) -> fragments.Part | None:
    """The cached part of a member's home-page sections, or None when the page is not cached: staff,
    advisors and evaluators see sections about whole cohorts, and a person without memberships
    sees no section of ours. The minute is in the key: the sections say "due soon" and "open"."""
    user = request.user
    if access.is_staff(user) or user.is_advisor or user.is_evaluator:
        return None
    memberships = access.active_memberships(user)
    if not memberships:
        return None
    scopes = [("user", user.pk), *orgs(*sorted({m.organisation_id for m in memberships}))]
    return fragments.part(request, *scopes, viewer=f"u{user.pk}", extra=[fragments.minute()])


def organisation_part(request, organisation, *, can_invite: bool) -> fragments.Part | None:
    """The cached part of the organisation page's team, invitations, cohorts and panels for staff
    (who all see the same), or None for anyone else. The minute is in the key: invitations expire
    and the bookings panel shows the last day's."""
    if not access.is_staff(request.user):
        return None
    return fragments.part(
        request, *orgs(organisation.pk), INDICATORS, viewer="staff", extra=[int(can_invite), fragments.minute()]
    )
