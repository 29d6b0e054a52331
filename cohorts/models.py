from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from . import access

MUNICIPALITY_NUMBER = RegexValidator(r"^\d{4}$", _("A municipality number has exactly four digits."))
ORG_NUMBER_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def validate_org_number(value: str) -> None:
    """The Brønnøysund organisation number: nine digits, the last a modulus-11 check digit."""
    if not (len(value) == 9 and value.isdigit()):
        raise ValidationError(_("An organisation number has exactly nine digits."), code="org_number_format")
    remainder = sum(int(digit) * weight for digit, weight in zip(value, ORG_NUMBER_WEIGHTS, strict=False)) % 11
    check = (11 - remainder) % 11
    if check == 10 or check != int(value[8]):
        raise ValidationError(
            _("%(value)s is not a valid organisation number: check the digits."),
            code="org_number_checksum",
            params={"value": value},
        )


class LanguageForm(models.TextChoices):
    """The organisation's decision on written standard (språkvedtak, språklova § 11)."""

    BOKMAL = "nb", _("Bokmål")
    NYNORSK = "nn", _("Nynorsk")
    NEUTRAL = "neutral", _("Neutral")


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    REGIONAL_COUNCIL = "regional_council", _("Regional council")
    COUNTY_COUNCIL = "county_council", _("County council")
    OTHER = "other", _("Other")


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def visible_to(self, user) -> OrganisationQuerySet:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_staff:
            return self
        return self.filter(
            Q(pk__in=access.member_organisation_ids(user)) | Q(enrolments__cohort__in=access.assigned_cohort_ids(user))
        ).distinct()


class Organisation(models.Model):
    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.MUNICIPALITY
    )
    name = models.CharField(_("name"), max_length=200)
    municipality_number = models.CharField(
        _("municipality number"),
        max_length=4,
        null=True,
        blank=True,
        validators=[MUNICIPALITY_NUMBER],
    )
    county = models.CharField(_("county"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    language_form = models.CharField(
        _("written standard"),
        max_length=7,
        choices=LanguageForm.choices,
        default=LanguageForm.NEUTRAL,
        help_text=_("The organisation's language decision: mail and documents to it use this written standard."),
    )
    org_number = models.CharField(_("organisation number"), max_length=9, blank=True, validators=[validate_org_number])
    invoice_address = models.TextField(_("invoice address"), max_length=500, blank=True)
    invoice_reference = models.CharField(
        _("buyer's reference"),
        max_length=100,
        blank=True,
        help_text=_("The reference the organisation wants on its invoices (needed for public e-invoicing)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            # Two organisations can never share a municipality number (blank numbers are NULL).
            models.UniqueConstraint(fields=["municipality_number"], name="organisation_unique_number"),
            models.CheckConstraint(
                condition=Q(municipality_number__isnull=True) | Q(municipality_number__regex=r"^[0-9]{4}$"),
                name="organisation_number_four_digits",
            ),
            models.CheckConstraint(
                condition=Q(org_number="") | Q(org_number__regex=r"^[0-9]{9}$"), name="organisation_org_number_digits"
            ),
            models.CheckConstraint(
                condition=Q(language_form__in=["nb", "nn", "neutral"]), name="organisation_language_form_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cohorts:organisation_detail", args=[self.pk])


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


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def _invitation_expiry():
    return timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)


def invitation_mac(pk: int, secret: str) -> str:
    """The keyed hash that makes an invitation's link: HMAC-SHA256 under SECRET_KEY of the row's id
    and its random secret. The database holds only the secret, so a copy of it opens no invitation."""
    return salted_hmac("cohorts.invitation", f"{pk}:{secret}", algorithm="sha256").hexdigest()


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)

    def by_url_token(self, url_token: str) -> Invitation | None:
        """The invitation a link's token opens, compared in constant time; None for any other token."""
        pk, _, mac = (url_token or "").partition("-")
        if not pk.isdigit() or len(mac) != 64:
            return None
        invitation = self.filter(pk=int(pk)).first()
        if invitation is None or not constant_time_compare(mac, invitation_mac(invitation.pk, invitation.token)):
            return None
        return invitation

    def visible_to(self, user) -> InvitationQuerySet:
        """Staff see every invitation; an organisation's members see their organisation's."""
        return self.filter(access.organisation_q(user, cohort_field=None))


class Invitation(models.Model):
    """An invitation to join an organisation's team. The link is single-use and expires."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    cohort = models.ForeignKey(Cohort, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations")
    email = models.EmailField(_("email address"))
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="nb")
    # The random secret behind the link (see ``url_token``); the link itself is never stored.
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(default=_invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            # At most one open invitation per person and organisation.
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    @property
    def url_token(self) -> str:
        return f"{self.pk}-{invitation_mac(self.pk, self.token)}"

    def get_accept_url(self) -> str:
        return reverse("cohorts:invitation_accept", args=[self.url_token])


class ApplicationStatus(models.TextChoices):
    NEW = "new", _("New")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class ApplicationQuerySet(models.QuerySet["Application"]):
    def visible_to(self, user) -> ApplicationQuerySet:
        """Applications hold a visitor's personal data: course staff only."""
        return self if access.is_staff(user) else self.none()


class Application(models.Model):
    """A visitor's application for a place in the next cohort (public form)."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="applications")
    organisation_name = models.CharField(_("organisation"), max_length=200)
    organisation_kind = models.CharField(
        _("kind"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.MUNICIPALITY
    )
    municipality_number = models.CharField(
        _("municipality number"), max_length=4, blank=True, validators=[MUNICIPALITY_NUMBER]
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("email address"))
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    motivation = models.TextField(_("why do you want to take part?"), max_length=3000)
    language_form = models.CharField(
        _("written standard"),
        max_length=7,
        choices=LanguageForm.choices,
        default=LanguageForm.NEUTRAL,
        help_text=_("Has your organisation decided on Bokmål or Nynorsk? We write to you in that written standard."),
    )
    language = models.CharField(max_length=5, default="nb")
    status = models.CharField(
        _("status"), max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.NEW
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    enrolment = models.ForeignKey(Enrolment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation_name} ({self.cohort})"


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
