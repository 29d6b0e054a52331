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
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cohorts.models import Enrolment, EnrolmentStatus, Invitation, Membership
from evaluations.models import Participation, Survey
from homework.models import Assignment, Extension, Submission, SubmissionStatus
from omdomme.notifications.models import OutboxMail
from omdomme.notifications.services import build_email, queue_many, written_standard
from sessions import ics
from sessions.models import AdvisorySlot, Gathering, Registration, RegistrationStatus

from .models import ReminderKind, ReminderText
from .texts import DEFAULT_INTROS

log = logging.getLogger(__name__)

INVITATION_AFTER = timedelta(days=7)
# Each reminder has a window in which it is true ("due in 7 days" is not sent 3 days before): a
# sweep that runs at least once a window sends it; the key makes sure only once.
HOMEWORK_WINDOWS = {  # kind: (from, until) relative to the due time
    ReminderKind.HOMEWORK_DUE_7: (timedelta(days=-7), timedelta(days=-1)),  # "within a week"
    ReminderKind.HOMEWORK_DUE_1: (timedelta(days=-1), timedelta(0)),
    ReminderKind.HOMEWORK_OVERDUE: (timedelta(0), timedelta(days=3)),
}
REGISTRATION_BEFORE = timedelta(days=3)
GATHERING_DAYS_BEFORE = (7, 5)  # from 7 days before the first day until 5 days before
BOOKING_BEFORE = timedelta(hours=24)
SURVEY_BEFORE = timedelta(days=3)

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
    organisation: object | None = None
    cohort_id: int | None = None
    essential: bool = False
    attachments: list[dict] = field(default_factory=list)

    def __post_init__(self) -> None:
        # The person's language gives way to the organisation's written standard (språklova § 15),
        # so the intro text, the body and the outbox row agree.
        self.language = written_standard(self.organisation, self.language)

    @property
    def dedupe_key(self) -> str:
        recipient = f"u{self.recipient_user.pk}" if self.recipient_user is not None else self.to[0].lower()
        occasion = self.occasion.isoformat() if isinstance(self.occasion, date | datetime) else self.occasion
        return f"rem:{self.kind}:{self.related._meta.label_lower}:{self.related.pk}:{recipient}:{occasion}"[:255]


def site_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def object_url(obj) -> str:
    """The full URL of an object's page."""
    return site_url(obj.get_absolute_url())


def team_members(organisation_ids) -> dict[int, list]:
    """Active team members (active users) per organisation: the recipients of team reminders."""
    members: dict[int, list] = {}
    for membership in (
        Membership.objects.active()
        .filter(
            organisation_id__in=set(organisation_ids),
            user__is_active=True,
        )
        .select_related("user")
        .order_by("organisation_id", "user_id")
    ):
        members.setdefault(membership.organisation_id, []).append(membership.user)
    return members


def current_enrolments(cohort_ids) -> dict[int, list[Enrolment]]:
    enrolments: dict[int, list[Enrolment]] = {}
    for enrolment in (
        Enrolment.objects.filter(cohort_id__in=set(cohort_ids))
        .exclude(
            status__in=[EnrolmentStatus.WITHDRAWN, EnrolmentStatus.APPLIED, EnrolmentStatus.COMPLETED],
        )
        .select_related("organisation")
    ):
        enrolments.setdefault(enrolment.cohort_id, []).append(enrolment)
    return enrolments


def _accept_url(invitation: Invitation) -> str:
    return site_url(invitation.get_accept_url())


# --- Rules ---------------------------------------------------------------------------------------


