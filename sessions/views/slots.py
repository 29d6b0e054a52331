from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts import access, scopes
from cohorts.models import Cohort, Enrolment, Membership, MembershipRole, Organisation, RoleKind
from cohorts.panels import panels_for_enrolment, panels_for_enrolments
from omdomme.core import fragments
from omdomme.core.cells import date_formatter

from .. import services
from ..filters import BookingFilter
from ..forms import BookForm, FollowupForm, MoveForm, NotesForm, SlotLayoutForm
from ..models import AdvisorySlot
from .board import CellMaker
from .board import labels as cell_labels
from .common import error_text, safe_next, visible_gathering


@dataclass
class Viewer:
    """What the current user may do on a cohort's slots (computed once per page)."""

    user: object
    staff: bool = False
    advisor: bool = False
    contact_orgs: list = field(default_factory=list)
    member_org_ids: set = field(default_factory=set)

    def sees_booking(self, slot: AdvisorySlot) -> bool:
        return self.staff or self.advisor or slot.organisation_id in self.member_org_ids

    @property
    def contact_org_ids(self) -> set:
        return {o.pk for o in self.contact_orgs}

    @property
    def key(self) -> str:
        """Everything of the viewer that the board's cells depend on, for a cached part's key."""
        return f"u{self.user.pk}:{self.staff:d}{self.advisor:d}:{'.'.join(map(str, sorted(self.member_org_ids)))}"


def viewer_for(user, cohort_id: int) -> Viewer:
    """What the user may do on the cohort's slots: staff, advisor of the cohort, and their active
    memberships of organisations taking part (contact persons book)."""
    enrolled = Enrolment.objects.current().filter(cohort=cohort_id).values("organisation_id")
    memberships = list(
        Membership.objects.filter(user=user, is_active=True, organisation__in=enrolled).select_related("organisation")
    )
    return Viewer(
        user=user,
        staff=access.is_staff(user),
        advisor=access.has_cohort_role(user, cohort_id, RoleKind.ADVISOR),
        contact_orgs=[m.organisation for m in memberships if m.role == MembershipRole.CONTACT],
        member_org_ids={m.organisation_id for m in memberships},
    )


def cached_viewer(user, cohort_id: int) -> Viewer:
    """``viewer_for``, kept under the versions of the person's access (their flags, memberships and
    cohort roles) and of the cohort (its enrolments): the board asks it on every view."""

    def read() -> dict:
        viewer = viewer_for(user, cohort_id)
        return {
            "staff": viewer.staff,
            "advisor": viewer.advisor,
            "contact_orgs": viewer.contact_orgs,
            "member_org_ids": viewer.member_org_ids,
        }

    facts = fragments.cached(
        "slot-viewer", access.access_scope(user), ("cohort", cohort_id), key=[user.pk, cohort_id], make=read
    )
    return Viewer(user=user, **facts)


def _visible_slot(request, pk: int) -> AdvisorySlot:
    return get_object_or_404(
        AdvisorySlot.objects.visible_to(request.user).select_related("gathering", "cohort", "advisor", "organisation"),
        pk=pk,
    )


@login_required
def board(request: HttpRequest, pk: int) -> HttpResponse:
    """The slots by time and room. Their buttons submit one form outside the table, so for viewers
    whose cells hold no form of their own (all but contact persons, who get a booking form per open
    slot) the counts and the table are one cached part (``omdomme.core.fragments``, scopes
    ``("gathering", pk)`` and ``("cohort", its cohort)``), read from the database only on a miss."""
    gathering = visible_gathering(request, pk)
    viewer = cached_viewer(request.user, gathering.cohort_id)
    now = timezone.now()
    fragment = None
    if not viewer.contact_orgs:
        # Only an advisor's buttons depend on the time (claim while the slot lies ahead): their key
        # holds the minute, and their cells are made for its start (slots start on whole minutes).
        if viewer.advisor:
            now = now.replace(second=0, microsecond=0)
        fragment = fragments.part(
            request,
            ("gathering", gathering.pk),
            ("cohort", gathering.cohort_id),
            viewer=viewer.key,
            extra=[now.isoformat() if viewer.advisor else ""],
        )
    return render(
        request,
        "gatherings/board.html",
        {
            "gathering": gathering,
            "viewer": viewer,
            "contact_orgs": viewer.contact_orgs,
            "next": request.get_full_path(),
            "fragment": fragment,
            "slots": fragments.on_miss(_board_cells, gathering, viewer, now),
        },
    )


