"""Extension points: sections that higher apps add to a lower app's page.

``cohorts`` offers hooks on the organisation and enrolment pages; ``sessions`` offers one on the
gathering page (``sessions/panels.py``). Higher apps (gatherings, homework, evaluations, packs)
register a function in their ``AppConfig.ready()``, so the lower app never imports them. Each
function takes ``(user, obj)`` and returns a list of ``Panel`` (a template and its context; the
template sees the context as ``data``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Panel:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


class PanelRegistry:
    def __init__(self) -> None:
        self._functions: list[Callable] = []

    def register(self, fn: Callable) -> Callable:
        if fn not in self._functions:
            self._functions.append(fn)
        return fn

    def panels_for(self, user, obj) -> list[Panel]:
        return sorted((p for fn in self._functions for p in fn(user, obj)), key=lambda p: p.order)


_organisation = PanelRegistry()
_enrolment = PanelRegistry()
organisation_panel = _organisation.register
enrolment_panel = _enrolment.register
panels_for_organisation = _organisation.panels_for
panels_for_enrolment = _enrolment.panels_for
