"""Staff pages: cohorts, assignments, enrolments, teams, goals, the organisation directory, accounts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from omdomme.accounts.models import User

from .. import access, services
from ..activity import record
from ..filters import EnrolSearchFilter, OrganisationFilter
from ..forms import (
    AccountForm,
    AssignRoleForm,
    CohortForm,
    CopySetupForm,
    EnrolExistingForm,
    GoalsForm,
    OrganisationForm,
    TeamForm,
)
from ..models import Cohort, CohortRole, Enrolment, EnrolmentStatus, Organisation
from .common import staff_cohort, staff_organisation


def _confirm(request, *, title, question, action_url, cancel_url, button):
    return render(
        request,
        "includes/confirm.html",
        {"title": title, "question": question, "action_url": action_url, "cancel_url": cancel_url, "button": button},
    )


# --- Cohorts ----------------------------------------------------------------------------------


@login_required
def cohort_create(request: HttpRequest) -> HttpResponse:
    access.require_staff(request.user)
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cohort = form.save(commit=False)
        services.save_cohort(cohort, contacts=form.cleaned_data["contacts"], actor=request.user)
        messages.success(request, _("The cohort has been created."))
        return redirect(cohort.get_absolute_url())
    return render(request, "cohorts/cohort_form.html", {"form": form, "cohort": None})


@login_required
def cohort_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = staff_cohort(request, pk)
    form = CohortForm(request.POST or None, instance=cohort)
    if request.method == "POST" and form.is_valid():
        services.save_cohort(form.save(commit=False), contacts=form.cleaned_data["contacts"], actor=request.user)
        messages.success(request, _("The cohort has been saved."))
        return redirect(cohort.get_absolute_url())
    return render(request, "cohorts/cohort_form.html", {"form": form, "cohort": cohort})


@login_required
def cohort_copy(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = staff_cohort(request, pk)
    form = CopySetupForm(request.POST or None, target=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            services.copy_cohort_setup(form.cleaned_data["source"], cohort, actor=request.user)
        except services.CohortsError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("The set-up has been copied from %(name)s.") % {"name": form.cleaned_data["source"].name}
            )
            return redirect(cohort.get_absolute_url())
    return render(request, "cohorts/cohort_copy.html", {"form": form, "cohort": cohort})


@login_required
def cohort_roles(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = staff_cohort(request, pk)
    form = AssignRoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assign_role(cohort, form.cleaned_data["user"], form.cleaned_data["role"], actor=request.user)
        except services.CohortsError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("%(person)s has been assigned.") % {"person": form.cleaned_data["user"]})
            return redirect("cohorts:cohort_roles", pk=cohort.pk)
    roles = CohortRole.objects.filter(cohort=cohort).select_related("user").order_by("role", "user__full_name")
    return render(request, "cohorts/cohort_roles.html", {"form": form, "cohort": cohort, "roles": roles})


@login_required
def role_remove(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(
        CohortRole.objects.filter(cohort__in=Cohort.objects.visible_to(request.user)).select_related("cohort", "user"),
        pk=pk,
    )
    access.require_staff(request.user)
    back = reverse("cohorts:cohort_roles", args=[assignment.cohort_id])
    if request.method == "POST" and request.POST.get("confirmed"):
        services.unassign_role(assignment, actor=request.user)
        messages.success(request, _("%(person)s is no longer assigned to the cohort.") % {"person": assignment.user})
        return redirect(back)
    return _confirm(
        request,
        title=_("Remove assignment"),
        question=_("Remove %(person)s as %(role)s in %(cohort)s?")
        % {"person": assignment.user, "role": assignment.get_role_display().lower(), "cohort": assignment.cohort.name},
        action_url=request.path,
        cancel_url=back,
        button=_("Remove"),
    )


# --- Enrolments -------------------------------------------------------------------------------


@login_required
def cohort_enrol(request: HttpRequest, pk: int) -> HttpResponse:
    """Search existing organisations by name or number and enrol one, or create a new one inline."""
    cohort = staff_cohort(request, pk)
    search = EnrolSearchFilter(request.GET or None, queryset=Organisation.objects.all())
    create_form = OrganisationForm(request.POST if request.POST.get("action") == "create" else None, prefix="new")
    if request.method == "POST":
        organisation = None
        if request.POST.get("action") == "create":
            if create_form.is_valid():
                try:
                    organisation = services.save_organisation(create_form.save(commit=False), actor=request.user)
                except services.DuplicateNumber as exc:
                    create_form.add_error("municipality_number", exc)
        else:
            pick = EnrolExistingForm(request.POST)
            if pick.is_valid():
                organisation = pick.cleaned_data["organisation"]
            else:
                messages.error(request, _("Choose an organisation to enrol."))
        if organisation is not None:
            try:
                services.enrol(cohort, organisation, actor=request.user)
            except services.CohortsError as exc:
                messages.error(request, exc.messages[0])
            else:
                messages.success(request, _("%(org)s has been enrolled.") % {"org": organisation.name})
                return redirect(cohort.get_absolute_url())
    query = search.form.cleaned_data["q"].strip() if search.is_valid() else ""
    results = []
    if query:
        enrolled = Enrolment.objects.filter(cohort=cohort).exclude(status=EnrolmentStatus.WITHDRAWN)
        results = search.qs.exclude(pk__in=enrolled.values("organisation_id")).order_by("name")[:20]
    template = (
        "cohorts/partials/enrol_results.html"
        if request.htmx and request.method == "GET"
        else "cohorts/cohort_enrol.html"
    )
    return render(
        request,
        template,
        {"cohort": cohort, "search_form": search.form, "query": query, "results": results, "create_form": create_form},
    )


@login_required
def enrolment_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = get_object_or_404(
        Enrolment.objects.visible_to(request.user).select_related("cohort", "organisation"), pk=pk
    )
    access.require_staff(request.user)
    if request.method == "POST" and request.POST.get("confirmed"):
        try:
            services.withdraw(enrolment, actor=request.user)
        except services.CohortsError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(
                request, _("%(org)s has been withdrawn from the cohort.") % {"org": enrolment.organisation.name}
            )
        return redirect(enrolment.cohort.get_absolute_url())
    return _confirm(
        request,
        title=_("Withdraw from the cohort"),
        question=_(
            "Withdraw %(org)s from %(cohort)s? The organisation keeps its history, but is no longer taking part."
        )
        % {"org": enrolment.organisation.name, "cohort": enrolment.cohort.name},
        action_url=request.path,
        cancel_url=enrolment.get_absolute_url(),
        button=_("Withdraw"),
    )


@login_required
def enrolment_team(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = get_object_or_404(
        Enrolment.objects.visible_to(request.user).select_related("cohort", "organisation"), pk=pk
    )
    access.require_staff(request.user)
    form = TeamForm(request.POST or None, enrolment=enrolment, initial={"team": enrolment.team.all()})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_team(enrolment, form.cleaned_data["team"], actor=request.user)
        except services.CohortsError as exc:
            form.add_error("team", exc)
        else:
            messages.success(request, _("The team has been saved."))
            return redirect(enrolment.get_absolute_url())
    return render(request, "cohorts/enrolment_team.html", {"form": form, "enrolment": enrolment})


@login_required
def enrolment_goals(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = get_object_or_404(
        Enrolment.objects.visible_to(request.user).select_related("cohort", "organisation"), pk=pk
    )
    if not (access.is_staff(request.user) or access.is_member(request.user, enrolment.organisation)):
        raise PermissionDenied
    form = GoalsForm(request.POST or None, instance=enrolment)
    if request.method == "POST" and form.is_valid():
        services.update_goals(enrolment, form.cleaned_data["goals"], actor=request.user)
        messages.success(request, _("The goals have been saved."))
        return redirect(enrolment.get_absolute_url())
    return render(request, "cohorts/enrolment_goals.html", {"form": form, "enrolment": enrolment})


# --- Organisations ----------------------------------------------------------------------------


@login_required
@require_safe
def organisation_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request.user)
    organisation_filter = OrganisationFilter(request.GET or None, queryset=Organisation.objects.all())
    organisations = organisation_filter.qs.prefetch_related(
        Prefetch("enrolments", queryset=Enrolment.objects.select_related("cohort").order_by("cohort__year"))
    ).order_by("name")
    page = Paginator(organisations, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "cohorts/organisation_list.html",
        {"form": organisation_filter.form, "page_obj": page, "organisations": page.object_list},
    )


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    access.require_staff(request.user)
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.save_organisation(form.save(commit=False), actor=request.user)
        except services.DuplicateNumber as exc:
            form.add_error("municipality_number", exc)
        else:
            messages.success(request, _("The organisation has been created."))
            return redirect(organisation.get_absolute_url())
    return render(request, "cohorts/organisation_form.html", {"form": form, "organisation": None})


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = staff_organisation(request, pk)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_organisation(form.save(commit=False), actor=request.user)
        except services.DuplicateNumber as exc:
            form.add_error("municipality_number", exc)
        else:
            messages.success(request, _("The organisation has been saved."))
            return redirect(organisation.get_absolute_url())
    return render(request, "cohorts/organisation_form.html", {"form": form, "organisation": organisation})


# --- Accounts for staff, advisors and evaluators ----------------------------------------------


@login_required
@require_safe
def account_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request.user)
    people = User.objects.filter(Q(is_staff=True) | Q(is_advisor=True) | Q(is_evaluator=True)).order_by(
        "full_name", "email"
    )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(request, "cohorts/account_list.html", {"page_obj": page, "people": page.object_list})


@login_required
def account_create(request: HttpRequest) -> HttpResponse:
    access.require_staff(request.user)
    form = AccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.create_account(**form.cleaned_data, actor=request.user)
        except services.CohortsError as exc:
            form.add_error("email", exc)
        else:
            messages.success(
                request,
                _(
                    "An account has been created for %(person)s, and an email with a link to "
                    "choose a password has been sent."
                )
                % {"person": user},
            )
            return redirect("cohorts:account_list")
    return render(request, "cohorts/account_form.html", {"form": form})


@login_required
@require_POST
def account_send_link(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_staff(request.user)
    person = get_object_or_404(User.objects.filter(is_active=True), pk=pk)
    services.send_set_password_email(person)
    record(
        request.user,
        "account.link_sent",
        _("Sent a set-password link to %(person)s") % {"person": person},
        target=person,
    )
    messages.success(request, _("A link to choose a password has been sent to %(email)s.") % {"email": person.email})
    return redirect("cohorts:account_list")


@login_required
def account_toggle_active(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_staff(request.user)
    person = get_object_or_404(User.objects.filter(Q(is_staff=True) | Q(is_advisor=True) | Q(is_evaluator=True)), pk=pk)
    activate = not person.is_active
    if request.method == "POST" and request.POST.get("confirmed"):
        try:
            services.set_account_active(person, activate, actor=request.user)
        except services.CohortsError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(
                request,
                (_("%(person)s can log in again.") if activate else _("%(person)s can no longer log in."))
                % {"person": person},
            )
        return redirect("cohorts:account_list")
    return _confirm(
        request,
        title=_("Reactivate account") if activate else _("Deactivate account"),
        question=(
            _("Let %(person)s log in again?")
            if activate
            else _("Deactivate the account of %(person)s? They are logged out at once and can no longer log in.")
        )
        % {"person": person},
        action_url=request.path,
        cancel_url=reverse("cohorts:account_list"),
        button=_("Reactivate") if activate else _("Deactivate"),
    )
