"""Rows for the notifications area (/epost/): the staff outbox, messages, reminder texts, packs."""

from django.urls import reverse

from omdomme.notifications.models import OutboxMail, OutboxStatus
from tests.permissions.matrix import STAFF_ONLY, STAFF_ONLY_OBJECT, Row, expect, redirect_ok

STAFF_WRITE_OBJECT = expect(302, 404, 404, 404, 404, 404)


def extend(world) -> None:
    common = {"kind": "message", "language": "nb", "body_text": "Til teamet i Beta kommune: HEMMELIG-POST-BETA",
              "cohort_id": world.cohort.pk}
    world.extra["mail_failed"] = OutboxMail.objects.create(
        subject="Melding til Beta kommune", recipients=["kontakt.b@beta.kommune.no"],
        status=OutboxStatus.FAILED, last_error="550 refused", attempts=1, **common)
    world.extra["mail_queued"] = OutboxMail.objects.create(
        subject="Melding til Beta kommune (kø)", recipients=["kontakt.b@beta.kommune.no"], **common)
    world.secrets_b.append("HEMMELIG-POST-BETA")


def _message(world, action: str) -> dict:
    return {"cohort": world.cohort.pk, "organisations": [world.org_b.pk], "subject": "Hei",
            "body": "Velkommen til samling.", action: "1"}


ROWS = [
    Row("notifications:outbox_list", lambda w: reverse("notifications:outbox_list"), STAFF_ONLY),
    Row("notifications:outbox_detail", lambda w: w.mail_failed.get_absolute_url(), STAFF_ONLY_OBJECT),
    Row("notifications:outbox_cancel", lambda w: reverse("notifications:outbox_cancel", args=[w.mail_queued.pk]),
        STAFF_ONLY_OBJECT),
    Row("notifications:outbox_cancel", lambda w: reverse("notifications:outbox_cancel", args=[w.mail_queued.pk]),
        STAFF_WRITE_OBJECT, method="post", data=lambda w: {"confirmed": "1"}),
    Row("notifications:outbox_resend", lambda w: reverse("notifications:outbox_resend", args=[w.mail_failed.pk]),
        STAFF_WRITE_OBJECT, method="post"),
    Row("notifications:message_compose", lambda w: reverse("notifications:message_compose")
        + f"?cohort={w.cohort.pk}", STAFF_ONLY),
    Row("notifications:message_compose", lambda w: reverse("notifications:message_compose"), STAFF_ONLY,
        method="post", data=lambda w: _message(w, "preview"), label="preview"),
    Row("notifications:message_compose", lambda w: reverse("notifications:message_compose"),
        redirect_ok(STAFF_ONLY), method="post", data=lambda w: _message(w, "send"), label="send"),
    Row("notifications:reminder_texts", lambda w: reverse("notifications:reminder_texts"), STAFF_ONLY),
    Row("notifications:reminder_text_edit",
        lambda w: reverse("notifications:reminder_text_edit", args=[w.cohort.pk, "homework_due_7", "nn"]),
        STAFF_ONLY),
    Row("notifications:reminder_text_edit",
        lambda w: reverse("notifications:reminder_text_edit", args=[w.cohort.pk, "homework_due_7", "nn"]),
        STAFF_ONLY, method="post", data=lambda w: {"intro": "Hugs leksa!", "preview": "1"}, label="preview"),
    Row("notifications:reminder_text_edit",
        lambda w: reverse("notifications:reminder_text_edit", args=[w.cohort.pk, "homework_due_7", "nn"]),
        redirect_ok(STAFF_ONLY), method="post", data=lambda w: {"intro": "Hugs leksa!", "save": "1"},
        label="save"),
]
