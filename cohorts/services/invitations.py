"""Invitations to an organisation's team: send, resend, revoke, accept; members added directly."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omdomme.accounts.models import User
from omdomme.notifications.services import queue_email, written_standard

from .. import access
from ..activity import record
from ..models import Cohort, Enrolment, EnrolmentStatus, Invitation, Membership, MembershipRole, Organisation
from ._common import _require_contact, _require_staff_or_system
from .errors import CohortsError, InvitationInvalid


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
