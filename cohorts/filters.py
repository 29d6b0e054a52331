"""The cohorts app's list filters (django-filter): applications, the organisation directory and the
enrol page's organisation search. An invalid value is shown as an error on its field and ignored."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omdomme.core.forms import FilterForm

from .models import Application, ApplicationStatus, LanguageForm, Organisation, OrganisationKind


class ApplicationFilter(django_filters.FilterSet):
    """New applications unless a status is asked for."""

    status = django_filters.ChoiceFilter(choices=ApplicationStatus.choices)

    class Meta:
        model = Application
        fields = ["status"]

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = ApplicationStatus.NEW
        super().__init__(data, *args, **kwargs)


class OrganisationSearch:
    def search(self, queryset, name, value):
        """Part of the name (any case) or the start of the municipality number."""
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(municipality_number__startswith=value))


class OrganisationFilter(OrganisationSearch, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search by name or municipality number"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OrganisationKind.choices, empty_label=_("All kinds"))
    language_form = django_filters.ChoiceFilter(
        label=_("Written standard"), choices=LanguageForm.choices, empty_label=_("All written standards")
    )

    class Meta:
        model = Organisation
        fields = ["q", "kind", "language_form"]
        form = FilterForm


class EnrolSearchFilter(OrganisationSearch, django_filters.FilterSet):
    """The enrol page's live search: only the search box (its id ``id_q`` drives the htmx trigger)."""

    q = django_filters.CharFilter(
        label=_("Name or municipality number"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    class Meta:
        model = Organisation
        fields = ["q"]
