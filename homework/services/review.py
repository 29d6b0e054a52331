"""The course side's review of a submission: return it for revision or approve it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts import access

from ..models import Submission, SubmissionStatus
from ._common import _lock, _record
from .errors import NotAllowed, TransitionError
from .feedback import add_feedback


def _require_course(actor, submission: Submission) -> None:
    if not access.is_course_side(actor, submission.cohort_id):
        raise NotAllowed(_("Only course staff and the cohort's advisors can do this."))


@transaction.atomic
def return_for_revision(submission: Submission, *, actor, message: str = "") -> Submission:
    """submitted/resubmitted → returned. A message becomes a feedback entry (and emails the team)."""
    submission = _lock(submission)
    _require_course(actor, submission)
    if submission.status not in {SubmissionStatus.SUBMITTED, SubmissionStatus.RESUBMITTED}:
        raise TransitionError(
            _("Only submitted work can be returned for revision; this one is %(s)s.")
            % {"s": submission.get_status_display().lower()}
        )
    now = timezone.now()
    submission.status = SubmissionStatus.RETURNED
    submission.returned_at = now
    submission.last_activity_at = now
    submission.save(update_fields=["status", "returned_at", "last_activity_at"])
    _record(
        submission,
        actor,
        "homework.returned",
        _("Returned “%(t)s” for revision") % {"t": submission.assignment},
    )
    if message.strip():
        add_feedback(submission, message, actor=actor)
    return submission


@transaction.atomic
def approve(submission: Submission, *, actor) -> Submission:
    submission = _lock(submission)
    _require_course(actor, submission)
    if submission.status not in {SubmissionStatus.SUBMITTED, SubmissionStatus.RESUBMITTED}:
        raise TransitionError(
            _("Only submitted work can be approved; this one is %(s)s.")
            % {"s": submission.get_status_display().lower()}
        )
    now = timezone.now()
    submission.status = SubmissionStatus.APPROVED
    submission.approved_at, submission.approved_by, submission.last_activity_at = now, actor, now
    submission.save(update_fields=["status", "approved_at", "approved_by", "last_activity_at"])
    _record(
        submission,
        actor,
        "homework.approved",
        _("Approved “%(t)s”") % {"t": submission.assignment},
    )
    return submission
