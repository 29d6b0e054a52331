"""Organisations: municipalities, regional councils and others taking part."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .. import access

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
