"""Sharing an approved submission with the cohort and beyond it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Submission, SubmissionStatus
from ._common import _lock, _record, _require_team, is_party
from .errors import NotAllowed, TransitionError


@transaction.atomic
def share(submission: Submission, *, actor) -> Submission:
    """The team shares approved work with its cohort's gallery."""
    submission = _lock(submission)
    _require_team(actor, submission)
    if submission.status != SubmissionStatus.APPROVED:
        raise TransitionError(_("Only approved work can be shared with the cohort."))
    if submission.shared_at is None:
        submission.shared_at, submission.shared_by = timezone.now(), actor
        submission.save(update_fields=["shared_at", "shared_by"])
        _record(
            submission,
            actor,
            "homework.shared",
            _("Shared “%(t)s” with the cohort") % {"t": submission.assignment},
        )
    return submission


@transaction.atomic
def unshare(submission: Submission, *, actor) -> Submission:
    submission = _lock(submission)
    if not is_party(actor, submission):
        raise NotAllowed(_("Only the organisation's team or course staff can stop sharing."))
    if submission.shared_at is not None:
        submission.shared_at, submission.shared_by = None, None
        submission.shared_beyond_at, submission.shared_beyond_by = None, None
        submission.save(update_fields=["shared_at", "shared_by", "shared_beyond_at", "shared_beyond_by"])
        _record(
            submission,
            actor,
            "homework.unshared",
            _("Stopped sharing “%(t)s” with the cohort") % {"t": submission.assignment},
        )
    return submission


@transaction.atomic
def share_beyond_cohort(submission: Submission, *, actor) -> Submission:
    """The team consents to share work it shares with its cohort with the alumni of every cohort
    (the knowledge bank). Only the team can give that consent; it is stored with who and when."""
    submission = _lock(submission)
    _require_team(actor, submission)
    if submission.shared_at is None:
        raise TransitionError(_("Share the work with your cohort first."))
    if submission.shared_beyond_at is None:
        submission.shared_beyond_at, submission.shared_beyond_by = timezone.now(), actor
        submission.save(update_fields=["shared_beyond_at", "shared_beyond_by"])
        _record(
            submission,
            actor,
            "homework.shared_beyond",
            _("Consented to share “%(t)s” with all cohorts") % {"t": submission.assignment},
        )
    return submission


@transaction.atomic
def withdraw_beyond_cohort(submission: Submission, *, actor) -> Submission:
    """Withdraw the consent: the work is shared with its own cohort only again."""
    submission = _lock(submission)
    if not is_party(actor, submission):
        raise NotAllowed(_("Only the organisation's team or course staff can stop sharing."))
    if submission.shared_beyond_at is not None:
        submission.shared_beyond_at, submission.shared_beyond_by = None, None
        submission.save(update_fields=["shared_beyond_at", "shared_beyond_by"])
        _record(
            submission,
            actor,
            "homework.unshared_beyond",
            _("Withdrew the consent to share “%(t)s” with all cohorts") % {"t": submission.assignment},
        )
    return submission
