"""The enrolment page's homework panel (registered in HomeworkConfig.ready())."""

from __future__ import annotations

from omdomme.core.extensions import Panel

from .models import Submission


def enrolment_homework(user, enrolment) -> list[Panel]:
    submissions = list(
        Submission.objects.visible_to(user)
        .filter(cohort_id=enrolment.cohort_id, organisation_id=enrolment.organisation_id)
        .select_related("assignment")
        .order_by("-last_activity_at")[:5]
    )
    return [Panel("homework/panel_enrolment.html", {"enrolment": enrolment, "submissions": submissions}, order=40)]
