from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from omdomme.core import fragments
from omdomme.core.cells import url_maker

from .. import access, scopes, services
from ..forms import LanguageFormForm
from ..models import (
    Application,
    ApplicationStatus,
    Cohort,
    CohortRole,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
    Invitation,
    Membership,
    Organisation,
)
from ..panels import panels_for_cohort, panels_for_enrolment, panels_for_organisation
from ..queries import with_counts
from .common import can_invite

COHORT_PAGE_SIZE = 50


@require_safe
def public_home(request: HttpRequest) -> HttpResponse:
    """The programme's public front page: what it is, and each year's participants."""
    cohorts = (
        Cohort.objects.exclude(status=CohortStatus.PLANNING)
        .prefetch_related(
            Prefetch(
                "enrolments",
                queryset=Enrolment.objects.exclude(
                    status__in=[EnrolmentStatus.WITHDRAWN, EnrolmentStatus.APPLIED]
                ).select_related("organisation"),
            )
        )
        .order_by("-year")
    )
    open_cohort = Cohort.objects.filter(open_for_applications=True).order_by("year").first()
    return render(request, "cohorts/public_home.html", {"cohorts": cohorts, "open_cohort": open_cohort})


@login_required
@require_safe
def cohort_list(request: HttpRequest) -> HttpResponse:
    cohorts = with_counts(Cohort.objects.visible_to(request.user)).order_by("-year", "name")
    page = Paginator(cohorts, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "cohorts/cohort_list.html",
        {"page_obj": page, "cohorts": page.object_list, "can_manage": access.is_staff(request.user)},
    )


@login_required
@require_safe
def cohort_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The cohort and its organisations, 50 a page. Below the panels the page is one cached part
    (``omdomme.core.fragments``, scope ``("cohort", pk)``): its data is read only when the part is
    not in the cache, and each row reaches the template as plain strings."""
    cohort = get_object_or_404(Cohort.objects.visible_to(request.user), pk=pk)
    manage = access.is_staff(request.user)
    return render(
        request,
        "cohorts/cohort_detail.html",
        {
            "cohort": cohort,
            "can_manage": manage,
            "panels": panels_for_cohort(request.user, cohort),
            "fragment": fragments.part(request, ("cohort", cohort.pk)),
            "body": fragments.on_miss(_cohort_body, request, cohort, manage),
        },
    )


def _cohort_body(request: HttpRequest, cohort: Cohort, manage: bool) -> dict:
    enrolments = list(
        cohort.enrolments.select_related("organisation")
        .annotate(team_size=Count("team", distinct=True))
        .order_by("organisation__name")
    )
    page = Paginator(enrolments, COHORT_PAGE_SIZE).get_page(request.GET.get("page"))
    # Link only the enrolments the viewer may open: a contact sees the others' names, not their pages.
    openable = (
        None  # staff open every enrolment
        if manage
        else set(Enrolment.objects.visible_to(request.user).filter(cohort=cohort).values_list("pk", flat=True))
    )
    labels = {value: str(label) for value, label in EnrolmentStatus.choices}
    detail, team, withdraw = (
        url_maker("cohorts:enrolment_detail"),
        url_maker("cohorts:enrolment_team"),
        url_maker("cohorts:enrolment_withdraw"),
    )
    rows = [
        {
            "name": e.organisation.name,
            "status": e.status,
            "status_label": labels.get(e.status, e.status),
            "team_size": e.team_size,
            "url": detail(e.pk) if openable is None or e.pk in openable else "",
            "team_url": team(e.pk) if manage else "",
            "withdraw_url": withdraw(e.pk) if manage and e.status != EnrolmentStatus.WITHDRAWN else "",
        }
        for e in page.object_list
    ]
    body = {"enrolments": rows, "page_obj": page, "team_label": _("Team"), "withdraw_label": _("Withdraw")}
    if manage:
        body["roles"] = list(
            CohortRole.objects.filter(cohort=cohort).select_related("user").order_by("role", "user__full_name")
        )
        body["contacts"] = list(cohort.contacts.all())
        body["pending_invitations"] = Invitation.objects.pending().filter(cohort=cohort).count()
        body["new_applications"] = Application.objects.filter(cohort=cohort, status=ApplicationStatus.NEW).count()
    return body


@login_required
@require_safe
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)
    enrolments = (
        Enrolment.objects.visible_to(request.user)
        .filter(organisation=organisation)
        .select_related("cohort")
        .order_by("-cohort__year")
    )
    memberships = Membership.objects.active().filter(organisation=organisation).select_related("user")
    inviter = can_invite(request.user, organisation)
    staff = access.is_staff(request.user)
    invitations = (
        Invitation.objects.pending().filter(organisation=organisation).select_related("cohort")
        if inviter
        else Invitation.objects.none()
    )
    # The querysets are lazy and the panels are collected on use: staff see a cached part
    # (scopes.organisation_part) that reads them only on a miss.
    return render(
        request,
        "cohorts/organisation_detail.html",
        {
            "organisation": organisation,
            "enrolments": enrolments,
            "memberships": memberships,
            "panels": SimpleLazyObject(lambda: panels_for_organisation(request.user, organisation)),
            "part": scopes.organisation_part(request, organisation, can_invite=inviter),
            "can_manage": staff,
            "can_invite": inviter,
            "invitations": invitations,
            "is_member": not staff and access.is_member(request.user, organisation),  # staff see it all
        },
    )


@login_required
def organisation_language(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff and the organisation's contact persons record its language decision (språkvedtak)."""
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)
    if not can_invite(request.user, organisation):
        raise PermissionDenied
    form = LanguageFormForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        services.set_language_form(organisation, form.cleaned_data["language_form"], actor=request.user)
        messages.success(request, _("The written standard has been saved."))
        return redirect(organisation.get_absolute_url())
    return render(request, "cohorts/organisation_language.html", {"form": form, "organisation": organisation})


@login_required
@require_safe
def my_organisation(request: HttpRequest) -> HttpResponse:
    """A contact's own organisation; with several, a list to choose from."""
    memberships = list(Membership.objects.active().filter(user=request.user).select_related("organisation"))
    if len(memberships) == 1:
        return redirect(memberships[0].organisation.get_absolute_url())
    return render(request, "cohorts/my_organisation.html", {"memberships": memberships})


@login_required
@require_safe
def enrolment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = get_object_or_404(
        Enrolment.objects.visible_to(request.user).select_related("cohort", "organisation"), pk=pk
    )
    manage = access.is_staff(request.user)
    return render(
        request,
        "cohorts/enrolment_detail.html",
        {
            "enrolment": enrolment,
            "team": enrolment.team.all(),
            "panels": panels_for_enrolment(request.user, enrolment),
            "can_manage": manage,
            "can_edit_goals": manage or access.is_member(request.user, enrolment.organisation),
        },
    )
