"""Operations on cohorts, organisations, enrolments, invitations and applications.

Each function guards one invariant inside a transaction, writes the activity log and raises a
``CohortsError`` (a ``ValidationError``) with a translated message when the operation is refused.
Views, the importer, ``seed_demo`` and tests all call these.

The acting user is the keyword-only ``actor``, checked through ``cohorts.access`` (a refusal is
``PermissionDenied``). Where a function says so, ``actor=None`` means the system itself (an import,
a seed), which is allowed and logged without a name.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from omdomme.accounts.models import User
from omdomme.notifications.services import queue_email, written_standard

from . import access
from .activity import record
from .models import (
    Application,
    ApplicationStatus,
    Cohort,
    CohortRole,
    Enrolment,
    EnrolmentStatus,
    Invitation,
    LanguageForm,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
)


class CohortsError(ValidationError):
    """A refused operation, with a message meant for the person who tried it."""


class InvitationInvalid(CohortsError):
    """The invitation link cannot be used: ``reason`` is ``accepted``, ``expired`` or ``revoked``."""

    def __init__(self, message: str, reason: str):
        super().__init__(message, code=reason)
        self.reason = reason


class DuplicateNumber(CohortsError):
    pass


def _require_staff_or_system(actor: User | None) -> None:
    """Course staff, or the system itself (``actor=None``)."""
    if actor is not None:
        access.require_staff(actor)


def _require_contact(actor: User | None, organisation) -> None:
    """Course staff or a contact person of the organisation (or the system, ``actor=None``)."""
    if actor is not None and not (access.is_staff(actor) or access.is_contact_person(actor, organisation)):
        raise PermissionDenied


def duplicate_number_message(number: str) -> str:
    other = Organisation.objects.filter(municipality_number=number).first()
    if other is None:
        return _("Another organisation already has municipality number %(number)s.") % {"number": number}
    return _("Municipality number %(number)s is already registered for %(name)s.") % {
        "number": number,
        "name": other.name,
    }


# --- Organisations ----------------------------------------------------------------------------


def save_organisation(organisation: Organisation, *, actor: User | None) -> Organisation:
    """Create or update an organisation (staff, or the system: ``actor=None``). A duplicate
    municipality number (also from a race with another writer) is a ``DuplicateNumber`` error, never a 500."""
    _require_staff_or_system(actor)
    created = organisation.pk is None
    if not organisation.municipality_number:
        organisation.municipality_number = None
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as exc:
        if organisation.municipality_number and "organisation_unique_number" in str(exc):
            if created:
                organisation.pk = None
            raise DuplicateNumber(
                duplicate_number_message(organisation.municipality_number), code="duplicate_number"
            ) from exc
        raise
    record(
        actor,
        "organisation.created" if created else "organisation.updated",
        (_("Created organisation %(name)s") if created else _("Updated organisation %(name)s"))
        % {"name": organisation.name},
        target=organisation,
        organisation=organisation,
    )
    return organisation


@transaction.atomic
def set_language_form(organisation: Organisation, language_form: str, *, actor: User | None) -> Organisation:
    """Record the organisation's language decision (staff or its contact persons may; an import runs
    as the system, ``actor=None``)."""
    _require_contact(actor, organisation)
    if language_form not in LanguageForm.values:
        raise CohortsError(_("Choose Bokmål, Nynorsk or neutral."), code="language_form")
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.language_form == language_form:
        return organisation
    organisation.language_form = language_form
    organisation.save(update_fields=["language_form"])
    record(
        actor,
        "organisation.language_form",
        _("Set the written standard of %(name)s to %(form)s")
        % {"name": organisation.name, "form": LanguageForm(language_form).label},
        target=organisation,
        organisation=organisation,
    )
    return organisation


# --- Cohorts ----------------------------------------------------------------------------------


@transaction.atomic
def save_cohort(cohort: Cohort, *, actor: User, contacts: Iterable[User] | None = None) -> Cohort:
    access.require_staff(actor)
    created = cohort.pk is None
    cohort.save()
    if contacts is not None:
        cohort.contacts.set(contacts)
    record(
        actor,
        "cohort.created" if created else "cohort.updated",
        (_("Created cohort %(name)s") if created else _("Updated cohort %(name)s")) % {"name": cohort.name},
        target=cohort,
        cohort=cohort,
    )
    return cohort


@transaction.atomic
def copy_cohort_setup(source: Cohort, target: Cohort, *, actor: User) -> Cohort:
    """Copy description, fee, staff contacts and advisor/evaluator assignments from an earlier
    cohort. Gatherings and homework are not copied."""
    access.require_staff(actor)
    if source.pk == target.pk:
        raise CohortsError(_("Choose a different cohort to copy from."), code="same_cohort")
    target = Cohort.objects.select_for_update().get(pk=target.pk)
    target.description = source.description
    target.fee = source.fee
    target.booking_cancel_hours = source.booking_cancel_hours
    target.evaluators_see_homework = source.evaluators_see_homework
    target.save()
    target.contacts.add(*source.contacts.all())
    for role in source.roles.all():
        CohortRole.objects.get_or_create(cohort=target, user_id=role.user_id, role=role.role)
    record(
        actor,
        "cohort.copied",
        _("Copied the set-up of %(source)s to %(target)s") % {"source": source.name, "target": target.name},
        target=target,
        cohort=target,
    )
    return target


@transaction.atomic
def assign_role(cohort: Cohort, user: User, role: str, *, actor: User) -> CohortRole:
    access.require_staff(actor)
    if CohortRole.objects.filter(cohort=cohort, user=user, role=role).exists():
        raise CohortsError(
            _("%(person)s already has this role in the cohort.") % {"person": user}, code="already_assigned"
        )
    assignment = CohortRole.objects.create(cohort=cohort, user=user, role=role)
    record(
        actor,
        "cohort.role_assigned",
        _("Assigned %(person)s as %(role)s") % {"person": user, "role": assignment.get_role_display().lower()},
        target=assignment,
        cohort=cohort,
    )
    return assignment


@transaction.atomic
def unassign_role(assignment: CohortRole, *, actor: User) -> None:
    access.require_staff(actor)
    cohort = assignment.cohort
    record(
        actor,
        "cohort.role_removed",
        _("Removed %(person)s as %(role)s")
        % {"person": assignment.user, "role": assignment.get_role_display().lower()},
        cohort=cohort,
    )
    assignment.delete()


# --- Enrolments -------------------------------------------------------------------------------


@transaction.atomic
def enrol(
    cohort: Cohort, organisation: Organisation, *, actor: User | None, status: str = EnrolmentStatus.ACTIVE
) -> Enrolment:
    """Enrol an organisation in a cohort (staff, or the system: ``actor=None``). A withdrawn
    enrolment is taken up again."""
    _require_staff_or_system(actor)
    Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
    existing = Enrolment.objects.select_for_update().filter(cohort=cohort, organisation=organisation).first()
    if existing is not None:
        if existing.status != EnrolmentStatus.WITHDRAWN:
            raise CohortsError(
                _("%(org)s is already enrolled in %(cohort)s.") % {"org": organisation.name, "cohort": cohort.name},
                code="already_enrolled",
            )
        existing.status, existing.withdrawn_at = status, None
        existing.save(update_fields=["status", "withdrawn_at"])
        enrolment = existing
    else:
        enrolment = Enrolment.objects.create(cohort=cohort, organisation=organisation, status=status)
    if not enrolment.team.exists():
        # The organisation's contact persons are on a new team from the start; staff adjust it later.
        enrolment.team.add(
            *Membership.objects.active()
            .filter(organisation=organisation, role=MembershipRole.CONTACT)
            .values_list("user_id", flat=True)
        )
    record(
        actor,
        "enrolment.created",
        _("Enrolled %(org)s in %(cohort)s") % {"org": organisation.name, "cohort": cohort.name},
        target=enrolment,
        cohort=cohort,
        organisation=organisation,
    )
    return enrolment


@transaction.atomic
def withdraw(enrolment: Enrolment, *, actor: User) -> Enrolment:
    access.require_staff(actor)
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",)).select_related("cohort", "organisation").get(pk=enrolment.pk)
    )
    if enrolment.status == EnrolmentStatus.WITHDRAWN:
        raise CohortsError(_("This organisation has already withdrawn."), code="already_withdrawn")
    enrolment.status, enrolment.withdrawn_at = EnrolmentStatus.WITHDRAWN, timezone.now()
    enrolment.save(update_fields=["status", "withdrawn_at"])
    record(
        actor,
        "enrolment.withdrawn",
        _("Withdrew %(org)s from %(cohort)s") % {"org": enrolment.organisation.name, "cohort": enrolment.cohort.name},
        target=enrolment,
        cohort=enrolment.cohort,
        organisation=enrolment.organisation,
    )
    return enrolment


@transaction.atomic
def set_team(enrolment: Enrolment, users: Iterable[User], *, actor: User) -> Enrolment:
    """The team is picked from the organisation's active members."""
    access.require_staff(actor)
    users = list(users)
    allowed = set(
        Membership.objects.active().filter(organisation=enrolment.organisation).values_list("user_id", flat=True)
    )
    outside = [u for u in users if u.pk not in allowed]
    if outside:
        raise CohortsError(
            _("%(person)s is not a member of %(org)s.") % {"person": outside[0], "org": enrolment.organisation.name},
            code="not_member",
        )
    enrolment.team.set(users)
    record(
        actor,
        "enrolment.team",
        _("Updated the team of %(org)s in %(cohort)s")
        % {"org": enrolment.organisation.name, "cohort": enrolment.cohort.name},
        target=enrolment,
        cohort=enrolment.cohort,
        organisation=enrolment.organisation,
    )
    return enrolment


