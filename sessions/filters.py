"""Filters of the staff's registration list and check-in search (django-filter)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omdomme.core.forms import FilterForm

from .models import Registration, RegistrationStatus


class RegistrationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Show"),
        choices=RegistrationStatus.choices,
        empty_label=_("All"),
        widget=forms.Select(attrs={"data-autosubmit": True}),
    )

    class Meta:
        model = Registration
        fields = ["status"]
        form = FilterForm


class CheckinFilter(django_filters.FilterSet):
    """Name, email or organisation, case-insensitive; the results follow the typing (htmx, from ``url``)."""

    q = django_filters.CharFilter(
        label=_("Search for a name or organisation"),
        method="search",
        widget=forms.SearchInput(
            attrs={
                "autocomplete": "off",
                "hx-trigger": "input changed delay:300ms, search",
                "hx-target": "#checkin-results",
                "hx-swap": "innerHTML",
            }
        ),
    )

    class Meta:
        model = Registration
        fields = ["q"]
        form = FilterForm

    def __init__(self, *args, url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["q"].widget.attrs["hx-get"] = url

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(user__full_name__icontains=value)
            | Q(user__email__icontains=value)
            | Q(organisation__name__icontains=value)
        )
