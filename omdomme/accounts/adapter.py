from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from omdomme.core.http import client_ip
from omdomme.notifications.services import queue_prebuilt

from .models import User


class AccountAdapter(DefaultAccountAdapter):
    """No open sign-up: accounts come from invitations or from course staff.

    allauth has no Nynorsk: the messages a user can meet on our pages are written here (and in
    ``FIELD_LABELS``) so that our own catalogues translate them into nb, nn and en.
    """

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("This account has been deactivated."),
        "email_password_mismatch": _("The email address or the password is wrong."),
        "enter_current_password": _("Write your current password."),
        "incorrect_password": _("The password is wrong."),
        "invalid_or_expired_key": _("The link is not valid or has expired."),
        "invalid_login": _("You could not be logged in."),
        "invalid_password_reset": _("The link to reset the password is not valid."),
        "too_many_login_attempts": _("Too many failed login attempts. Wait a few minutes and try again."),
        "unknown_email": _("No account has this email address."),
        "unverified_primary_email": _("Your email address must be confirmed first."),
        "rate_limited": _("Too many attempts in a short time. Wait a little and try again."),
        "same_as_current": _("The new value must be different from the current one."),
    }

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_client_ip(self, request) -> str:
        """allauth's rate limits (failed logins, password resets) count per client, not per proxy."""
        return client_ip(request)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Password resets and address confirmations go through the outbox like every email: in the
        recipient's language, retried when the mail server hiccups, visible to staff."""
        # allauth leaves the address out of some contexts (the unknown-account mail), while our
        # texts name it: "Someone asked to reset the password for {{ email }}".
        context = {"email": email, **context}
        user = User.objects.filter(email__iexact=email).first()
        language = user.language if user is not None else (translation.get_language() or "nb")
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
        queue_prebuilt(
            message, kind="account_" + template_prefix.rsplit("/", 1)[-1], language=language, recipient_user=user
        )


# Labels and placeholders of allauth's forms. Our locale catalogue comes first in LOCALE_PATHS, so
# these msgids get our nb/nn/en translations instead of allauth's (which has no nn).
FIELD_LABELS = [
    _("Email"),
    _("Email address"),
    _("Password"),
    _("Password (again)"),
    _("Current Password"),
    _("New Password"),
    _("New Password (again)"),
    _("Remember Me"),
    _("Forgot your password?"),
    _("You must type the same password each time."),
    pgettext_lazy("field label", "Login"),
]
