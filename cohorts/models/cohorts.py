"""Cohorts, the people with a role in them, memberships and enrolments."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .. import access
from .organisations import Organisation


class CohortStatus(models.TextChoices):
    PLANNING = "planning", _("Planning")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")


class CohortQuerySet(models.QuerySet["Cohort"]):
    def visible_to(self, user) -> CohortQuerySet:
        return self.filter(access.cohort_q(user, field="pk"))


class Cohort(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000)])
    name = models.CharField(_("name"), max_length=200)
    status = models.CharField(_("status"), max_length=12, choices=CohortStatus.choices, default=CohortStatus.PLANNING)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    fee = models.DecimalField(
        _("fee per organisation (NOK)"), max_digits=10, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    booking_cancel_hours = models.PositiveSmallIntegerField(
        _("booking cancellation cut-off (hours before)"),
        default=24,
    )
    withdrawal_deadline = models.DateField(
        _("last day to withdraw without paying"),
        null=True,
        blank=True,
        help_text=_(
            "An organisation that withdraws on or before this day pays nothing. Empty: the cohort's first day."
        ),
    )
    open_for_applications = models.BooleanField(_("open for applications"), default=False)
    evaluators_see_homework = models.BooleanField(_("evaluators may read homework"), default=False)
    contacts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff contact persons"),
        blank=True,
        related_name="contact_for_cohorts",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-year", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(fee__gte=0), name="cohort_fee_not_negative"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="cohort_ends_after_start",
            ),
            # Two cohorts with the same name and year are indistinguishable in every list and select.
            models.UniqueConstraint(
                Lower("name"),
                "year",
                name="cohort_name_year_unique",
                violation_error_message=_(
                    "There is already a cohort with this name and year. Give this one another name, or open the "
                    "existing cohort."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cohorts:cohort_detail", args=[self.pk])

    @property
    def free_withdrawal_until(self):
        """The last day an organisation may withdraw without paying the fee (None: no date set)."""
        return self.withdrawal_deadline or self.starts_on

    @property
    def choice_label(self) -> str:
        """How the cohort is named in selects: its name, with the year when the name lacks it."""
        return self.name if str(self.year) in self.name else f"{self.name} ({self.year})"


class RoleKind(models.TextChoices):
    ADVISOR = "advisor", _("Advisor")
    EVALUATOR = "evaluator", _("Evaluator")


class CohortRole(models.Model):
    """Staff assign advisors and evaluators to the cohorts they work with."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cohort_roles")
    role = models.CharField(_("role"), max_length=12, choices=RoleKind.choices)

    class Meta:
        verbose_name = _("cohort role")
        verbose_name_plural = _("cohort roles")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user", "role"], name="cohortrole_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.cohort}"


class MembershipRole(models.TextChoices):
    CONTACT = "contact", _("Contact person")
    MEMBER = "member", _("Team member")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(is_active=True)


class Membership(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["role", "user__full_name"]
        constraints = [
            # A person is on an organisation's team once.
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation})"


class EnrolmentStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    INVITED = "invited", _("Invited")
    ACTIVE = "active", _("Active")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    COMPLETED = "completed", _("Completed")


class EnrolmentQuerySet(models.QuerySet["Enrolment"]):
    def visible_to(self, user) -> EnrolmentQuerySet:
        return self.filter(access.organisation_q(user))

    def current(self) -> EnrolmentQuerySet:
        return self.exclude(status=EnrolmentStatus.WITHDRAWN)


class Enrolment(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="enrolments")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="enrolments")
    status = models.CharField(
        _("status"), max_length=12, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ACTIVE
    )
    goals = models.TextField(_("goals for the programme"), max_length=5000, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("team"), blank=True, related_name="enrolment_teams"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["organisation__name"]
        constraints = [
            # An organisation is enrolled in a cohort once.
            models.UniqueConstraint(fields=["cohort", "organisation"], name="enrolment_unique"),
            # Only a withdrawn enrolment has a withdrawal date (the invoice basis reads it).
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(status="withdrawn"),
                name="enrolment_withdrawn_at_only_withdrawn",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.cohort}"

    def get_absolute_url(self) -> str:
        return reverse("cohorts:enrolment_detail", args=[self.pk])
