"""Demo homework: the 10-step method for 2012 with submissions in every state, file versions and a
feedback thread; for the current cohort the same method with the first deadline a few days ahead.

Idempotent: assignments are keyed by (cohort, method step or title), submissions by
(assignment, organisation); an existing submission is left as it is.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.text import slugify

from cohorts.models import Membership, MembershipRole
from omdomme.accounts.models import User
from omdomme.core.extensions import DemoContext
from omdomme.core.translated import from_catalogue
from sessions.models import Gathering

from . import uploads
from .models import (
    Assignment,
    AssignmentKind,
    FeedbackEntry,
    FeedbackSide,
    Submission,
    SubmissionFile,
    SubmissionFileVersion,
    SubmissionStatus,
)
from .samples import docx_bytes, pdf_bytes
from .services import METHOD_TEMPLATE

S = SubmissionStatus
# Per 2012 organisation, the state of its submission for steps 1, 2, 3, ... (missing: not started).
PLAN_2012 = {
    "Fjordvik kommune": [S.APPROVED, S.APPROVED, S.RESUBMITTED, S.RETURNED, S.SUBMITTED, S.DRAFT],
    "Lia kommune": [S.APPROVED, S.SUBMITTED, S.SUBMITTED, S.DRAFT],
    "Sjøland kommune": [S.SUBMITTED, S.RETURNED, S.DRAFT],
    "Høgfjell regionråd": [S.APPROVED, S.DRAFT],
}


def _at(day, hour: int = 16) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _assignments(cohort, first_due: datetime, staff, *, interval_days: int = 14) -> list[Assignment]:
    result = []
    for index, (step, title, instructions) in enumerate(METHOD_TEMPLATE):
        due = first_due + timedelta(days=interval_days * index)
        assignment, _ = Assignment.objects.get_or_create(
            cohort=cohort,
            method_step=step,
            defaults={
                **from_catalogue(title=title, instructions=instructions),
                "position": index + 1,
                "opens_at": due - timedelta(days=21),
                "due_at": due,
                "cutoff_at": due + timedelta(days=7),
                "expects_files": True,
                "expects_text": True,
                "is_published": True,
                "published_at": due - timedelta(days=21),
                "created_by": staff,
            },
        )
        result.append(assignment)
    last_due = first_due + timedelta(days=interval_days * len(METHOD_TEMPLATE))
    for position, (kind, title, due) in enumerate(
        [
            (AssignmentKind.MIDPOINT_REPORT, "Midtveisrapport", first_due + timedelta(days=interval_days * 5 - 3)),
            (AssignmentKind.FINAL_REPORT, "Sluttrapport", last_due + timedelta(days=14)),
        ],
        start=len(METHOD_TEMPLATE) + 1,
    ):
        assignment, _ = Assignment.objects.get_or_create(
            cohort=cohort,
            title=title,
            kind=kind,
            defaults={
                "instructions": "Skriv en kort rapport (2–4 sider) om hva dere har gjort, hva som virket, "
                "og hva dere vil gjøre videre. Evaluatorene leser rapportene.",
                "position": position,
                "due_at": due,
                "cutoff_at": due + timedelta(days=14),
                "expects_files": True,
                "expects_text": False,
                "allowed_types": "pdf,docx,odt",
                "is_published": True,
                "published_at": due - timedelta(days=30),
                "created_by": staff,
            },
        )
        result.append(assignment)
    _link_gatherings(cohort, result)
    return result


def _link_gatherings(cohort, assignments: list[Assignment]) -> None:
    """Each homework prepares for the first gathering after its due date (when gatherings exist)."""

    gatherings = list(Gathering.objects.filter(cohort=cohort).order_by("starts_on"))
    for assignment in assignments:
        if assignment.gathering_id is not None:
            continue
        after = next((g for g in gatherings if g.starts_on >= timezone.localdate(assignment.due_at)), None)
        if after is not None:
            assignment.gathering = after
            assignment.save(update_fields=["gathering"])


def _store(
    submission: Submission, user, name: str, data: bytes, when: datetime, file: SubmissionFile | None = None
) -> SubmissionFileVersion:
    when = min(when, timezone.now())
    upload = SimpleUploadedFile(name, data)
    checked = uploads.check_upload(
        upload, allowed_types=submission.assignment.allowed_type_list, max_size=submission.assignment.max_file_size
    )
    if file is None:
        file = SubmissionFile.objects.create(submission=submission, created_by=user)
        SubmissionFile.objects.filter(pk=file.pk).update(created_at=when)
    number = file.versions.count() + 1
    version = SubmissionFileVersion(
        file=file,
        number=number,
        original_name=checked.name,
        content_type=checked.content_type,
        file_type=checked.file_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=user,
        uploaded_at=when,
    )
    version._storage_ext = checked.extension
    version.stored.save("upload", checked.upload, save=False)
    version.save()
    return version


def _submission(assignment: Assignment, org, status: str, team_user, course_user, index: int) -> None:
    submission, created = Submission.objects.get_or_create(
        assignment=assignment, organisation=org, defaults={"cohort_id": assignment.cohort_id}
    )
    if not created:
        return
    due = assignment.due_at
    late = status != S.DRAFT and index % 3 == 2
    submitted_at = min(due + (timedelta(days=2) if late else -timedelta(days=1)), timezone.now())
    name = org.name.split()[0]
    submission.text_answer = (
        f"{name} sitt svar på «{assignment.title}»: vi har jobbet med dette i teamet og "
        "forankret det i formannskapet. Se vedlegget for detaljer."
    )
    version = _store(
        submission,
        team_user,
        f"{assignment.title} – {name}.pdf",
        pdf_bytes(f"{assignment.title} - {name}, utkast"),
        due - timedelta(days=6),
    )
    if status != S.DRAFT:
        _store(
            submission,
            team_user,
            f"{assignment.title} – {name} v2.pdf",
            pdf_bytes(f"{assignment.title} - {name}, versjon 2"),
            due - timedelta(days=3),
            file=version.file,
        )
        _store(
            submission,
            team_user,
            f"Vedlegg {name}.docx",
            docx_bytes(f"Tiltaksliste for {name}\nTiltak 1"),
            due - timedelta(days=2),
        )
        submission.submitted_at = submission.first_submitted_at = submitted_at
        submission.submitted_by = team_user
        submission.is_late = late
    if status in (S.RETURNED, S.RESUBMITTED):
        submission.returned_at = submitted_at + timedelta(days=3)
        FeedbackEntry.objects.create(
            submission=submission,
            author=course_user,
            author_name=course_user.get_full_name(),
            side=FeedbackSide.COURSE,
            created_at=submission.returned_at,
            body="Godt i gang! Kan dere konkretisere målgruppene og si hvem som eier hvert tiltak?",
        )
        FeedbackEntry.objects.create(
            submission=submission,
            author=team_user,
            author_name=team_user.get_full_name(),
            side=FeedbackSide.TEAM,
            created_at=submission.returned_at + timedelta(days=1),
            body="Takk! Vi tar det opp i styringsgruppen og leverer en ny versjon.",
        )
    if status == S.RESUBMITTED:
        _store(
            submission,
            team_user,
            f"{assignment.title} – {name} v3.pdf",
            pdf_bytes(f"{assignment.title} - {name}, revidert"),
            submission.returned_at + timedelta(days=4),
            file=version.file,
        )
        submission.submitted_at = submission.returned_at + timedelta(days=5)
        FeedbackEntry.objects.create(
            submission=submission,
            author=course_user,
            author_name=course_user.get_full_name(),
            side=FeedbackSide.COURSE,
            created_at=submission.submitted_at + timedelta(days=1),
            body="Mye bedre. Vi ser på den endelige versjonen før neste samling.",
        )
    if status == S.APPROVED:
        submission.approved_at = submitted_at + timedelta(days=4)
        submission.approved_by = course_user
        if index == 0:
            submission.shared_at, submission.shared_by = submission.approved_at + timedelta(days=1), team_user
    submission.status = status
    # Never after today: a draft of work due next week was last touched in the past, not on its due date.
    submission.last_activity_at = min(
        max(submission.submitted_at or due, submission.returned_at or due, submission.approved_at or due),
        timezone.now(),
    )
    submission.save()


def _team_user(org):
    """A team member for the 2012 organisations that have no demo login (no password: cannot log in)."""

    slug = slugify(org.name.split()[0])
    user, created = User.objects.get_or_create(
        email=f"team@{slug}.example.no", defaults={"full_name": f"Team {org.name.split()[0]}"}
    )
    if created:
        user.set_unusable_password()
        user.save()
    Membership.objects.get_or_create(organisation=org, user=user, defaults={"role": MembershipRole.CONTACT})
    return user


def seed(ctx: DemoContext) -> None:
    staff, advisor = ctx.users["staff"], ctx.users["advisor"]
    contact, contact2 = ctx.users["contact"], ctx.users["contact2"]
    cohort_2012 = ctx.cohorts[2012]
    assignments_2012 = _assignments(cohort_2012, _at(datetime(2012, 10, 10).date()), staff)
    cohort_2012.evaluators_see_homework = True
    cohort_2012.save(update_fields=["evaluators_see_homework"])
    for org_name, plan in PLAN_2012.items():
        org = ctx.organisations[org_name]
        team_user = contact if org_name == "Fjordvik kommune" else _team_user(org)
        for index, status in enumerate(plan):
            _submission(assignments_2012[index], org, status, team_user, advisor, index)

    current = ctx.current
    first_due = _at(ctx.today + timedelta(days=3))
    assignments = _assignments(current, first_due, staff)
    # Fjordvik has started on step 1: a draft with a file; Nordbygd has already handed it in.
    _submission(assignments[0], ctx.organisations["Fjordvik kommune"], S.DRAFT, contact, advisor, 0)
    _submission(assignments[0], ctx.organisations["Nordbygd kommune"], S.SUBMITTED, contact2, advisor, 0)
