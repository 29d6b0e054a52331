"""Gatherings and their programme."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts import access
from cohorts.models import Cohort


class GatheringQuerySet(models.QuerySet["Gathering"]):
    def visible_to(self, user) -> GatheringQuerySet:
        qs = self.filter(access.cohort_q(user))
        if not access.is_staff(user):
            qs = qs.filter(is_published=True)
        return qs

    def upcoming(self, today: date | None = None) -> GatheringQuerySet:
        return self.filter(ends_on__gte=today or timezone.localdate())


class Gathering(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="gatherings", verbose_name=_("cohort"))
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    title = models.CharField(_("title"), max_length=200)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    travel_info = models.TextField(_("travel"), max_length=5000, blank=True)
    accommodation_info = models.TextField(_("accommodation"), max_length=5000, blank=True)
    costs_info = models.TextField(_("costs"), max_length=5000, blank=True)
    what_to_bring = models.TextField(_("what to bring"), max_length=5000, blank=True)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity (people)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    max_bookings_per_organisation = models.PositiveSmallIntegerField(
        _("speed-advisory bookings per organisation"),
        default=2,
        validators=[MinValueValidator(1)],
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GatheringQuerySet.as_manager()

    class Meta:
        verbose_name = _("gathering")
        verbose_name_plural = _("gatherings")
        ordering = ["starts_on", "number"]
        constraints = [
            # A cohort's gatherings are numbered 1, 2, 3 … once each.
            models.UniqueConstraint(fields=["cohort", "number"], name="gathering_unique_number"),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="gathering_ends_after_start"),
            models.CheckConstraint(
                condition=Q(max_bookings_per_organisation__gte=1), name="gathering_booking_limit_positive"
            ),
            # Target of the slots' composite foreign key (gathering, booking_limit): keeps the
            # denormalised per-organisation booking limit on each slot equal to this one.
            models.UniqueConstraint(fields=["id", "max_bookings_per_organisation"], name="gathering_id_limit"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("gatherings:gathering_detail", args=[self.pk])

    @property
    def choice_label(self) -> str:
        """How the gathering is named in selects: titles repeat from year to year, so with its cohort."""
        return f"{self.title} – {self.cohort.choice_label}"

    @property
    def days(self) -> list[date]:
        n = (self.ends_on - self.starts_on).days
        return [self.starts_on + timedelta(days=i) for i in range(n + 1)]

    @property
    def nights(self) -> list[date]:
        """Nights one can stay, named by the evening they start (the day before the first day too)."""
        n = (self.ends_on - self.starts_on).days
        return [self.starts_on + timedelta(days=i) for i in range(-1, n)]

    def registration_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.registration_deadline is None or now <= self.registration_deadline


class ProgrammeItemKind(models.TextChoices):
    TALK = "talk", _("Talk")
    WORKSHOP = "workshop", _("Workshop")
    SPEED_ADVISORY = "speed_advisory", _("Speed advisory")
    MEAL = "meal", _("Meal")
    TRAVEL = "travel", _("Travel")
    OTHER = "other", _("Other")


class ProgrammeItemQuerySet(models.QuerySet["ProgrammeItem"]):
    def visible_to(self, user) -> ProgrammeItemQuerySet:
        qs = self.filter(access.cohort_q(user, field="gathering__cohort"))
        if not access.is_staff(user):
            qs = qs.filter(gathering__is_published=True)
        return qs


class ProgrammeItem(models.Model):
    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="programme_items")
    day = models.DateField(_("day"))
    starts_at = models.TimeField(_("starts"))
    ends_at = models.TimeField(_("ends"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    speakers = models.CharField(_("speaker(s)"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ProgrammeItemKind.choices, default=ProgrammeItemKind.TALK)

    objects = ProgrammeItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        ordering = ["day", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")), name="programmeitem_ends_after_start"
            ),
        ]
        indexes = [
            # The programme page reads one gathering's items in time order.
            models.Index(fields=["gathering", "day", "starts_at"], name="programmeitem_day_time"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.starts_at:%H:%M} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("gatherings:programme", args=[self.gathering_id]) + f"#item-{self.pk}"
