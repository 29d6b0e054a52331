"""Invitations to join an organisation's team, and applications to a cohort."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from .. import access
from .cohorts import Cohort, Enrolment, MembershipRole
from .organisations import MUNICIPALITY_NUMBER, LanguageForm, Organisation, OrganisationKind


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
