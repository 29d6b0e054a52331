"""Assignments of a cohort: create, change, publish, order, copy, and the method set."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cohorts import access, activity, scopes
from cohorts.models import Cohort
from omdomme.core import fragments
from omdomme.core.translated import all_versions, from_catalogue, localized
from sessions.models import Gathering

from ..models import Assignment, AssignmentKind, MethodStep
from .errors import HomeworkError

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
