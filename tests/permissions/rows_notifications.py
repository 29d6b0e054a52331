"""Rows for the notifications area (/epost/): the staff outbox, messages, reminder texts, packs."""

from datetime import date

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from omdomme.notifications.models import OutboxMail, OutboxStatus
from omdomme.packs.models import PackStatus, ParticipantPack
from sessions.models import Gathering
from tests.permissions.matrix import OWN_A_READ, STAFF_ONLY, STAFF_ONLY_OBJECT, Row, expect, redirect_ok

STAFF_WRITE_OBJECT = expect(302, 404, 404, 404, 404, 404)


def extend(world) -> None:
    common = {
        "kind": "message",
        "language": "nb",
        "body_text": "Til teamet i Beta kommune: HEMMELIG-POST-BETA",
        "cohort_id": world.cohort.pk,
    }
    world.extra["mail_failed"] = OutboxMail.objects.create(
        subject="Melding til Beta kommune",
        recipients=["kontakt.b@beta.kommune.no"],
        status=OutboxStatus.FAILED,
        last_error="550 refused",
        attempts=1,
        **common,
    )
    world.extra["mail_queued"] = OutboxMail.objects.create(
        subject="Melding til Beta kommune (kø)", recipients=["kontakt.b@beta.kommune.no"], **common
    )
    world.secrets_b.append("HEMMELIG-POST-BETA")
    gathering = Gathering.objects.create(
        cohort=world.cohort,
        number=90,
        title="Pakkesamling",
        venue="Stiklestad",
        starts_on=date(2026, 9, 22),
        ends_on=date(2026, 9, 23),
        is_published=True,
    )
    world.extra["pack_gathering"] = gathering
    world.extra["pack_a"] = _ready_pack(gathering, world.org_a, "alfa.pdf")
    # Packs the IDOR sweep swaps into the pack URLs: org B's at the same gathering (contact_a may not
    # download it) and org C's at a gathering of the other cohort (nor may advisor and evaluator).
    world.extra["pack_b"] = _ready_pack(gathering, world.org_b, "beta.pdf")
    other = Gathering.objects.create(
        cohort=world.other_cohort,
        number=90,
        title="Pakkesamling Gamma",
        venue="Stiklestad",
        starts_on=date(2025, 9, 23),
        ends_on=date(2025, 9, 24),
        is_published=True,
    )
    world.extra["pack_c"] = _ready_pack(other, world.org_c, "gamma.pdf")


def _ready_pack(gathering, organisation, filename: str) -> ParticipantPack:
    """A pack ready to download, with a stand-in for the PDF ``packs.services.render_pack`` would store."""
    pack = ParticipantPack(
        gathering=gathering, organisation=organisation, status=PackStatus.READY, rendered_at=timezone.now()
    )
    pack.file.save(filename, ContentFile(b"%PDF-1.4 test"), save=True)
    return pack


def _message(world, action: str) -> dict:
    return {
        "cohort": world.cohort.pk,
        "organisations": [world.org_b.pk],
        "subject": "Hei",
        "body": "Velkommen til samling.",
        action: "1",
    }


def _mine(world) -> str:
    return reverse("packs:pack_mine", args=[world.pack_gathering.pk, world.org_a.pk])


ROWS = [
    Row("notifications:outbox_list", lambda w: reverse("notifications:outbox_list"), STAFF_ONLY),
    Row("notifications:outbox_detail", lambda w: w.mail_failed.get_absolute_url(), STAFF_ONLY_OBJECT),
    Row(
        "notifications:outbox_cancel",
        lambda w: reverse("notifications:outbox_cancel", args=[w.mail_queued.pk]),
        STAFF_ONLY_OBJECT,
    ),
    Row(
        "notifications:outbox_cancel",
        lambda w: reverse("notifications:outbox_cancel", args=[w.mail_queued.pk]),
        STAFF_WRITE_OBJECT,
        method="post",
        data=lambda w: {"confirmed": "1"},
    ),
    Row(
        "notifications:outbox_resend",
        lambda w: reverse("notifications:outbox_resend", args=[w.mail_failed.pk]),
        STAFF_WRITE_OBJECT,
        method="post",
    ),
    Row(
        "reminders:message_compose",
        lambda w: reverse("reminders:message_compose") + f"?cohort={w.cohort.pk}",
        STAFF_ONLY,
    ),
    Row(
        "reminders:message_compose",
        lambda w: reverse("reminders:message_compose"),
        STAFF_ONLY,
        method="post",
        data=lambda w: _message(w, "preview"),
        label="preview",
    ),
    Row(
        "reminders:message_compose",
        lambda w: reverse("reminders:message_compose"),
        redirect_ok(STAFF_ONLY),
        method="post",
        data=lambda w: _message(w, "send"),
        label="send",
    ),
    Row("reminders:reminder_texts", lambda w: reverse("reminders:reminder_texts"), STAFF_ONLY),
    Row(
        "reminders:reminder_text_edit",
        lambda w: reverse("reminders:reminder_text_edit", args=[w.cohort.pk, "homework_due_7", "nn"]),
        STAFF_ONLY,
    ),
    Row(
        "reminders:reminder_text_edit",
        lambda w: reverse("reminders:reminder_text_edit", args=[w.cohort.pk, "homework_due_7", "nn"]),
        STAFF_ONLY,
        method="post",
        data=lambda w: {"intro": "Hugs leksa!", "preview": "1"},
        label="preview",
    ),
    Row(
        "reminders:reminder_text_edit",
        lambda w: reverse("reminders:reminder_text_edit", args=[w.cohort.pk, "homework_due_7", "nn"]),
        redirect_ok(STAFF_ONLY),
        method="post",
        data=lambda w: {"intro": "Hugs leksa!", "save": "1"},
        label="save",
    ),
    Row("packs:pack_gatherings", lambda w: reverse("packs:pack_gatherings"), STAFF_ONLY),
    Row(
        "packs:gathering_packs",
        lambda w: reverse("packs:gathering_packs", args=[w.pack_gathering.pk]),
        STAFF_ONLY_OBJECT,
    ),
    Row(
        "packs:gathering_packs_generate",
        lambda w: reverse("packs:gathering_packs_generate", args=[w.pack_gathering.pk]),
        STAFF_WRITE_OBJECT,
        method="post",
    ),
    Row(
        "packs:gathering_packs_progress",
        lambda w: reverse("packs:gathering_packs_progress", args=[w.pack_gathering.pk]),
        STAFF_ONLY_OBJECT,
    ),
    Row(
        "packs:gathering_packs_zip",
        lambda w: reverse("packs:gathering_packs_zip", args=[w.pack_gathering.pk]),
        STAFF_ONLY_OBJECT,
    ),
    Row("packs:pack_download", lambda w: w.pack_a.get_absolute_url(), OWN_A_READ),
    Row("packs:pack_mine", _mine, OWN_A_READ),
    Row("packs:pack_mine", _mine, expect(302, 403, 403, 302, 404, 404), method="post"),
]
