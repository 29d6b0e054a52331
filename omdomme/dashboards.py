"""Role home pages: top-level composition that reads every app.

Each app that has something to say on a home page provides ``<app>/dashboard.py`` with a function
``sections(user) -> list[Section]``; a section is a template and its context, shown in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module

DASHBOARD_MODULES = ["cohorts", "sessions", "homework", "evaluations"]


@dataclass
class Section:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


def sections_for(user) -> list[Section]:
    sections: list[Section] = []
    for module_name in DASHBOARD_MODULES:
        try:
            module = import_module(f"{module_name}.dashboard")
        except ModuleNotFoundError:
            continue
        sections.extend(module.sections(user))
    return sorted(sections, key=lambda s: s.order)
