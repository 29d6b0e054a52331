from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class OutboxQuerySet(models.QuerySet["OutboxMail"]):
    def pending(self) -> OutboxQuerySet:
        return self.filter(status=OutboxStatus.QUEUED)

    def visible_to(self, user) -> OutboxQuerySet:
        """The outbox holds every recipient's mail: course staff only."""
        if user.is_authenticated and user.is_active and user.is_staff:
            return self
        return self.none()


class OutboxMail(models.Model):
    """Every email the system sends is first one of these rows, then delivered by a task."""

    kind = models.CharField(_("kind"), max_length=60, help_text=_("The template that built it."))
    recipients = models.JSONField(_("recipients"), default=list)
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=5, default="nb")
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    attachments = models.JSONField(default=list, blank=True)
    related_type = models.CharField(max_length=60, blank=True)
    related_id = models.BigIntegerField(null=True, blank=True)
    cohort_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    dedupe_key = models.CharField(max_length=255, null=True, blank=True)
    essential = models.BooleanField(default=True)
    status = models.CharField(_("status"), max_length=12, choices=OutboxStatus.choices, default=OutboxStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sending_since = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resent_from = models.ForeignKey(
        "self",
        verbose_name=_("copy of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resends",
    )
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at"]
        constraints = [
            # One email per reminder occasion: a rerun or a redelivered task cannot send twice.
            models.UniqueConstraint(fields=["dedupe_key"], name="outbox_unique_dedupe_key"),
        ]
        indexes = [
            # The sweeper looks for queued and stuck rows.
            models.Index(fields=["status", "next_attempt_at"], name="outbox_status_next"),
            # The staff outbox page lists newest first, filtered by kind.
            models.Index(fields=["kind", "-created_at"], name="outbox_kind_created"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.recipients)}"

    def get_absolute_url(self) -> str:
        return reverse("notifications:outbox_detail", args=[self.pk])

    @property
    def can_cancel(self) -> bool:
        return self.status in (OutboxStatus.QUEUED, OutboxStatus.DRAFT)

    @property
    def can_resend(self) -> bool:
        return self.status in (OutboxStatus.FAILED, OutboxStatus.SENT, OutboxStatus.CANCELLED)
