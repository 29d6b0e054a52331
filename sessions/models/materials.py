"""Programme materials: files and links on a gathering or a programme item."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts import access

from .gatherings import Gathering, ProgrammeItem


class MaterialKind(models.TextChoices):
    FILE = "file", _("File")
    LINK = "link", _("Link")


class MaterialStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class MaterialQuerySet(models.QuerySet["Material"]):
    def visible_to(self, user) -> MaterialQuerySet:
        """Staff see every material; others see published materials of published gatherings in
        their cohorts, and those shared with all cohorts when they are alumni (``access.alumni_q``)."""
        if access.is_staff(user):
            return self
        return self.filter(status=MaterialStatus.PUBLISHED, gathering__is_published=True).filter(
            access.cohort_q(user, field="gathering__cohort") | (Q(for_alumni=True) & access.alumni_q(user))
        )

    def published(self) -> MaterialQuerySet:
        return self.filter(status=MaterialStatus.PUBLISHED)


def _material_storage_name(instance, filename: str) -> str:
    """Server-generated storage names: nothing from the uploader reaches the file system."""
    ext = getattr(instance, "_storage_ext", "") or "bin"
    return f"materials/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{ext}"


class Material(models.Model):
    """Slides, documents or a link on a gathering, or on one item of its programme. A draft until
    staff publish it to the cohort; optionally shared with the alumni of all cohorts."""

    gathering = models.ForeignKey(
        Gathering, on_delete=models.CASCADE, related_name="materials", verbose_name=_("gathering")
    )
    programme_item = models.ForeignKey(
        ProgrammeItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="materials",
        verbose_name=_("programme item"),
        help_text=_("Leave empty for material that belongs to the whole gathering."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    kind = models.CharField(_("kind"), max_length=4, choices=MaterialKind.choices, default=MaterialKind.FILE)
    url = models.URLField(_("link"), max_length=500, blank=True)
    stored = models.FileField(_("file"), upload_to=_material_storage_name, max_length=200, blank=True)
    file_name = models.CharField(_("file name"), max_length=150, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    file_type = models.CharField(_("file type"), max_length=10, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=MaterialStatus.choices, default=MaterialStatus.DRAFT)
    for_alumni = models.BooleanField(
        _("share with the alumni of all cohorts"),
        default=False,
        help_text=_("Participants of every cohort, past and future, can then find it in the knowledge bank."),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["gathering", "programme_item", "title", "pk"]
        constraints = [
            # A file material has a stored, described file and no link; a link has a URL and no file.
            models.CheckConstraint(
                condition=(Q(kind=MaterialKind.FILE) & ~Q(stored="") & ~Q(sha256="") & ~Q(file_name="") & Q(url=""))
                | (Q(kind=MaterialKind.LINK) & ~Q(url="") & Q(stored="")),
                name="material_file_or_link",
            ),
            # Published material says since when.
            models.CheckConstraint(
                condition=~Q(status=MaterialStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="material_published_has_time",
            ),
        ]
        indexes = [
            # The programme page and the pack read one gathering's materials.
            models.Index(fields=["gathering", "status"], name="material_gathering_status"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """A file's access-checked download; a link's place on the programme page."""
        if self.kind == MaterialKind.FILE:
            return reverse("gatherings:material_download", args=[self.pk])
        return reverse("gatherings:programme", args=[self.gathering_id]) + f"#material-{self.pk}"

    @property
    def is_published(self) -> bool:
        return self.status == MaterialStatus.PUBLISHED
