"""Reminder texts and messages to teams are written by course staff, who are logged."""

from __future__ import annotations

from omdomme.notifications.models import OutboxMail
from omdomme.reminders import services
from omdomme.reminders.models import ReminderKind, ReminderText
from tests.actors import logged_once, refused


def test_reminder_texts_are_for_staff(world):
    def save(actor):
        return services.save_reminder_text(world.cohort, ReminderKind.HOMEWORK_DUE_7, "nb", "Husk leksa!", actor=actor)

    refused(lambda: save(world.advisor), ReminderText.objects.all())
    refused(lambda: save(world.contact_a), ReminderText.objects.all())
    logged_once(lambda: save(world.staff), world.staff, "reminder_text.saved")


def test_messages_to_teams_are_sent_by_staff(world):
    def send(actor):
        return services.send_message(world.cohort, [world.org_a], "Hei", "Velkommen til samling.", actor=actor)

    refused(lambda: send(world.advisor), OutboxMail.objects.all())
    mails = logged_once(lambda: send(world.staff), world.staff, "message.sent")
    assert [m.created_by for m in mails] == [world.staff]
