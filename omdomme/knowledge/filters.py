"""The alumni list's filter (django-filter). The knowledge search's own filters stay in its SearchForm."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omdomme.accounts.models import User


class AlumniFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Name or email"),
        method="search",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    class Meta:
        model = User
        fields = ["q"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(full_name__icontains=value) | Q(email__icontains=value)) if value else queryset
