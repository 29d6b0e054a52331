"""Case stories and the search index of the knowledge bank."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cohorts import access
from cohorts.models import Cohort, Organisation
from evaluations.models import Indicator
from homework.models import MethodStep, Submission
from sessions.models import Material


class CaseAudience(models.TextChoices):
    PARTICIPANTS = "participants", _("Participants of all cohorts")
    PUBLIC = "public", _("Everyone (the public front page)")


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class CaseQuerySet(models.QuerySet["CaseStory"]):
    def visible_to(self, user) -> CaseQuerySet:
        """Staff see every case; anyone a published public case; alumni (contacts of any cohort whose
        access is not ended) and the case's cohort (its advisors) a case published to participants."""
        if access.is_staff(user):
            return self
        published = self.filter(status=CaseStatus.PUBLISHED)
        q = Q(audience=CaseAudience.PUBLIC)
        if user.is_authenticated and user.is_active:
            q |= access.alumni_q(user) | access.cohort_q(user)
        return published.filter(q)

    def public(self) -> CaseQuerySet:
        return self.filter(status=CaseStatus.PUBLISHED, audience=CaseAudience.PUBLIC)


class CaseStory(models.Model):
    """What one organisation did in the programme, what came of it and what others can learn."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="case_stories", verbose_name=_("organisation")
    )
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="case_stories", verbose_name=_("cohort"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=2000)
    what_they_did = models.TextField(_("what they did"), max_length=10000, blank=True)
    results = models.TextField(_("results"), max_length=10000, blank=True)
    lessons = models.TextField(_("lessons"), max_length=10000, blank=True)
    method_step = models.CharField(_("method step"), max_length=30, choices=MethodStep.choices, blank=True)
    topic = models.CharField(_("topic"), max_length=100, blank=True, help_text=_("For example “resident survey”."))
    audience = models.CharField(
        _("published to"), max_length=12, choices=CaseAudience.choices, default=CaseAudience.PARTICIPANTS
    )
    status = models.CharField(_("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    submissions = models.ManyToManyField(
        Submission, blank=True, related_name="case_stories", verbose_name=_("shared homework")
    )
    materials = models.ManyToManyField(Material, blank=True, related_name="case_stories", verbose_name=_("materials"))
    indicators = models.ManyToManyField(
        Indicator, blank=True, related_name="case_stories", verbose_name=_("the organisation's indicators")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case story")
        verbose_name_plural = _("case stories")
        ordering = ["-cohort__year", "title", "pk"]
        constraints = [
            # Published cases say since when.
            models.CheckConstraint(
                condition=~Q(status=CaseStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="case_published_has_time",
            ),
        ]
        indexes = [
            # The access rule (``visible_to``) reads every published case's audience and cohort: from
            # this index alone (an index-only scan), not from the wide rows with all their text.
            models.Index(fields=["status", "audience", "cohort", "id"], name="case_visibility"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:case_detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == CaseStatus.PUBLISHED


class DocumentKind(models.TextChoices):
    CASE = "case", _("Case story")
    HOMEWORK = "homework", _("Shared homework")
    MATERIAL = "material", _("Material")


class SearchDocumentQuerySet(models.QuerySet["SearchDocument"]):
    def visible_to(self, user) -> SearchDocumentQuerySet:
        """An index row is seen exactly when the object it stands for is: the one access rule of each
        object type decides, so a stale row can never show what its object no longer shows."""
        if access.is_staff(user):
            return self
        return self.filter(
            Q(case__in=CaseStory.objects.visible_to(user).values("pk"))
            | Q(submission__in=Submission.objects.shared_with(user).values("pk"))
            | Q(material__in=Material.objects.visible_to(user).values("pk"))
        )


class SearchDocument(models.Model):
    """One searchable item of the knowledge bank: its text (with what was extracted from its files),
    the facets the search filters on, and its PostgreSQL full-text vector (Norwegian stemming plus
    the unstemmed words, so Nynorsk forms match too). Rebuilt by ``rebuild_knowledge_index``."""

    kind = models.CharField(_("kind"), max_length=10, choices=DocumentKind.choices)
    case = models.OneToOneField(CaseStory, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    material = models.OneToOneField(Material, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300)
    organisation_name = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    method_step = models.CharField(max_length=30, choices=MethodStep.choices, blank=True)
    organisation_kind = models.CharField(max_length=20, blank=True)
    vector = SearchVectorField(null=True, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            # Each row stands for exactly one object, of its kind.
            models.CheckConstraint(
                condition=Q(kind=DocumentKind.CASE, case__isnull=False, submission__isnull=True, material__isnull=True)
                | Q(kind=DocumentKind.HOMEWORK, case__isnull=True, submission__isnull=False, material__isnull=True)
                | Q(kind=DocumentKind.MATERIAL, case__isnull=True, submission__isnull=True, material__isnull=False),
                name="searchdocument_one_target",
            ),
        ]
        indexes = [
            # Filters by cohort year and kind.
            models.Index(fields=["year", "kind"], name="searchdoc_year_kind"),
        ]
        # The GIN index on ``vector`` is created by migration 0002 on PostgreSQL only.

    def __str__(self) -> str:
        return self.title
