from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SurveyLanguage
from .resident_template import QUESTIONS, SCALE_MAX


class StartSurveyForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=SurveyLanguage.choices)
    opens_on = forms.DateField(label=_("Opens"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(
        label=_("Closes"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The last day answers are taken."),
    )

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("The survey must close on or after the day it opens."))
        return data


class AnswerForm(forms.Form):
    """The template's questions as radio groups 1–5, in the survey's language."""

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        for q in QUESTIONS:
            choices = [(str(v), str(v)) for v in range(1, SCALE_MAX + 1)]
            self.fields[q.code] = forms.TypedChoiceField(
                label=q.text[language],
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=f"1 = {q.low[language]}, {SCALE_MAX} = {q.high[language]}",
                error_messages={"required": _("Answer this question.")},
            )


class FormerNumberForm(forms.Form):
    number = forms.RegexField(
        label=_("Former municipality number"),
        regex=r"^\d{4}$",
        error_messages={"invalid": _("A municipality number has exactly four digits.")},
    )
    valid_from = forms.IntegerField(label=_("Valid from (year)"), min_value=1838, max_value=2100)
    valid_to = forms.IntegerField(label=_("Valid to (year)"), min_value=1838, max_value=2100)

    def clean(self):
        data = super().clean()
        if data.get("valid_from") and data.get("valid_to") and data["valid_to"] < data["valid_from"]:
            self.add_error("valid_to", _("The last year comes on or after the first."))
        return data
