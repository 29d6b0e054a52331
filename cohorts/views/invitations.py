"""Invitations: send (staff, and an organisation's contact persons), list, resend, revoke, accept."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from omdomme.accounts.models import User

from .. import access, services
from ..forms import AcceptInvitationForm, InvitationForm
from ..models import Invitation, Organisation
from .common import can_invite, staff_cohort


@login_required
def organisation_invitations(request: HttpRequest, pk: int) -> HttpResponse:
    """Pending invitations of an organisation, and the form to invite someone to its team."""
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)
    if not can_invite(request.user, organisation):
        raise PermissionDenied
    staff = access.is_staff(request.user)
    form = InvitationForm(
        request.POST or None,
        organisation=organisation,
        allow_contact_role=staff,
        initial={"language": request.LANGUAGE_CODE},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.invite(
                organisation,
                data["email"],
                full_name=data["full_name"],
                role=data["role"],
                language=data["language"],
                cohort=data["cohort"],
                actor=request.user,
            )
        except services.CohortsError as exc:
            form.add_error("email", exc)
        else:
            messages.success(request, _("An invitation has been sent to %(email)s.") % {"email": data["email"]})
            return redirect("cohorts:organisation_invitations", pk=organisation.pk)
    invitations = Invitation.objects.pending().filter(organisation=organisation).select_related("cohort", "invited_by")
    page = Paginator(invitations, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "cohorts/organisation_invitations.html",
        {"organisation": organisation, "form": form, "page_obj": page, "invitations": page.object_list},
    )


@login_required
@require_safe
def cohort_invitations(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = staff_cohort(request, pk)
    invitations = (
        Invitation.objects.pending().filter(cohort=cohort).select_related("organisation", "cohort", "invited_by")
    )
    page = Paginator(invitations, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "cohorts/cohort_invitations.html",
        {"cohort": cohort, "page_obj": page, "invitations": page.object_list},
    )


def _invitation_for_writer(request, pk: int) -> Invitation:
    invitation = get_object_or_404(
        Invitation.objects.visible_to(request.user).select_related("organisation", "cohort"), pk=pk
    )
    if not can_invite(request.user, invitation.organisation):
        raise PermissionDenied
    return invitation


def _back(request, invitation: Invitation) -> str:
    nxt = request.POST.get("next", "")
    if nxt and url_has_allowed_host_and_scheme(
        nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return nxt
    return invitation.organisation.get_absolute_url()


@login_required
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _invitation_for_writer(request, pk)
    if request.method != "POST":
        return redirect("cohorts:organisation_invitations", pk=invitation.organisation_id)
    try:
        services.resend_invitation(invitation, actor=request.user)
    except services.CohortsError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The invitation has been sent again to %(email)s.") % {"email": invitation.email})
    return redirect(_back(request, invitation))


@login_required
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _invitation_for_writer(request, pk)
    if request.method == "POST" and request.POST.get("confirmed"):
        try:
            services.revoke_invitation(invitation, actor=request.user)
        except services.CohortsError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("The invitation to %(email)s has been revoked.") % {"email": invitation.email})
        return redirect(_back(request, invitation))
    return render(
        request,
        "includes/confirm.html",
        {
            "title": _("Revoke invitation"),
            "question": _("Revoke the invitation to %(email)s? The link in the email stops working.")
            % {"email": invitation.email},
            "action_url": request.path,
            "cancel_url": invitation.organisation.get_absolute_url(),
            "button": _("Revoke"),
            "hidden": {"next": request.GET.get("next", "")},
        },
    )


@never_cache
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation email: choose a name and password (or, with an existing account,
    join the organisation) and land on the home page."""
    invitation = Invitation.objects.select_related("organisation", "cohort").by_url_token(token)
    if (
        invitation is not None
        and not request.user.is_authenticated
        and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
    ):
        # Someone arriving from the email sees the page in the email's language until they choose one.
        translation.activate(invitation.language)
        request.LANGUAGE_CODE = invitation.language
    if invitation is None:
        return render(
            request,
            "cohorts/invitation_invalid.html",
            {
                "reason": "unknown",
                "message": _(
                    "This invitation link is not valid. "
                    "Check that you copied the whole link, or ask for a new invitation."
                ),
            },
            status=404,
        )
    try:
        services.check_invitation(invitation)
    except services.InvitationInvalid as exc:
        return render(
            request, "cohorts/invitation_invalid.html", {"reason": exc.reason, "message": exc.messages[0]}, status=410
        )
    existing = User.objects.filter(email__iexact=invitation.email).first()
    form = (
        None
        if existing
        else AcceptInvitationForm(
            request.POST or None, email=invitation.email, initial={"full_name": invitation.full_name}
        )
    )
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            user = services.accept_invitation(
                token,
                full_name=form.cleaned_data["full_name"] if form else "",
                password=form.cleaned_data["password1"] if form else None,
            )
        except services.InvitationInvalid as exc:
            return render(
                request,
                "cohorts/invitation_invalid.html",
                {"reason": exc.reason, "message": exc.messages[0]},
                status=410,
            )
        if form is not None or (request.user.is_authenticated and request.user.pk == user.pk):
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, _("Welcome! You are now on the team of %(org)s.") % {"org": invitation.organisation.name}
            )
            return redirect("home")
        messages.success(
            request,
            _("You have joined %(org)s. Log in with your existing password.") % {"org": invitation.organisation.name},
        )
        return redirect("account_login")
    return render(
        request,
        "cohorts/invitation_accept.html",
        {
            "invitation": invitation,
            "form": form,
            "existing": existing,
            "verified": EmailAddress.objects.filter(email__iexact=invitation.email, verified=True).exists(),
        },
    )
