import pytest
from django.urls import reverse

from omdomme.notifications.models import OutboxMail, OutboxStatus

pytestmark = pytest.mark.django_db


def _mail(n: int, **kwargs) -> OutboxMail:
    defaults = {
        "kind": "message",
        "recipients": [f"person{n}@example.no"],
        "subject": f"Emne {n}",
        "body_text": "Tekst",
        "language": "nb",
    }
    return OutboxMail.objects.create(**{**defaults, **kwargs})


def test_list_filters_by_status_kind_and_recipient(world, client_for):
    _mail(1, status=OutboxStatus.FAILED, kind="reminder_homework", recipients=["kari@alfa.kommune.no"])
    _mail(2, status=OutboxStatus.SENT, kind="reminder_homework")
    _mail(3, status=OutboxStatus.FAILED, kind="message")
    client = client_for(world.staff)
    url = reverse("notifications:outbox_list")
    subjects = lambda response: [m.subject for m in response.context["mails"]]  # noqa: E731
    assert subjects(client.get(url, {"status": "failed"})) == ["Emne 3", "Emne 1"]
    assert subjects(client.get(url, {"status": "failed", "kind": "reminder_homework"})) == ["Emne 1"]
    assert subjects(client.get(url, {"recipient": "ALFA.kommune"})) == ["Emne 1"]
    response = client.get(url, {"status": "nonsense"})
    assert response.status_code == 200 and response.context["form"].errors


@pytest.mark.parametrize("count", [1, 60])
def test_list_query_count_does_not_grow(world, client_for, django_assert_num_queries, count):
    for n in range(count):
        _mail(n, recipient_user=world.contact_a)
    client = client_for(world.staff)
    with django_assert_num_queries(6):
        response = client.get(reverse("notifications:outbox_list"))
    assert len(response.context["mails"]) == min(count, 50)


def test_detail_shows_html_as_escaped_text(world, client_for):
    mail = _mail(1, body_html='<p>Hei</p><script>alert("x")</script>')
    body = client_for(world.staff).get(mail.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    assert '<script>alert("x")</script>' not in body
    assert "<iframe" not in body


def test_cancel_needs_confirmation_then_cancels(world, client_for):
    mail = _mail(1)
    client = client_for(world.staff)
    url = reverse("notifications:outbox_cancel", args=[mail.pk])
    assert client.post(url).status_code == 200  # no "confirmed": the confirmation page
    mail.refresh_from_db()
    assert mail.status == OutboxStatus.QUEUED
    assert client.post(url, {"confirmed": "1"}).status_code == 302
    mail.refresh_from_db()
    assert (mail.status, mail.cancelled_by) == (OutboxStatus.CANCELLED, world.staff)


def test_resend_of_a_queued_mail_is_refused_with_a_message(world, client_for):
    mail = _mail(1)
    response = client_for(world.staff).post(reverse("notifications:outbox_resend", args=[mail.pk]), follow=True)
    assert OutboxMail.objects.count() == 1
    assert [str(m) for m in response.context["messages"]] == [
        "Bare sendte, feilede eller avbrutte e-poster kan sendes på nytt."
    ]
