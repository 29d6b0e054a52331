"""An organisation's submission: start it, write the answer, add and remove files, submit."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cohorts import access
from cohorts.models import Organisation

from ..models import Assignment, Submission, SubmissionFile, SubmissionFileVersion, SubmissionStatus
from ..uploads import CheckedUpload, UploadRefused
from ._common import _cleans_up_files, _lock, _record, _require_editable, _require_team, _store_version, _touch
from .deadlines import Deadlines, deadlines_for
from .errors import DeadlineError, HomeworkError, NotAllowed, TransitionError


def not_open_reason(assignment: Assignment, now: datetime | None = None) -> str:
    """Why a team cannot work on the assignment yet ("" once it is open)."""
    now = now or timezone.now()
    if not assignment.is_published:
        return _("This assignment is not published yet.")
    if assignment.opens_at and assignment.opens_at > now:
        return _("This assignment opens %(d)s.") % {
            "d": date_format(timezone.localtime(assignment.opens_at), "DATETIME_FORMAT")
        }
    return ""


def closed_reason(assignment: Assignment, deadlines: Deadlines, now: datetime | None = None) -> str:
    """Why a first submission can no longer be handed in ("" while it still can)."""
    now = now or timezone.now()
    if deadlines.cutoff_at is not None and now > deadlines.cutoff_at:
        return _("The deadline for “%(t)s” closed on %(d)s. Ask the course staff for an extension.") % {
            "t": assignment.title,
            "d": date_format(timezone.localtime(deadlines.cutoff_at), "SHORT_DATETIME_FORMAT"),
        }
    return ""


def _require_open(assignment: Assignment, now: datetime | None = None) -> None:
    reason = not_open_reason(assignment, now)
    if reason:
        raise DeadlineError(reason)


def get_or_create_submission(assignment: Assignment, organisation: Organisation, *, actor) -> Submission:
    """The organisation's one submission for the assignment (created as a draft when first needed by
    one of its team). Refused before the assignment opens."""
    if not access.is_team_member(actor, organisation):
        raise NotAllowed(_("Only the organisation's team can start its submission."))
    if not assignment.cohort.enrolments.filter(organisation=organisation).exists():
        raise HomeworkError(_("The organisation is not enrolled in this cohort."))
    existing = Submission.objects.filter(assignment=assignment, organisation=organisation).first()
    if existing is not None:
        return existing
    _require_open(assignment)
    submission, created = Submission.objects.get_or_create(
        assignment=assignment,
        organisation=organisation,
        defaults={"cohort_id": assignment.cohort_id},
    )
    if created:
        _record(submission, actor, "homework.started", _("Started work on “%(t)s”") % {"t": assignment.title})
    return submission


@transaction.atomic
def save_text_answer(submission: Submission, text: str, *, actor) -> Submission:
    submission = _lock(submission)
    _require_team(actor, submission)
    _require_editable(submission)
    _require_open(submission.assignment)
    submission.text_answer = text.strip()
    submission.last_activity_at = timezone.now()
    submission.save(update_fields=["text_answer", "last_activity_at"])
    _record(
        submission,
        actor,
        "homework.text_saved",
        _("Saved the text answer to “%(t)s”") % {"t": submission.assignment},
    )
    return submission


@_cleans_up_files
def add_file(
    submission: Submission, checked: CheckedUpload, *, actor, replaces: SubmissionFile | None = None
) -> SubmissionFileVersion:
    """Store a validated upload as a new file, or as the next version of ``replaces``. Earlier
    versions stay; nothing is overwritten."""
    submission = _lock(submission)
    _require_team(actor, submission)
    _require_editable(submission)
    _require_open(submission.assignment)
    if not submission.assignment.expects_files:
        raise HomeworkError(_("This assignment does not take files."))
    if checked.file_type not in submission.assignment.allowed_type_list:
        raise UploadRefused(_("This kind of file is not accepted here."), code="file_type")
    if checked.size > submission.assignment.max_file_size:
        raise UploadRefused(_("The file is too large."), code="too_large")
    now = timezone.now()
    if replaces is not None:
        file = SubmissionFile.objects.select_for_update().get(
            pk=replaces.pk, submission=submission, removed_at__isnull=True
        )
        number = (file.versions.aggregate(m=Max("number"))["m"] or 0) + 1
    else:
        file = SubmissionFile.objects.create(submission=submission, created_by=actor)
        number = 1
    version = _store_version(file, checked, actor, number)
    _touch(submission, now)
    _record(
        submission,
        actor,
        "homework.file_uploaded",
        _("Uploaded %(f)s (version %(n)s) to “%(t)s”") % {"f": checked.name, "n": number, "t": submission.assignment},
        target=version,
    )
    return version


@transaction.atomic
def remove_file(file: SubmissionFile, *, actor) -> None:
    """Take a file out of the submission. Its versions are kept (and stay downloadable to staff)."""
    submission = _lock(file.submission)
    _require_team(actor, submission)
    _require_editable(submission)
    file = SubmissionFile.objects.select_for_update().get(pk=file.pk)
    if file.removed_at is not None:
        return
    file.removed_at, file.removed_by = timezone.now(), actor
    file.save(update_fields=["removed_at", "removed_by"])
    _touch(submission, file.removed_at)
    _record(
        submission,
        actor,
        "homework.file_removed",
        _("Removed %(f)s from “%(t)s”") % {"f": file, "t": submission.assignment},
        target=file,
    )


@transaction.atomic
def submit(submission: Submission, *, actor, now: datetime | None = None) -> Submission:
    """draft → submitted, returned → resubmitted. Refused after the (extended) cut-off for a first
    submission; flagged late after the (extended) due date."""
    now = now or timezone.now()
    submission = _lock(submission)
    _require_team(actor, submission)
    assignment = submission.assignment
    if submission.status == SubmissionStatus.DRAFT:
        new_status = SubmissionStatus.SUBMITTED
    elif submission.status == SubmissionStatus.RETURNED:
        new_status = SubmissionStatus.RESUBMITTED
    else:
        raise TransitionError(
            _("The submission is already %(s)s; it cannot be submitted again.")
            % {"s": submission.get_status_display().lower()}
        )
    _require_open(assignment, now)
    deadlines = deadlines_for(assignment, submission.organisation_id)
    if new_status == SubmissionStatus.SUBMITTED and closed_reason(assignment, deadlines, now):
        raise DeadlineError(closed_reason(assignment, deadlines, now))
    missing = []
    if assignment.expects_text and not submission.text_answer.strip():
        missing.append(_("a text answer"))
    if assignment.expects_files and not submission.files.filter(removed_at__isnull=True).exists():
        missing.append(_("at least one file"))
    if missing:
        raise HomeworkError(_("Before you submit, add %(what)s.") % {"what": _(" and ").join(str(m) for m in missing)})
    if new_status == SubmissionStatus.SUBMITTED:
        submission.is_late = now > deadlines.due_at
        submission.first_submitted_at = now
    submission.status = new_status
    submission.submitted_at = now
    submission.submitted_by = actor
    submission.last_activity_at = now
    submission.save()
    late = _(" (late)") if submission.is_late and new_status == SubmissionStatus.SUBMITTED else ""
    _record(
        submission,
        actor,
        f"homework.{new_status}",
        _("Submitted “%(t)s”%(late)s") % {"t": assignment.title, "late": late},
    )
    return submission
