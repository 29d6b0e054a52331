"""The booking board's cells as plain data: what each slot shows and which actions the viewer has,
worked out once per page in Python (labels, times and URLs made once, not per cell in the template).
The board and the htmx answer for one cell use the same data and the same partial."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from omdomme.core.cells import url_maker

from ..models import AdvisorySlot, SlotState


def labels() -> dict[str, str]:
    """The cells' fixed texts in the active language, translated once per page."""
    return {
        "free": _("Free"),
        "open": _("Open"),
        "booked": _("Booked"),
        "claim": _("Claim"),
        "release": _("Release"),
        "book": _("Book"),
        "for": _("For"),
        "topic": _("Topic"),
        "topic_placeholder": _("Topic (optional)"),
        "cancel": _("Cancel booking"),
        "cancel_confirm": _("Cancel this booking?"),
        "no_slot": _("No slot"),
    }


class CellMaker:
    """Turns slots into cell dicts for one viewer at one moment."""

    def __init__(self, viewer, now: datetime):
        self.viewer, self.now = viewer, now
        self.contact_ids = viewer.contact_org_ids
        self.detail = url_maker("gatherings:slot_detail")
        self.claim = url_maker("gatherings:slot_claim")
        self.release = url_maker("gatherings:slot_release")
        self.book = url_maker("gatherings:slot_book")
        self.cancel = url_maker("gatherings:slot_cancel")
        self.times: dict[datetime, str] = {}

    def _time(self, value: datetime) -> str:
        text = self.times.get(value)
        if text is None:
            text = self.times[value] = timezone.localtime(value).strftime("%H:%M")
        return text

    def cell(self, slot: AdvisorySlot) -> dict:
        viewer, state, future = self.viewer, slot.state, slot.starts_at > self.now
        cell = {
            "pk": slot.pk,
            "state": str(state),
            "times": f"{self._time(slot.starts_at)}–{self._time(slot.ends_at)}",
            "url": self.detail(slot.pk),
            "advisor": "",
            "organisation": "",
            "claim_url": "",
            "release_url": "",
            "book_url": "",
            "cancel_url": "",
        }
        if state == SlotState.FREE:
            if viewer.advisor and future:
                cell["claim_url"] = self.claim(slot.pk)
        elif state == SlotState.CLAIMED:
            cell["advisor"] = slot.advisor.get_full_name()
            if slot.advisor_id == viewer.user.pk:
                cell["release_url"] = self.release(slot.pk)
            if viewer.contact_orgs and future:
                cell["book_url"] = self.book(slot.pk)
        else:
            cell["advisor"] = slot.advisor.get_full_name() if slot.advisor_id else ""
            if viewer.staff or viewer.advisor or slot.organisation_id in viewer.member_org_ids:
                cell["organisation"] = slot.organisation.name
            if viewer.staff or slot.organisation_id in self.contact_ids:
                cell["cancel_url"] = self.cancel(slot.pk)
        return cell
