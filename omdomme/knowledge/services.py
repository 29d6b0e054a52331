"""Operations on case stories and alumni access. Each runs in one transaction and writes the
activity log; a refusal is a ``KnowledgeError`` with a clear message."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts import access
from cohorts.activity import record
from evaluations.models import Indicator
from homework.models import Submission, SubmissionStatus
from sessions.models import Material

from .models import CaseStatus, CaseStory


class KnowledgeError(ValidationError):
    """A change to the knowledge bank was refused."""


def _check_links(case: CaseStory, submissions: Iterable[Submission]) -> None:
    for submission in submissions:
        if submission.organisation_id != case.organisation_id:
            raise KnowledgeError(_("A case can only link the organisation's own homework."), code="organisation")
        if submission.shared_at is None or submission.status != SubmissionStatus.APPROVED:
            raise KnowledgeError(_("A case can only link approved homework the team shares."), code="not_shared")


@transaction.atomic
def save_case(
    case: CaseStory,
    *,
    actor,
    submissions: Iterable[Submission] = (),
    materials: Iterable[Material] = (),
    indicators: Iterable[Indicator] = (),
) -> CaseStory:
    """Create or change a case with its links (approved homework the organisation shares,
    materials, indicators). Course staff write cases."""
    access.require_staff(actor)
    submissions = list(submissions)
    _check_links(case, submissions)
    creating = case.pk is None
    if creating:
        case.created_by = actor
    case.save()
    case.submissions.set(submissions)
    case.materials.set(materials)
    case.indicators.set(indicators)
    record(
        actor,
        "case.created" if creating else "case.updated",
        (_("Wrote the case “%(t)s”") if creating else _("Changed the case “%(t)s”")) % {"t": case.title},
        target=case,
        cohort=case.cohort,
        organisation=case.organisation,
    )
    return case


@transaction.atomic
def publish_case(case: CaseStory, *, actor, publish: bool = True) -> CaseStory:
    access.require_staff(actor)
    case = CaseStory.objects.select_for_update().get(pk=case.pk)
    if publish == case.is_published:
        return case
    case.status = CaseStatus.PUBLISHED if publish else CaseStatus.DRAFT
    case.published_at = timezone.now() if publish else None
    case.save(update_fields=["status", "published_at", "updated_at"])
    record(
        actor,
        "case.published" if publish else "case.unpublished",
        (_("Published the case “%(t)s”") if publish else _("Made the case “%(t)s” a draft again")) % {"t": case.title},
        target=case,
        cohort=case.cohort,
        organisation=case.organisation,
    )
    return case


@transaction.atomic
def delete_case(case: CaseStory, *, actor) -> None:
    access.require_staff(actor)
    record(
        actor,
        "case.deleted",
        _("Removed the case “%(t)s”") % {"t": case.title},
        cohort=case.cohort,
        organisation=case.organisation,
    )
    case.delete()
