"""The evidence panel on the organisation page: a link to the reputation journey and the resident surveys."""

from __future__ import annotations

from omdomme.core.extensions import Panel

from . import residents
from .models import ResidentSurvey


def evidence_panel(user, organisation) -> list[Panel]:
    # The organisation page already ran the same access rule (Organisation.objects.visible_to).
    surveys = list(ResidentSurvey.objects.filter(organisation=organisation).order_by("-closes_on")[:3])
    return [
        Panel(
            "evidence/panel.html",
            {"organisation": organisation, "surveys": surveys, "may_run": residents.can_run(user, organisation)},
            order=65,
        )
    ]
