"""Home-page section: a person's open surveys (and, for staff, surveys open now)."""

from __future__ import annotations

from django.utils import timezone

from omdomme.dashboards import Section

from .models import Participation, Survey
from .services import audience_memberships


def surveys_for(user, *, now=None, include_closed: bool = False) -> list[dict]:
    """Surveys addressed to a person, each with whether they have started or submitted (participation)."""
    if not user.is_authenticated:
        return []
    now = now or timezone.now()
    candidates = Survey.objects.visible_to(user).filter(opens_at__lte=now).select_related("cohort")
    if not include_closed:
        candidates = candidates.filter(closes_at__gt=now)
    taken = dict(Participation.objects.filter(user=user, survey__in=candidates).values_list("survey", "submitted"))
    items = []
    for survey in candidates.order_by("closes_at"):
        if survey.pk not in taken and not audience_memberships(survey).filter(user=user).exists():
            continue
        items.append({"survey": survey, "started": survey.pk in taken, "submitted": taken.get(survey.pk, False),
                      "open": survey.is_open(now)})
    return items


def sections(user) -> list[Section]:
    items = [item for item in surveys_for(user) if not item["submitted"]]
    if not items:
        return []
    return [Section("evaluations/dashboard_surveys.html", {"items": items}, order=40)]
