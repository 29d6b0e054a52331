"""Homework operations that guard invariants. Views, admin, tasks, demo and tests call these.

Submission states::

    draft ──submit──> submitted ──return──> returned ──submit──> resubmitted ──approve──> approved
                         └────────────approve───────────────────────┘   └──return──> returned

Late is flagged when the first submission comes after the (extended) due date. After the
(extended) cut-off a first submission is refused; a revision that course staff asked for may
always be resubmitted.
"""

from __future__ import annotations

import contextvars
import functools
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cohorts import access, activity, scopes
from cohorts.models import Cohort, CohortRole, Organisation, RoleKind
from omdomme.accounts.models import User
from omdomme.core import fragments
from omdomme.core.translated import all_versions, from_catalogue, localized
from omdomme.notifications.services import queue_email
from sessions.models import Gathering

from .models import (
    Assignment,
    AssignmentKind,
    Extension,
    FeedbackEntry,
    FeedbackSide,
    MethodStep,
    Submission,
    SubmissionFile,
    SubmissionFileVersion,
    SubmissionStatus,
)
from .uploads import CheckedUpload, UploadRefused  # noqa: F401 - UploadRefused is part of this API

log = logging.getLogger(__name__)


class HomeworkError(ValidationError):
    """A homework rule refused the operation; the message says why."""


class TransitionError(HomeworkError):
    """The submission is not in a state that allows this step."""


class DeadlineError(HomeworkError):
    """The (extended) cut-off has passed, or the assignment is not open yet."""


class NotAllowed(HomeworkError):
    """The person may see the object but not do this."""


# --- Deadlines ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadlines:
    due_at: datetime
    cutoff_at: datetime | None
    extension: Extension | None = None

    @property
    def extended(self) -> bool:
        return self.extension is not None


def deadlines_for(assignment: Assignment, organisation_id: int, extension: Extension | None = None) -> Deadlines:
    """The due date and cut-off that apply to one organisation (its extension, if any)."""
    if extension is None:
        extension = Extension.objects.filter(assignment=assignment, organisation_id=organisation_id).first()
    if extension is not None:
        cutoff = extension.cutoff_at
        if cutoff is None and assignment.cutoff_at is not None:
            cutoff = max(assignment.cutoff_at, extension.due_at)
        return Deadlines(extension.due_at, cutoff, extension)
    return Deadlines(assignment.due_at, assignment.cutoff_at, None)


# --- Assignments ----------------------------------------------------------------------------

ASSIGNMENT_FIELDS = {
    "title",
    "instructions",
    *localized("title", "instructions"),
    "kind",
    "method_step",
    "opens_at",
    "due_at",
    "cutoff_at",
    "expects_files",
    "expects_text",
    "allowed_types",
    "max_file_size",
    "gathering",
}


def _check_assignment(assignment: Assignment) -> None:
    if assignment.gathering_id is not None and assignment.gathering.cohort_id != assignment.cohort_id:
        raise HomeworkError(_("The gathering belongs to another cohort."))
    try:
        assignment.full_clean(exclude=["cohort", "created_by"])
    except ValidationError as exc:
        raise HomeworkError(exc.messages) from exc


@transaction.atomic
def create_assignment(cohort: Cohort, *, actor, **fields) -> Assignment:
    access.require_staff(actor)
    unknown = set(fields) - ASSIGNMENT_FIELDS - {"position", "is_published"}
    if unknown:
        raise TypeError(f"unknown assignment fields: {sorted(unknown)}")
    Cohort.objects.select_for_update().get(pk=cohort.pk)
    position = fields.pop("position", None)
    if position is None:
        position = (Assignment.objects.filter(cohort=cohort).aggregate(m=Max("position"))["m"] or 0) + 1
    assignment = Assignment(cohort=cohort, position=position, created_by=actor, **fields)
    if assignment.is_published:
        assignment.published_at = timezone.now()
    _check_assignment(assignment)
    assignment.save()
    activity.record(
        actor,
        "homework.assignment_created",
        _("Created assignment “%(t)s”") % {"t": assignment.title},
        target=assignment,
        cohort=cohort,
    )
    return assignment


@transaction.atomic
def update_assignment(assignment: Assignment, *, actor, **fields) -> Assignment:
    access.require_staff(actor)
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    for name, value in fields.items():
        if name not in ASSIGNMENT_FIELDS:
            raise TypeError(f"unknown assignment field: {name}")
        setattr(assignment, name, value)
    _check_assignment(assignment)
    assignment.save()
    activity.record(
        actor,
        "homework.assignment_updated",
        _("Updated assignment “%(t)s”") % {"t": assignment.title},
        target=assignment,
        cohort=assignment.cohort,
    )
    return assignment