@rule
def invitation_pending(now: datetime) -> Iterable[Candidate]:
    """An invitation neither accepted nor revoked, sent at least 7 days ago and still valid: one
    reminder per sending (a resent invitation starts a new week)."""
    invitations = Invitation.objects.pending().filter(expires_at__gt=now).select_related("organisation", "cohort")
    for invitation in invitations:
        sent = invitation.sent_at or invitation.created_at
        if sent > now - INVITATION_AFTER:
            continue
        yield Candidate(
            kind=ReminderKind.INVITATION_PENDING,
            template="reminder_invitation",
            related=invitation,
            occasion=sent,
            to=[invitation.email],
            language=invitation.language,
            organisation=invitation.organisation,
            cohort_id=invitation.cohort_id,
            essential=True,  # an invitation is always sent
            context={
                "invitation": invitation,
                "organisation": invitation.organisation,
                "accept_url": _accept_url(invitation),
                "expires_at": invitation.expires_at,
            },
        )


@rule
def homework_due(now: datetime) -> Iterable[Candidate]:
    """Homework due in 7 days, due tomorrow, and overdue: to each team member of every enrolled
    organisation that has not submitted. An extension's due time replaces the assignment's; the due
    time is the occasion, so an extended deadline gets its own reminders."""
    earliest, latest = now - HOMEWORK_WINDOWS[ReminderKind.HOMEWORK_OVERDUE][1], now + timedelta(days=7)
    extensions = {
        (e.assignment_id, e.organisation_id): e.due_at
        for e in Extension.objects.filter(due_at__gt=earliest, due_at__lte=latest)
    }
    extended_ids = {a for a, _o in extensions}
    assignments = list(
        Assignment.objects.published()
        .filter(models.Q(due_at__gt=earliest, due_at__lte=latest) | models.Q(pk__in=extended_ids))
        .select_related("cohort")
    )
    if not assignments:
        return
    # Extensions that moved a deadline out of the window must be known too.
    extensions.update(
        {(e.assignment_id, e.organisation_id): e.due_at for e in Extension.objects.filter(assignment__in=assignments)}
    )
    enrolments = current_enrolments(a.cohort_id for a in assignments)
    submitted = set(
        Submission.objects.filter(assignment__in=assignments)
        .exclude(status=SubmissionStatus.DRAFT)
        .values_list("assignment_id", "organisation_id")
    )
    members = team_members(e.organisation_id for es in enrolments.values() for e in es)
    for assignment in assignments:
        link = object_url(assignment)
        for enrolment in enrolments.get(assignment.cohort_id, []):
            org_id = enrolment.organisation_id
            if (assignment.pk, org_id) in submitted:
                continue
            due = extensions.get((assignment.pk, org_id), assignment.due_at)
            kind = next((k for k, (start, end) in HOMEWORK_WINDOWS.items() if due + start <= now < due + end), None)
            if kind is None:
                continue
            for user in members.get(org_id, []):
                yield Candidate(
                    kind=kind,
                    template="reminder_homework",
                    related=assignment,
                    occasion=due,
                    to=[user.email],
                    language=user.language,
                    recipient_user=user,
                    organisation=enrolment.organisation,
                    cohort_id=assignment.cohort_id,
                    context={
                        "assignment": {"title": assignment.title, "due_at": due},
                        "phase": kind.value,
                        "organisation": enrolment.organisation,
                        "link": link,
                    },
                )


@rule
def registration_deadline(now: datetime) -> Iterable[Candidate]:
    """Registration closes within 3 days and nobody from the organisation has registered."""
    gatherings = list(
        Gathering.objects.filter(
            is_published=True,
            registration_deadline__gt=now,
            registration_deadline__lte=now + REGISTRATION_BEFORE,
        )
    )
    if not gatherings:
        return
    registered = set(
        Registration.objects.filter(
            gathering__in=gatherings,
            organisation__isnull=False,
            status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING],
        ).values_list("gathering_id", "organisation_id")
    )
    enrolments = current_enrolments(g.cohort_id for g in gatherings)
    members = team_members(e.organisation_id for es in enrolments.values() for e in es)
    for gathering in gatherings:
        link = object_url(gathering)
        for enrolment in enrolments.get(gathering.cohort_id, []):
            if (gathering.pk, enrolment.organisation_id) in registered:
                continue
            for user in members.get(enrolment.organisation_id, []):
                yield Candidate(
                    kind=ReminderKind.REGISTRATION_DEADLINE,
                    template="reminder_registration",
                    related=gathering,
                    occasion=gathering.registration_deadline,
                    to=[user.email],
                    language=user.language,
                    recipient_user=user,
                    organisation=enrolment.organisation,
                    cohort_id=gathering.cohort_id,
                    context={"gathering": gathering, "organisation": enrolment.organisation, "link": link},
                )


