"""The staff's person search (django-filter)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omdomme.accounts.models import User
from omdomme.core.forms import FilterForm


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or email address"), method="search", widget=forms.SearchInput)

    class Meta:
        model = User
        fields = ["q"]
        form = FilterForm

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(full_name__icontains=value) | Q(email__icontains=value)) if value else queryset
