from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts import access
from cohorts.models import Enrolment, Membership, MembershipRole
from omdomme.core.exports import FORMATS, spreadsheet_response

from .. import services
from ..filters import CheckinFilter, RegistrationFilter
from ..forms import RegistrationForm
from ..models import Registration, RegistrationStatus
from .common import error_text, visible_gathering


def _registrable_people(user, gathering):
    """Whom ``user`` may register: staff anyone on an enrolled team; a contact their own team."""
    User = get_user_model()
    enrolled = Enrolment.objects.current().filter(cohort=gathering.cohort_id).values("organisation_id")
    if access.is_staff(user):
        orgs = enrolled
    else:
        orgs = Membership.objects.filter(
            user=user, is_active=True, role=MembershipRole.CONTACT, organisation__in=enrolled
        ).values("organisation_id")
    return (
        User.objects.filter(
            Q(pk=user.pk) | Q(memberships__organisation__in=orgs, memberships__is_active=True), is_active=True
        )
        .distinct()
        .order_by("full_name", "email")
    )


@login_required
def register(request: HttpRequest, pk: int) -> HttpResponse:
    gathering = visible_gathering(request, pk)
    staff = access.is_staff(request.user)
    own_org = services.organisation_for(request.user, gathering)
    if not staff and own_org is None:
        raise PermissionDenied
    people = _registrable_people(request.user, gathering)
    if not staff and not access.is_contact_person(request.user, own_org):
        people = None  # a team member registers only themself
    form = RegistrationForm(
        request.POST or None,
        gathering=gathering,
        people=people,
        initial={"person": request.user.pk, "days": [d.isoformat() for d in gathering.days]},
    )
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data.get("person") or request.user
        organisation = services.organisation_for(person, gathering)
        if not services.can_register_for(request.user, gathering, person, organisation):
            raise PermissionDenied
        try:
            reg = services.register(
                gathering,
                person,
                form.to_data(),
                organisation=organisation,
                waiting_list=request.POST.get("waiting_list") == "1",
                actor=request.user,
            )
        except services.RegistrationError as exc:
            form.add_error(None, error_text(exc))
        else:
            if reg.status == RegistrationStatus.WAITING:
                messages.warning(
                    request,
                    _("The gathering is full: %(person)s is on the waiting list. We email when a place frees up.")
                    % {"person": person},
                )
            else:
                messages.success(request, _("%(person)s is registered for %(g)s.") % {"person": person, "g": gathering})
            return redirect(gathering)
    return render(
        request,
        "gatherings/registration_form.html",
        {
            "form": form,
            "gathering": gathering,
            "registration_open": gathering.registration_open() or staff,
            "is_full": gathering.capacity is not None
            and gathering.registrations.confirmed().count() >= gathering.capacity,
        },
    )


def _visible_registration(request, pk: int) -> Registration:
    reg = get_object_or_404(
        Registration.objects.visible_to(request.user).select_related("gathering__cohort", "user", "organisation"), pk=pk
    )
    if not access.is_staff(request.user) and not reg.gathering.is_published:
        raise Http404
    if not services.can_change_registration(request.user, reg):
        raise PermissionDenied
    return reg


@login_required
def registration_edit(request: HttpRequest, pk: int) -> HttpResponse:
    reg = _visible_registration(request, pk)
    gathering = reg.gathering
    form = RegistrationForm(request.POST or None, gathering=gathering, initial=RegistrationForm.initial_from(reg))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_registration(reg, form.to_data(), actor=request.user)
        except services.RegistrationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("The registration was saved."))
            return redirect(gathering)
    return render(
        request,
        "gatherings/registration_form.html",
        {
            "form": form,
            "gathering": gathering,
            "registration": reg,
            "registration_open": gathering.registration_open() or access.is_staff(request.user),
        },
    )


@login_required
def registration_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    reg = _visible_registration(request, pk)
    if request.method == "POST" and request.POST.get("confirmed"):
        try:
            services.cancel_registration(reg, actor=request.user)
        except services.RegistrationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("The registration was cancelled."))
        return redirect(reg.gathering)
    return render(
        request,
        "includes/confirm.html",
        {
            "title": _("Cancel registration"),
            "question": _("Cancel the registration of %(person)s for %(g)s?")
            % {"person": reg.user, "g": reg.gathering},
            "action_url": request.path,
            "cancel_url": reg.gathering.get_absolute_url(),
            "button": _("Cancel registration"),
        },
    )


def _summary(gathering):
    """Counts per day, accommodation per night and the dietary summary, from one query."""
    rows = gathering.registrations.confirmed().values_list("days", "accommodation_nights", "dietary_needs")
    per_day: Counter = Counter()
    per_night: Counter = Counter()
    dietary: Counter = Counter()
    total = 0
    for days, nights, diet in rows:
        total += 1
        per_day.update(days or [])
        per_night.update(nights or [])
        if diet.strip():
            dietary[diet.strip().lower()] += 1
    days = [(d, per_day.get(d.isoformat(), 0)) for d in gathering.days]
    nights = [(d, per_night.get(d.isoformat(), 0)) for d in gathering.nights]
    return {"total": total, "days": days, "nights": nights, "dietary": sorted(dietary.items())}


