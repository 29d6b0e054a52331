"""Index on publish: when a case, a material or a shared submission is saved, the index row of that
object is refreshed by a Celery task once the transaction commits (text extraction is slow).

The cached search results (``SEARCH_SCOPE``, see ``views.search``) are retired whenever anything
the search reads or its access rule depends on is saved or deleted: the index rows, the objects
they stand for, gatherings (published or not), cohorts and enrolments. What a single user may see
has its own scope (``cohorts.access.access_scope``)."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_save

from cohorts.models import Cohort, Enrolment
from homework.models import Submission
from omdomme.core import fragments
from sessions.models import Gathering, Material

from .models import CaseStory, DocumentKind, SearchDocument
from .search import SEARCH_SCOPE


def enqueue(kind: str, pk: int) -> None:
    from .tasks import index_item

    transaction.on_commit(lambda: index_item.delay(kind=kind, pk=pk))


def _case_saved(sender, instance: CaseStory, **kwargs) -> None:
    enqueue(DocumentKind.CASE, instance.pk)


def _material_saved(sender, instance: Material, **kwargs) -> None:
    enqueue(DocumentKind.MATERIAL, instance.pk)


def _submission_saved(sender, instance: Submission, update_fields=None, **kwargs) -> None:
    # Submissions are saved often while a team works; only sharing (or stopping) concerns the index.
    if instance.shared_at is not None or (update_fields and "shared_at" in update_fields):
        enqueue(DocumentKind.HOMEWORK, instance.pk)


def connect() -> None:
    post_save.connect(_case_saved, sender=CaseStory, dispatch_uid="knowledge.case")
    post_save.connect(_material_saved, sender=Material, dispatch_uid="knowledge.material")
    post_save.connect(_submission_saved, sender=Submission, dispatch_uid="knowledge.submission")
    for model in (SearchDocument, CaseStory, Submission, Material, Gathering, Cohort, Enrolment):
        fragments.connect_bumps(model, lambda _row: [SEARCH_SCOPE], f"knowledge-{model.__name__}")