@transaction.atomic
def set_published(assignment: Assignment, published: bool, *, actor) -> Assignment:
    access.require_staff(actor)
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.is_published == published:
        return assignment
    assignment.is_published = published
    assignment.published_at = timezone.now() if published else None
    assignment.save(update_fields=["is_published", "published_at", "updated_at"])
    verb = "homework.assignment_published" if published else "homework.assignment_unpublished"
    text = _("Published assignment “%(t)s”") if published else _("Unpublished assignment “%(t)s”")
    activity.record(actor, verb, text % {"t": assignment.title}, target=assignment, cohort=assignment.cohort)
    return assignment


@transaction.atomic
def move_assignment(assignment: Assignment, direction: int, *, actor) -> None:
    """Swap an assignment with its neighbour (direction -1: up, +1: down) and renumber 1..n."""
    access.require_staff(actor)
    Cohort.objects.select_for_update().get(pk=assignment.cohort_id)
    ordered = list(Assignment.objects.filter(cohort_id=assignment.cohort_id).order_by("position", "due_at", "pk"))
    index = next(i for i, a in enumerate(ordered) if a.pk == assignment.pk)
    other = index + (1 if direction > 0 else -1)
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    reorder_assignments(assignment.cohort, [a.pk for a in ordered], actor=actor)


@transaction.atomic
def reorder_assignments(cohort: Cohort, ordered_ids: list[int], *, actor) -> None:
    """Give a cohort's assignments the positions 1..n in the order given."""
    access.require_staff(actor)
    existing = dict(Assignment.objects.select_for_update().filter(cohort=cohort).values_list("pk", "position"))
    if sorted(existing) != sorted(ordered_ids):
        raise HomeworkError(_("The new order must list each of the cohort's assignments once."))
    changed = []
    for position, pk in enumerate(ordered_ids, start=1):
        if existing[pk] != position:
            changed.append(Assignment(pk=pk, position=position))
    Assignment.objects.bulk_update(changed, ["position"])
    fragments.bump(("homework", cohort.pk))  # bulk_update sends no signals
    activity.record(actor, "homework.assignments_reordered", _("Reordered the assignments"), cohort=cohort)


METHOD_TEMPLATE: list[tuple[str, str, str]] = [
    (
        MethodStep.GOAL_ANALYSIS,
        gettext_lazy("Goal analysis"),
        gettext_lazy(
            "What does the municipality want to achieve with its reputation work? Write down two or three "
            "measurable goals and who owns them."
        ),
    ),
    (
        MethodStep.PLACE_QUALITIES,
        gettext_lazy("Mapping place qualities"),
        gettext_lazy(
            "List the qualities of your place: nature, culture, services, people, business. "
            "Which are unique, which are shared with neighbours?"
        ),
    ),
    (
        MethodStep.SOCIETAL_ANALYSIS,
        gettext_lazy("Societal analysis"),
        gettext_lazy("Describe population trends, jobs, commuting and the main challenges the next ten years."),
    ),
    (
        MethodStep.TARGET_GROUPS,
        gettext_lazy("Target groups"),
        gettext_lazy(
            "Who do you want to reach: residents, people who might move here, businesses, visitors? "
            "Prioritise and explain why."
        ),
    ),
    (
        MethodStep.POSITION,
        gettext_lazy("Choice of position"),
        gettext_lazy("Which position will you take? Describe it in one sentence, and why it is credible."),
    ),
    (
        MethodStep.ANCHORING,
        gettext_lazy("Anchoring"),
        gettext_lazy(
            "How will the work be anchored politically, administratively and among residents? "
            "Tip: anchor it in the municipal plan."
        ),
    ),
    (
        MethodStep.IDENTITY_REPUTATION,
        gettext_lazy("Identity and reputation mapping"),
        gettext_lazy("What do residents and outsiders think of the place? Summarise your survey or interviews."),
    ),
    (
        MethodStep.ACTION_PLAN,
        gettext_lazy("Action plan"),
        gettext_lazy(
            "List concrete actions with owner and deadline. Start with the low-hanging fruit: "
            "what you do matters more than what you say."
        ),
    ),
    (
        MethodStep.ORGANISATION_FINANCING,
        gettext_lazy("Organisation and financing"),
        gettext_lazy("Who runs the work, with which resources and budget?"),
    ),
    (
        MethodStep.LONG_TERM,
        gettext_lazy("Long-term development and communication"),
        gettext_lazy("How will you keep the work going and communicate it over the coming years?"),
    ),
]


