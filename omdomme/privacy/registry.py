"""The registry of per-app exporters, erasers and cohort purgers (no model imports here)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Exporter = Callable[[Any], Any]
Eraser = Callable[[Any, str], None]
CohortPurger = Callable[[Any], None]

_exporters: dict[str, Exporter] = {}
_erasers: list[Eraser] = []
_purgers: list[CohortPurger] = []


def register_exporter(section: str, fn: Exporter | None = None):
    """Register ``fn(user) -> JSON-able`` as section ``section`` of a person's data export.

    Usable as a decorator: ``@register_exporter("bookings")``. Registering a section again replaces it.
    """

    def decorate(func: Exporter) -> Exporter:
        _exporters[section] = func
        return func

    return decorate(fn) if fn is not None else decorate


def register_eraser(fn: Eraser) -> Eraser:
    """Register ``fn(user, placeholder)``: anonymise this app's copies of the person's data."""
    if fn not in _erasers:
        _erasers.append(fn)
    return fn


def register_cohort_purger(fn: CohortPurger) -> CohortPurger:
    """Register ``fn(cohort)``: anonymise this app's personal data attached to an expired cohort."""
    if fn not in _purgers:
        _purgers.append(fn)
    return fn


def exporters() -> dict[str, Exporter]:
    return dict(_exporters)


def erasers() -> list[Eraser]:
    return list(_erasers)


def cohort_purgers() -> list[CohortPurger]:
    return list(_purgers)
