from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts import access
from cohorts.models import Cohort, MembershipRole
from omdomme.core import fragments

from .. import services
from ..forms import CopyGatheringForm, GatheringForm, ProgrammeItemForm
from ..models import AdvisorySlot, Gathering, Material, ProgrammeItem, Registration, RegistrationStatus
from ..panels import panels_for_gathering
from .common import error_text, visible_gathering


@login_required
def gathering_list(request: HttpRequest) -> HttpResponse:
    gatherings = (
        Gathering.objects.visible_to(request.user)
        .select_related("cohort")
        .annotate(registered=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)))
        .order_by("-starts_on")
    )
    page = Paginator(gatherings, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "gatherings/gathering_list.html",
        {"page_obj": page, "gatherings": page.object_list, "can_manage": access.is_staff(request.user)},
    )


def _registration_facts(gathering_id: int, user) -> dict:
    """The page's registration counts, whether it has slots and the viewer's own registration,
    kept under the gathering's version (its registrations and slots bump it: ``sessions.bumps``),
    so a page view runs no aggregate."""

    def read() -> dict:
        return (
            Gathering.objects.filter(pk=gathering_id)
            .annotate(
                confirmed=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
                waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
                has_slots=Exists(AdvisorySlot.objects.filter(gathering=OuterRef("pk"))),
                own_id=Subquery(Registration.objects.filter(gathering=OuterRef("pk"), user=user.pk).values("pk")[:1]),
            )
            .values("confirmed", "waiting", "has_slots", "own_id")
            .get()
        )

    return fragments.cached("gathering-facts", ("gathering", gathering_id), key=[gathering_id, user.pk], make=read)


@login_required
def gathering_detail(request: HttpRequest, pk: int) -> HttpResponse:
    gathering = visible_gathering(request, pk)
    facts = _registration_facts(gathering.pk, request.user)
    own = Registration.objects.get(pk=facts["own_id"]) if facts["own_id"] else None
    staff = access.is_staff(request.user)
    team_registrations = []
    if not staff:
        contact_of = {
            m.organisation_id for m in access.active_memberships(request.user) if m.role == MembershipRole.CONTACT
        }
        team_registrations = list(
            Registration.objects.filter(
                gathering=gathering, organisation__in=access.member_organisation_ids(request.user)
            )
            .exclude(user=request.user)
            .select_related("user", "organisation")
        )
        for reg in team_registrations:  # only a contact person changes a teammate's registration
            reg.can_change = reg.organisation_id in contact_of
    registration_open = gathering.registration_open()
    # "Register" only for those the form accepts: staff, or someone whose organisation takes part.
    may_register = staff or (registration_open and services.organisation_for(request.user, gathering) is not None)
    return render(
        request,
        "gatherings/gathering_detail.html",
        {
            "gathering": gathering,
            "own": own,
            "counts": facts,
            "team_registrations": team_registrations,
            "can_manage": staff,
            "registration_open": registration_open,
            "may_register": may_register,
            "has_slots": facts["has_slots"],
            "panels": panels_for_gathering(request.user, gathering),
        },
    )


@login_required
def gathering_create(request: HttpRequest) -> HttpResponse:
    access.require_staff(request.user)
    form = GatheringForm(request.POST or None, initial={"cohort": request.GET.get("cohort")})
    if request.method == "POST" and form.is_valid():
        try:
            gathering = services.save_gathering(form.save(commit=False), actor=request.user)
        except services.GatheringError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("The gathering was created. Publish it when the programme is ready."))
            return redirect(gathering)
    return render(request, "gatherings/gathering_form.html", {"form": form})


@login_required
def gathering_edit(request: HttpRequest, pk: int) -> HttpResponse:
    gathering = visible_gathering(request, pk)
    access.require_staff(request.user)
    form = GatheringForm(request.POST or None, instance=gathering)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_gathering(form.save(commit=False), actor=request.user)
        except services.GatheringError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("The gathering was saved."))
            return redirect(gathering)
    return render(request, "gatherings/gathering_form.html", {"form": form, "gathering": gathering})


