"""One form renderer for every form in the project (Django's form-template API).

``settings.FORM_RENDERER`` points here, so ``{{ form }}`` and ``{{ form.field.as_field_group }}`` render
the markup of ``templates/forms/``: label above the field, hint under the label, the error inline
(tied to the input by ``aria-describedby``, which Django builds from ``<id>_helptext`` and
``<id>_error``), optional fields marked "(optional)" instead of asterisks on required ones, fieldset
and legend for checkbox and radio groups, and an error summary at the top linking to each field
(``static/js/app.js`` moves focus to it). The pattern follows Designsystemet (Digdir) and GOV.UK.
"""

from __future__ import annotations

from django import forms
from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Looks templates up through ``settings.TEMPLATES``, so ours in ``templates/forms/`` win."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class FilterForm(forms.Form):
    """The form of a filter or search bar (``<form class="filters">``), set as a FilterSet's
    ``Meta.form``. Its ids start with ``f-``, so they never clash with another form on the same page;
    every filter is optional, so no field is marked "(optional)"."""

    optional_unmarked = True

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "f-%s")
        super().__init__(*args, **kwargs)
