"""Export a person's data, erase a person, purge a cohort's personal data after the retention period."""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Replace
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts import access, scopes
from cohorts.activity import record
from cohorts.models import Activity, Application, Cohort, CohortRole, Invitation, Membership
from omdomme.accounts.models import User
from omdomme.core import fragments
from omdomme.notifications.models import OutboxMail

from .app_data import COHORT_PURGERS, ERASERS, EXPORTERS

log = logging.getLogger(__name__)
ERASED_DOMAIN = "anonymised.invalid"


class PrivacyError(ValidationError):
    """An erasure or purge that must not happen."""


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def placeholder_for(user: User) -> str:
    return f"Anonymised person {user.pk}"


def erased_email(user: User) -> str:
    return f"person-{user.pk}@{ERASED_DOMAIN}"


def is_erased(user: User) -> bool:
    return user.email.endswith("@" + ERASED_DOMAIN)


# --- Export ----------------------------------------------------------------------------------


def export_user_data(user: User) -> dict[str, Any]:
    """Everything held about ``user``, as JSON-able data: our own tables plus every app's section."""
    email = user.email
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "profile": {
            "email": user.email,
            "full_name": user.full_name,
            "phone": user.phone,
            "language": user.language,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "is_staff": user.is_staff,
            "is_advisor": user.is_advisor,
            "is_evaluator": user.is_evaluator,
            "reminders_opt_out": user.reminders_opt_out,
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in EmailAddress.objects.filter(user=user)
            ],
        },
        "memberships": [
            {
                "organisation": m.organisation.name,
                "role": m.role,
                "title": m.title,
                "active": m.is_active,
                "since": _iso(m.created_at),
            }
            for m in Membership.objects.filter(user=user).select_related("organisation")
        ],
        "enrolment_teams": [
            {"cohort": e.cohort.name, "year": e.cohort.year, "organisation": e.organisation.name, "status": e.status}
            for e in user.enrolment_teams.select_related("cohort", "organisation")
        ],
        "cohort_roles": [
            {"cohort": r.cohort.name, "role": r.role}
            for r in CohortRole.objects.filter(user=user).select_related("cohort")
        ],
        "invitations": [
            {
                "organisation": i.organisation.name,
                "cohort": i.cohort.name if i.cohort else None,
                "email": i.email,
                "full_name": i.full_name,
                "created_at": _iso(i.created_at),
                "accepted_at": _iso(i.accepted_at),
                "revoked_at": _iso(i.revoked_at),
            }
            for i in Invitation.objects.filter(Q(email__iexact=email) | Q(accepted_by=user)).select_related(
                "organisation", "cohort"
            )
        ],
        "applications": [
            {
                "cohort": a.cohort.name,
                "organisation": a.organisation_name,
                "contact_name": a.contact_name,
                "contact_email": a.contact_email,
                "contact_phone": a.contact_phone,
                "motivation": a.motivation,
                "status": a.status,
                "created_at": _iso(a.created_at),
            }
            for a in Application.objects.filter(contact_email__iexact=email).select_related("cohort")
        ],
        "activity": [
            {"time": _iso(a.created_at), "action": a.verb, "description": a.description}
            for a in Activity.objects.filter(actor=user).order_by("created_at")
        ],
        "emails_to_you": [
            {
                "created_at": _iso(m.created_at),
                "sent_at": _iso(m.sent_at),
                "kind": m.kind,
                "subject": m.subject,
                "recipients": m.recipients,
                "status": m.status,
                "text": m.body_text,
            }
            for m in OutboxMail.objects.filter(Q(recipient_user=user) | Q(recipients__icontains=email)).order_by(
                "created_at"
            )
        ],
    }
    for section, exporter in sorted(EXPORTERS.items()):
        data[section] = exporter(user)
    return data


# --- Erasure ---------------------------------------------------------------------------------


def _replace_in(queryset, fields: list[str], old: str, new: str) -> int:
    """Replace ``old`` by ``new`` inside text fields, in the database (case-sensitive, as stored)."""
    if not old or len(old) < 3:
        return 0
    touched = 0
    for name in fields:
        touched += queryset.filter(**{f"{name}__contains": old}).update(**{name: Replace(name, Value(old), Value(new))})
    return touched


def _scrub_text(user: User, placeholder: str, new_email: str) -> None:
    """Name, email and phone out of the log and the outbox (descriptions, subjects, bodies)."""
    for old, new in ((user.email, new_email), (user.full_name, placeholder), (user.phone, "")):
        _replace_in(Activity.objects.all(), ["description", "actor_name"], old, new)
        _replace_in(OutboxMail.objects.all(), ["subject", "body_text", "body_html"], old, new)


