"""The enrolment page's homework panel (registered in HomeworkConfig.ready())."""

from __future__ import annotations

from omdomme.core.extensions import Panel

from .models import Submission


def enrolment_homework(user, enrolment) -> list[Panel]:
    return enrolment_homework_many(user, [enrolment])[enrolment.pk]


def enrolment_homework_many(user, enrolments) -> dict[int, list[Panel]]:
    """The five latest submissions of each enrolment's organisation in its cohort, in one query."""
    latest: dict[tuple[int, int], list[Submission]] = {(e.cohort_id, e.organisation_id): [] for e in enrolments}
    submissions = (
        Submission.objects.visible_to(user)
        .filter(cohort_id__in={c for c, _o in latest}, organisation_id__in={o for _c, o in latest})
        .select_related("assignment")
        .order_by("-last_activity_at")
    )
    for submission in submissions:
        rows = latest.get((submission.cohort_id, submission.organisation_id))
        if rows is not None and len(rows) < 5:
            rows.append(submission)
    return {
        e.pk: [
            Panel(
                "homework/panel_enrolment.html",
                {"enrolment": e, "submissions": latest[(e.cohort_id, e.organisation_id)]},
                order=40,
            )
        ]
        for e in enrolments
    }


enrolment_homework.many = enrolment_homework_many