@transaction.atomic
def update_goals(enrolment: Enrolment, goals: str, *, actor: User) -> Enrolment:
    """Staff or the organisation's own members write its goals for the programme."""
    if not (access.is_staff(actor) or access.is_team_member(actor, enrolment.organisation_id)):
        raise PermissionDenied
    enrolment.goals = goals.strip()
    enrolment.save(update_fields=["goals"])
    record(
        actor,
        "enrolment.goals",
        _("Updated the goals of %(org)s in %(cohort)s")
        % {"org": enrolment.organisation.name, "cohort": enrolment.cohort.name},
        target=enrolment,
        cohort=enrolment.cohort,
        organisation=enrolment.organisation,
    )
    return enrolment


# --- Invitations ------------------------------------------------------------------------------


def _send_invitation(invitation: Invitation) -> None:
    queue_email(
        "invitation",
        to=[invitation.email],
        language=invitation.language,
        organisation=invitation.organisation,
        context={
            "invitation": invitation,
            "organisation_name": invitation.organisation.name,
            "cohort_name": invitation.cohort.name if invitation.cohort else "",
            "inviter": str(invitation.invited_by or ""),
            "accept_url": settings.SITE_URL + invitation.get_accept_url(),
            "expires_at": invitation.expires_at,
        },
        related=invitation,
        cohort_id=invitation.cohort_id,
        essential=True,
        dedupe_key=f"invitation:{invitation.token}",
    )
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at"])


