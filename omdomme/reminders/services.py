"""Staff messages to organisations and per-cohort reminder texts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cohorts import access
from cohorts.activity import record
from cohorts.models import Cohort, Enrolment, EnrolmentStatus, Membership, MembershipRole, Organisation
from omdomme.notifications.models import OutboxMail
from omdomme.notifications.services import queue_email, render_email, written_standard

from .models import ReminderKind, ReminderText


class MessageError(ValidationError):
    pass


@dataclass
class TeamMessage:
    """One email to one organisation's team: every active contact and team member."""

    enrolment: Enrolment
    recipients: list[str]
    language: str

    @property
    def organisation(self) -> Organisation:
        return self.enrolment.organisation


def organisation_language(organisation: Organisation, memberships: Iterable[Membership]) -> str:
    """The language of a mail to a whole team: the organisation's written standard; for a neutral
    organisation its contact person's language (the first one), else a member's, else nb."""
    ordered = sorted(memberships, key=lambda m: (m.role != MembershipRole.CONTACT, m.created_at))
    return written_standard(organisation, ordered[0].user.language if ordered else "nb")


def team_messages(cohort: Cohort, organisations: Iterable[Organisation] | None = None) -> list[TeamMessage]:
    """The emails a message to ``organisations`` (or the whole cohort) becomes: one per team."""
    enrolments = (
        cohort.enrolments.exclude(status=EnrolmentStatus.WITHDRAWN)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    if organisations is not None:
        enrolments = enrolments.filter(organisation__in=list(organisations))
    enrolments = list(enrolments)
    memberships: dict[int, list[Membership]] = {}
    for membership in (
        Membership.objects.active()
        .filter(
            organisation__in=[e.organisation_id for e in enrolments],
            user__is_active=True,
        )
        .select_related("user")
    ):
        memberships.setdefault(membership.organisation_id, []).append(membership)
    messages = []
    for enrolment in enrolments:
        members = memberships.get(enrolment.organisation_id, [])
        recipients = sorted({m.user.email.lower() for m in members})
        messages.append(TeamMessage(enrolment, recipients, organisation_language(enrolment.organisation, members)))
    return messages


def message_context(subject: str, body: str, organisation: Organisation | None, sender) -> dict:
    return {
        "subject": subject,
        "body": body,
        "organisation": organisation,
        "sender": sender.get_full_name() if sender is not None else "",
    }


def preview_message(cohort: Cohort, organisations, subject: str, body: str, sender) -> tuple[list[TeamMessage], dict]:
    """What sending would do, without sending: the team emails and the first one rendered."""
    teams = team_messages(cohort, organisations)
    first = next((t for t in teams if t.recipients), None)
    rendered = {}
    if first is not None:
        rendered_subject, text, _html = render_email(
            "message", message_context(subject, body, first.organisation, sender), first.language
        )
        rendered = {"subject": rendered_subject, "text": text, "team": first}
    return teams, rendered


def send_message(
    cohort: Cohort, organisations, subject: str, body: str, *, actor, nynorsk: tuple[str, str] | None = None
) -> list[OutboxMail]:
    """Course staff queue one email per organisation team (all its contacts as recipients), in its
    language, signed by ``actor``. A team written to in Nynorsk gets the ``nynorsk`` (subject, body)
    version when there is one."""
    access.require_staff(actor)
    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise MessageError(_("A message needs a subject and a text."))
    with transaction.atomic():
        teams = [t for t in team_messages(cohort, organisations) if t.recipients]
        if not teams:
            raise MessageError(_("None of the chosen organisations has anyone to write to."))
        mails = []
        for team in teams:
            own_subject, own_body = nynorsk if (nynorsk and team.language == "nn") else (subject, body)
            mail = queue_email(
                "message",
                to=team.recipients,
                context=message_context(own_subject, own_body, team.organisation, actor),
                language=team.language,
                organisation=team.organisation,
                related=team.enrolment,
                cohort_id=cohort.pk,
                essential=True,
                created_by=actor,
            )
            mails.append(mail)
        record(
            actor,
            "message.sent",
            _("Wrote “%(subject)s” to %(count)s organisation(s)") % {"subject": subject, "count": len(mails)},
            cohort=cohort,
        )
    return mails


def save_reminder_text(cohort: Cohort, kind: str, language: str, intro: str, *, actor) -> ReminderText | None:
    """Course staff set (or, with an empty text, remove) a cohort's own opening text for a reminder kind."""
    access.require_staff(actor)
    if kind not in ReminderKind.values:
        raise MessageError(_("Unknown reminder."))
    with transaction.atomic():
        intro = intro.strip()
        if not intro:
            ReminderText.objects.filter(cohort=cohort, kind=kind, language=language).delete()
            record(actor, "reminder_text.reset", _("Restored the standard text of a reminder"), cohort=cohort)
            return None
        text, _created = ReminderText.objects.update_or_create(
            cohort=cohort, kind=kind, language=language, defaults={"intro": intro, "updated_by": actor}
        )
        record(actor, "reminder_text.saved", _("Changed the text of a reminder"), target=text, cohort=cohort)
    return text
