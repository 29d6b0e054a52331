"""The survey list's filters (django-filter; an invalid value is ignored, as if not given)."""

import django_filters

from .models import Survey, SurveyKind


class SurveyFilter(django_filters.FilterSet):
    cohort = django_filters.NumberFilter(field_name="cohort_id")
    kind = django_filters.ChoiceFilter(choices=SurveyKind.choices)
    wave = django_filters.NumberFilter()
    gathering = django_filters.NumberFilter(field_name="gathering_id")

    class Meta:
        model = Survey
        fields = ["cohort", "kind", "wave", "gathering"]
