"""Filters of the staff's registration list and check-in search, and of a contact's bookings
(django-filter)."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AdvisorySlot, Registration, RegistrationStatus


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


class BookingFilter(django_filters.FilterSet):
    """A contact's bookings: upcoming ones, soonest first, unless ``past=1`` asks for the past ones,
    latest first. Always give it the request's GET (bound), so the default applies."""

    past = django_filters.ChoiceFilter(
        label=_("Show"), choices=[("1", _("Past bookings"))], empty_label=_("Upcoming bookings")
    )

    class Meta:
        model = AdvisorySlot
        fields = ["past"]

    def filter_queryset(self, queryset):
        now = timezone.now()
        if self.form.cleaned_data.get("past") == "1":
            return queryset.filter(ends_at__lt=now).reverse()
        return queryset.filter(ends_at__gte=now)