@transaction.atomic
def create_method_set(
    cohort: Cohort, *, actor, first_due: datetime, interval: timedelta = timedelta(days=14), publish: bool = False
) -> list[Assignment]:
    """Create the ten method-step assignments for a cohort in one go; steps it already has are skipped."""
    access.require_staff(actor)
    Cohort.objects.select_for_update().get(pk=cohort.pk)
    have = set(Assignment.objects.filter(cohort=cohort).exclude(method_step="").values_list("method_step", flat=True))
    start = (Assignment.objects.filter(cohort=cohort).aggregate(m=Max("position"))["m"] or 0) + 1
    created = []
    now = timezone.now()
    for index, (step, title, instructions) in enumerate(METHOD_TEMPLATE):
        if step in have:
            continue
        due = first_due + interval * index
        created.append(
            Assignment(
                cohort=cohort,
                **from_catalogue(title=title, instructions=instructions),  # nb, nn and en
                kind=AssignmentKind.HOMEWORK,
                method_step=step,
                position=start + len(created),
                opens_at=None,
                due_at=due,
                cutoff_at=due + timedelta(days=7),
                expects_files=True,
                expects_text=True,
                created_by=actor,
                is_published=publish,
                published_at=now if publish else None,
            )
        )
    Assignment.objects.bulk_create(created)
    fragments.bump(*scopes.cohort_orgs(cohort.pk), ("homework", cohort.pk))  # bulk_create sends no signals
    activity.record(
        actor,
        "homework.method_set_created",
        _("Created %(n)s method-step assignments") % {"n": len(created)},
        cohort=cohort,
    )
    return created


@transaction.atomic
def copy_assignments(source: Cohort, target: Cohort, *, actor, shift: timedelta | None = None) -> list[Assignment]:
    """Copy a cohort's assignments to another cohort, unpublished, with every date moved by ``shift``
    (default: the whole years between the cohorts)."""
    access.require_staff(actor)
    if source.pk == target.pk:
        raise HomeworkError(_("Choose another cohort to copy from."))
    Cohort.objects.select_for_update().get(pk=target.pk)
    if shift is None:
        shift = timedelta(days=round(365.25 * (target.year - source.year)))
    start = Assignment.objects.filter(cohort=target).aggregate(m=Max("position"))["m"] or 0
    # "Prepares for gathering N" maps to the target cohort's gathering with the same number.
    target_gatherings = {g.number: g for g in Gathering.objects.filter(cohort=target)}
    copies = []
    originals = Assignment.objects.filter(cohort=source).select_related("gathering").order_by("position", "pk")
    for offset, original in enumerate(originals, start=1):
        copies.append(
            Assignment(
                cohort=target,
                **all_versions(original),
                kind=original.kind,
                method_step=original.method_step,
                position=start + offset,
                opens_at=original.opens_at + shift if original.opens_at else None,
                due_at=original.due_at + shift,
                cutoff_at=original.cutoff_at + shift if original.cutoff_at else None,
                expects_files=original.expects_files,
                expects_text=original.expects_text,
                allowed_types=original.allowed_types,
                max_file_size=original.max_file_size,
                created_by=actor,
                gathering=target_gatherings.get(original.gathering.number) if original.gathering else None,
            )
        )
    Assignment.objects.bulk_create(copies)
    fragments.bump(*scopes.cohort_orgs(target.pk), ("homework", target.pk))  # bulk_create sends no signals
    activity.record(
        actor,
        "homework.assignments_copied",
        _("Copied %(n)s assignments from %(c)s") % {"n": len(copies), "c": source.name},
        cohort=target,
    )
    return copies


# --- Extensions -----------------------------------------------------------------------------


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


# --- Submissions ----------------------------------------------------------------------------

EDITABLE = {SubmissionStatus.DRAFT, SubmissionStatus.RETURNED}


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


# --- Feedback -------------------------------------------------------------------------------


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


__all__ = [
    "DeadlineError",
    "Deadlines",
    "HomeworkError",
    "NotAllowed",
    "TransitionError",
    "UploadRefused",
    "add_feedback",
    "add_file",
    "approve",
    "copy_assignments",
    "create_assignment",
    "create_method_set",
    "deadlines_for",
    "get_or_create_submission",
    "grant_extension",
    "move_assignment",
    "remove_file",
    "reorder_assignments",
    "return_for_revision",
    "revoke_extension",
    "save_text_answer",
    "set_published",
    "share",
    "submit",
    "unshare",
    "update_assignment",
]
