"""Filters of the staff's registration list and check-in search (django-filter)."""

import django_filters
from django.db.models import Q

from .models import Registration, RegistrationStatus


class RegistrationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=RegistrationStatus.choices)
    q = django_filters.CharFilter(method="search")

    class Meta:
        model = Registration
        fields = ["status", "q"]

    def search(self, queryset, name, value):
        """Name, email or organisation, case-insensitive."""
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(user__full_name__icontains=value)
            | Q(user__email__icontains=value)
            | Q(organisation__name__icontains=value)
        )
