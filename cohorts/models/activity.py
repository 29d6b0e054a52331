"""The activity log, and ended alumni access."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import access
from .cohorts import Cohort
from .organisations import Organisation


class ActivityQuerySet(models.QuerySet["Activity"]):
    def visible_to(self, user) -> ActivityQuerySet:
        return self if access.is_staff(user) else self.none()


class Activity(models.Model):
    """Who did what, when, on which object: written by the service functions of every app."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(max_length=200, blank=True)
    verb = models.CharField(_("action"), max_length=80)
    description = models.CharField(_("description"), max_length=500)
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.BigIntegerField(null=True, blank=True)
    cohort = models.ForeignKey(Cohort, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activity log")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # Staff read the log per cohort and per organisation, newest first.
            models.Index(fields=["cohort", "-created_at"], name="activity_cohort_time"),
            models.Index(fields=["organisation", "-created_at"], name="activity_org_time"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name}: {self.description}"


class AlumniAccessEnd(models.Model):
    """Staff ended one person's alumni access: the knowledge shared across cohorts (materials, cases
    and homework shared with all cohorts) is closed to them; their own cohort's pages are not."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alumni_access_end", verbose_name=_("person")
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ended_at = models.DateTimeField(_("ended"), default=timezone.now)

    class Meta:
        verbose_name = _("ended alumni access")
        verbose_name_plural = _("ended alumni access")

    def __str__(self) -> str:
        return str(self.user)