@transaction.atomic
def invite(
    organisation: Organisation,
    email: str,
    *,
    actor: User | None,
    full_name: str = "",
    role: str = MembershipRole.MEMBER,
    language: str = "nb",
    cohort: Cohort | None = None,
) -> Invitation:
    """Invite a person by email to an organisation's team (and, with ``cohort``, to that enrolment's team).

    An organisation that decided on a written standard gets the invitation in it, and the new member
    starts with it as interface language (they may change it later).

    Staff invite anyone; a contact person invites team members (not contact persons) to their own
    organisation; ``actor=None`` is the system (an import)."""
    _require_contact(actor, organisation)
    if actor is not None and role == MembershipRole.CONTACT and not access.is_staff(actor):
        raise PermissionDenied
    email = email.strip().lower()
    language = written_standard(organisation, language)
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    if Membership.objects.active().filter(organisation=organisation, user__email__iexact=email).exists():
        raise CohortsError(
            _("%(email)s is already a member of %(org)s.") % {"email": email, "org": organisation.name},
            code="already_member",
        )
    if Invitation.objects.pending().filter(organisation=organisation, email__iexact=email).exists():
        raise CohortsError(
            _("%(email)s has already been invited to %(org)s. Resend the invitation instead.")
            % {"email": email, "org": organisation.name},
            code="already_invited",
        )
    if cohort is not None and not Enrolment.objects.filter(cohort=cohort, organisation=organisation).exists():
        raise CohortsError(
            _("%(org)s is not enrolled in %(cohort)s.") % {"org": organisation.name, "cohort": cohort.name},
            code="not_enrolled",
        )
    invitation = Invitation.objects.create(
        organisation=organisation,
        cohort=cohort,
        email=email,
        full_name=full_name.strip(),
        role=role,
        language=language,
        invited_by=actor if actor is not None and actor.is_authenticated else None,
    )
    _send_invitation(invitation)
    record(
        actor,
        "invitation.sent",
        _("Invited %(email)s to %(org)s") % {"email": email, "org": organisation.name},
        target=invitation,
        cohort=cohort,
        organisation=organisation,
    )
    return invitation


