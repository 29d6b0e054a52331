"""Helpers shared by the submission, review, sharing and feedback services."""

from __future__ import annotations

import contextvars
import functools
from datetime import datetime

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from cohorts import access, activity

from ..models import Submission, SubmissionFile, SubmissionFileVersion, SubmissionStatus
from ..uploads import CheckedUpload
from .errors import NotAllowed, TransitionError

EDITABLE = {SubmissionStatus.DRAFT, SubmissionStatus.RETURNED}


def _lock(submission: Submission) -> Submission:
    return Submission.objects.select_for_update().select_related("assignment", "organisation").get(pk=submission.pk)


def is_party(user, submission: Submission) -> bool:
    """The two sides of a submission: the organisation's team and the cohort's course side (staff
    and advisors). Either may write in its feedback thread or stop its sharing."""
    return access.is_team_member(user, submission.organisation_id) or access.is_course_side(user, submission.cohort_id)


def _record(submission: Submission, actor, verb: str, text: str, *, target=None) -> None:
    """One activity row for a change to a submission, with its cohort and organisation."""
    activity.record(
        actor,
        verb,
        text,
        target=target if target is not None else submission,
        cohort=submission.assignment.cohort,
        organisation=submission.organisation,
    )


def _require_team(actor, submission: Submission) -> None:
    if not access.is_team_member(actor, submission.organisation_id):
        raise NotAllowed(_("Only the organisation's team can change its submission."))


def _require_editable(submission: Submission) -> None:
    if submission.status not in EDITABLE:
        raise TransitionError(
            _("The submission is %(s)s and cannot be changed now.") % {"s": submission.get_status_display().lower()}
        )


def _touch(submission: Submission, now: datetime) -> None:
    submission.last_activity_at = now
    submission.save(update_fields=["last_activity_at"])


def _store_version(file: SubmissionFile, checked: CheckedUpload, actor, number: int) -> SubmissionFileVersion:
    version = SubmissionFileVersion(
        file=file,
        number=number,
        original_name=checked.name,
        content_type=checked.content_type,
        file_type=checked.file_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    version._storage_ext = checked.extension
    checked.upload.seek(0)
    version.stored.save("upload", checked.upload, save=False)
    _remember_stored(version.stored.name)
    try:
        version.save()
    except Exception:
        # The row failed: the file must not linger unreferenced.
        version.stored.delete(save=False)
        raise
    return version


def _cleans_up_files(func):
    """Run ``func`` in a transaction; if it fails, delete the files it stored, so that a refused or
    failed operation leaves storage as it was (the database rolls back by itself)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        parent = _STORED.get()
        mine: list[str] = []
        token = _STORED.set(mine)
        try:
            with transaction.atomic():
                result = func(*args, **kwargs)
        except BaseException:
            for name in mine:
                if default_storage.exists(name):
                    default_storage.delete(name)
            raise
        finally:
            _STORED.reset(token)
        if parent is not None:
            parent.extend(mine)  # an enclosing operation that fails later removes these too
        return result

    return wrapper


_STORED: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("homework_stored_files", default=None)


def _remember_stored(name: str) -> None:
    stored = _STORED.get()
    if stored is not None:
        stored.append(name)
