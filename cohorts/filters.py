"""The staff's application list filter (django-filter): new applications unless a status is asked for."""

import django_filters

from .models import Application, ApplicationStatus


class ApplicationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ApplicationStatus.choices)

    class Meta:
        model = Application
        fields = ["status"]

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = ApplicationStatus.NEW
        super().__init__(data, *args, **kwargs)
