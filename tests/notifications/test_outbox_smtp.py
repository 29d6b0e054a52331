"""The outbox against a real local SMTP server: transient refusals are retried with backoff and the
mail is delivered once; permanent refusals are marked failed, visibly; stuck rows are recovered."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from omdomme.notifications import services
from omdomme.notifications.models import OutboxMail, OutboxStatus

from .smtp import SmtpServer

pytestmark = pytest.mark.django_db


def _queue(**kwargs) -> OutboxMail:
    mail = services.queue_email(
        "message",
        to=["kari@alfa.kommune.no"],
        context={"subject": "Hei fra staben", "body": "Blåbær og ærfugl."},
        language="nb",
        **kwargs,
    )
    assert mail is not None
    return mail


def test_backoff_is_exponential_and_capped():
    assert [services.backoff(n) for n in range(1, 9)] == [timedelta(minutes=m) for m in (1, 2, 4, 8, 16, 32, 60, 60)]


def test_421_for_a_while_is_retried_then_delivered_once(django_capture_on_commit_callbacks):
    with SmtpServer(fail_first=2, code=421) as smtp, override_settings(**smtp.settings()):
        with django_capture_on_commit_callbacks(execute=True):
            mail = _queue()
        mail.refresh_from_db()
        assert (mail.status, mail.attempts, smtp.received) == (OutboxStatus.QUEUED, 1, [])
        assert "421" in mail.last_error
        first_retry = mail.next_attempt_at
        assert timedelta(seconds=50) < first_retry - timezone.now() <= timedelta(minutes=1)

        # Before the backoff has passed, neither the sweep nor a redelivered task sends it.
        assert services.flush_outbox() == 0
        assert services.deliver(mail.pk) == OutboxStatus.QUEUED
        assert smtp.attempts == 1

        assert services.flush_outbox(now=first_retry + timedelta(seconds=1)) == 0
        mail.refresh_from_db()
        assert (mail.status, mail.attempts) == (OutboxStatus.QUEUED, 2)
        second_wait = mail.next_attempt_at - first_retry
        assert timedelta(minutes=1) < second_wait <= timedelta(minutes=2, seconds=5)

        assert services.flush_outbox(now=mail.next_attempt_at + timedelta(seconds=1)) == 1
        mail.refresh_from_db()
        assert (mail.status, mail.attempts, mail.last_error) == (OutboxStatus.SENT, 3, "")
        assert mail.sent_at is not None
        # Delivered exactly once, and nothing more happens on later sweeps.
        assert services.flush_outbox(now=timezone.now() + timedelta(hours=2)) == 0
        assert services.deliver(mail.pk) == OutboxStatus.SENT
    assert len(smtp.received) == 1
    message = smtp.received[0]
    assert message["To"] == "kari@alfa.kommune.no"
    assert message["X-Omdomme-Outbox"] == str(mail.pk)
    text = message.get_payload()[0].get_payload(decode=True).decode("utf-8")
    assert "Blåbær og ærfugl." in text


def test_550_is_marked_failed_and_visible(django_capture_on_commit_callbacks):
    with SmtpServer(fail_first=100, code=550) as smtp, override_settings(**smtp.settings()):
        with django_capture_on_commit_callbacks(execute=True):
            mail = _queue()
        mail.refresh_from_db()
        assert (mail.status, mail.attempts) == (OutboxStatus.FAILED, 1)
        assert "550" in mail.last_error
        assert services.flush_outbox(now=timezone.now() + timedelta(days=1)) == 0
    assert smtp.attempts == 1
    assert smtp.received == []
    assert list(OutboxMail.objects.filter(status=OutboxStatus.FAILED)) == [mail]


def test_transient_errors_give_up_after_max_attempts(django_capture_on_commit_callbacks):
    with SmtpServer(fail_first=100, code=451) as smtp, override_settings(**smtp.settings()):
        with django_capture_on_commit_callbacks(execute=True):
            mail = _queue()
        now = timezone.now()
        for _ in range(services.MAX_ATTEMPTS + 2):
            now += timedelta(hours=2)
            services.flush_outbox(now=now)
        mail.refresh_from_db()
    assert (mail.status, mail.attempts, smtp.attempts) == (
        OutboxStatus.FAILED,
        services.MAX_ATTEMPTS,
        services.MAX_ATTEMPTS,
    )
    assert "451" in mail.last_error


def test_connection_refused_is_transient(django_capture_on_commit_callbacks):
    from .smtp import free_port

    smtp_down = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": free_port(),
        "EMAIL_TIMEOUT": 2,
    }
    with override_settings(**smtp_down), django_capture_on_commit_callbacks(execute=True):
        mail = _queue()
    mail.refresh_from_db()
    assert (mail.status, mail.attempts) == (OutboxStatus.QUEUED, 1)
    assert mail.last_error != ""


def test_rows_stuck_in_sending_are_recovered_by_the_flush(mailoutbox):
    mail = _queue()  # no commit: the task has not run
    OutboxMail.objects.filter(pk=mail.pk).update(
        status=OutboxStatus.SENDING, sending_since=timezone.now() - services.STUCK_AFTER - timedelta(minutes=1)
    )
    recent = _queue(dedupe_key="recent")
    OutboxMail.objects.filter(pk=recent.pk).update(status=OutboxStatus.SENDING, sending_since=timezone.now())
    assert services.flush_outbox() == 1
    mail.refresh_from_db()
    recent.refresh_from_db()
    assert (mail.status, recent.status) == (OutboxStatus.SENT, OutboxStatus.SENDING)
    assert [m.subject for m in mailoutbox] == ["Hei fra staben"]


def test_dedupe_key_sends_once(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = _queue(dedupe_key="rule:1:occasion")
        second = services.queue_email(
            "message", to=["x@example.no"], context={"subject": "S", "body": "B"}, dedupe_key="rule:1:occasion"
        )
    assert first is not None and second is None
    assert OutboxMail.objects.count() == 1
    assert len(mailoutbox) == 1


def test_cancel_only_queued_and_resend_makes_a_new_row(mailoutbox, django_capture_on_commit_callbacks):
    from tests.factories import UserFactory

    staff = UserFactory(is_staff=True, full_name="Stine Stab")
    queued = _queue()
    services.cancel(queued, actor=staff)
    assert (queued.status, queued.cancelled_by) == (OutboxStatus.CANCELLED, staff)
    with pytest.raises(services.OutboxError):
        services.cancel(queued, actor=staff)
    assert services.deliver(queued.pk) == OutboxStatus.CANCELLED
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        copy = services.resend(queued, actor=staff)
    copy.refresh_from_db()
    assert (copy.status, copy.resent_from, copy.created_by, copy.dedupe_key) == (OutboxStatus.SENT, queued, staff, None)
    assert [m.subject for m in mailoutbox] == ["Hei fra staben"]
    queued_again = _queue()
    with pytest.raises(services.OutboxError):
        services.resend(queued_again, actor=staff)


def test_a_password_reset_built_by_allauth_goes_through_the_outbox(mailoutbox, django_capture_on_commit_callbacks):
    from allauth.account.adapter import get_adapter
    from django.test import RequestFactory

    from tests.factories import UserFactory

    user = UserFactory(email="glemsk@alfa.kommune.no", full_name="Glemsk Alfa", reminders_opt_out=True)
    request = RequestFactory().get("/")
    adapter = get_adapter(request)
    message = adapter.render_mail(
        "account/email/password_reset_key",
        user.email,
        {"user": user, "password_reset_url": "https://example.no/reset/abc", "request": request},
    )
    with django_capture_on_commit_callbacks(execute=True):
        mail = services.queue_prebuilt(message, kind="account_password_reset_key", recipient_user=user)
    mail.refresh_from_db()
    assert (mail.status, mail.essential, mail.recipients) == (OutboxStatus.SENT, True, ["glemsk@alfa.kommune.no"])
    assert "https://example.no/reset/abc" in mail.body_text
    assert [m.to for m in mailoutbox] == [["glemsk@alfa.kommune.no"]]
