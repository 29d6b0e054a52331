"""Accounts for staff, advisors and evaluators, and the set-password e-mail."""

from __future__ import annotations

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from omdomme.accounts.models import User
from omdomme.notifications.services import queue_email

from .. import access
from ..activity import record
from .errors import CohortsError


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
