"""Reminder rules and the sweep that runs them.

A rule is a function ``rule(now) -> Iterable[Candidate]``: every reminder that is due at ``now``.
The sweep turns candidates into outbox rows. Each candidate has a key of (rule, object, recipient,
occasion); the outbox's unique ``dedupe_key`` is the claim, so two sweeps at once, a redelivered task
or a rerun send nothing twice. The occasion is the moment the reminder is about (a due timestamp, a
slot's start): when a deadline is extended or a booking moved, the key changes and the right new
reminder goes out; the old key is never reused.

Rules read every app (this is top-level composition, see DESIGN.md) and are plain functions, so
the benchmark can time ``sweep()`` directly.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cohorts.models import Invitation
from omdomme.notifications.models import OutboxMail
from omdomme.notifications.services import queue_email

from .models import ReminderKind, ReminderText
from .texts import DEFAULT_INTROS

log = logging.getLogger(__name__)

INVITATION_AFTER = timedelta(days=7)

Rule = Callable[[datetime], Iterable["Candidate"]]
RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    RULES.append(fn)
    return fn


@dataclass
class Candidate:
    kind: ReminderKind
    template: str
    related: models.Model
    occasion: datetime | date | str
    to: list[str]
    language: str
    context: dict
    recipient_user: object | None = None
    cohort_id: int | None = None
    essential: bool = False
    attachments: list[dict] = field(default_factory=list)

    @property
    def dedupe_key(self) -> str:
        recipient = f"u{self.recipient_user.pk}" if self.recipient_user is not None else self.to[0].lower()
        occasion = self.occasion.isoformat() if isinstance(self.occasion, date | datetime) else self.occasion
        return f"rem:{self.kind}:{self.related._meta.label_lower}:{self.related.pk}:{recipient}:{occasion}"[:255]


def site_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _accept_url(invitation: Invitation) -> str:
    try:
        return site_url(invitation.get_accept_url())
    except NoReverseMatch:  # the accept page is not mounted: point at the login page instead
        return site_url(reverse("account_login"))


# --- Rules ---------------------------------------------------------------------------------------

@rule
def invitation_pending(now: datetime) -> Iterable[Candidate]:
    """An invitation neither accepted nor revoked, sent at least 7 days ago and still valid: one
    reminder per sending (a resent invitation starts a new week)."""
    invitations = (
        Invitation.objects.pending()
        .filter(expires_at__gt=now)
        .select_related("organisation", "cohort")
    )
    for invitation in invitations:
        sent = invitation.sent_at or invitation.created_at
        if sent > now - INVITATION_AFTER:
            continue
        yield Candidate(
            kind=ReminderKind.INVITATION_PENDING, template="reminder_invitation", related=invitation,
            occasion=sent, to=[invitation.email], language=invitation.language,
            cohort_id=invitation.cohort_id, essential=True,  # an invitation is always sent
            context={"invitation": invitation, "organisation": invitation.organisation,
                     "accept_url": _accept_url(invitation), "expires_at": invitation.expires_at},
        )


# --- The sweep -----------------------------------------------------------------------------------

def _intros(candidates: list[Candidate]) -> dict[tuple[int, str, str], str]:
    cohort_ids = {c.cohort_id for c in candidates if c.cohort_id}
    return {
        (text.cohort_id, text.kind, text.language): text.intro
        for text in ReminderText.objects.filter(cohort_id__in=cohort_ids)
    }


def intro_for(kind: str, cohort_id: int | None, language: str, overrides: dict | None = None) -> str:
    if overrides is None:
        overrides = _intros([Candidate(kind, "", None, "", [], language, {}, cohort_id=cohort_id)])
    custom = overrides.get((cohort_id, kind, language))
    if custom:
        return custom
    from django.utils import translation

    with translation.override(language):
        return str(DEFAULT_INTROS[kind])


def send(candidate: Candidate, overrides: dict) -> OutboxMail | None:
    context = {
        **candidate.context, "kind": candidate.kind, "optional": not candidate.essential,
        "intro": intro_for(candidate.kind, candidate.cohort_id, candidate.language, overrides),
        "recipient": candidate.recipient_user,
    }
    return queue_email(
        candidate.template, to=candidate.to, context=context, language=candidate.language,
        recipient_user=candidate.recipient_user, related=candidate.related, cohort_id=candidate.cohort_id,
        dedupe_key=candidate.dedupe_key, essential=candidate.essential, attachments=candidate.attachments,
    )


def sweep(now: datetime | None = None, rules: Iterable[Rule] | None = None) -> Counter:
    """Run every rule and queue what is due. Returns how many emails each kind queued."""
    now = now or timezone.now()
    queued: Counter = Counter()
    for rule_fn in rules or RULES:
        candidates = list(rule_fn(now))
        if not candidates:
            continue
        keys = [c.dedupe_key for c in candidates]
        done = set(OutboxMail.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True))
        overrides = _intros(candidates)
        for candidate in candidates:
            if candidate.dedupe_key in done:
                continue
            user = candidate.recipient_user
            if not candidate.essential and user is not None and user.reminders_opt_out:
                continue
            # queue_email inserts with the unique key: a concurrent sweep that got there first wins.
            if send(candidate, overrides) is not None:
                queued[candidate.kind] += 1
    log.info("reminder sweep at %s queued %s", now.isoformat(), dict(queued) or "nothing")
    return queued
