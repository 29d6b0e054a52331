"""Selects that name cohorts and gatherings unambiguously (name and year; gathering with its cohort)."""

from __future__ import annotations

from django import forms

from omdomme.core.forms import FilterForm


def name_choices(form: forms.BaseForm) -> None:
    """Label every cohort or gathering select of ``form`` by the object's ``choice_label``; a select
    of objects that belong to a cohort loads the cohort in the same query."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is None or not hasattr(queryset.model, "choice_label"):
            continue
        if any(f.name == "cohort" and f.is_relation for f in queryset.model._meta.fields):
            field.queryset = queryset.select_related("cohort")
        field.label_from_instance = _label


def _label(obj) -> str:
    return obj.choice_label


class NamedFilterForm(FilterForm):
    """A filter bar's form whose cohort and gathering selects are named by ``choice_label``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_choices(self)
