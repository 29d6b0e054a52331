"""Checks for services that act on behalf of a user (the keyword-only ``actor``): a refused actor
changes nothing and gets the error; an allowed one leaves exactly one activity row naming them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from cohorts.models import Activity


def refused(call: Callable, *watched: QuerySet, error: type[Exception] = PermissionDenied) -> None:
    """``call`` raises ``error``; the rows of ``watched`` and the activity log stay as they were."""

    def snapshot():
        return [list(qs.order_by("pk").values()) for qs in watched], list(Activity.objects.values_list("pk", flat=True))

    before = snapshot()
    with pytest.raises(error):
        call()
    assert snapshot() == before


def logged_once(call: Callable, actor, verb: str):
    """``call`` succeeds and writes one activity row, with ``verb``, naming ``actor`` (``None``: the
    system, unnamed). Returns what ``call`` returned."""
    before = set(Activity.objects.values_list("pk", flat=True))
    result = call()
    rows = list(Activity.objects.exclude(pk__in=before).values_list("verb", "actor_id", "actor_name"))
    expected_name = str(actor) if actor is not None else ""
    assert rows == [(verb, actor.pk if actor is not None else None, expected_name)]
    return result
