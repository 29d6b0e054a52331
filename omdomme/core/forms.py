"""One form renderer for every form in the project (Django's form-template API).

``settings.FORM_RENDERER`` points here, so ``{{ form }}`` and ``{{ form.field.as_field_group }}`` render
the markup of ``templates/forms/``: label above the field, hint under the label, the error inline
(tied to the input by ``aria-describedby``, which Django builds from ``<id>_helptext`` and
``<id>_error``), optional fields marked "(optional)" instead of asterisks on required ones, fieldset
and legend for checkbox and radio groups, and an error summary at the top linking to each field
(``static/js/app.js`` moves focus to it). The pattern follows Designsystemet (Digdir) and GOV.UK.
"""

from __future__ import annotations

import hashlib

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from omdomme.core import fragments


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

    def render(self, template_name=None, context=None, renderer=None):
        """A filter bar renders once per query string: a GET form holds no CSRF token, so its HTML
        follows from its data, its initial values, its choices and the language, and is kept as a
        cached part under those (a select of fifty years was 4 ms of the knowledge search). A form
        whose choices come from a query, or a call naming its own template, renders every time."""
        key = self._render_key() if template_name is context is renderer is None else None
        if key is None:
            return super().render(template_name, context, renderer)
        render = super().render
        html = fragments.cached("form", key=key, make=lambda: str(render()))
        return mark_safe(html)  # noqa: S308 (our own rendered form)

    __str__ = __html__ = render  # Django binds both to its own render

    def _render_key(self) -> tuple[str, str] | None:
        choices = []
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField):
                return None
            if hasattr(field.widget, "choices"):
                # Read once (choices may be a callable running a query): the key and the render share them.
                field.widget.choices = list(field.widget.choices)
                choices.append((name, _flat(field.widget.choices)))
        data = self.data.lists() if hasattr(self.data, "lists") else self.data.items()
        state = (
            type(self).__module__,
            type(self).__qualname__,
            self.prefix,
            self.auto_id,
            sorted(data) if self.is_bound else None,
            sorted((name, str(value)) for name, value in self.initial.items()),
            choices,
        )
        return get_language(), hashlib.sha256(repr(state).encode()).hexdigest()[:32]


def _flat(choices) -> list[tuple[str, str]]:
    """Choices as text, groups opened (a lazy label's repr names its address, not its text)."""
    flat = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            flat.append((str(value), "group"))
            flat.extend(_flat(label))
        else:
            flat.append((str(value), str(label)))
    return flat
