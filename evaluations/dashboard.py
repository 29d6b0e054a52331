"""Home-page section: the surveys waiting for a person's answer."""

from __future__ import annotations

from django.utils import timezone

from cohorts import access
from cohorts.models import Enrolment, EnrolmentStatus, MembershipRole
from omdomme.core.extensions import Panel
from sessions.models import Registration, RegistrationStatus

from .models import Audience, Participation, Survey


def surveys_for(user, *, now=None, include_closed: bool = False) -> list[dict]:
    """Surveys addressed to a person (open ones, or every one that has opened), each with whether they
    have started or submitted it. A fixed number of queries, however many surveys there are."""
    if not user.is_authenticated:
        return []

    now = now or timezone.now()
    memberships = [(m.organisation_id, m.role) for m in access.active_memberships(user)]
    if not memberships:
        return []
    contact_orgs = {org for org, role in memberships if role == MembershipRole.CONTACT}
    enrolled: dict[int, set[int]] = {}
    for cohort_id, org_id in (
        Enrolment.objects.filter(organisation__in={org for org, _ in memberships})
        .exclude(status=EnrolmentStatus.WITHDRAWN)
        .values_list("cohort_id", "organisation_id")
    ):
        enrolled.setdefault(cohort_id, set()).add(org_id)
    registered = set(
        Registration.objects.filter(user=user, status=RegistrationStatus.CONFIRMED).values_list(
            "gathering_id", flat=True
        )
    )
    candidates = Survey.objects.filter(cohort_id__in=list(enrolled), opens_at__lte=now).select_related("cohort")
    if not include_closed:
        candidates = candidates.filter(closes_at__gt=now)
    candidates = list(candidates.order_by("closes_at", "pk"))
    taken = dict(
        Participation.objects.filter(user=user, survey__in=[s.pk for s in candidates]).values_list(
            "survey", "submitted"
        )
    )
    items = []
    for survey in candidates:
        orgs = enrolled.get(survey.cohort_id, set())
        if survey.audience == Audience.ONE_PER_ORGANISATION:
            addressed = bool(orgs & contact_orgs)
        elif survey.audience == Audience.REGISTERED:
            addressed = survey.gathering_id in registered
        else:
            addressed = bool(orgs)
        if addressed or survey.pk in taken:
            items.append(
                {
                    "survey": survey,
                    "started": survey.pk in taken,
                    "submitted": taken.get(survey.pk, False),
                    "open": survey.is_open(now),
                }
            )
    # Open surveys first, soonest closing first; then closed ones, most recent first.
    closed = sorted((i for i in items if not i["open"]), key=lambda i: i["survey"].closes_at, reverse=True)
    return [i for i in items if i["open"]] + closed


def sections(user) -> list[Panel]:
    items = [item for item in surveys_for(user) if not item["submitted"]]
    if not items:
        return []
    return [Panel("evaluations/dashboard_surveys.html", {"items": items}, order=40)]
