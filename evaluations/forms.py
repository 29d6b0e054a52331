from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cohorts.choices import name_choices
from cohorts.models import Cohort, OrganisationKind
from omdomme.core.forms import FilterForm
from omdomme.core.translated import TranslatedFormMixin, localized
from sessions.models import Gathering

from .models import Indicator, Measurement, Question, QuestionKind, Survey
from .survey_templates import TEMPLATES

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _check_window(form: forms.Form, data: dict) -> None:
    """A survey closes after it opens (every form that sets the two dates)."""
    if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
        form.add_error("closes_at", _("The survey must close after it opens."))


class SurveyForm(TranslatedFormMixin, forms.ModelForm):
    translated = ("title", "introduction")

    class Meta:
        model = Survey
        fields = [
            "cohort",
            "gathering",
            *localized("title"),
            "kind",
            *localized("introduction"),
            "opens_at",
            "closes_at",
            "audience",
            "anonymous",
        ]
        widgets = {
            "opens_at": DATETIME,
            "closes_at": DATETIME,
            **{name: forms.Textarea(attrs={"rows": 4}) for name in localized("introduction")},
        }

    def __init__(self, *args, locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = Cohort.objects.order_by("-year")
        gatherings = Gathering.objects.select_related("cohort").order_by("-starts_on")
        if self.instance.pk:
            self.fields.pop("cohort")
            gatherings = gatherings.filter(cohort_id=self.instance.cohort_id)
        self.fields["gathering"].queryset = gatherings
        name_choices(self)
        if locked:
            for name in ("audience", "anonymous"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Fixed: the survey already has answers.")

    def clean(self):
        data = super().clean()
        _check_window(self, data)
        cohort = data.get("cohort") or (self.instance.cohort if self.instance.pk else None)
        gathering = data.get("gathering")
        if gathering is not None and cohort is not None and gathering.cohort_id != cohort.pk:
            self.add_error("gathering", _("The gathering belongs to another cohort."))
        if data.get("audience") == "registered" and gathering is None:
            self.add_error("gathering", _("Choose a gathering when the audience is those registered for it."))
        return data


class TemplateForm(forms.Form):
    template = forms.ChoiceField(label=_("Template"), choices=list(TEMPLATES.items()))
    cohort = forms.ModelChoiceField(label=_("Cohort"), queryset=Cohort.objects.order_by("-year"))
    gathering = forms.ModelChoiceField(
        label=_("Gathering"),
        required=False,
        queryset=Gathering.objects.select_related("cohort").order_by("-starts_on"),
        help_text=_("For gathering feedback: only those registered for it are asked."),
    )
    opens_at = forms.DateTimeField(label=_("Opens"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Closes"), widget=DATETIME)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_choices(self)

    def clean(self):
        data = super().clean()
        _check_window(self, data)
        gathering, cohort = data.get("gathering"), data.get("cohort")
        if gathering is not None and cohort is not None and gathering.cohort_id != cohort.pk:
            self.add_error("gathering", _("The gathering belongs to another cohort."))
        return data


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Section title"), max_length=200)
    title_nn = forms.CharField(label=_("Section title in Nynorsk"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Section title in English"), max_length=200, required=False)


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class QuestionForm(TranslatedFormMixin, forms.ModelForm):
    """A question with its Bokmål, Nynorsk and English texts side by side. The options are one per
    line in each language, line N being the same option (one choice row, whatever the language)."""

    translated = ("text", "help_text", "scale_min_label", "scale_max_label")
    choices_text = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For choice questions: one option per line."),
    )
    choices_text_nn = forms.CharField(
        label=_("Options in Nynorsk"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "nn"}),
        help_text=_("The same options in the same order."),
    )
    choices_text_en = forms.CharField(
        label=_("Options in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "en"}),
        help_text=_("The same options in the same order."),
    )

    class Meta:
        model = Question
        fields = [
            "section",
            "kind",
            *localized("text", "help_text"),
            "required",
            "scale_max",
            *localized("scale_min_label", "scale_max_label"),
        ]

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = survey.sections.all()
        if self.instance.pk and not self.is_bound:
            choices = list(self.instance.choices.all())
            for suffix, lang in (("", "nb"), ("_nn", "nn"), ("_en", "en")):
                self.fields[f"choices_text{suffix}"].initial = "\n".join(
                    getattr(c, f"label_{lang}") or "" for c in choices
                ).strip()
        nb_lines = _lines(self.data.get(self.add_prefix("choices_text")) if self.is_bound else None)
        if not self.is_bound and self.instance.pk:
            nb_lines = _lines(self.fields["choices_text"].initial)
        for suffix in ("_nn", "_en"):
            field = self.fields[f"choices_text{suffix}"]
            value = self.data.get(self.add_prefix(f"choices_text{suffix}")) if self.is_bound else field.initial
            field.missing = suffix == "_nn" and bool(nb_lines) and not _lines(value)

    def clean(self):
        data = super().clean()
        labels = _lines(data.get("choices_text"))
        if data.get("kind") in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(labels) < 2:
            self.add_error("choices_text", _("A choice question needs at least two options."))
        versions = {}
        for lang in ("nn", "en"):
            lines = _lines(data.get(f"choices_text_{lang}"))
            if lines and len(lines) != len(labels):
                self.add_error(
                    f"choices_text_{lang}",
                    _("Give as many options as in Bokmål (%(n)s), in the same order.") % {"n": len(labels)},
                )
            versions[lang] = lines
        data["choices"] = labels
        data["choice_versions"] = versions
        return data


class CopyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    cohort = forms.ModelChoiceField(
        label=_("Cohort"),
        queryset=Cohort.objects.order_by("-year"),
        required=False,
        help_text=_("Leave empty to keep the same cohort. A new wave always keeps it."),
    )
    as_wave = forms.BooleanField(label=_("Make it the next wave of this survey (to compare over time)"), required=False)
    opens_at = forms.DateTimeField(label=_("Opens"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Closes"), widget=DATETIME)

    def clean(self):
        data = super().clean()
        _check_window(self, data)
        return data


class IndicatorForm(TranslatedFormMixin, forms.ModelForm):
    translated = ("name", "description", "unit")

    class Meta:
        model = Indicator
        fields = [*localized("name", "description", "unit"), "higher_is_better"]


class MeasurementForm(forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["indicator", "year", "value", "source", "method"]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"), help_text=_("Columns: indicator, organisation, year, value, source, method.")
    )


class ResultsFilterForm(FilterForm):
    organisation_kind = forms.ChoiceField(label=_("Organisation kind"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["organisation_kind"].choices = [("", _("All")), *OrganisationKind.choices]


class SurveyChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Survey) -> str:
        return f"{obj.title} ({obj.cohort.choice_label}, {_('wave')} {obj.wave})"


class CompareForm(forms.Form):
    surveys = SurveyChoiceField(
        label=_("Compare with"), queryset=Survey.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["surveys"].queryset = queryset
