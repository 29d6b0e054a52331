from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from cohorts.models import Invitation
from omdomme.notifications.models import OutboxMail
from omdomme.reminders.models import ReminderKind, ReminderText
from omdomme.reminders.rules import invitation_pending, sweep
from tests.factories import CohortFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation():
    cohort = CohortFactory(year=2026, name="Omdømmeskolen 2026")
    org = OrganisationFactory(name="Ærøy kommune", municipality_number="5101")
    inv = Invitation.objects.create(
        organisation=org, cohort=cohort, email="Ola@Aeroy.kommune.no", full_name="Ola Ærøy", language="nn"
    )
    Invitation.objects.filter(pk=inv.pk).update(
        created_at=timezone.now() - timedelta(days=8), sent_at=timezone.now() - timedelta(days=8)
    )
    inv.refresh_from_db()
    return inv


def test_pending_invitation_reminded_once_in_its_language(invitation, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep() == {ReminderKind.INVITATION_PENDING: 1}
    assert sweep() == {}
    call_command("send_reminders")
    mail = OutboxMail.objects.get()
    assert (mail.kind, mail.recipients, mail.language, mail.related_id) == (
        "reminder_invitation",
        ["ola@aeroy.kommune.no"],
        "nn",
        invitation.pk,
    )
    assert mail.subject == "Påminning: invitasjonen din til Ærøy kommune i Omdømmeskolen"
    assert "/konto/" in mail.body_text or invitation.url_token in mail.body_text
    assert len(mailoutbox) == 1


def test_not_before_seven_days_nor_when_accepted_revoked_or_expired(invitation):
    now = timezone.now()
    assert list(invitation_pending(now - timedelta(days=2))) == []
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=now)
    assert list(invitation_pending(now)) == []
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=None, revoked_at=now)
    assert list(invitation_pending(now)) == []
    Invitation.objects.filter(pk=invitation.pk).update(revoked_at=None, expires_at=now - timedelta(minutes=1))
    assert list(invitation_pending(now)) == []


def test_a_resent_invitation_gets_a_new_reminder_a_week_later(invitation):
    assert sweep() == {ReminderKind.INVITATION_PENDING: 1}
    resent = timezone.now()
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=resent)
    assert sweep() == {}
    assert sweep(now=resent + timedelta(days=7, minutes=1)) == {ReminderKind.INVITATION_PENDING: 1}
    assert OutboxMail.objects.count() == 2


def test_staff_text_for_the_cohort_replaces_the_opening(invitation):
    ReminderText.objects.create(
        cohort=invitation.cohort,
        kind=ReminderKind.INVITATION_PENDING,
        language="nn",
        intro="Hugs å takka ja – vi ventar på deg!",
    )
    sweep()
    mail = OutboxMail.objects.get()
    assert "Hugs å takka ja – vi ventar på deg!" in mail.body_text
    assert "Hugs å takka ja – vi ventar på deg!" in mail.body_html
