import django_filters
from django.utils.translation import gettext_lazy as _

from omdomme.core.forms import FilterForm

from .models import OutboxMail, OutboxStatus


def _kind_choices():
    kinds = OutboxMail.objects.order_by("kind").values_list("kind", flat=True).distinct()
    return [(kind, kind) for kind in kinds]


class OutboxFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=OutboxStatus.choices, empty_label=_("All"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=_kind_choices, empty_label=_("All"))
    recipient = django_filters.CharFilter(label=_("Recipient"), method="filter_recipient")

    class Meta:
        model = OutboxMail
        fields = ["status", "kind", "recipient"]
        form = FilterForm

    def filter_recipient(self, queryset, name, value):
        # recipients is a JSON list of addresses; a case-insensitive substring match on it.
        return queryset.filter(recipients__icontains=value.strip()) if value.strip() else queryset
