"""Participant packs: staff make all of a gathering's packs at once (a Celery group, with a progress
bar polled by htmx) and download each or a ZIP; an organisation's team downloads its own."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts import access, scopes
from cohorts.models import Membership, Organisation
from omdomme.core import fragments
from sessions.models import Gathering

from .. import language
from . import services
from .models import PackStatus, ParticipantPack
from .tasks import render_pack_task


@login_required
def pack_gatherings(request: HttpRequest) -> HttpResponse:
    """Staff: the gatherings, newest first, each with its packs page."""
    access.require_staff(request.user)
    gatherings = Gathering.objects.visible_to(request.user).select_related("cohort").order_by("-starts_on", "pk")
    page = Paginator(gatherings, 30).get_page(request.GET.get("page"))
    return render(request, "packs/gathering_list.html", {"page_obj": page, "gatherings": page.object_list})


def _staff_gathering(request: HttpRequest, pk: int) -> Gathering:
    if not request.user.is_staff:
        raise Http404
    return get_object_or_404(Gathering.objects.visible_to(request.user).select_related("cohort"), pk=pk)


@login_required
def gathering_packs(request: HttpRequest, pk: int) -> HttpResponse:
    gathering = _staff_gathering(request, pk)
    packs = list(
        ParticipantPack.objects.filter(gathering=gathering)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    return render(
        request,
        "packs/gathering_packs.html",
        {
            "gathering": gathering,
            "packs": packs,
            "stale": services.stale_ids(gathering, packs),
            "progress": services.progress(gathering),
            "organisation_count": len(services.pack_organisations(gathering)),
            "nynorsk": language.warning(gathering.cohort, lambda: language.missing_in_gathering(gathering)),
        },
    )


@login_required
@require_POST
def gathering_packs_generate(request: HttpRequest, pk: int) -> HttpResponse:
    gathering = _staff_gathering(request, pk)
    try:
        services.request_packs(gathering, actor=request.user)
    except services.PackError as exc:
        messages.error(request, exc.messages[0])
    return redirect("packs:gathering_packs", pk=gathering.pk)


@login_required
def gathering_packs_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress bar (an htmx partial that polls itself until every pack is done)."""
    gathering = _staff_gathering(request, pk)
    return render(request, "packs/_progress.html", {"gathering": gathering, "progress": services.progress(gathering)})


@login_required
def gathering_packs_zip(request: HttpRequest, pk: int) -> HttpResponse:
    gathering = _staff_gathering(request, pk)
    packs = list(ParticipantPack.objects.filter(gathering=gathering, status=PackStatus.READY))
    if not packs:
        raise Http404
    response = HttpResponse(services.zip_packs(packs), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="deltakerpakker-{slugify(gathering.title)}.zip"'
    return response


@login_required
def pack_download(request: HttpRequest, pk: int) -> FileResponse:
    """A stored pack, for its organisation's team and the cohort's staff/advisors/evaluators."""
    pack = get_object_or_404(
        ParticipantPack.objects.visible_to(request.user).select_related("gathering"),
        pk=pk,
        status=PackStatus.READY,
        gathering__in=Gathering.objects.visible_to(request.user),
    )
    return FileResponse(
        pack.file.open("rb"),
        as_attachment=True,
        filename=pack.file.name.rsplit("/", 1)[-1],
        content_type="application/pdf",
    )


@login_required
def pack_mine(request: HttpRequest, gathering_pk: int, organisation_pk: int) -> HttpResponse:
    """An organisation's own pack for a gathering: download it, or ask for it to be (re)made."""
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), pk=organisation_pk)
    gathering = get_object_or_404(
        Gathering.objects.visible_to(request.user).select_related("cohort"),
        pk=gathering_pk,
        cohort__enrolments__organisation=organisation,
    )
    pack = ParticipantPack.objects.filter(gathering=gathering, organisation=organisation).first()
    if pack is not None and not ParticipantPack.objects.visible_to(request.user).filter(pk=pack.pk).exists():
        raise Http404
    stale = pack is not None and pack.pk in services.stale_ids(gathering, [pack])
    if request.method == "POST":
        if not (
            request.user.is_staff
            or Membership.objects.active().filter(user=request.user, organisation=organisation).exists()
        ):
            raise PermissionDenied
        if pack is not None and pack.status in (PackStatus.PENDING, PackStatus.RENDERING):
            return redirect(request.path)
        pack, _created = ParticipantPack.objects.get_or_create(gathering=gathering, organisation=organisation)
        ParticipantPack.objects.filter(pk=pack.pk).update(status=PackStatus.PENDING)
        fragments.bump(*scopes.orgs(organisation.pk))  # update() sends no signals
        transaction.on_commit(
            lambda: render_pack_task.delay(gathering_id=gathering.pk, organisation_id=organisation.pk)
        )
        messages.success(request, _("Your participant pack is being made."))
        return redirect(request.path)
    template = "packs/_mine_status.html" if request.htmx else "packs/pack_mine.html"
    return render(
        request, template, {"gathering": gathering, "organisation": organisation, "pack": pack, "stale": stale}
    )