@login_required
def registration_list(request: HttpRequest, pk: int) -> HttpResponse:
    gathering = visible_gathering(request, pk)
    access.require_staff(request.user)
    regs = gathering.registrations.select_related("user", "organisation").order_by(
        "organisation__name", "user__full_name", "pk"
    )
    filters = RegistrationFilter(request.GET, queryset=regs)
    page = Paginator(filters.qs, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "gatherings/registration_list.html",
        {
            "gathering": gathering,
            "page_obj": page,
            "registrations": page.object_list,
            "summary": _summary(gathering),
            "filter_form": filters.form,
            "waiting": gathering.registrations.waiting().select_related("user", "organisation"),
        },
    )


def _fmt_dt(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


@login_required
def registration_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    gathering = visible_gathering(request, pk)
    access.require_staff(request.user)
    if fmt not in FORMATS:
        raise Http404
    headers = [
        _("Name"),
        _("Email"),
        _("Phone"),
        _("Organisation"),
        _("Status"),
        _("Days"),
        _("Dietary needs and allergies"),
        _("Accommodation nights"),
        _("Arrival"),
        _("Departure"),
        _("Comment"),
        _("Checked in"),
    ]
    regs = gathering.registrations.exclude(status=RegistrationStatus.CANCELLED).select_related("user", "organisation")
    rows = [
        [
            r.user.get_full_name(),
            r.user.email,
            r.user.phone,
            r.organisation.name if r.organisation else "",
            r.get_status_display(),
            ", ".join(r.days),
            r.dietary_needs,
            ", ".join(r.accommodation_nights),
            _fmt_dt(r.arrival),
            _fmt_dt(r.departure),
            r.comment,
            _fmt_dt(r.checked_in_at),
        ]
        for r in regs.order_by("organisation__name", "user__full_name")
    ]
    name = f"pamelding-samling-{gathering.cohort.year}-{gathering.number}"
    return spreadsheet_response(headers, rows, fmt=fmt, filename=name, title=_("Registrations"))


@login_required
def checkin(request: HttpRequest, pk: int) -> HttpResponse:
    gathering = visible_gathering(request, pk)
    access.require_staff(request.user)
    regs = gathering.registrations.confirmed().select_related("user", "organisation").order_by("user__full_name")
    search = CheckinFilter(request.GET, queryset=regs, url=reverse("gatherings:checkin", args=[gathering.pk]))
    present = gathering.registrations.confirmed().filter(checked_in_at__isnull=False).count()
    q = search.form.cleaned_data.get("q", "") if search.form.is_valid() else ""
    context = {
        "gathering": gathering,
        "registrations": list(search.qs[:50]),
        "form": search.form,
        "q": q,
        "present": present,
    }
    if request.htmx and request.htmx.target == "checkin-results":
        return render(request, "gatherings/partials/checkin_results.html", context)
    return render(request, "gatherings/checkin.html", context)


@login_required
@require_POST
def checkin_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    reg = get_object_or_404(
        Registration.objects.visible_to(request.user).select_related("gathering", "user", "organisation"), pk=pk
    )
    access.require_staff(request.user)
    present = request.POST.get("present", "1") == "1"
    try:
        reg = services.check_in(reg, present=present, actor=request.user)
    except services.RegistrationError as exc:
        if request.htmx:
            return HttpResponse(error_text(exc), status=409)
        messages.error(request, error_text(exc))
        return redirect("gatherings:checkin", pk=reg.gathering_id)
    if request.htmx:
        return render(request, "gatherings/partials/checkin_row.html", {"r": reg, "gathering": reg.gathering})
    return redirect(
        reverse("gatherings:checkin", args=[reg.gathering_id]) + "?" + urlencode({"q": request.POST.get("q", "")})
    )


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    gathering = visible_gathering(request, pk)
    access.require_staff(request.user)
    regs = gathering.registrations.confirmed().select_related("user", "organisation").order_by("user__full_name")
    by_org: dict = defaultdict(list)
    for r in regs:
        by_org[r.organisation.name if r.organisation else _("No organisation")].append(r)
    enrolled = Enrolment.objects.current().filter(cohort=gathering.cohort_id).select_related("organisation")
    rows = []
    for e in enrolled:
        people = by_org.pop(e.organisation.name, [])
        rows.append(
            {
                "name": e.organisation.name,
                "people": people,
                "registered": len(people),
                "present": sum(1 for r in people if r.checked_in_at),
            }
        )
    for name, people in sorted(by_org.items()):
        rows.append(
            {
                "name": name,
                "people": people,
                "registered": len(people),
                "present": sum(1 for r in people if r.checked_in_at),
            }
        )
    return render(
        request,
        "gatherings/attendance.html",
        {
            "gathering": gathering,
            "rows": rows,
            "is_past": gathering.starts_on <= date.today(),
            "day_label": formats.date_format(gathering.starts_on),
        },
    )
