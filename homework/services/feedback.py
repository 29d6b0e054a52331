"""The feedback thread on a submission and its notifications."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from cohorts import access
from cohorts.models import Cohort, CohortRole, RoleKind
from omdomme.accounts.models import User
from omdomme.notifications.services import queue_email

from ..models import FeedbackEntry, FeedbackSide, Submission
from ..uploads import CheckedUpload
from ._common import _cleans_up_files, _lock, _record, _remember_stored, _touch
from .errors import HomeworkError, NotAllowed


@_cleans_up_files
def add_feedback(submission: Submission, body: str, *, actor, checked: CheckedUpload | None = None) -> FeedbackEntry:
    """Add an entry to the submission's thread and email the other side."""
    submission = _lock(submission)
    if access.is_course_side(actor, submission.cohort_id):
        side = FeedbackSide.COURSE
    elif access.is_team_member(actor, submission.organisation_id):
        side = FeedbackSide.TEAM
    else:
        raise NotAllowed(_("Only the team, the cohort's advisors and course staff can write here."))
    if not body.strip():
        raise HomeworkError(_("Write a message."))
    entry = FeedbackEntry(
        submission=submission, author=actor, author_name=actor.get_full_name(), side=side, body=body.strip()
    )
    if checked is not None:
        entry.attachment_name, entry.attachment_size = checked.name, checked.size
        entry.attachment_sha256, entry.attachment_content_type = checked.sha256, checked.content_type
        entry._storage_ext = checked.extension
        checked.upload.seek(0)
        entry.attachment.save("upload", checked.upload, save=False)
        _remember_stored(entry.attachment.name)
    try:
        entry.save()
    except Exception:
        if entry.attachment:
            entry.attachment.delete(save=False)
        raise
    _touch(submission, entry.created_at)
    _record(
        submission,
        actor,
        "homework.feedback",
        _("Wrote feedback on “%(t)s”") % {"t": submission.assignment},
        target=entry,
    )
    _notify_feedback(entry, submission)
    return entry


def _recipients_for(entry: FeedbackEntry, submission: Submission):

    if entry.side == FeedbackSide.COURSE:
        users = User.objects.filter(
            memberships__organisation_id=submission.organisation_id, memberships__is_active=True, is_active=True
        )
    else:
        advisors = CohortRole.objects.filter(cohort_id=submission.cohort_id, role=RoleKind.ADVISOR).values("user_id")
        contacts = Cohort.contacts.through.objects.filter(cohort_id=submission.cohort_id).values("user_id")
        earlier = FeedbackEntry.objects.filter(submission=submission, side=FeedbackSide.COURSE).values("author_id")
        users = User.objects.filter(is_active=True).filter(Q(pk__in=advisors) | Q(pk__in=contacts) | Q(pk__in=earlier))
    return users.exclude(pk=entry.author_id).distinct().order_by("pk")


def _notify_feedback(entry: FeedbackEntry, submission: Submission) -> None:
    for user in _recipients_for(entry, submission):
        queue_email(
            "homework_feedback",
            to=[user.email],
            language=user.language,
            recipient_user=user,
            # Feedback to the organisation's team is written in its written standard.
            organisation=submission.organisation if entry.side == FeedbackSide.COURSE else None,
            related=entry,
            cohort_id=submission.cohort_id,
            dedupe_key=f"homework-feedback-{entry.pk}-{user.pk}",
            essential=True,
            context={
                "entry": entry,
                "submission": submission,
                "assignment": submission.assignment,
                "organisation": submission.organisation,
                "recipient": user,
                "url": submission.get_absolute_url(),
                "from_course": entry.side == FeedbackSide.COURSE,
            },
        )
