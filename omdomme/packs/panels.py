"""The "participant packs" panel on an organisation's page (cohorts.panels extension point)."""

from __future__ import annotations

from cohorts.models import EnrolmentStatus
from cohorts.panels import Panel, organisation_panel
from sessions.models import Gathering

from .models import ParticipantPack


@organisation_panel
def packs_panel(user, organisation) -> list[Panel]:
    gatherings = list(
        Gathering.objects.visible_to(user)
        .filter(cohort__enrolments__organisation=organisation)
        .exclude(cohort__enrolments__status=EnrolmentStatus.WITHDRAWN)
        .filter(is_published=True).select_related("cohort").distinct().order_by("-starts_on")[:6]
    )
    if not gatherings:
        return []
    packs = {p.gathering_id: p for p in ParticipantPack.objects.visible_to(user).filter(
        organisation=organisation, gathering__in=gatherings)}
    rows = [{"gathering": g, "pack": packs.get(g.pk)} for g in gatherings]
    return [Panel("packs/panel.html", {"organisation": organisation, "rows": rows}, order=60)]