def _locked_pending(invitation: Invitation) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("organisation", "cohort")
        .get(pk=invitation.pk)
    )
    if not invitation.is_pending:
        raise CohortsError(_("This invitation is no longer pending."), code="not_pending")
    return invitation


@transaction.atomic
def resend_invitation(invitation: Invitation, *, actor: User) -> Invitation:
    """A new token and a new expiry: the old link stops working. Staff or the organisation's contacts."""
    if actor is None:
        raise PermissionDenied
    _require_contact(actor, invitation.organisation_id)
    invitation = _locked_pending(invitation)
    invitation.token = Invitation._meta.get_field("token").default()
    invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
    invitation.save(update_fields=["token", "expires_at"])
    _send_invitation(invitation)
    record(
        actor,
        "invitation.resent",
        _("Sent the invitation to %(email)s again") % {"email": invitation.email},
        target=invitation,
        cohort=invitation.cohort,
        organisation=invitation.organisation,
    )
    return invitation


@transaction.atomic
def revoke_invitation(invitation: Invitation, *, actor: User) -> Invitation:
    """Staff or the organisation's contacts withdraw a pending invitation."""
    if actor is None:
        raise PermissionDenied
    _require_contact(actor, invitation.organisation_id)
    invitation = _locked_pending(invitation)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    record(
        actor,
        "invitation.revoked",
        _("Revoked the invitation to %(email)s") % {"email": invitation.email},
        target=invitation,
        cohort=invitation.cohort,
        organisation=invitation.organisation,
    )
    return invitation


def check_invitation(invitation: Invitation) -> None:
    """Raise ``InvitationInvalid`` with a clear message if the link cannot be used."""
    if invitation.accepted_at is not None:
        raise InvitationInvalid(
            _("This invitation has already been accepted. Log in with your email address and password."), "accepted"
        )
    if invitation.revoked_at is not None:
        raise InvitationInvalid(
            _("This invitation has been withdrawn. Ask the person who invited you for a new one."), "revoked"
        )
    if invitation.is_expired:
        raise InvitationInvalid(
            _("This invitation has expired. Ask the person who invited you to send it again."), "expired"
        )


