"""Our section on the organisation page (registered in ``GatheringsConfig.ready``), and the
gathering page's own hook where higher apps (participant packs) add sections."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from omdomme.core.extensions import Panel, Registry

from .models import AdvisorySlot


def organisation_bookings(user, organisation) -> list[Panel]:
    """The organisation's speed-advisory bookings, upcoming first (only what the viewer may see)."""
    since = timezone.now() - timedelta(days=1)
    slots = list(
        AdvisorySlot.objects.visible_to(user)
        .filter(organisation=organisation, ends_at__gte=since)
        .select_related("advisor", "gathering")
        .order_by("starts_at")[:20]
    )
    return [
        Panel("gatherings/panel_organisation_bookings.html", {"slots": slots, "organisation": organisation}, order=30)
    ]


# The gathering page's own hook: higher apps (participant packs) add sections there.
gathering_panels = Registry()


def panels_for_gathering(user, gathering) -> list[Panel]:
    return gathering_panels.collect(user, gathering)
