"""Response rates of a survey, per organisation."""

from __future__ import annotations

from django.db.models import Count, Q

from cohorts.models import Enrolment, EnrolmentStatus, Organisation

from ..models import Audience, Participation, Survey
from .audience import audience_memberships


def response_rates(survey: Survey) -> list[dict]:
    """Per organisation of the cohort: how many the survey addresses, how many started, how many submitted.
    Built from participation records (who took part), never from the answers."""
    addressed = {
        row["organisation"]: row["n"]
        for row in audience_memberships(survey).values("organisation").annotate(n=Count("user", distinct=True))
    }
    taken = {
        row["organisation"]: row
        for row in Participation.objects.filter(survey=survey)
        .values("organisation")
        .annotate(started=Count("pk"), done=Count("pk", filter=Q(submitted=True)))
    }
    enrolled = Enrolment.objects.filter(cohort_id=survey.cohort_id).exclude(status=EnrolmentStatus.WITHDRAWN)
    orgs = Organisation.objects.filter(pk__in=enrolled.values("organisation_id"))
    rows = []
    for org in orgs.order_by("name"):
        n = addressed.get(org.pk, 0)
        row = taken.get(org.pk, {})
        done = row.get("done", 0)
        if survey.audience == Audience.ONE_PER_ORGANISATION:
            n = min(n, 1)
        rows.append(
            {
                "organisation": org,
                "addressed": n,
                "started": row.get("started", 0),
                "submitted": done,
                "rate": round(100 * min(done, n) / n) if n else None,
            }
        )
    return rows