@transaction.atomic
def accept_invitation(token: str, *, full_name: str = "", password: str | None = None) -> User:
    """Accept an invitation: create the user (or use the existing account with that email), verify the
    email address, add the membership (and the enrolment's team when the invitation names a cohort)."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",)).select_related("organisation", "cohort").by_url_token(token)
    )
    if invitation is None:
        raise InvitationInvalid(
            _("This invitation link is not valid. Check that you copied the whole link."), "unknown"
        )
    check_invitation(invitation)
    user = User.objects.filter(email__iexact=invitation.email).first()
    if user is None:
        if not password:
            raise CohortsError(_("Choose a password."), code="password_required")
        user = User(
            email=invitation.email, full_name=full_name.strip() or invitation.full_name, language=invitation.language
        )
        user.set_password(password)
        user.save()
    elif not user.is_active:
        raise InvitationInvalid(_("This account has been deactivated. Contact the course staff."), "inactive")
    address, _created = EmailAddress.objects.get_or_create(
        user=user, email=invitation.email, defaults={"verified": True, "primary": True}
    )
    if not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])
    membership, created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    if not created:
        membership.is_active = True
        if invitation.role == MembershipRole.CONTACT:
            membership.role = MembershipRole.CONTACT
        membership.save(update_fields=["is_active", "role"])
    if invitation.cohort_id:
        enrolment = Enrolment.objects.filter(
            cohort_id=invitation.cohort_id, organisation=invitation.organisation
        ).first()
        if enrolment is not None:
            enrolment.team.add(user)
            if enrolment.status == EnrolmentStatus.INVITED:
                enrolment.status = EnrolmentStatus.ACTIVE
                enrolment.save(update_fields=["status"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record(
        user,
        "invitation.accepted",
        _("%(person)s accepted the invitation to %(org)s") % {"person": user, "org": invitation.organisation.name},
        target=invitation,
        cohort=invitation.cohort,
        organisation=invitation.organisation,
    )
    return user


@transaction.atomic
def add_member_without_invitation(
    organisation: Organisation,
    email: str,
    *,
    actor: User | None,
    full_name: str = "",
    role: str = MembershipRole.MEMBER,
    cohort: Cohort | None = None,
) -> Membership:
    """Register a contact without emailing them (bulk import): an account with no password yet, which
    the person activates with "forgot password" or a later invitation. Staff, or the system
    (``actor=None``)."""
    _require_staff_or_system(actor)
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, full_name=full_name.strip())
        user.set_unusable_password()
        user.save()
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    membership, created = Membership.objects.get_or_create(
        organisation=organisation, user=user, defaults={"role": role}
    )
    if cohort is not None:
        enrolment = Enrolment.objects.filter(cohort=cohort, organisation=organisation).first()
        if enrolment is not None:
            enrolment.team.add(user)
    if created:
        record(
            actor,
            "membership.created",
            _("Added %(person)s to %(org)s") % {"person": user, "org": organisation.name},
            target=membership,
            cohort=cohort,
            organisation=organisation,
        )
    return membership


# --- Accounts for staff, advisors and evaluators ----------------------------------------------


@transaction.atomic
def create_account(
    *,
    actor: User,
    email: str,
    full_name: str,
    language: str = "nb",
    is_staff: bool = False,
    is_advisor: bool = False,
    is_evaluator: bool = False,
) -> User:
    """Create an account for course staff, an advisor or an evaluator. The person gets an email with a
    link to choose a password (allauth's password-reset key, so the link is single-use and expires)."""
    access.require_staff(actor)
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise CohortsError(_("There is already an account for %(email)s.") % {"email": email}, code="exists")
    user = User(
        email=email,
        full_name=full_name.strip(),
        language=language,
        is_staff=is_staff,
        is_advisor=is_advisor,
        is_evaluator=is_evaluator,
    )
    user.set_unusable_password()
    user.save()
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    send_set_password_email(user)
    record(actor, "account.created", _("Created an account for %(person)s") % {"person": user}, target=user)
    return user


@transaction.atomic
def set_account_active(user: User, active: bool, *, actor: User) -> User:
    """Deactivate (or reactivate) an account. A deactivated person's sessions stop working at once:
    the authentication backends refuse inactive users on every request."""
    access.require_staff(actor)
    if user.pk == actor.pk and not active:
        raise CohortsError(_("You cannot deactivate your own account."), code="self")
    user.is_active = active
    user.save(update_fields=["is_active"])
    record(
        actor,
        "account.activated" if active else "account.deactivated",
        (_("Reactivated the account of %(person)s") if active else _("Deactivated the account of %(person)s"))
        % {"person": user},
        target=user,
    )
    return user


def set_password_url(user: User) -> str:

    key = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse(
        "account_reset_password_from_key", kwargs={"uidb36": user_pk_to_url_str(user), "key": key}
    )


def send_set_password_email(user: User) -> None:
    queue_email(
        "account_created",
        to=[user.email],
        language=user.language,
        recipient_user=user,
        related=user,
        context={"person": user.get_full_name(), "email": user.email, "set_password_url": set_password_url(user)},
        essential=True,
    )


# --- Applications -----------------------------------------------------------------------------


@transaction.atomic
def submit_application(cohort: Cohort, **fields) -> Application:
    if not cohort.open_for_applications:
        raise CohortsError(_("This cohort is not open for applications."), code="closed")
    application = Application.objects.create(cohort=cohort, **fields)
    queue_email(
        "application_received",
        to=[application.contact_email],
        language=application.language,
        organisation=application,  # its language_form is the applicant's language decision
        related=application,
        cohort_id=cohort.pk,
        essential=True,
        context={
            "contact_name": application.contact_name,
            "organisation_name": application.organisation_name,
            "cohort_name": cohort.name,
        },
        dedupe_key=f"application-received:{application.pk}",
    )
    record(
        None,
        "application.received",
        _("Application from %(org)s") % {"org": application.organisation_name},
        target=application,
        cohort=cohort,
    )
    return application


def _find_organisation(application: Application) -> Organisation | None:
    if application.municipality_number:
        org = Organisation.objects.filter(municipality_number=application.municipality_number).first()
        if org is not None:
            return org
    return Organisation.objects.filter(name__iexact=application.organisation_name.strip()).first()


@transaction.atomic
def accept_application(application: Application, *, actor: User) -> Enrolment:
    """Link or create the organisation, enrol it, and invite the contact person."""
    access.require_staff(actor)
    application = Application.objects.select_for_update(of=("self",)).select_related("cohort").get(pk=application.pk)
    if application.status != ApplicationStatus.NEW:
        raise CohortsError(_("This application has already been decided."), code="decided")
    organisation = _find_organisation(application)
    if organisation is None:
        organisation = save_organisation(
            Organisation(
                name=application.organisation_name.strip(),
                kind=application.organisation_kind,
                municipality_number=application.municipality_number or None,
                language_form=application.language_form,
            ),
            actor=actor,
        )
    elif organisation.language_form == LanguageForm.NEUTRAL and application.language_form != LanguageForm.NEUTRAL:
        organisation.language_form = application.language_form
        save_organisation(organisation, actor=actor)
    enrolment = Enrolment.objects.filter(cohort=application.cohort, organisation=organisation).first()
    if enrolment is None or enrolment.status == EnrolmentStatus.WITHDRAWN:
        enrolment = enrol(application.cohort, organisation, status=EnrolmentStatus.ACTIVE, actor=actor)
    already_member = (
        Membership.objects.active()
        .filter(organisation=organisation, user__email__iexact=application.contact_email)
        .exists()
    )
    already_invited = (
        Invitation.objects.pending().filter(organisation=organisation, email__iexact=application.contact_email).exists()
    )
    if not already_member and not already_invited:
        invite(
            organisation,
            application.contact_email,
            full_name=application.contact_name,
            role=MembershipRole.CONTACT,
            language=application.language,
            cohort=application.cohort,
            actor=actor,
        )
    application.status = ApplicationStatus.ACCEPTED
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.enrolment = enrolment
    application.save(update_fields=["status", "decided_by", "decided_at", "enrolment"])
    record(
        actor,
        "application.accepted",
        _("Accepted the application from %(org)s") % {"org": application.organisation_name},
        target=application,
        cohort=application.cohort,
        organisation=organisation,
    )
    return enrolment


@transaction.atomic
def decline_application(application: Application, *, actor: User) -> Application:
    access.require_staff(actor)
    application = Application.objects.select_for_update(of=("self",)).select_related("cohort").get(pk=application.pk)
    if application.status != ApplicationStatus.NEW:
        raise CohortsError(_("This application has already been decided."), code="decided")
    application.status = ApplicationStatus.DECLINED
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_by", "decided_at"])
    queue_email(
        "application_declined",
        to=[application.contact_email],
        language=application.language,
        organisation=application,
        related=application,
        cohort_id=application.cohort_id,
        essential=True,
        context={
            "contact_name": application.contact_name,
            "organisation_name": application.organisation_name,
            "cohort_name": application.cohort.name,
        },
        dedupe_key=f"application-declined:{application.pk}",
    )
    record(
        actor,
        "application.declined",
        _("Declined the application from %(org)s") % {"org": application.organisation_name},
        target=application,
        cohort=application.cohort,
    )
    return application


KIND_ALIASES = {
    **{k.value: k.value for k in OrganisationKind},
    "kommune": OrganisationKind.MUNICIPALITY,
    "regionråd": OrganisationKind.REGIONAL_COUNCIL,
    "regionrad": OrganisationKind.REGIONAL_COUNCIL,
    "fylkeskommune": OrganisationKind.COUNTY_COUNCIL,
    "annen": OrganisationKind.OTHER,
    "anna": OrganisationKind.OTHER,
    "annet": OrganisationKind.OTHER,
    "municipality": OrganisationKind.MUNICIPALITY,
    "regional council": OrganisationKind.REGIONAL_COUNCIL,
    "county council": OrganisationKind.COUNTY_COUNCIL,
    "other": OrganisationKind.OTHER,
}


@transaction.atomic
def end_alumni_access(user: User, *, actor: User, reason: str = "") -> None:
    """Close the knowledge shared across cohorts to one person (their own cohort stays open)."""
    access.require_staff(actor)
    from .models import AlumniAccessEnd

    _end, created = AlumniAccessEnd.objects.get_or_create(user=user, defaults={"ended_by": actor, "reason": reason})
    if created:
        record(actor, "alumni.ended", _("Ended the alumni access of %(person)s") % {"person": user}, target=user)


@transaction.atomic
def restore_alumni_access(user: User, *, actor: User) -> None:
    access.require_staff(actor)
    from .models import AlumniAccessEnd

    if AlumniAccessEnd.objects.filter(user=user).delete()[0]:
        record(actor, "alumni.restored", _("Gave %(person)s alumni access again") % {"person": user}, target=user)
