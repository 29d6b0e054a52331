import logging

from celery import shared_task

from cohorts.models import Organisation
from sessions.models import Gathering

log = logging.getLogger(__name__)


@shared_task(name="packs.render", ignore_result=True, soft_time_limit=60, time_limit=90)
def render_pack_task(*, gathering_id: int, organisation_id: int) -> str:
    """Render one participant pack (idempotent: a redelivery renders the same pack again)."""

    from .services import render_pack

    gathering = Gathering.objects.select_related("cohort").filter(pk=gathering_id).first()
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if gathering is None or organisation is None:
        log.info("pack for gathering %s / organisation %s: gone", gathering_id, organisation_id)
        return "missing"
    try:
        return render_pack(gathering, organisation).status
    except Exception:  # render_pack has marked the pack failed (with the error) for staff to see
        log.exception("pack for gathering %s / organisation %s failed", gathering_id, organisation_id)
        return "failed"


@shared_task(name="packs.recover_stuck", ignore_result=True)
def recover_stuck_task() -> int:
    from .services import recover_stuck

    return recover_stuck()
