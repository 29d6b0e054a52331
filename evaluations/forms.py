from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cohorts.choices import name_choices
from cohorts.models import Cohort, OrganisationKind
from sessions.models import Gathering

from .models import Indicator, Measurement, Question, QuestionKind, Survey
from .survey_templates import TEMPLATES

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _check_window(form: forms.Form, data: dict) -> None:
    """A survey closes after it opens (every form that sets the two dates)."""
    if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
        form.add_error("closes_at", _("The survey must close after it opens."))


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = [
            "cohort",
            "gathering",
            "title",
            "kind",
            "introduction",
            "opens_at",
            "closes_at",
            "audience",
            "anonymous",
        ]
        widgets = {"opens_at": DATETIME, "closes_at": DATETIME, "introduction": forms.Textarea(attrs={"rows": 4})}

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


class QuestionForm(forms.ModelForm):
    choices_text = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For choice questions: one option per line."),
    )

    class Meta:
        model = Question
        fields = ["section", "kind", "text", "help_text", "required", "scale_max", "scale_min_label", "scale_max_label"]

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = survey.sections.all()
        if self.instance.pk and not self.is_bound:
            self.fields["choices_text"].initial = "\n".join(c.label for c in self.instance.choices.all())

    def clean(self):
        data = super().clean()
        labels = [line.strip() for line in data.get("choices_text", "").splitlines() if line.strip()]
        if data.get("kind") in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(labels) < 2:
            self.add_error("choices_text", _("A choice question needs at least two options."))
        data["choices"] = labels
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


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "description", "unit", "higher_is_better"]


class MeasurementForm(forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["indicator", "year", "value", "source", "method"]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"), help_text=_("Columns: indicator, organisation, year, value, source, method.")
    )


class ResultsFilterForm(forms.Form):
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