def _board_cells(gathering, viewer: Viewer, now) -> dict:
    slots = list(gathering.slots.select_related("advisor", "organisation").order_by("starts_at", "room"))
    rooms = sorted({s.room for s in slots})
    maker = CellMaker(viewer, now)
    grid: dict = {}
    for s in slots:
        grid.setdefault(s.starts_at, {})[s.room] = maker.cell(s)
    row_heading = date_formatter("D j.n. H:i")
    rows = [
        (row_heading(start), start.isoformat(), [cells.get(room) for room in rooms]) for start, cells in grid.items()
    ]
    states = Counter(s.state for s in slots)
    return {
        "t": cell_labels(),
        "rooms": rooms,
        "rows": rows,
        "counts": {"free": states["free"], "claimed": states["claimed"], "booked": states["booked"]},
    }


@login_required
def slot_layout(request: HttpRequest, pk: int) -> HttpResponse:
    gathering = visible_gathering(request, pk)
    access.require_staff(request.user)
    form = SlotLayoutForm(request.POST or None, gathering=gathering)
    if request.method == "POST" and form.is_valid():
        try:
            slots = services.layout_slots(gathering, **form.cleaned_data, actor=request.user)
        except services.BookingError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("%(n)d slots were laid out.") % {"n": len(slots)})
            return redirect("gatherings:board", pk=gathering.pk)
    return render(request, "gatherings/slot_layout.html", {"form": form, "gathering": gathering})


def _book_form(viewer: Viewer, slot: AdvisorySlot, data=None) -> BookForm | None:
    if viewer.staff:
        orgs = Organisation.objects.filter(enrolments__cohort=slot.cohort_id).order_by("name")
        return BookForm(data, organisations=orgs, prefix=f"book{slot.pk}")
    if viewer.contact_orgs:
        orgs = Organisation.objects.filter(pk__in=viewer.contact_org_ids).order_by("name")
        return BookForm(data, organisations=orgs, prefix=f"book{slot.pk}")
    return None


@login_required
def slot_detail(request: HttpRequest, pk: int) -> HttpResponse:
    slot = _visible_slot(request, pk)
    viewer = viewer_for(request.user, slot.cohort_id)
    context = {
        "slot": slot,
        "viewer": viewer,
        "sees_booking": viewer.sees_booking(slot),
        "can_cancel": slot.organisation_id and (viewer.staff or slot.organisation_id in viewer.contact_org_ids),
    }
    if slot.state == "claimed":
        context["book_form"] = _book_form(viewer, slot)
    if viewer.staff and slot.organisation_id:
        others = AdvisorySlot.objects.filter(
            advisor=slot.advisor_id, organisation__isnull=True, starts_at__gt=timezone.now()
        ).exclude(pk=slot.pk)
        context["move_form"] = MoveForm(slots=others)
    if slot.advisor_id == request.user.pk or viewer.staff:
        context["notes_form"] = NotesForm(initial={"advisor_notes": slot.advisor_notes})
    if viewer.sees_booking(slot) and slot.organisation_id:
        enrolment = Enrolment.objects.filter(cohort=slot.cohort_id, organisation=slot.organisation_id).first()
        context["enrolment"] = enrolment
        if enrolment:
            context["team"] = enrolment.team.all()
            context["panels"] = panels_for_enrolment(request.user, enrolment)
    return render(request, "gatherings/slot_detail.html", context)


def _respond(request, slot_pk: int, ok: str | None = None, error: str | None = None) -> HttpResponse:
    """htmx: the updated board cell (with the message in it); otherwise back where we came from."""
    if request.htmx:
        slot = (
            AdvisorySlot.objects.select_related("gathering", "cohort", "advisor", "organisation")
            .filter(pk=slot_pk)
            .first()
        )
        if slot is None:
            return HttpResponse(f'<td class="slot slot-gone" role="status">{_("Removed")}</td>')
        viewer = viewer_for(request.user, slot.cohort_id)
        return render(
            request,
            "gatherings/partials/slot_cell.html",
            {
                "c": CellMaker(viewer, timezone.now()).cell(slot),
                "t": cell_labels(),
                "contact_orgs": viewer.contact_orgs,
                "next": safe_next(request, reverse_slot(slot_pk)),
                "message": ok,
                "error": error,
            },
        )
    if error:
        messages.error(request, error)
    elif ok:
        messages.success(request, ok)
    return redirect(safe_next(request, reverse_slot(slot_pk)))


