"""The "participant packs" panels on the organisation and gathering pages (registered in PacksConfig.ready())."""

from __future__ import annotations

from cohorts import access
from cohorts.models import Enrolment, EnrolmentStatus
from omdomme.core.extensions import Panel
from sessions.models import Gathering

from .models import ParticipantPack


def packs_panel(user, organisation) -> list[Panel]:
    gatherings = list(
        Gathering.objects.visible_to(user)
        .filter(cohort__enrolments__organisation=organisation)
        .exclude(cohort__enrolments__status=EnrolmentStatus.WITHDRAWN)
        .filter(is_published=True)
        .select_related("cohort")
        .distinct()
        .order_by("-starts_on")[:6]
    )
    if not gatherings:
        return []
    packs = {
        p.gathering_id: p
        for p in ParticipantPack.objects.visible_to(user).filter(organisation=organisation, gathering__in=gatherings)
    }
    rows = [{"gathering": g, "pack": packs.get(g.pk)} for g in gatherings]
    return [Panel("packs/panel.html", {"organisation": organisation, "rows": rows}, order=60)]


def gathering_packs_panel(user, gathering) -> list[Panel]:
    """On the gathering page: staff reach the pack generator; contacts their own organisation's pack."""
    if access.is_staff(user):
        return [Panel("packs/gathering_panel.html", {"gathering": gathering, "staff": True}, order=60)]
    organisations = [
        m.organisation
        for m in access.active_memberships(user)
        if Enrolment.objects.current().filter(cohort=gathering.cohort_id, organisation=m.organisation).exists()
    ]
    if not organisations:
        return []
    packs = {
        p.organisation_id: p
        for p in ParticipantPack.objects.visible_to(user).filter(gathering=gathering, organisation__in=organisations)
    }
    rows = [{"organisation": org, "pack": packs.get(org.pk)} for org in organisations]
    return [Panel("packs/gathering_panel.html", {"gathering": gathering, "rows": rows}, order=60)]
