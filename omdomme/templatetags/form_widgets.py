"""Filters for our overrides of Django's widget templates (``templates/django/forms/widgets/``)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def html_attrs(attrs: dict) -> SafeString:
    """What ``django/forms/widgets/attrs.html`` writes, in the same order, without a template: each
    attribute as ` name="value"` (escaped), ``True`` as the bare name, ``False`` left out."""
    parts = [
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items()
        if value is not False
    ]
    return mark_safe("".join(parts))  # noqa: S308 (each part built by format_html)
