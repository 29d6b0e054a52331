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
    sections: list[Section] = _email_health(user)
    for module_name in DASHBOARD_MODULES:
        sections.extend(import_module(f"{module_name}.dashboard").sections(user))
    return sorted(sections, key=lambda s: s.order)


def _email_health(user) -> list[Section]:
    """Staff see at once when email is failing or piling up (one query)."""
    if not user.is_staff:
        return []
    from django.db.models import Count, Q

    from omdomme.notifications.models import OutboxMail, OutboxStatus

    counts = OutboxMail.objects.aggregate(
        failed=Count("pk", filter=Q(status=OutboxStatus.FAILED)),
        queued=Count("pk", filter=Q(status__in=[OutboxStatus.QUEUED, OutboxStatus.SENDING])),
    )
    return [Section("omdomme/dashboard_email.html", counts, order=5)]
