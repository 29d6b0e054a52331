"""Reminder kinds and the per-cohort texts staff may adjust.

Which reminder went to whom is not kept here: every reminder is an outbox row whose unique
``dedupe_key`` (rule, object, recipient, occasion) is the claim (see ``omdomme.reminders.rules``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderKind(models.TextChoices):
    INVITATION_PENDING = "invitation_pending", _("Invitation not accepted after 7 days")
    HOMEWORK_DUE_7 = "homework_due_7", _("Homework due within 7 days")
    HOMEWORK_DUE_1 = "homework_due_1", _("Homework due tomorrow")
    HOMEWORK_OVERDUE = "homework_overdue", _("Homework overdue")
    REGISTRATION_DEADLINE = "registration_deadline", _("Registration deadline approaching")
    GATHERING_SOON = "gathering_soon", _("Gathering in 7 days")
    BOOKING_SOON = "booking_soon", _("Speed-advisory slot in 24 hours")
    SURVEY_CLOSING = "survey_closing", _("Survey closes in 3 days")


class ReminderTextQuerySet(models.QuerySet["ReminderText"]):
    def visible_to(self, user) -> ReminderTextQuerySet:
        return self if (user.is_authenticated and user.is_active and user.is_staff) else self.none()


class ReminderText(models.Model):
    """Staff's own opening text for one reminder kind in one cohort and language."""

    cohort = models.ForeignKey("cohorts.Cohort", on_delete=models.CASCADE, related_name="reminder_texts")
    kind = models.CharField(_("reminder"), max_length=40, choices=ReminderKind.choices)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="nb")
    intro = models.TextField(
        _("opening text"),
        max_length=5000,
        help_text=_("Plain text. Replaces the standard opening paragraph of this reminder for this cohort."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ReminderTextQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder text")
        verbose_name_plural = _("reminder texts")
        ordering = ["cohort", "kind", "language"]
        constraints = [
            # One text per reminder kind, cohort and language: the sweep never has to choose.
            models.UniqueConstraint(fields=["cohort", "kind", "language"], name="remindertext_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.language}) – {self.cohort}"