def practical_information(gathering: Gathering) -> list[tuple[str, str]]:
    rows = [
        (_("Address"), ", ".join(p for p in (gathering.address, gathering.town) if p)),
        (_("Travel"), gathering.travel_info),
        (_("Accommodation"), gathering.accommodation_info),
        (_("Costs"), gathering.costs_info),
        (_("What to bring"), gathering.what_to_bring),
    ]
    return [(label, value) for label, value in rows if value]


@rule
def gathering_soon(now: datetime) -> Iterable[Candidate]:
    """A week before a gathering: practical information and the participant pack, to everyone
    registered (confirmed)."""
    today = timezone.localdate(now)
    first, last = GATHERING_DAYS_BEFORE
    gatherings = list(
        Gathering.objects.filter(
            is_published=True,
            starts_on__gt=today + timedelta(days=last),
            starts_on__lte=today + timedelta(days=first),
        ).select_related("cohort")
    )
    if not gatherings:
        return
    registrations = Registration.objects.filter(
        gathering__in=gatherings,
        status=RegistrationStatus.CONFIRMED,
        user__is_active=True,
    ).select_related("user", "organisation")
    by_gathering = {g.pk: g for g in gatherings}
    for registration in registrations:
        gathering = by_gathering[registration.gathering_id]
        user = registration.user
        with translation.override(written_standard(registration.organisation, user.language)):
            practical = practical_information(gathering)
        yield Candidate(
            kind=ReminderKind.GATHERING_SOON,
            template="reminder_gathering",
            related=gathering,
            occasion=gathering.starts_on,
            to=[user.email],
            language=user.language,
            recipient_user=user,
            organisation=registration.organisation,
            cohort_id=gathering.cohort_id,
            context={
                "gathering": gathering,
                "organisation": registration.organisation,
                "practical": practical,
                "link": object_url(gathering),
                "pack_url": pack_url(gathering, registration.organisation),
            },
        )


def pack_url(gathering: Gathering, organisation) -> str:
    """The organisation's own participant pack (its download page renders it if needed)."""
    if organisation is None:
        return object_url(gathering)
    return site_url(reverse("packs:pack_mine", args=[gathering.pk, organisation.pk]))


def slot_ics(slot: AdvisorySlot, language: str) -> str:
    """The same event as in the calendar feed (same UID), written in the recipient's language."""
    with translation.override(language):
        return ics.calendar(_("Speed advisory"), [ics.slot_event(slot)]).decode("utf-8")


@rule
def booking_soon(now: datetime) -> Iterable[Candidate]:
    """A booked speed-advisory slot starts within 24 hours: each team member of the organisation gets
    a reminder with an .ics. The start time is the occasion: a moved booking is reminded anew."""
    slots = list(
        AdvisorySlot.objects.booked()
        .filter(
            starts_at__gt=now,
            starts_at__lte=now + BOOKING_BEFORE,
        )
        .select_related("advisor", "organisation", "gathering")
    )
    members = team_members(s.organisation_id for s in slots)
    for slot in slots:
        for user in members.get(slot.organisation_id, []):
            attachment = {
                "filename": "speedradgivning.ics",
                "content": slot_ics(slot, user.language),
                "mimetype": "text/calendar",
            }
            yield Candidate(
                kind=ReminderKind.BOOKING_SOON,
                template="reminder_booking",
                related=slot,
                occasion=slot.starts_at,
                to=[user.email],
                language=user.language,
                recipient_user=user,
                organisation=slot.organisation,
                cohort_id=slot.cohort_id,
                attachments=[attachment],
                context={
                    "slot": {
                        "starts_at": slot.starts_at,
                        "ends_at": slot.ends_at,
                        "room": slot.room or slot.place,
                        "advisor": str(slot.advisor),
                    },
                    "organisation": slot.organisation,
                    "link": object_url(slot.gathering or slot.organisation),
                },
            )


