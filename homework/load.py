"""Benchmark data for homework: 12 assignments per load cohort (the 10 method steps, a midpoint and a
final report), submissions in mixed states for most organisations, each with a small file.

Uses bulk inserts; the files are written once and every version row points at a shared stored file
per content (they are read-only benchmark data)."""

from __future__ import annotations

import hashlib
from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from omdomme.core.extensions import DemoContext
from omdomme.core.translated import from_catalogue

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
from .samples import pdf_bytes
from .services import METHOD_TEMPLATE

STATES = [
    SubmissionStatus.APPROVED,
    SubmissionStatus.SUBMITTED,
    SubmissionStatus.RETURNED,
    SubmissionStatus.RESUBMITTED,
    SubmissionStatus.DRAFT,
    None,
]


def load(ctx: DemoContext) -> None:
    cohorts = ctx.extra.get("load_cohorts") or []
    enrolments = ctx.extra.get("load_enrolments") or []
    if not cohorts:
        return
    staff, advisor = ctx.extra["load_staff"], ctx.extra["load_advisor"]
    contacts = ctx.extra.get("load_contacts") or []
    data = pdf_bytes("Lastdata - hjemmeoppgave")
    stored_name = "homework/load/lastdata.pdf"
    if not default_storage.exists(stored_name):
        stored_name = default_storage.save(stored_name, ContentFile(data))
    sha = hashlib.sha256(data).hexdigest()
    now = timezone.now()
    start = timezone.make_aware(datetime.combine(ctx.today - timedelta(days=60), time(16)))

    assignments = []
    for cohort in cohorts:
        for index, (step, title, instructions) in enumerate(METHOD_TEMPLATE):
            due = start + timedelta(days=10 * index)
            assignments.append(
                Assignment(
                    cohort=cohort,
                    **from_catalogue(title=title, instructions=instructions),
                    method_step=step,
                    position=index + 1,
                    due_at=due,
                    cutoff_at=due + timedelta(days=30),
                    is_published=True,
                    published_at=start,
                    expects_files=True,
                    expects_text=True,
                    created_by=staff,
                )
            )
        for position, kind, title in (
            (11, AssignmentKind.MIDPOINT_REPORT, "Midtveisrapport"),
            (12, AssignmentKind.FINAL_REPORT, "Sluttrapport"),
        ):
            due = start + timedelta(days=10 * position)
            assignments.append(
                Assignment(
                    cohort=cohort,
                    title=title,
                    kind=kind,
                    position=position,
                    due_at=due,
                    cutoff_at=due + timedelta(days=30),
                    is_published=True,
                    published_at=start,
                    created_by=staff,
                )
            )
    assignments = Assignment.objects.bulk_create(assignments)
    by_cohort: dict[int, list[Assignment]] = {}
    for a in assignments:
        by_cohort.setdefault(a.cohort_id, []).append(a)
    contact_of = {}
    for i, user in enumerate(contacts):
        contact_of.setdefault(enrolments[i // 2].organisation_id, user)

    submissions = []
    for e_index, enrolment in enumerate(enrolments):
        for a_index, assignment in enumerate(by_cohort.get(enrolment.cohort_id, [])):
            state = STATES[(e_index + a_index) % len(STATES)]
            if state is None or assignment.due_at > now + timedelta(days=20):
                continue
            submitted = state != SubmissionStatus.DRAFT
            submissions.append(
                Submission(
                    assignment=assignment,
                    organisation_id=enrolment.organisation_id,
                    cohort_id=enrolment.cohort_id,
                    status=state,
                    text_answer="Vårt svar på oppgaven.",
                    is_late=submitted and (e_index % 4 == 0),
                    submitted_at=assignment.due_at if submitted else None,
                    first_submitted_at=assignment.due_at if submitted else None,
                    submitted_by=contact_of.get(enrolment.organisation_id) if submitted else None,
                    approved_at=assignment.due_at + timedelta(days=3) if state == SubmissionStatus.APPROVED else None,
                    approved_by=advisor if state == SubmissionStatus.APPROVED else None,
                    last_activity_at=assignment.due_at,
                )
            )
    submissions = Submission.objects.bulk_create(submissions, batch_size=2000)
    files = SubmissionFile.objects.bulk_create(
        [SubmissionFile(submission=s, created_by=s.submitted_by) for s in submissions], batch_size=2000
    )
    SubmissionFileVersion.objects.bulk_create(
        [
            SubmissionFileVersion(
                file=f,
                number=1,
                stored=stored_name,
                original_name="hjemmeoppgave.pdf",
                content_type="application/pdf",
                file_type="pdf",
                size=len(data),
                sha256=sha,
                uploaded_by=f.created_by,
                uploaded_at=f.submission.last_activity_at,
            )
            for f in files
        ],
        batch_size=2000,
    )
    FeedbackEntry.objects.bulk_create(
        [
            FeedbackEntry(
                submission=s,
                author=advisor,
                author_name=advisor.get_full_name(),
                side=FeedbackSide.COURSE,
                body="Bra jobbet – se kommentarene.",
                created_at=s.last_activity_at,
            )
            for s in submissions
            if s.status in (SubmissionStatus.RETURNED, SubmissionStatus.APPROVED)
        ],
        batch_size=2000,
    )
    ctx.extra.update(load_assignments=assignments, load_submissions=submissions)
