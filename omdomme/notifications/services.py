"""The outbox: build an email from templates in the recipient's language, store it, deliver it."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from omdomme.core.staff import require_staff

from .models import OutboxMail, OutboxStatus

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
STUCK_AFTER = timedelta(minutes=15)


NEUTRAL = "neutral"


def written_standard(organisation=None, person_language: str | None = None, *, fallback: str = "nb") -> str:
    """The language of a mail or document to a person about an organisation (språklova § 15).

    An organisation that decided on Bokmål or Nynorsk (``language_form`` "nb"/"nn") gets that
    written standard, whatever the recipient's own interface language. A neutral organisation (or
    none) lets the person's own language decide. The outbox sits below the cohorts app, so the
    organisation is read by its ``language_form`` attribute only.
    """
    form = getattr(organisation, "language_form", NEUTRAL) or NEUTRAL
    if form != NEUTRAL:
        return form
    return person_language or fallback


def render_email(template: str, context: dict, language: str) -> tuple[str, str, str]:
    """Render ``emails/<template>_subject.txt``, ``.txt`` and ``.html`` in ``language``."""
    base = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = render_to_string(f"emails/{template}_subject.txt", base).strip()
        text = render_to_string(f"emails/{template}.txt", base)
        html = render_to_string(f"emails/{template}.html", base)
    return " ".join(subject.split()), text, html


def build_email(
    template: str,
    *,
    to: Iterable[str],
    context: dict,
    language: str = "nb",
    recipient_user=None,
    organisation=None,
    related=None,
    cohort_id: int | None = None,
    dedupe_key: str | None = None,
    essential: bool = True,
    created_by=None,
    attachments: list[dict] | None = None,
) -> OutboxMail | None:
    """An unsaved outbox row with the email rendered; ``None`` when the recipient opted out of
    non-essential email.

    ``language`` is the person's own language. A mail about an ``organisation`` is written in the
    organisation's written standard instead when it has decided on one (see ``written_standard``):
    this is the one place that decision is made for every mail.
    """
    language = written_standard(organisation, language)
    if not essential and recipient_user is not None and recipient_user.reminders_opt_out:
        return None
    subject, text, html = render_email(template, context, language)
    return OutboxMail(
        kind=template,
        recipients=sorted({addr.lower() for addr in to}),
        recipient_user=recipient_user,
        language=language,
        subject=subject,
        body_text=text,
        body_html=html,
        related_type=related._meta.label_lower if related is not None else "",
        related_id=related.pk if related is not None else None,
        cohort_id=cohort_id,
        dedupe_key=dedupe_key,
        essential=essential,
        created_by=created_by,
        attachments=attachments or [],
    )


def queue_email(template: str, **kwargs) -> OutboxMail | None:
    """Store an email in the outbox and deliver it after the transaction commits (the keywords are
    ``build_email``'s).

    Returns ``None`` when ``dedupe_key`` was already used (the email was sent before), or when
    the recipient opted out of non-essential email.
    """
    mail = build_email(template, **kwargs)
    if mail is None:
        return None
    try:
        with transaction.atomic():
            mail.save()
    except IntegrityError:
        if mail.dedupe_key and OutboxMail.objects.filter(dedupe_key=mail.dedupe_key).exists():
            return None
        raise
    enqueue_delivery(mail)
    return mail


QUEUE_MANY_LOCK = 7_206_417  # pg_advisory_xact_lock key: one bulk insert into the outbox at a time


def queue_many(mails: list[OutboxMail]) -> dict[str, int]:
    """Store many built emails with one INSERT and deliver them with one task after the transaction
    commits. Every mail must have a ``dedupe_key``; keys already used are skipped. Returns
    ``{dedupe_key: id}`` of the rows queued here.

    Two runs at once (two sweeps) take turns through a transaction-level advisory lock on
    PostgreSQL (SQLite serialises writers anyway): the second sees the first one's keys and
    queues only what is left, so each row is queued, counted and sent once."""
    if not mails:
        return {}
    keys = [mail.dedupe_key for mail in mails]
    if not all(keys):
        raise ValueError("queue_many needs a dedupe_key on every mail.")
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [QUEUE_MANY_LOCK])
        existing = set(OutboxMail.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True))
        fresh = [mail for mail in mails if mail.dedupe_key not in existing]
        OutboxMail.objects.bulk_create(fresh, ignore_conflicts=True, batch_size=500)
        queued = dict(
            OutboxMail.objects.filter(dedupe_key__in=[mail.dedupe_key for mail in fresh]).values_list(
                "dedupe_key", "pk"
            )
        )
    if queued:
        from .tasks import deliver_mails_task

        ids = sorted(queued.values())
        transaction.on_commit(lambda: deliver_mails_task.delay(mail_ids=ids))
    return queued


def queue_prebuilt(
    message: EmailMultiAlternatives, *, kind: str, language: str = "nb", recipient_user=None, essential: bool = True
) -> OutboxMail:
    """Put an email someone else built (allauth's password reset, email confirmation) in the outbox,
    so it is retried, visible to staff and always sent (essential). For the accounts adapter::

        def send_mail(self, template_prefix, email, context):
            message = self.render_mail(template_prefix, email, context)
            queue_prebuilt(message, kind="account_" + template_prefix.rsplit("/", 1)[-1],
                           language=translation.get_language() or "nb")
    """
    html = next((content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), "")
    if message.content_subtype == "html":
        html, text = message.body, ""
    else:
        text = message.body
    mail = OutboxMail.objects.create(
        kind=kind[:60],
        recipients=sorted({addr.lower() for addr in message.to}),
        recipient_user=recipient_user,
        language=language,
        subject=message.subject,
        body_text=text,
        body_html=html,
        essential=essential,
    )
    enqueue_delivery(mail)
    return mail


def enqueue_delivery(mail: OutboxMail) -> None:
    from .tasks import deliver_mail_task

    transaction.on_commit(lambda: deliver_mail_task.delay(mail_id=mail.pk))


def deliver(mail_id: int, *, now=None) -> str:
    """Send one queued mail. Claims the row with a conditional UPDATE so two workers never both send.

    Returns the row's new status. Transient SMTP errors put it back in the queue with a backoff;
    permanent ones (and the last attempt) mark it failed, visibly.
    """
    now = now or timezone.now()
    claimed = (
        OutboxMail.objects.filter(pk=mail_id, status=OutboxStatus.QUEUED)
        .exclude(next_attempt_at__gt=now)  # a redelivered task does not jump its backoff
        .update(status=OutboxStatus.SENDING, sending_since=now)
    )
    if claimed != 1:
        return OutboxMail.objects.filter(pk=mail_id).values_list("status", flat=True).first() or "missing"
    mail = OutboxMail.objects.get(pk=mail_id)
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=mail.recipients,
        headers={"X-Omdomme-Outbox": str(mail.pk)},
    )
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    for attachment in mail.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    mail.attempts += 1
    try:
        message.send(fail_silently=False)
    except (
        smtplib.SMTPRecipientsRefused,
        smtplib.SMTPSenderRefused,
        smtplib.SMTPDataError,
    ) as exc:
        if _is_transient(exc):
            return _retry_later(mail, exc, now)
        mail.status = OutboxStatus.FAILED
        mail.last_error = str(exc)[:2000]
        mail.save(update_fields=["status", "last_error", "attempts"])
        log.warning("outbox mail %s failed permanently: %s", mail.pk, exc)
        return mail.status
    except (smtplib.SMTPException, OSError) as exc:
        return _retry_later(mail, exc, now)
    mail.status = OutboxStatus.SENT
    mail.sent_at = timezone.now()
    mail.last_error = ""
    mail.save(update_fields=["status", "sent_at", "last_error", "attempts"])
    return mail.status


class OutboxError(ValidationError):
    """An outbox operation that is not allowed in the mail's current state."""


def cancel(mail: OutboxMail, *, actor) -> OutboxMail:
    """Course staff cancel a queued mail before it is sent. Only queued mails (and drafts) can be
    cancelled. The row keeps who and when (the outbox's own history, below the activity log)."""
    require_staff(actor)
    with transaction.atomic():
        changed = OutboxMail.objects.filter(pk=mail.pk, status__in=[OutboxStatus.QUEUED, OutboxStatus.DRAFT]).update(
            status=OutboxStatus.CANCELLED, cancelled_by=actor, cancelled_at=timezone.now()
        )
        if changed != 1:
            raise OutboxError(_("Only queued emails can be cancelled; this one is already being sent or done."))
    mail.refresh_from_db()
    log.info("outbox mail %s cancelled by %s", mail.pk, actor)
    return mail


def resend(mail: OutboxMail, *, actor) -> OutboxMail:
    """Send a failed or sent mail again as a NEW outbox row (the original stays as history).

    The copy has no dedupe key (it is a deliberate repeat), ``created_by`` is the staff member who
    asked, and ``resent_from`` points back at the original. (The outbox is the bottom layer: it
    keeps its own history rather than writing the cohorts activity log.) Course staff only.
    """
    require_staff(actor)
    if mail.status not in (OutboxStatus.FAILED, OutboxStatus.SENT, OutboxStatus.CANCELLED):
        raise OutboxError(_("Only sent, failed or cancelled emails can be sent again."))
    with transaction.atomic():
        copy = OutboxMail.objects.create(
            kind=mail.kind,
            recipients=mail.recipients,
            recipient_user=mail.recipient_user,
            language=mail.language,
            subject=mail.subject,
            body_text=mail.body_text,
            body_html=mail.body_html,
            attachments=mail.attachments,
            related_type=mail.related_type,
            related_id=mail.related_id,
            cohort_id=mail.cohort_id,
            essential=mail.essential,
            created_by=actor,
            resent_from=mail,
        )
        enqueue_delivery(copy)
    return copy


def _is_transient(exc: Exception) -> bool:
    code = getattr(exc, "smtp_code", None)
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [value[0] for value in exc.recipients.values()]
        return bool(codes) and all(400 <= c < 500 for c in codes)
    return code is not None and 400 <= code < 500


def backoff(attempts: int) -> timedelta:
    """Capped exponential backoff: 1, 2, 4, 8, 16 minutes, never more than an hour."""
    return timedelta(minutes=min(60, 2 ** max(0, attempts - 1)))


def _retry_later(mail: OutboxMail, exc: Exception, now) -> str:
    mail.last_error = str(exc)[:2000]
    if mail.attempts >= MAX_ATTEMPTS:
        mail.status = OutboxStatus.FAILED
    else:
        mail.status = OutboxStatus.QUEUED
        mail.next_attempt_at = now + backoff(mail.attempts)
    mail.save(update_fields=["status", "last_error", "attempts", "next_attempt_at"])
    log.info("outbox mail %s: attempt %s failed (%s), now %s", mail.pk, mail.attempts, exc, mail.status)
    return mail.status


def flush_outbox(now=None) -> int:
    """Recover rows stuck in "sending" and deliver every queued row that is due. Returns the count."""
    now = now or timezone.now()
    OutboxMail.objects.filter(status=OutboxStatus.SENDING, sending_since__lt=now - STUCK_AFTER).update(
        status=OutboxStatus.QUEUED
    )
    due = OutboxMail.objects.filter(status=OutboxStatus.QUEUED).exclude(next_attempt_at__gt=now)
    count = 0
    for mail_id in due.values_list("pk", flat=True)[:500]:
        if deliver(mail_id, now=now) == OutboxStatus.SENT:
            count += 1
    return count
