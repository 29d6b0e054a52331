"""Filters of the staff's registration list and check-in search, and of a contact's bookings
(django-filter)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omdomme.core.forms import FilterForm

from .models import AdvisorySlot, Registration, RegistrationStatus


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


class BookingFilter(django_filters.FilterSet):
    """A contact's bookings: upcoming ones, soonest first, unless ``past=1`` asks for the past ones,
    latest first. Always give it the request's GET (bound), so the default applies."""

    past = django_filters.ChoiceFilter(
        label=_("Show"), choices=[("1", _("Past bookings"))], empty_label=_("Upcoming bookings")
    )

    class Meta:
        model = AdvisorySlot
        fields = ["past"]
        form = FilterForm

    def filter_queryset(self, queryset):
        now = timezone.now()
        if self.form.cleaned_data.get("past") == "1":
            return queryset.filter(ends_at__lt=now).reverse()
        return queryset.filter(ends_at__gte=now)
