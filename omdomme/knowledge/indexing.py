"""Keeping the knowledge bank's search index in step with what is published and shared.

``reindex(kind, pk)`` makes the index row of one object right: created or refreshed when the
object is searchable (a published case or material, approved homework a team shares), removed
when it is not. The Celery task and ``rebuild_knowledge_index`` both call it.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from homework.models import Submission, SubmissionFileVersion, SubmissionStatus
from sessions.models import Material, MaterialKind, MaterialStatus

from .extract import clean, extract_text
from .models import CaseStatus, CaseStory, DocumentKind, SearchDocument

# Norwegian stemming ("kommunene" → "kommun") plus the words as written, so Nynorsk forms that the
# Bokmål-oriented stemmer leaves alone (and words it drops as stop words) are still found.
CONFIGS = ("norwegian", "simple")


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def search_vector(title="title", body="body"):
    """The row's vector: its title (weight A) and body (C), each in every configuration. By default
    from the row's own columns (an UPDATE); pass ``Value`` expressions to compute it in an INSERT."""
    vector = None
    for config in CONFIGS:
        for source, weight in ((title, "A"), (body, "C")):
            part = SearchVector(source, config=config, weight=weight)
            vector = part if vector is None else vector + part
    return vector


def _case_fields(case: CaseStory) -> dict | None:
    if case.status != CaseStatus.PUBLISHED:
        return None
    body = "\n\n".join(
        t
        for t in (case.summary, case.what_they_did, case.results, case.lessons, case.topic, case.organisation.name)
        if t
    )
    return {
        "title": case.title,
        "body": body,
        "url": case.get_absolute_url(),
        "organisation_name": case.organisation.name,
        "year": case.cohort.year,
        "method_step": case.method_step,
        "organisation_kind": case.organisation.kind,
    }


def _submission_fields(submission: Submission) -> dict | None:
    if submission.shared_at is None or submission.status != SubmissionStatus.APPROVED:
        return None
    texts = [submission.text_answer]
    names = []
    for file in submission.files.all():
        if file.removed_at is None and (latest := file.latest_version):
            names.append(latest.original_name)
            texts.append(extract_text(latest.stored, latest.file_type))
    return {
        "title": f"{submission.assignment.title} – {submission.organisation.name}",
        "body": "\n\n".join(t for t in [*texts, " ".join(names)] if t),
        "url": submission_url(submission),
        "organisation_name": submission.organisation.name,
        "year": submission.cohort.year,
        "method_step": submission.assignment.method_step,
        "organisation_kind": submission.organisation.kind,
    }


def submission_url(submission: Submission) -> str:
    """Shared work opens on its gallery page, which every reader it is shared with may see."""
    return reverse("homework:gallery_detail", args=[submission.pk])


def _material_fields(material: Material) -> dict | None:
    if material.status != MaterialStatus.PUBLISHED:
        return None
    texts = [material.description, material.file_name]
    if material.kind == MaterialKind.FILE:
        texts.append(extract_text(material.stored, material.file_type))
    if material.programme_item_id:
        texts.append(material.programme_item.title)
    return {
        "title": material.title,
        "body": "\n\n".join(t for t in texts if t),
        "url": material.get_absolute_url(),
        "organisation_name": "",
        "year": material.gathering.cohort.year,
        "method_step": "",
        "organisation_kind": "",
    }


def _load(kind: str, pk: int):
    if kind == DocumentKind.CASE:
        return CaseStory.objects.select_related("organisation", "cohort").filter(pk=pk).first(), _case_fields
    if kind == DocumentKind.HOMEWORK:
        versions = Prefetch("files__versions", queryset=SubmissionFileVersion.objects.order_by("-number"))
        qs = Submission.objects.select_related("assignment", "organisation", "cohort").prefetch_related(versions)
        return qs.filter(pk=pk).first(), _submission_fields
    if kind == DocumentKind.MATERIAL:
        qs = Material.objects.select_related("gathering__cohort", "programme_item")
        return qs.filter(pk=pk).first(), _material_fields
    raise ValueError(f"unknown kind {kind!r}")


_TARGET = {DocumentKind.CASE: "case", DocumentKind.HOMEWORK: "submission", DocumentKind.MATERIAL: "material"}


def reindex(kind: str, pk: int) -> SearchDocument | None:
    """Bring one object's index row in step with the object; return the row (None when removed)."""
    obj, fields_of = _load(kind, pk)
    target = {f"{_TARGET[kind]}_id": pk}
    fields = fields_of(obj) if obj is not None else None
    with transaction.atomic():
        if fields is None:
            SearchDocument.objects.filter(**target).delete()
            return None
        fields["title"] = clean(fields["title"])[:300]
        fields["body"] = clean(fields["body"])
        doc, _ = SearchDocument.objects.update_or_create(**target, defaults={"kind": kind, **fields})
        if uses_postgres():
            SearchDocument.objects.filter(pk=doc.pk).update(vector=search_vector())
    return doc


def searchable_keys():
    """Every (kind, pk) that belongs in the index."""
    for pk in CaseStory.objects.filter(status=CaseStatus.PUBLISHED).values_list("pk", flat=True):
        yield DocumentKind.CASE, pk
    shared = Submission.objects.filter(shared_at__isnull=False, status=SubmissionStatus.APPROVED)
    for pk in shared.values_list("pk", flat=True):
        yield DocumentKind.HOMEWORK, pk
    for pk in Material.objects.filter(status=MaterialStatus.PUBLISHED).values_list("pk", flat=True):
        yield DocumentKind.MATERIAL, pk


def rebuild_index(progress=None) -> int:
    """Index every searchable object again (extracting file text anew) and drop rows for objects
    that are no longer searchable. Returns the number of rows in the index."""
    started = timezone.now()
    for number, (kind, pk) in enumerate(searchable_keys(), start=1):
        reindex(kind, pk)
        if progress and number % 100 == 0:
            progress(number)
    SearchDocument.objects.filter(indexed_at__lt=started).delete()
    return SearchDocument.objects.count()
