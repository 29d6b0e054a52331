"""Extension points: sections that higher apps add to a lower app's page.

``cohorts`` offers hooks on the organisation, enrolment and cohort pages; ``sessions`` offers one on the
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

    def unregister(self, fn: Callable) -> None:
        self._functions.remove(fn)

    def panels_for(self, user, obj) -> list[Panel]:
        return sorted((p for fn in self._functions for p in fn(user, obj)), key=lambda p: p.order)


organisation_panels = PanelRegistry()
enrolment_panels = PanelRegistry()
cohort_panels = PanelRegistry()
organisation_panel = organisation_panels.register
enrolment_panel = enrolment_panels.register
cohort_panel = cohort_panels.register
panels_for_organisation = organisation_panels.panels_for
panels_for_enrolment = enrolment_panels.panels_for
panels_for_cohort = cohort_panels.panels_for