def reverse_slot(pk: int) -> str:

    return reverse("gatherings:slot_detail", args=[pk])


@login_required
@require_POST
def slot_claim(request: HttpRequest, pk: int) -> HttpResponse:
    slot = _visible_slot(request, pk)
    if not access.has_cohort_role(request.user, slot.cohort_id, RoleKind.ADVISOR):
        raise PermissionDenied
    try:
        services.claim_slot(slot, actor=request.user)
    except services.BookingError as exc:
        return _respond(request, pk, error=error_text(exc))
    return _respond(request, pk, ok=_("You claimed the slot."))


@login_required
@require_POST
def slot_release(request: HttpRequest, pk: int) -> HttpResponse:
    slot = _visible_slot(request, pk)
    if not (access.is_staff(request.user) or (slot.advisor_id == request.user.pk)):
        raise PermissionDenied
    try:
        services.release_slot(slot, actor=request.user)
    except services.BookingError as exc:
        return _respond(request, pk, error=error_text(exc))
    if slot.is_followup and not request.htmx:
        messages.success(request, _("The follow-up slot was withdrawn."))
        return redirect("gatherings:my_schedule")
    return _respond(request, pk, ok=_("The slot was released."))


@login_required
@require_POST
def slot_book(request: HttpRequest, pk: int) -> HttpResponse:
    slot = _visible_slot(request, pk)
    viewer = viewer_for(request.user, slot.cohort_id)
    form = _book_form(viewer, slot, request.POST)
    if form is None:
        raise PermissionDenied
    if not form.is_valid():
        return _respond(request, pk, error=_("Choose the organisation to book for."))
    try:
        services.book_slot(
            slot, form.cleaned_data["organisation"], topic=form.cleaned_data["topic"], actor=request.user
        )
    except services.BookingError as exc:
        return _respond(request, pk, error=error_text(exc))
    return _respond(request, pk, ok=_("Booked. See you there!"))


@login_required
@require_POST
def slot_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    slot = _visible_slot(request, pk)
    viewer = viewer_for(request.user, slot.cohort_id)
    if not (viewer.staff or (slot.organisation_id and slot.organisation_id in viewer.contact_org_ids)):
        raise PermissionDenied
    try:
        services.cancel_booking(slot, actor=request.user)
    except services.BookingError as exc:
        return _respond(request, pk, error=error_text(exc))
    return _respond(request, pk, ok=_("The booking was cancelled."))


@login_required
@require_POST
def slot_move(request: HttpRequest, pk: int) -> HttpResponse:
    slot = _visible_slot(request, pk)
    access.require_staff(request.user)
    form = MoveForm(request.POST, slots=AdvisorySlot.objects.filter(advisor=slot.advisor_id))
    if not form.is_valid():
        messages.error(request, _("Choose a slot to move the booking to."))
        return redirect(slot)
    try:
        target = services.move_booking(slot, form.cleaned_data["target"], actor=request.user)
    except services.BookingError as exc:
        messages.error(request, error_text(exc))
        return redirect(slot)
    messages.success(request, _("The booking was moved."))
    return redirect(target)


@login_required
@require_POST
def slot_notes(request: HttpRequest, pk: int) -> HttpResponse:
    slot = _visible_slot(request, pk)
    if not (access.is_staff(request.user) or slot.advisor_id == request.user.pk):
        raise PermissionDenied
    form = NotesForm(request.POST)
    if form.is_valid():
        services.save_advisor_notes(slot, form.cleaned_data["advisor_notes"], actor=request.user)
        messages.success(request, _("Your notes were saved."))
    return redirect(slot)


def _advisor_cohorts(user):
    return Cohort.objects.filter(pk__in=access.assigned_cohort_ids(user, "advisor"))


