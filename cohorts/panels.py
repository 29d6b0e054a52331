"""Extension points on the organisation and enrolment pages.

Higher apps (gatherings, homework, evaluations) add sections to these pages without ``cohorts``
importing them: in their ``AppConfig.ready()`` they register a function with
``organisation_panel`` or ``enrolment_panel``. Each function takes ``(user, obj)`` and returns a
list of ``Panel`` (a template and its context; the template sees the context as ``data``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Panel:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


_organisation_panels: list[Callable] = []
_enrolment_panels: list[Callable] = []


def organisation_panel(fn: Callable) -> Callable:
    if fn not in _organisation_panels:
        _organisation_panels.append(fn)
    return fn


def enrolment_panel(fn: Callable) -> Callable:
    if fn not in _enrolment_panels:
        _enrolment_panels.append(fn)
    return fn


def panels_for_organisation(user, organisation) -> list[Panel]:
    return sorted((p for fn in _organisation_panels for p in fn(user, organisation)), key=lambda p: p.order)


def panels_for_enrolment(user, enrolment) -> list[Panel]:
    return sorted((p for fn in _enrolment_panels for p in fn(user, enrolment)), key=lambda p: p.order)
