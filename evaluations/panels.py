"""The reputation-indicator panel on the organisation page (registered in EvaluationsConfig.ready())."""

from __future__ import annotations

from omdomme.core.extensions import Panel

from .indicators import organisation_series
from .models import Measurement, can_enter_measurements


def indicator_panel(user, organisation) -> list[Panel]:
    measurements = Measurement.objects.visible_to(user)
    series = organisation_series(organisation, measurements)
    may_enter = can_enter_measurements(user, organisation)
    if not series and not may_enter:
        return []
    return [
        Panel(
            "evaluations/panel_indicators.html",
            {"organisation": organisation, "series": series, "may_enter": may_enter},
            order=60,
        )
    ]