@login_required
@require_POST
def gathering_publish(request: HttpRequest, pk: int) -> HttpResponse:
    gathering = visible_gathering(request, pk)
    access.require_staff(request.user)
    publish = request.POST.get("publish", "1") == "1"
    services.publish_gathering(gathering, publish=publish, actor=request.user)
    messages.success(request, _("The gathering is published.") if publish else _("The gathering is hidden again."))
    return redirect(gathering)


@login_required
def gathering_copy(request: HttpRequest, pk: int) -> HttpResponse:
    gathering = visible_gathering(request, pk)
    access.require_staff(request.user)
    form = CopyGatheringForm(
        request.POST or None,
        initial={"cohort": Cohort.objects.filter(year__gt=gathering.cohort.year).order_by("year").first()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.copy_gathering(
                gathering, form.cleaned_data["cohort"], starts_on=form.cleaned_data["starts_on"], actor=request.user
            )
        except services.GatheringError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("The gathering was copied. Check the dates and publish it."))
            return redirect(copy)
    return render(request, "gatherings/gathering_copy.html", {"form": form, "gathering": gathering})


@login_required
def programme(request: HttpRequest, pk: int) -> HttpResponse:
    gathering = visible_gathering(request, pk)
    items = list(gathering.programme_items.order_by("day", "starts_at", "pk"))
    materials = Material.objects.visible_to(request.user).filter(gathering=gathering).order_by("title", "pk")
    by_item: dict[int | None, list[Material]] = {}
    for material in materials:
        by_item.setdefault(material.programme_item_id, []).append(material)
    for item in items:
        item.material_list = by_item.get(item.pk, [])
    days = [(day, list(day_items)) for day, day_items in groupby(items, key=lambda i: i.day)]
    return render(
        request,
        "gatherings/programme.html",
        {
            "gathering": gathering,
            "days": days,
            "gathering_materials": by_item.get(None, []),
            "can_manage": access.is_staff(request.user),
        },
    )


@login_required
def programme_item_create(request: HttpRequest, pk: int) -> HttpResponse:
    gathering = visible_gathering(request, pk)
    access.require_staff(request.user)
    form = ProgrammeItemForm(request.POST or None, gathering=gathering)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.gathering = gathering
        services.save_programme_item(item, actor=request.user)
        messages.success(request, _("The programme item was added."))
        if "another" in request.POST:
            return redirect("gatherings:programme_item_create", pk=gathering.pk)
        return redirect("gatherings:programme", pk=gathering.pk)
    return render(request, "gatherings/programme_item_form.html", {"form": form, "gathering": gathering})


def _visible_item(request, pk: int) -> ProgrammeItem:
    return get_object_or_404(ProgrammeItem.objects.visible_to(request.user).select_related("gathering"), pk=pk)


@login_required
def programme_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible_item(request, pk)
    access.require_staff(request.user)
    form = ProgrammeItemForm(request.POST or None, instance=item, gathering=item.gathering)
    if request.method == "POST" and form.is_valid():
        services.save_programme_item(form.save(commit=False), actor=request.user)
        messages.success(request, _("The programme item was saved."))
        return redirect("gatherings:programme", pk=item.gathering_id)
    return render(
        request, "gatherings/programme_item_form.html", {"form": form, "gathering": item.gathering, "item": item}
    )


@login_required
def programme_item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible_item(request, pk)
    access.require_staff(request.user)
    if request.method == "POST" and request.POST.get("confirmed"):
        services.delete_programme_item(item, actor=request.user)
        messages.success(request, _("The programme item was removed."))
        return redirect("gatherings:programme", pk=item.gathering_id)
    return render(
        request,
        "includes/confirm.html",
        {
            "title": _("Remove programme item"),
            "question": _("Remove “%(title)s” from the programme?") % {"title": item.title},
            "action_url": request.path,
            "cancel_url": item.get_absolute_url(),
            "button": _("Remove"),
        },
    )
