"""Each reminder rule: who gets it, when, once; moved bookings and extended deadlines get new ones."""

from datetime import timedelta

import pytest
from django.utils import timezone

from evaluations.models import Participation, Survey
from homework.models import Extension
from omdomme.notifications.models import OutboxMail
from omdomme.reminders.models import ReminderKind
from omdomme.reminders.rules import sweep
from tests.packs import factories as f

pytestmark = pytest.mark.django_db


def _sent(kind=None) -> list[tuple[str, list[str]]]:
    mails = OutboxMail.objects.order_by("pk")
    if kind:
        mails = mails.filter(dedupe_key__startswith=f"rem:{kind}:")
    return [(m.kind, m.recipients) for m in mails]


def test_homework_7_days_1_day_overdue_only_to_organisations_that_have_not_submitted(world):
    now = timezone.now()
    due = now + timedelta(days=6, hours=23)
    assignment = f.assignment(world.cohort, due_at=due, title="Omdømmeanalyse")
    f.submit(assignment, world.org_a)
    assert sweep(now=now) == {ReminderKind.HOMEWORK_DUE_7: 1}
    assert sweep(now=now + timedelta(hours=1)) == {}  # still in the window: not again
    assert sweep(now=due - timedelta(days=3)) == {}  # between the windows: nothing
    assert sweep(now=due - timedelta(hours=20)) == {ReminderKind.HOMEWORK_DUE_1: 1}
    assert sweep(now=due + timedelta(hours=2)) == {ReminderKind.HOMEWORK_OVERDUE: 1}
    assert sweep(now=due + timedelta(hours=3)) == {}
    assert [r for _k, r in _sent()] == [["kontakt.b@beta.kommune.no"]] * 3
    mail = OutboxMail.objects.get(dedupe_key__startswith="rem:homework_overdue:")
    assert mail.subject == "Over fristen: hjemmeoppgaven «Omdømmeanalyse»"
    assert not mail.essential


def test_a_draft_is_not_a_submission_and_an_extension_moves_the_reminders(world):
    now = timezone.now()
    due = now + timedelta(hours=10)
    assignment = f.assignment(world.cohort, due_at=due)
    f.submit(assignment, world.org_a, status="draft")
    assert sweep(now=now) == {ReminderKind.HOMEWORK_DUE_1: 2}
    new_due = due + timedelta(days=5)
    Extension.objects.create(assignment=assignment, organisation=world.org_b, due_at=new_due, reason="Sykdom")
    # Org B's deadline moved: no overdue reminder at the old deadline, but "within a week" and
    # "tomorrow" reminders for the new one.
    assert sweep(now=due + timedelta(hours=1)) == {ReminderKind.HOMEWORK_OVERDUE: 1, ReminderKind.HOMEWORK_DUE_7: 1}
    assert _sent(ReminderKind.HOMEWORK_OVERDUE) == [("reminder_homework", ["kontakt.a@alfa.kommune.no"])]
    assert sweep(now=new_due - timedelta(hours=12)) == {ReminderKind.HOMEWORK_DUE_1: 1}
    keys = list(
        OutboxMail.objects.filter(dedupe_key__contains=f"u{world.contact_b.pk}")
        .values_list("dedupe_key", flat=True)
        .order_by("pk")
    )
    prefix = f"homework.assignment:{assignment.pk}:u{world.contact_b.pk}"
    assert keys == [
        f"rem:homework_due_1:{prefix}:{due.isoformat()}",
        f"rem:homework_due_7:{prefix}:{new_due.isoformat()}",
        f"rem:homework_due_1:{prefix}:{new_due.isoformat()}",
    ]


def test_registration_deadline_only_to_teams_with_nobody_registered(world):
    now = timezone.now()
    g = f.gathering(
        world.cohort, starts_on=(now + timedelta(days=20)).date(), registration_deadline=now + timedelta(days=2)
    )
    f.register(g, world.contact_a, world.org_a)
    assert sweep(now=now) == {ReminderKind.REGISTRATION_DEADLINE: 1}
    assert _sent() == [("reminder_registration", ["kontakt.b@beta.kommune.no"])]
    # A deadline extended: a new reminder before the new deadline, not a repeat of the old.
    g.registration_deadline = now + timedelta(days=5)
    g.save()
    assert sweep(now=now + timedelta(hours=1)) == {}
    assert sweep(now=now + timedelta(days=3)) == {ReminderKind.REGISTRATION_DEADLINE: 1}
    assert sweep(now=now + timedelta(days=3, hours=1)) == {}


