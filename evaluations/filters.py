"""The survey list's filters (django-filter; an invalid value is ignored, as if not given)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from cohorts.choices import NamedFilterForm
from cohorts.models import Cohort
from sessions.models import Gathering

from .models import Survey, SurveyKind

AUTOSUBMIT = {"data-autosubmit": True}


def _cohorts(request):
    return Cohort.objects.visible_to(request.user).order_by("-year")


def _gatherings(request):
    return Gathering.objects.visible_to(request.user).order_by("-starts_on")


class SurveyFilter(django_filters.FilterSet):
    cohort = django_filters.ModelChoiceFilter(
        label=_("Cohort"), queryset=_cohorts, empty_label=_("All"), widget=forms.Select(attrs=AUTOSUBMIT)
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=SurveyKind.choices, empty_label=_("All"), widget=forms.Select(attrs=AUTOSUBMIT)
    )
    gathering = django_filters.ModelChoiceFilter(
        label=_("Gathering"), queryset=_gatherings, empty_label=_("All"), widget=forms.Select(attrs=AUTOSUBMIT)
    )
    wave = django_filters.NumberFilter(label=_("Wave"), widget=forms.NumberInput(attrs={"min": 1}))

    class Meta:
        model = Survey
        fields = ["cohort", "kind", "gathering", "wave"]
        form = NamedFilterForm