@rule
def survey_closing(now: datetime) -> Iterable[Candidate]:
    """An open survey closes within 3 days: to every team member of the cohort's organisations who
    has not submitted an answer."""
    surveys = list(Survey.objects.filter(opens_at__lte=now, closes_at__gt=now, closes_at__lte=now + SURVEY_BEFORE))
    if not surveys:
        return
    answered = set(Participation.objects.filter(survey__in=surveys, submitted=True).values_list("survey_id", "user_id"))
    enrolments = current_enrolments(s.cohort_id for s in surveys)
    members = team_members(e.organisation_id for es in enrolments.values() for e in es)
    for survey in surveys:
        link = object_url(survey)
        for enrolment in enrolments.get(survey.cohort_id, []):
            for user in members.get(enrolment.organisation_id, []):
                if (survey.pk, user.pk) in answered:
                    continue
                yield Candidate(
                    kind=ReminderKind.SURVEY_CLOSING,
                    template="reminder_survey",
                    related=survey,
                    occasion=survey.closes_at,
                    to=[user.email],
                    language=user.language,
                    recipient_user=user,
                    organisation=enrolment.organisation,
                    cohort_id=survey.cohort_id,
                    context={"survey": survey, "organisation": enrolment.organisation, "link": link},
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
    with translation.override(language):
        return str(DEFAULT_INTROS[kind])


def build(candidate: Candidate, overrides: dict) -> OutboxMail | None:
    """The candidate's email, rendered in the recipient's language (not saved yet)."""
    context = {
        **candidate.context,
        "kind": candidate.kind,
        "optional": not candidate.essential,
        "intro": intro_for(candidate.kind, candidate.cohort_id, candidate.language, overrides),
        "recipient": candidate.recipient_user,
    }
    return build_email(
        candidate.template,
        to=candidate.to,
        context=context,
        language=candidate.language,
        recipient_user=candidate.recipient_user,
        organisation=candidate.organisation,
        related=candidate.related,
        cohort_id=candidate.cohort_id,
        dedupe_key=candidate.dedupe_key,
        essential=candidate.essential,
        attachments=candidate.attachments,
    )


def sweep(now: datetime | None = None, rules: Iterable[Rule] | None = None) -> Counter:
    """Run every rule and queue what is due. Returns how many emails each kind queued.

    Per rule: one query for the keys already used, the emails rendered, one INSERT for all of them
    (the unique ``dedupe_key`` skips any a concurrent sweep queued first) and one delivery task."""
    now = now or timezone.now()
    queued: Counter = Counter()
    for rule_fn in rules or RULES:
        candidates = list(rule_fn(now))
        if not candidates:
            continue
        keys = [c.dedupe_key for c in candidates]
        done = set(OutboxMail.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True))
        overrides = _intros(candidates)
        mails, kinds = [], {}
        for candidate in candidates:
            key = candidate.dedupe_key
            if key in done or key in kinds:
                continue
            user = candidate.recipient_user
            if not candidate.essential and user is not None and user.reminders_opt_out:
                continue
            mail = build(candidate, overrides)
            if mail is not None:
                mails.append(mail)
                kinds[key] = candidate.kind
        for key in queue_many(mails):
            queued[kinds[key]] += 1
    log.info("reminder sweep at %s queued %s", now.isoformat(), dict(queued) or "nothing")
    return queued
