"""The one way a higher app adds something to a lower app's page or process, and the small types
those additions are made of. This module is the bottom layer: it imports nothing of ours.

A *registry* holds functions. The app that contributes registers its function in its own
``AppConfig.ready()``; the app that owns the page or process calls every registered function and
never imports the contributors. Django runs ``ready()`` in ``INSTALLED_APPS`` order (lower layers
first), so registries that care about order (the demo and load data) fill in layer order.

Registries every app may fill live here; a page's own hook lives in the app that owns the page
(``cohorts.panels.organisation_panels``, ``sessions.panels.gathering_panels``, ...).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

DEMO_PASSWORD = "demo-passord-2026"  # noqa: S105 - the demo accounts' published password


@dataclass
class Panel:
    """A template and its context, shown in ``order`` on a page (a home-page section, or a panel on
    an organisation, enrolment or gathering page). The template sees the context as ``data`` on
    object pages and as the section's context on home pages."""

    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str
    order: int = 100


@dataclass
class DemoContext:
    """Shared state for ``seed_demo`` and ``seed_load``: each app's seeder reads what lower apps made."""

    today: date
    cohorts: dict[int, Any] = field(default_factory=dict)  # year -> Cohort; "current" year included
    current_year: int = 0
    organisations: dict[str, Any] = field(default_factory=dict)  # name -> Organisation
    users: dict[str, Any] = field(default_factory=dict)  # role key -> User
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (role, email, password)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def current(self):
        return self.cohorts[self.current_year]


class Registry:
    """Functions registered by higher apps, called by the owner of the page or process."""

    def __init__(self) -> None:
        self._functions: list[Callable] = []

    def register(self, fn: Callable) -> Callable:
        if fn not in self._functions:
            self._functions.append(fn)
        return fn

    def unregister(self, fn: Callable) -> None:
        self._functions.remove(fn)

    def __iter__(self) -> Iterator[Callable]:
        return iter(list(self._functions))

    def collect(self, *args) -> list:
        """Every function's items for ``args``, in ``order`` (ties keep registration order)."""
        return sorted((item for fn in self for item in fn(*args)), key=lambda item: item.order)


home_sections = Registry()  # fn(user) -> list[Panel]: the role home page
menu = Registry()  # fn(user) -> list[MenuItem]: the site navigation
demo_seeders = Registry()  # fn(ctx: DemoContext): ``manage.py seed_demo``, in layer order
load_seeders = Registry()  # fn(ctx: DemoContext): ``manage.py seed_load``, in layer order