@transaction.atomic
def erase_person(user: User, *, actor: User | None) -> User:
    """Anonymise a person everywhere and deactivate the account; what the organisation owns stays.
    Course staff erase on request; ``actor=None`` is the system (the retention purge).

    The apps' erasers run first (they may still read the person's name and email).
    """
    if actor is not None:
        access.require_staff(actor)
    user = User.objects.select_for_update().get(pk=user.pk)
    if actor is not None and actor.pk == user.pk:
        raise PrivacyError(_("You cannot erase your own account."))
    if is_erased(user):
        raise PrivacyError(_("This person has already been erased."))
    placeholder, new_email = placeholder_for(user), erased_email(user)
    for eraser in ERASERS:
        eraser(user, placeholder)

    old_email = user.email
    Activity.objects.filter(actor=user).update(actor_name=placeholder)
    _scrub_text(user, placeholder, new_email)
    for mail in OutboxMail.objects.filter(Q(recipient_user=user) | Q(recipients__icontains=old_email)):
        mail.recipients = [new_email if r.lower() == old_email.lower() else r for r in mail.recipients]
        mail.save(update_fields=["recipients"])
    Invitation.objects.filter(email__iexact=old_email).update(email=new_email, full_name=placeholder)
    Application.objects.filter(contact_email__iexact=old_email).update(
        contact_email=new_email,
        contact_name=placeholder,
        contact_phone="",
    )
    EmailAddress.objects.filter(user=user).delete()
    memberships = Membership.objects.filter(user=user)
    fragments.bump(("user", user.pk), *scopes.orgs(*memberships.values_list("organisation_id", flat=True)))
    memberships.update(is_active=False, title="")  # no signals: bumped above, after the commit

    user.email, user.full_name, user.phone = new_email, placeholder, ""
    user.is_active = False
    user.is_staff = user.is_superuser = user.is_advisor = user.is_evaluator = False
    user.calendar_token = ""
    user.set_unusable_password()  # also invalidates every session (the session hash changes)
    user.save()
    record(actor, "privacy.erased", _("Erased the personal data of user #%(id)s") % {"id": user.pk}, target=user)
    return user


# --- Retention -------------------------------------------------------------------------------


def retention_cutoff(today: date | None = None) -> date:
    """Cohorts that ended on or before this date have passed the retention period."""
    today = today or timezone.localdate()
    months = settings.PERSONAL_DATA_RETENTION_MONTHS
    years, month_index = divmod(today.month - 1 - months, 12)
    year, month = today.year + years, month_index + 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def expired_cohorts(today: date | None = None):
    return Cohort.objects.filter(ends_on__isnull=False, ends_on__lte=retention_cutoff(today))


@dataclass
class PurgeReport:
    cohorts: list[int] = field(default_factory=list)
    people: list[int] = field(default_factory=list)


def _people_only_in(cohort_ids: set[int]) -> list[User]:
    """Participants whose every cohort has expired, who hold no role and are not erased yet."""
    candidates = (
        User.objects.filter(
            Q(enrolment_teams__cohort__in=cohort_ids) | Q(memberships__organisation__enrolments__cohort__in=cohort_ids),
            is_staff=False,
            is_advisor=False,
            is_evaluator=False,
        )
        .exclude(email__endswith="@" + ERASED_DOMAIN)
        .distinct()
    )
    people = []
    for user in candidates:
        connected = set(user.enrolment_teams.values_list("cohort_id", flat=True))
        connected |= set(
            Cohort.objects.filter(enrolments__organisation__memberships__user=user).values_list("pk", flat=True)
        )
        if connected and connected <= cohort_ids:
            people.append(user)
    return people


@transaction.atomic
def purge_cohort(cohort: Cohort) -> None:
    """Anonymise the personal data attached to one expired cohort (the organisation's work stays)."""
    for purger in COHORT_PURGERS:
        purger(cohort)
    for invitation in Invitation.objects.filter(cohort=cohort).exclude(email__endswith="@" + ERASED_DOMAIN):
        invitation.email, invitation.full_name = f"invitation-{invitation.pk}@{ERASED_DOMAIN}", ""
        invitation.save(update_fields=["email", "full_name"])
    for application in Application.objects.filter(cohort=cohort).exclude(contact_email__endswith="@" + ERASED_DOMAIN):
        application.contact_email = f"application-{application.pk}@{ERASED_DOMAIN}"
        application.contact_name, application.contact_phone = "", ""
        application.save(update_fields=["contact_email", "contact_name", "contact_phone"])
    OutboxMail.objects.filter(cohort_id=cohort.pk).exclude(recipients=[]).update(
        recipients=[],
        recipient_user=None,
        body_text="",
        body_html="",
    )
    Activity.objects.filter(cohort=cohort).exclude(actor=None, actor_name="").update(actor=None, actor_name="")


def purge_expired(today: date | None = None, *, dry_run: bool = False) -> PurgeReport:
    """Purge every cohort past retention, then erase the people who were only in such cohorts."""
    report = PurgeReport()
    cohorts = list(expired_cohorts(today))
    report.cohorts = [c.pk for c in cohorts]
    people = _people_only_in(set(report.cohorts)) if cohorts else []
    report.people = [u.pk for u in people]
    if dry_run:
        return report
    for cohort in cohorts:
        purge_cohort(cohort)
    for user in people:
        erase_person(user, actor=None)
    if cohorts:
        log.info("purged personal data of %s cohorts and %s people", len(cohorts), len(people))
    return report