@login_required
def followup_create(request: HttpRequest) -> HttpResponse:
    cohorts = _advisor_cohorts(request.user)
    if not cohorts.exists():
        raise PermissionDenied
    form = FollowupForm(request.POST or None, cohorts=cohorts)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            slot = services.offer_followup_slot(
                d["cohort"],
                starts_at=d["starts_at"],
                ends_at=d["starts_at"] + timedelta(minutes=d["minutes"]),
                place=d["place"],
                video_url=d["video_url"],
                actor=request.user,
            )
        except services.BookingError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("Your follow-up slot is open for booking."))
            return redirect(slot)
    return render(request, "gatherings/followup_form.html", {"form": form})


@login_required
def my_bookings(request: HttpRequest) -> HttpResponse:
    orgs = access.member_organisation_ids(request.user)
    slots = (
        AdvisorySlot.objects.visible_to(request.user)
        .filter(organisation__in=orgs)
        .select_related("gathering", "advisor", "organisation")
        .order_by("starts_at")
    )
    bookings = BookingFilter(request.GET, queryset=slots)
    page = Paginator(bookings.qs, 25).get_page(request.GET.get("page"))
    now = timezone.now()
    followups = (
        AdvisorySlot.objects.visible_to(request.user)
        .open()
        .filter(
            gathering__isnull=True,
            starts_at__gt=now,
            cohort__in=Enrolment.objects.current().filter(organisation__in=orgs).values("cohort_id"),
        )
        .select_related("advisor")
        .order_by("starts_at")[:20]
    )
    return render(
        request,
        "gatherings/my_bookings.html",
        {"page_obj": page, "slots": page.object_list, "form": bookings.form, "followups": followups},
    )


SCHEDULE_PAGE = 10  # slots per page: each shows the organisation's goals, team and panels


@login_required
def my_schedule(request: HttpRequest) -> HttpResponse:
    """The advisor's upcoming slots, ten to a page, as one cached part (cards and pagination) in two
    steps: which slots and organisations the page shows, kept under the advisor's version (every
    slot they claim, release or have booked bumps it) and the minute; then the cards, under the
    versions of the advisor and of the organisations shown. A page view that hits both runs no query
    of its own; the organisations' goals, teams and panels are read only on a miss."""
    if not (request.user.is_advisor or access.is_staff(request.user)):
        raise PermissionDenied
    user, now, number = request.user, timezone.now(), request.GET.get("page")
    minute = fragments.minute(now)
    page = SimpleLazyObject(lambda: _schedule_page(user, now, number))

    def shown() -> dict:
        slots = list(page.object_list)
        return {"slots": [s.pk for s in slots], "orgs": sorted({s.organisation_id for s in slots if s.organisation_id})}

    listing = fragments.cached("my-schedule", ("advisor", user.pk), key=[user.pk, minute, number], make=shown)
    part = fragments.part(
        request,
        ("advisor", user.pk),
        ("user", user.pk),
        *scopes.orgs(*listing["orgs"]),
        viewer=f"u{user.pk}",
        extra=[minute, ",".join(map(str, listing["slots"]))],
    )
    entries = SimpleLazyObject(lambda: _schedule_entries(user, list(page.object_list)))
    return render(request, "gatherings/my_schedule.html", {"entries": entries, "page_obj": page, "part": part})


def _schedule_page(user, now, number) -> Page:
    upcoming = (
        AdvisorySlot.objects.filter(advisor=user, ends_at__gte=now)
        .select_related("gathering", "organisation", "cohort")
        .order_by("starts_at", "pk")
    )
    return Paginator(upcoming, SCHEDULE_PAGE).get_page(number)


def _schedule_entries(user, slots: list[AdvisorySlot]) -> list[dict]:
    pairs = {(s.cohort_id, s.organisation_id) for s in slots if s.organisation_id}
    enrolments = {}
    if pairs:
        qs = (
            Enrolment.objects.filter(cohort__in={c for c, _o in pairs}, organisation__in={o for _c, o in pairs})
            .select_related("organisation", "cohort")
            .prefetch_related("team")
        )
        enrolments = {(e.cohort_id, e.organisation_id): e for e in qs}
    panels = panels_for_enrolments(user, enrolments.values())  # not one query per slot
    entries = []
    for s in slots:
        e = enrolments.get((s.cohort_id, s.organisation_id))
        entries.append({"slot": s, "enrolment": e, "panels": panels[e.pk] if e else []})
    return entries
