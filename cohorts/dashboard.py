"""Home-page sections from cohorts, per role: staff see the active cohorts with their counts and what
waits for them; advisors and evaluators see their cohorts; contacts see their organisation."""

from django.db.models import Count, Q

from omdomme.core.extensions import Panel

from . import access
from .models import (
    Application,
    ApplicationStatus,
    Cohort,
    CohortStatus,
    Enrolment,
    Invitation,
    MembershipRole,
    Organisation,
)
from .queries import with_counts


def sections(user) -> list[Panel]:
    result = []
    if user.is_staff:
        cohorts = list(
            with_counts(
                Cohort.objects.filter(status__in=[CohortStatus.ACTIVE, CohortStatus.PLANNING]).order_by("year", "name")
            )
        )
        result.append(
            Panel(
                "cohorts/dashboard_staff.html",
                {
                    # Running cohorts first; those still being planned in a list of their own.
                    "cohorts": [c for c in cohorts if c.status == CohortStatus.ACTIVE],
                    "planned": [c for c in cohorts if c.status == CohortStatus.PLANNING],
                    "new_applications": Application.objects.filter(status=ApplicationStatus.NEW).count(),
                    "pending_invitations": Invitation.objects.pending().count(),
                },
                order=10,
            )
        )
    elif user.is_advisor or user.is_evaluator:
        cohorts = with_counts(Cohort.objects.visible_to(user).exclude(status=CohortStatus.COMPLETED)).order_by("-year")
        result.append(Panel("cohorts/dashboard_assigned.html", {"cohorts": cohorts}, order=10))
    for membership in access.active_memberships(user):
        organisation = membership.organisation
        enrolments = (
            Enrolment.objects.current()
            .filter(organisation=organisation)
            .select_related("cohort")
            .annotate(team_size=Count("team", distinct=True))
            .order_by("-cohort__year")
        )
        counts = Organisation.objects.filter(pk=organisation.pk).aggregate(
            team=Count("memberships", filter=Q(memberships__is_active=True), distinct=True),
            pending=Count(
                "invitations",
                distinct=True,
                filter=Q(invitations__accepted_at__isnull=True, invitations__revoked_at__isnull=True),
            ),
        )
        result.append(
            Panel(
                "cohorts/dashboard_contact.html",
                {
                    "organisation": organisation,
                    "membership": membership,
                    "enrolments": enrolments,
                    "team_count": counts["team"],
                    "pending_invitations": counts["pending"] if membership.role == MembershipRole.CONTACT else None,
                },
                order=20,
            )
        )
    return result
