"""The staff's person search (django-filter)."""

import django_filters
from django.db.models import Q

from omdomme.accounts.models import User


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search")

    class Meta:
        model = User
        fields = ["q"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(full_name__icontains=value) | Q(email__icontains=value)) if value else queryset
