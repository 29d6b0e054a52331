"""Surveys, their questions and answers, and reputation indicators.

Anonymity: for an anonymous survey the ``Response`` row has no user and no organisation (a check
constraint holds it), and the ``Participation`` row that knows who took part has no response id.
Responses, answers and participations use random UUID keys and carry no timestamps, so neither
insertion order nor time can join them. The response is found again by its owner through
``respondent_key``, a keyed hash (HMAC with the server's secret) of survey and person.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cohorts import access
from cohorts.models import Cohort, Enrolment, Organisation, OrganisationKind


class SurveyKind(models.TextChoices):
    GATHERING_FEEDBACK = "gathering_feedback", _("Gathering feedback")
    FOLLOW_UP = "follow_up", _("Follow-up")
    OTHER = "other", _("Other")


class Audience(models.TextChoices):
    PARTICIPANTS = "participants", _("All participants of the cohort")
    REGISTERED = "registered", _("Those registered for the gathering")
    ONE_PER_ORGANISATION = "one_per_organisation", _("One contact per organisation")


class SurveyQuerySet(models.QuerySet["Survey"]):
    def visible_to(self, user) -> SurveyQuerySet:
        """Staff all; advisors and evaluators their assigned cohorts; contacts their cohorts' surveys."""
        return self.filter(access.cohort_q(user))

    def results_visible_to(self, user) -> SurveyQuerySet:
        """Whose results a user may read: staff, and advisors/evaluators assigned to the cohort."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_staff:
            return self
        return self.filter(cohort__in=access.assigned_cohort_ids(user))

    def open_now(self, now) -> SurveyQuerySet:
        return self.filter(opens_at__lte=now, closes_at__gt=now)


class Survey(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="surveys", verbose_name=_("cohort"))
    gathering = models.ForeignKey(
        "gatherings.Gathering",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("gathering"),
        help_text=_("For feedback on one gathering."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SurveyKind.choices, default=SurveyKind.OTHER)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), max_length=5000, blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    audience = models.CharField(_("audience"), max_length=24, choices=Audience.choices, default=Audience.PARTICIPANTS)
    anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_("Nobody, course staff included, can see who gave which answer."),
    )
    wave = models.PositiveSmallIntegerField(_("wave"), default=1, validators=[MinValueValidator(1)])
    wave_of = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="later_waves",
        verbose_name=_("wave of"),
        help_text=_("The first survey of the series this one repeats."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_at", "title"]
        constraints = [
            # A survey closes after it opens.
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="survey_closes_after_opens"),
            # The first wave stands alone; every later wave points at the first survey of its series.
            models.CheckConstraint(
                condition=Q(wave=1, wave_of__isnull=True) | Q(wave__gt=1, wave_of__isnull=False),
                name="survey_wave_consistent",
            ),
            # "Those registered for the gathering" needs a gathering.
            models.CheckConstraint(
                condition=~Q(audience="registered") | Q(gathering__isnull=False),
                name="survey_registered_needs_gathering",
            ),
            # A series has each wave number once.
            models.UniqueConstraint(
                fields=["wave_of", "wave"], condition=Q(wave_of__isnull=False), name="survey_unique_wave"
            ),
        ]
        indexes = [
            # Dashboards look for a cohort's open surveys.
            models.Index(fields=["cohort", "closes_at"], name="survey_cohort_closes"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evaluations:survey_detail", args=[self.pk])

    @property
    def series_root(self) -> Survey:
        return self.wave_of if self.wave_of_id else self

    def is_open(self, now) -> bool:
        return self.opens_at <= now < self.closes_at


class Section(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Scale")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    NUMBER = "number", _("Number")
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
TEXT_KINDS = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(
        Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="questions", verbose_name=_("section")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=12, choices=QuestionKind.choices, default=QuestionKind.SCALE)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=False)
    scale_max = models.PositiveSmallIntegerField(_("scale"), default=5, choices=[(5, "1–5"), (10, "1–10")])
    scale_min_label = models.CharField(_("label for the lowest value"), max_length=80, blank=True)
    scale_max_label = models.CharField(_("label for the highest value"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "pk"]
        constraints = [
            # Scales run 1–5 or 1–10, nothing else.
            models.CheckConstraint(condition=Q(scale_max__in=[5, 10]), name="question_scale_5_or_10"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def has_choices(self) -> bool:
        return self.kind in CHOICE_KINDS

    @property
    def is_text(self) -> bool:
        return self.kind in TEXT_KINDS

    @property
    def scale_values(self) -> range:
        return range(1, self.scale_max + 1)


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    label = models.CharField(_("label"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Response(models.Model):
    """One person's answers to one survey. Anonymous: no user, no organisation, no timestamps."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    respondent_key = models.CharField(max_length=64)
    anonymous = models.BooleanField(default=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="survey_responses"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="survey_responses"
    )
    organisation_kind = models.CharField(max_length=20, choices=OrganisationKind.choices, blank=True)
    status = models.CharField(max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["respondent_key"]
        constraints = [
            # One response per person per survey (the key is a hash of survey and person).
            models.UniqueConstraint(fields=["survey", "respondent_key"], name="response_one_per_person"),
            # An anonymous response never names its author or the author's organisation.
            models.CheckConstraint(
                condition=Q(anonymous=False) | Q(user__isnull=True, organisation__isnull=True),
                name="response_anonymous_has_no_identity",
            ),
        ]
        indexes = [
            # Results count a survey's submitted responses.
            models.Index(fields=["survey", "status"], name="response_survey_status"),
        ]

    def __str__(self) -> str:
        return str(self.survey)

    def get_absolute_url(self) -> str:
        return reverse("evaluations:survey_answer", args=[self.survey_id])


class Answer(models.Model):
    """One answer: a number (scale or number question), a text, or one chosen option (one row each)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, null=True, blank=True, related_name="answers")
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    text = models.TextField(max_length=5000, blank=True)  # answering.MAX_TEXT

    class Meta:
        constraints = [
            # One value per question and response, except multiple choice (one row per chosen option).
            models.UniqueConstraint(
                fields=["response", "question"], condition=Q(choice__isnull=True), name="answer_one_value"
            ),
            models.UniqueConstraint(
                fields=["response", "question", "choice"], condition=Q(choice__isnull=False), name="answer_choice_once"
            ),
        ]
        indexes = [
            # Results aggregate per question.
            models.Index(fields=["question", "choice"], name="answer_question_choice"),
        ]

    def __str__(self) -> str:
        return str(self.question)


class Participation(models.Model):
    """Who took part in a survey (and whether they submitted) – never which response is theirs."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    submitted = models.BooleanField(default=False)

    class Meta:
        constraints = [
            # A person takes part once in a survey: the second response is refused.
            models.UniqueConstraint(fields=["survey", "user"], name="participation_once"),
        ]
        indexes = [
            # Response rates are counted per organisation.
            models.Index(fields=["survey", "organisation"], name="participation_survey_org"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.survey}"


# --- Reputation indicators -------------------------------------------------------------------


class Indicator(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("For example “points (0–100)”."))
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    code = models.CharField(
        _("code"),
        max_length=60,
        blank=True,
        help_text=_(
            "Set for built-in indicators that the platform fills itself (official statistics, resident surveys)."
        ),
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["name"]
        constraints = [
            # A built-in indicator is found by its code: each code names one indicator.
            models.UniqueConstraint(fields=["code"], condition=~Q(code=""), name="indicator_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("evaluations:indicator_list")


class MeasurementQuerySet(models.QuerySet["Measurement"]):
    def visible_to(self, user) -> MeasurementQuerySet:
        """Staff all; an organisation's members their own; advisors/evaluators the organisations of their
        cohorts."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_staff:
            return self
        return self.filter(
            Q(organisation__in=access.member_organisation_ids(user))
            | Q(organisation__in=_assigned_organisation_ids(user))
        )


def _assigned_organisation_ids(user):

    return Enrolment.objects.filter(cohort__in=access.assigned_cohort_ids(user)).values("organisation_id")


def can_enter_measurements(user, organisation: Organisation) -> bool:
    if access.is_staff(user):
        return True
    return access.is_member(user, organisation)


class Measurement(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="measurements", verbose_name=_("indicator")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="measurements", verbose_name=_("organisation")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    value = models.DecimalField(_("value"), max_digits=10, decimal_places=2)
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("For example “Innbyggerundersøkelsen (DFØ)”.")
    )
    method = models.CharField(
        _("method"), max_length=300, blank=True, help_text=_("How it was measured: sample size, survey method.")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_table = models.CharField(_("source table"), max_length=40, blank=True)
    retrieved_at = models.DateTimeField(_("retrieved"), null=True, blank=True)
    sample_size = models.PositiveIntegerField(_("n"), null=True, blank=True)
    margin_of_error = models.DecimalField(
        _("margin of error"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        # xgettext:no-python-format
        help_text=_("Half the width of the 95 % confidence interval."),
    )

    objects = MeasurementQuerySet.as_manager()

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator__name", "organisation__name", "year"]
        constraints = [
            # One value per indicator, organisation and year.
            models.UniqueConstraint(fields=["indicator", "organisation", "year"], name="measurement_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} – {self.organisation} – {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("evaluations:organisation_indicators", args=[self.organisation_id])


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RENDERING = "rendering", _("Being made")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


def report_path(report: SurveyReport, filename: str) -> str:
    return f"reports/{report.survey_id}/{filename}"


class SurveyReport(models.Model):
    """The evaluation report PDF of a survey in one language, made by a Celery task and kept: it is
    served again as long as its fingerprint (a hash of the report's HTML) matches what the report
    would show now, and made again when anything it shows has changed."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="reports", verbose_name=_("survey"))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.PENDING)
    file = models.FileField(_("file"), upload_to=report_path, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the report's HTML (staleness).")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(null=True, blank=True)
    rendering_since = models.DateTimeField(null=True, blank=True)
    rendered_at = models.DateTimeField(_("made"), null=True, blank=True)
    render_ms = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("evaluation report")
        verbose_name_plural = _("evaluation reports")
        constraints = [
            # One current report per survey and language: making it again replaces its file.
            models.UniqueConstraint(fields=["survey", "language"], name="report_unique_survey_language"),
            # A ready report has a file and knows when it was made.
            models.CheckConstraint(
                condition=~models.Q(status="ready") | (models.Q(rendered_at__isnull=False) & ~models.Q(file="")),
                name="report_ready_has_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} ({self.language})"

    def get_absolute_url(self) -> str:
        return reverse("evaluations:survey_report_download", args=[self.survey_id, self.language])