def test_gathering_in_a_week_with_practical_information_and_the_pack_link(world):
    now = timezone.now()
    g = f.gathering(world.cohort, starts_on=timezone.localdate(now) + timedelta(days=7))
    f.register(g, world.contact_a, world.org_a)
    f.register(g, world.contact_b, world.org_b, status="waiting")
    assert sweep(now=now) == {ReminderKind.GATHERING_SOON: 1}
    mail = OutboxMail.objects.get()
    assert mail.recipients == ["kontakt.a@alfa.kommune.no"]
    assert "Tog til Verdal, buss til Stiklestad." in mail.body_text
    assert f"/epost/pakker/{g.pk}/{world.org_a.pk}/" in mail.body_text
    assert sweep(now=now + timedelta(days=1)) == {}


def test_booking_in_24_hours_with_ics_and_a_moved_booking_is_reminded_anew(world):
    now = timezone.now()
    g = f.gathering(world.cohort, starts_on=timezone.localdate(now))
    slot = f.booked_slot(g, world.org_a, world.advisor, starts_at=now + timedelta(hours=20), room="Rom Ærfugl")
    assert sweep(now=now) == {ReminderKind.BOOKING_SOON: 1}
    mail = OutboxMail.objects.get()
    assert mail.recipients == ["kontakt.a@alfa.kommune.no"]
    [attachment] = mail.attachments
    assert (attachment["filename"], attachment["mimetype"]) == ("speedradgivning.ics", "text/calendar")
    from icalendar import Calendar

    event = Calendar.from_ical(attachment["content"]).walk("VEVENT")[0]
    assert event.decoded("dtstart") == slot.starts_at.replace(microsecond=0)
    assert str(event["location"]) == "Rom Ærfugl, Stiklestad nasjonale kultursenter"
    assert str(event["uid"]) == f"slot-{slot.pk}@omdommeskolen"  # the calendar feed's UID: one event, not two
    assert str(event["summary"]) == "Speedrådgivning: Alfa kommune"  # Kari reads Bokmål
    assert sweep(now=now + timedelta(hours=1)) == {}
    slot.starts_at += timedelta(hours=2)
    slot.ends_at += timedelta(hours=2)
    slot.save()
    assert sweep(now=now + timedelta(hours=1)) == {ReminderKind.BOOKING_SOON: 1}
    assert OutboxMail.objects.count() == 2


def test_the_booking_reminders_calendar_event_is_in_the_recipients_language(world):
    world.contact_a.language = "en"
    world.contact_a.save(update_fields=["language"])
    now = timezone.now()
    g = f.gathering(world.cohort, starts_on=timezone.localdate(now))
    f.booked_slot(g, world.org_a, world.advisor, starts_at=now + timedelta(hours=20))
    sweep(now=now)
    [attachment] = OutboxMail.objects.get().attachments
    from icalendar import Calendar

    event = Calendar.from_ical(attachment["content"]).walk("VEVENT")[0]
    assert str(event["summary"]) == "Speed advisory: Alfa kommune"


def test_survey_unanswered_three_days_before_it_closes(world):
    now = timezone.now()
    survey = Survey.objects.create(
        cohort=world.cohort,
        title="Evaluering av samling 1",
        opens_at=now - timedelta(days=10),
        closes_at=now + timedelta(days=2),
    )
    Participation.objects.create(survey=survey, user=world.contact_a, organisation=world.org_a, submitted=True)
    Survey.objects.create(
        cohort=world.cohort, title="Stengt", opens_at=now - timedelta(days=10), closes_at=now - timedelta(hours=1)
    )
    assert sweep(now=now) == {ReminderKind.SURVEY_CLOSING: 1}
    assert _sent() == [("reminder_survey", ["kontakt.b@beta.kommune.no"])]


def test_opt_out_stops_optional_reminders_but_not_invitations(world):
    from cohorts.models import Invitation

    world.contact_b.reminders_opt_out = True
    world.contact_b.save()
    now = timezone.now()
    f.assignment(world.cohort, due_at=now + timedelta(hours=5))
    invitation = Invitation.objects.create(organisation=world.org_b, cohort=world.cohort, email="ny@beta.kommune.no")
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=now - timedelta(days=8))
    assert sweep(now=now) == {ReminderKind.HOMEWORK_DUE_1: 1, ReminderKind.INVITATION_PENDING: 1}
    assert sorted(r[0] for _k, r in _sent()) == ["kontakt.a@alfa.kommune.no", "ny@beta.kommune.no"]
