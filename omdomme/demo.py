"""Shared state for ``seed_demo``: each app's ``demo.seed(ctx)`` reads what lower apps made."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

DEMO_PASSWORD = "demo-passord-2026"


@dataclass
class DemoContext:
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
