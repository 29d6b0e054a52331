import logging

from celery import shared_task

from . import services

log = logging.getLogger(__name__)


@shared_task(name="notifications.deliver_mail", acks_late=True, ignore_result=True)
def deliver_mail_task(*, mail_id: int) -> str:
    """Deliver one outbox row; a failed attempt stays queued for the periodic flush to retry."""
    return services.deliver(mail_id)


@shared_task(name="notifications.deliver_mails", acks_late=True, ignore_result=True)
def deliver_mails_task(*, mail_ids: list[int]) -> int:
    """Deliver a batch of outbox rows queued together (the reminder sweep); each is claimed and
    sent on its own, exactly as ``deliver_mail`` does. Returns how many were sent."""
    return sum(1 for mail_id in mail_ids if services.deliver(mail_id) == "sent")


@shared_task(name="notifications.flush_outbox", ignore_result=True)
def flush_outbox_task() -> int:
    sent = services.flush_outbox()
    log.info("outbox flush sent %s mails", sent)
    return sent
