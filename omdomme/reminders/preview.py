"""Sample data to preview each reminder kind's email (staff adjust the texts per cohort)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ReminderKind

TEMPLATES = {
    ReminderKind.INVITATION_PENDING: "reminder_invitation",
    ReminderKind.HOMEWORK_DUE_7: "reminder_homework",
    ReminderKind.HOMEWORK_DUE_1: "reminder_homework",
    ReminderKind.HOMEWORK_OVERDUE: "reminder_homework",
    ReminderKind.REGISTRATION_DEADLINE: "reminder_registration",
    ReminderKind.GATHERING_SOON: "reminder_gathering",
    ReminderKind.BOOKING_SOON: "reminder_booking",
    ReminderKind.SURVEY_CLOSING: "reminder_survey",
}


def sample_context(kind: str, cohort) -> dict:
    now = timezone.now()
    organisation = {"name": _("Example municipality")}
    gathering = {
        "title": _("Gathering at Stiklestad"),
        "starts_on": (now + timedelta(days=7)).date(),
        "ends_on": (now + timedelta(days=8)).date(),
        "venue": "Stiklestad nasjonale kultursenter",
        "registration_deadline": now + timedelta(days=3),
        "cohort": cohort,
    }
    return {
        "organisation": organisation,
        "cohort": cohort,
        "gathering": gathering,
        "accept_url": "https://example.no/…",
        "expires_at": now + timedelta(days=7),
        "assignment": {"title": _("Our reputation platform"), "due_at": now + timedelta(days=7)},
        "slot": {
            "starts_at": now + timedelta(days=1),
            "ends_at": now + timedelta(days=1, minutes=20),
            "room": "Rom 2",
            "advisor": "Rådgiver Rune",
        },
        "survey": {"title": _("Evaluation after the gathering"), "closes_at": now + timedelta(days=3)},
        "link": "https://example.no/…",
        "pack_url": "https://example.no/…",
        "practical": [(_("Travel"), _("Train to Verdal, then the shuttle bus."))],
        "phase": kind,
    }
