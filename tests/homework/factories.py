"""Factories and helpers for homework tests (built on tests/factories.py)."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from homework import services, uploads
from homework.models import Assignment, Submission, SubmissionFileVersion
from homework.samples import docx_bytes, pdf_bytes
from tests.factories import CohortFactory


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    cohort = factory.SubFactory(CohortFactory)
    title = factory.Sequence(lambda n: f"Oppgave {n}")
    instructions = "Skriv **kort** om målene."
    due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    cutoff_at = factory.LazyAttribute(lambda o: o.due_at + timedelta(days=7))
    position = factory.Sequence(lambda n: n + 1)
    expects_files = True
    expects_text = False
    is_published = True
    published_at = factory.LazyFunction(timezone.now)
    max_file_size = 1024 * 1024


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission

    assignment = factory.SubFactory(AssignmentFactory)
    cohort = factory.LazyAttribute(lambda o: o.assignment.cohort)


def pdf_upload(name: str = "plan.pdf", text: str = "Handlingsplan") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


def docx_upload(name: str = "svar.docx", text: str = "Svar") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, docx_bytes(text), content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )


def checked(upload: SimpleUploadedFile, assignment: Assignment) -> uploads.CheckedUpload:
    return uploads.check_upload(upload, allowed_types=assignment.allowed_type_list, max_size=assignment.max_file_size)


def add_version(
    submission: Submission, user, upload: SimpleUploadedFile | None = None, replaces=None
) -> SubmissionFileVersion:
    upload = upload or pdf_upload()
    return services.add_file(submission, checked(upload, submission.assignment), replaces=replaces, actor=user)


def submitted(submission: Submission, user, upload: SimpleUploadedFile | None = None) -> Submission:
    """Give the submission a file (and text if asked for) and submit it."""
    if submission.assignment.expects_text and not submission.text_answer:
        services.save_text_answer(submission, "Vårt svar.", actor=user)
    if submission.assignment.expects_files and not submission.files.exists():
        add_version(submission, user, upload)
    return services.submit(submission, actor=user)
