"""Helpers for views that precompute the cells of big tables (progress matrix, booking board).

A template that calls ``get_status_display``, ``{% url %}`` and ``|date`` per cell pays for lazy
translation, URL reversing and format lookups hundreds of times per page. These helpers do each
once per page: the view hands the template plain strings.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.formats import get_format

_MARK = 987654321


def url_maker(name: str) -> Callable[[int], str]:
    """``url_maker("app:view")(pk)``: the URL of a view that takes one integer, reversed once."""
    head, tail = reverse(name, args=[_MARK]).split(str(_MARK))
    return lambda pk: f"{head}{pk}{tail}"


def date_formatter(format_name: str) -> Callable[[date | datetime | None], str]:
    """Format dates (aware datetimes in the current time zone) with a format of the active language,
    remembering each distinct value's text for the page."""
    fmt = get_format(format_name)
    seen: dict = {}

    def format_value(value):
        if value is None:
            return ""
        if isinstance(value, datetime):
            value = timezone.localtime(value)
        text = seen.get(value)
        if text is None:
            text = seen[value] = dateformat.format(value, fmt)
        return text

    return format_value
