import pytest
from django.urls import reverse

from omdomme.notifications.models import OutboxMail
from omdomme.reminders.models import ReminderText
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_message_preview_then_one_email_per_team(world, client_for, mailoutbox, django_capture_on_commit_callbacks):
    colleague = UserFactory(email="kollega@alfa.kommune.no", full_name="Per Alfa", language="nn")
    MembershipFactory(organisation=world.org_a, user=colleague, role="member")
    client = client_for(world.staff)
    url = reverse("reminders:message_compose")
    data = {"cohort": world.cohort.pk, "everyone": "on", "subject": "Velkommen", "body": "Vi sees på Stiklestad."}
    response = client.post(url, {**data, "preview": "1"})
    teams = response.context["preview"]["teams"]
    assert [(t.organisation.name, t.recipients) for t in teams] == [
        ("Alfa kommune", ["kollega@alfa.kommune.no", "kontakt.a@alfa.kommune.no"]),
        ("Beta kommune", ["kontakt.b@beta.kommune.no"]),
    ]
    assert OutboxMail.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, "send": "1"})
    assert response.status_code == 302
    assert sorted((m.recipients, m.subject) for m in OutboxMail.objects.all()) == [
        (["kollega@alfa.kommune.no", "kontakt.a@alfa.kommune.no"], "Velkommen"),
        (["kontakt.b@beta.kommune.no"], "Velkommen"),
    ]
    assert len(mailoutbox) == 2
    assert "Til teamet i Alfa kommune" in mailoutbox[0].body or "Til teamet i Alfa kommune" in mailoutbox[1].body


def test_message_needs_organisations_and_refuses_other_cohorts(world, client_for):
    client = client_for(world.staff)
    url = reverse("reminders:message_compose")
    base = {"cohort": world.cohort.pk, "subject": "S", "body": "B", "send": "1"}
    response = client.post(url, base)
    assert "organisations" in response.context["form"].errors
    response = client.post(url, {**base, "organisations": [world.org_c.pk]})  # org C is in another cohort
    assert "organisations" in response.context["form"].errors
    assert OutboxMail.objects.count() == 0


def test_reminder_text_preview_does_not_save_and_save_does(world, client_for):
    client = client_for(world.staff)
    url = reverse("reminders:reminder_text_edit", args=[world.cohort.pk, "homework_due_1", "nn"])
    response = client.post(url, {"intro": "Hugs leksa til i morgon!", "preview": "1"})
    assert "Hugs leksa til i morgon!" in response.context["preview"]["text"]
    assert ReminderText.objects.count() == 0
    client.post(url, {"intro": "Hugs leksa til i morgon!", "save": "1"})
    assert list(ReminderText.objects.values_list("kind", "language", "intro")) == [
        ("homework_due_1", "nn", "Hugs leksa til i morgon!")
    ]
    client.post(url, {"intro": "", "save": "1"})
    assert ReminderText.objects.count() == 0
    assert (
        client.get(reverse("reminders:reminder_text_edit", args=[world.cohort.pk, "nonsense", "nn"])).status_code == 404
    )
