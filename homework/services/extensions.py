"""Extensions of an assignment's deadline for one organisation."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cohorts import access, activity
from cohorts.models import Organisation

from ..models import Assignment, Extension
from .errors import HomeworkError, NotAllowed


@transaction.atomic
def grant_extension(
    assignment: Assignment,
    organisation: Organisation,
    *,
    actor,
    due_at: datetime,
    cutoff_at: datetime | None = None,
    reason: str,
) -> Extension:
    """Give one organisation a later due date (and cut-off). Granting again replaces the old one."""
    if not access.is_course_side(actor, assignment.cohort_id):
        raise NotAllowed(_("Only course staff and the cohort's advisors can grant extensions."))
    if not reason.strip():
        raise HomeworkError(_("Give a reason for the extension."))
    if cutoff_at is not None and cutoff_at < due_at:
        raise HomeworkError(_("The extended cut-off cannot be before the extended due date."))
    if due_at <= assignment.due_at:
        raise HomeworkError(_("An extension must be later than the assignment's due date."))
    if not assignment.cohort.enrolments.filter(organisation=organisation).exists():
        raise HomeworkError(_("The organisation is not enrolled in this cohort."))
    extension, created = Extension.objects.select_for_update().get_or_create(
        assignment=assignment,
        organisation=organisation,
        defaults={"due_at": due_at, "cutoff_at": cutoff_at, "reason": reason.strip(), "granted_by": actor},
    )
    if not created:
        extension.due_at, extension.cutoff_at = due_at, cutoff_at
        extension.reason, extension.granted_by = reason.strip(), actor
        extension.save()
    activity.record(
        actor,
        "homework.extension_granted",
        _("Extended “%(t)s” for %(o)s to %(d)s: %(r)s")
        % {
            "t": assignment.title,
            "o": organisation.name,
            "d": date_format(timezone.localtime(due_at), "SHORT_DATETIME_FORMAT"),
            "r": reason.strip(),
        },
        target=extension,
        cohort=assignment.cohort,
        organisation=organisation,
    )
    return extension


@transaction.atomic
def revoke_extension(extension: Extension, *, actor) -> None:
    if not access.is_course_side(actor, extension.assignment.cohort_id):
        raise NotAllowed(_("Only course staff and the cohort's advisors can change extensions."))
    activity.record(
        actor,
        "homework.extension_revoked",
        _("Removed the extension of “%(t)s” for %(o)s")
        % {"t": extension.assignment.title, "o": extension.organisation.name},
        target=extension,
        cohort=extension.assignment.cohort,
        organisation=extension.organisation,
    )
    extension.delete()
