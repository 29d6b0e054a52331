"""Home-page sections: contacts see homework due soon; staff and advisors see work waiting for feedback."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from cohorts import access
from cohorts.models import CohortStatus, Enrolment, EnrolmentStatus, RoleKind
from omdomme.core.extensions import Panel

from .models import Assignment, Extension, Submission, SubmissionStatus

DUE_SOON = timedelta(days=14)


def _due_soon(user) -> list[dict]:
    enrolments = list(
        Enrolment.objects.current()
        .exclude(status=EnrolmentStatus.APPLIED)
        .filter(organisation__in=access.member_organisation_ids(user))
        .select_related("organisation")
    )
    if not enrolments:
        return []
    now = timezone.now()
    orgs = {e.organisation_id: e.organisation for e in enrolments}
    by_cohort: dict[int, list[int]] = {}
    for e in enrolments:
        by_cohort.setdefault(e.cohort_id, []).append(e.organisation_id)
    extensions = {
        (x.assignment_id, x.organisation_id): x
        for x in Extension.objects.filter(organisation_id__in=orgs, assignment__cohort_id__in=by_cohort)
    }
    # Candidates: due within the window, or extended into it.
    assignments = (
        Assignment.objects.published()
        .filter(cohort_id__in=by_cohort)
        .filter(Q(due_at__range=(now - timedelta(days=365), now + DUE_SOON)))
    )
    submissions = {
        (s.assignment_id, s.organisation_id): s
        for s in Submission.objects.filter(assignment__in=assignments, organisation_id__in=orgs)
    }
    rows = []
    for a in assignments:
        for org_id in by_cohort[a.cohort_id]:
            x = extensions.get((a.pk, org_id))
            due = x.due_at if x else a.due_at
            sub = submissions.get((a.pk, org_id))
            if not now <= due <= now + DUE_SOON:
                continue
            if sub is not None and sub.status not in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED):
                continue
            rows.append({"assignment": a, "organisation": orgs[org_id], "due_at": due, "submission": sub})
    return sorted(rows, key=lambda r: r["due_at"])[:10]


def sections(user) -> list[Panel]:
    result = []
    if not user.is_authenticated:
        return result
    if access.is_staff(user) or user.is_advisor:
        # Only work from running cohorts, oldest first: a 2012 hand-in is history, not a queue.
        waiting = Submission.objects.filter(
            status__in=[SubmissionStatus.SUBMITTED, SubmissionStatus.RESUBMITTED], cohort__status=CohortStatus.ACTIVE
        )
        if not access.is_staff(user):
            waiting = waiting.filter(cohort__in=access.assigned_cohort_ids(user, RoleKind.ADVISOR))
        shown = list(waiting.select_related("assignment", "organisation").order_by("submitted_at")[:10])
        total = len(shown) if len(shown) < 10 else waiting.count()
        result.append(Panel("homework/dashboard_course.html", {"submissions": shown, "waiting_total": total}, order=40))
    rows = _due_soon(user)
    if rows or access.active_memberships(user):  # members see the section, with "nothing due" when empty
        result.append(Panel("homework/dashboard_contact.html", {"rows": rows}, order=30))
    return result
