"""Registrations for a gathering, with the waiting list."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cohorts import access
from cohorts.models import Organisation

from .gatherings import Gathering


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def visible_to(self, user) -> RegistrationQuerySet:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if access.is_staff(user):
            return self
        return self.filter(Q(user=user) | access.organisation_q(user, cohort_field="gathering__cohort"))

    def confirmed(self) -> RegistrationQuerySet:
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waiting(self) -> RegistrationQuerySet:
        return self.filter(status=RegistrationStatus.WAITING).order_by("waitlisted_at", "pk")


class Registration(models.Model):
    """One person's registration for a gathering (confirmed, on the waiting list, or cancelled)."""

    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("participant")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RegistrationStatus.choices, default=RegistrationStatus.CONFIRMED
    )
    days = models.JSONField(
        _("days"), default=list, blank=True, help_text=_("The days (ISO dates) the person attends.")
    )
    dietary_needs = models.CharField(_("dietary needs and allergies"), max_length=300, blank=True)
    accommodation_nights = models.JSONField(
        _("accommodation nights"),
        default=list,
        blank=True,
        help_text=_("The nights (ISO dates of the evening) to book a room."),
    )
    arrival = models.DateTimeField(_("arrival"), null=True, blank=True)
    departure = models.DateTimeField(_("departure"), null=True, blank=True)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    waitlisted_at = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["gathering", "user__full_name", "pk"]
        constraints = [
            # A person has one registration per gathering (cancelling keeps the row).
            models.UniqueConstraint(fields=["gathering", "user"], name="registration_unique_person"),
            # Only people on the waiting list have a place in its queue.
            models.CheckConstraint(
                condition=Q(status=RegistrationStatus.WAITING, waitlisted_at__isnull=False)
                | ~Q(status=RegistrationStatus.WAITING),
                name="registration_waiting_has_time",
            ),
            models.CheckConstraint(
                condition=Q(arrival__isnull=True) | Q(departure__isnull=True) | Q(departure__gte=F("arrival")),
                name="registration_departure_after_arrival",
            ),
        ]
        indexes = [
            # Counting and listing a gathering's registrations by status.
            models.Index(fields=["gathering", "status"], name="registration_gathering_status"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.gathering}"

    def get_absolute_url(self) -> str:
        return reverse("gatherings:registration_edit", args=[self.pk])
