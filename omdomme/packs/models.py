"""Participant packs: one PDF per organisation per gathering, stored privately."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cohorts import access


class PackStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RENDERING = "rendering", _("Being made")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class ParticipantPackQuerySet(models.QuerySet["ParticipantPack"]):
    def visible_to(self, user) -> ParticipantPackQuerySet:
        """The organisation's own team, and staff/advisors/evaluators of the gathering's cohort."""
        return self.filter(access.organisation_q(user, cohort_field="gathering__cohort"))


def pack_path(pack: ParticipantPack, filename: str) -> str:
    return f"packs/{pack.gathering_id}/{filename}"


class ParticipantPack(models.Model):
    gathering = models.ForeignKey(
        "gatherings.Gathering", on_delete=models.CASCADE, related_name="packs", verbose_name=_("gathering")
    )
    organisation = models.ForeignKey(
        "cohorts.Organisation", on_delete=models.CASCADE, related_name="packs", verbose_name=_("organisation")
    )
    status = models.CharField(_("status"), max_length=10, choices=PackStatus.choices, default=PackStatus.PENDING)
    file = models.FileField(_("file"), upload_to=pack_path, blank=True)
    language = models.CharField(_("language"), max_length=5, default="nb")
    fingerprint = models.CharField(
        max_length=64, blank=True, help_text="SHA-256 of the data the PDF was made from (staleness)."
    )
    requested_at = models.DateTimeField(null=True, blank=True)
    rendering_since = models.DateTimeField(null=True, blank=True)
    rendered_at = models.DateTimeField(_("made"), null=True, blank=True)
    render_ms = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    objects = ParticipantPackQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant pack")
        verbose_name_plural = _("participant packs")
        ordering = ["gathering", "organisation__name"]
        constraints = [
            # One current pack per organisation and gathering: re-rendering replaces its file.
            models.UniqueConstraint(fields=["gathering", "organisation"], name="pack_unique_org_gathering"),
            # A ready pack has a file and knows when it was made.
            models.CheckConstraint(
                condition=~models.Q(status="ready") | (models.Q(rendered_at__isnull=False) & ~models.Q(file="")),
                name="pack_ready_has_file",
            ),
        ]
        indexes = [
            # The progress bar counts a gathering's packs by status.
            models.Index(fields=["gathering", "status"], name="pack_gathering_status"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.gathering}"

    def get_absolute_url(self) -> str:
        return reverse("packs:pack_download", args=[self.pk])
