"""Former municipality numbers, and resident surveys (innbyggerundersøkelser) with their answers.

A resident survey is anonymous by design: a response has a random key and no timestamp, and no
address or other trace of the person who answered is stored anywhere (the rate limit counts in the
cache, under a hash, and forgets).
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cohorts.models import Organisation

FOUR_DIGITS = RegexValidator(r"^\d{4}$", _("A municipality number has exactly four digits."))


class FormerMunicipalityNumber(models.Model):
    """A number the organisation had before a reform, with the years it was valid (both included).
    In any other year the organisation's current ``municipality_number`` applies."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="former_numbers", verbose_name=_("organisation")
    )
    number = models.CharField(_("municipality number"), max_length=4, validators=[FOUR_DIGITS])
    valid_from = models.PositiveSmallIntegerField(
        _("valid from (year)"), validators=[MinValueValidator(1838), MaxValueValidator(2100)]
    )
    valid_to = models.PositiveSmallIntegerField(
        _("valid to (year)"), validators=[MinValueValidator(1838), MaxValueValidator(2100)]
    )

    class Meta:
        verbose_name = _("former municipality number")
        verbose_name_plural = _("former municipality numbers")
        ordering = ["organisation", "valid_from"]
        constraints = [
            # A period ends in or after the year it begins.
            models.CheckConstraint(condition=Q(valid_to__gte=F("valid_from")), name="former_number_period_order"),
            models.CheckConstraint(condition=Q(number__regex=r"^[0-9]{4}$"), name="former_number_four_digits"),
            # The same former number is listed once per organisation.
            models.UniqueConstraint(fields=["organisation", "number"], name="former_number_once"),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.valid_from}–{self.valid_to})"

    def get_absolute_url(self) -> str:
        return reverse("evidence:organisation", args=[self.organisation_id])


class SurveyLanguage(models.TextChoices):
    NB = "nb", _("Bokmål")
    NN = "nn", _("Nynorsk")


def _new_token() -> str:
    return secrets.token_urlsafe(12)


class ResidentSurveyQuerySet(models.QuerySet["ResidentSurvey"]):
    def visible_to(self, user) -> ResidentSurveyQuerySet:
        """The evidence page's rule: whoever may read the organisation's evidence sees its surveys."""
        return self.filter(organisation__in=Organisation.objects.visible_to(user).values("pk"))


class ResidentSurvey(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="resident_surveys", verbose_name=_("organisation")
    )
    language = models.CharField(_("language"), max_length=2, choices=SurveyLanguage.choices, default="nb")
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"), help_text=_("The last day answers are taken."))
    token = models.CharField(max_length=32, unique=True, default=_new_token, editable=False)
    results_recorded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ResidentSurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("resident survey")
        verbose_name_plural = _("resident surveys")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            # A survey closes on or after the day it opens.
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="resident_survey_dates"),
        ]
        indexes = [
            # The daily sweep looks for closed surveys whose results are not recorded yet.
            models.Index(fields=["closes_on", "results_recorded_at"], name="resident_survey_closing"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("evidence:resident_survey", args=[self.pk])

    @property
    def year(self) -> int:
        """The wave's year: the year it closes, the year its results count for."""
        return self.closes_on.year

    def get_public_url(self) -> str:
        return reverse("evidence:answer", args=[self.token])

    def is_open(self, today) -> bool:
        return self.opens_on <= today <= self.closes_on and self.results_recorded_at is None

    def has_closed(self, today) -> bool:
        return self.results_recorded_at is not None or today > self.closes_on


class ResidentResponse(models.Model):
    """One resident's answers. No timestamp, no address, no cookie value: nothing ties it to a person."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(ResidentSurvey, on_delete=models.CASCADE, related_name="responses")

    class Meta:
        verbose_name = _("resident response")
        verbose_name_plural = _("resident responses")

    def __str__(self) -> str:
        return str(self.survey)


class ResidentAnswer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(ResidentResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=40)
    value = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            # One value per question and response.
            models.UniqueConstraint(fields=["response", "question"], name="resident_answer_once"),
            # The template's questions run on a 1–5 scale.
            models.CheckConstraint(condition=Q(value__gte=1, value__lte=5), name="resident_answer_scale"),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.value}"
