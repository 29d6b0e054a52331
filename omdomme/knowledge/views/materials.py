"""Staff manage a gathering's materials here; participants find them on the programme page.

Uploads go through the homework upload checks (size before and while the body is read, type by
content, archive bombs) and private storage; the services live in ``sessions.materials``."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from cohorts.access import require_staff
from homework import uploads
from sessions import materials as services
from sessions.models import Gathering, Material, MaterialKind

from ..forms import MATERIAL_FILE_TYPES, MaterialForm


def _gathering(request: HttpRequest, pk: int) -> Gathering:
    gathering = get_object_or_404(Gathering.objects.visible_to(request.user).select_related("cohort"), pk=pk)
    require_staff(request.user)
    return gathering


def _material(request: HttpRequest, pk: int) -> Material:
    material = get_object_or_404(
        Material.objects.visible_to(request.user).select_related("gathering__cohort", "programme_item"), pk=pk
    )
    require_staff(request.user)
    return material


def _materials_url(gathering_id: int) -> str:
    return reverse("knowledge:gathering_materials", args=[gathering_id])


@login_required
def gathering_materials(request: HttpRequest, pk: int) -> HttpResponse:
    gathering = _gathering(request, pk)
    materials = gathering.materials.select_related("programme_item").order_by(
        "programme_item__day", "programme_item__starts_at", "title", "pk"
    )
    return render(request, "knowledge/gathering_materials.html", {"gathering": gathering, "materials": materials})


def _limited(view):
    """Refuse an oversized body unread, and cap the file while it is read; CSRF is checked after
    the upload handler is in place (Django reads the body for the token)."""

    def wrapper(request: HttpRequest, pk: int) -> HttpResponse:
        handler = None
        if request.method == "POST":
            if uploads.request_too_large(request, settings.UPLOAD_MAX_BYTES):
                messages.error(request, uploads.too_large_message(settings.UPLOAD_MAX_BYTES))
                response = redirect(request.path)
                response["Connection"] = "close"
                return response
            handler = uploads.install_limit(request, settings.UPLOAD_MAX_BYTES)
        return csrf_protect(view)(request, pk, handler)

    return csrf_exempt(login_required(wrapper))


def _checked(request: HttpRequest, handler, required: bool):
    if handler is not None and handler.exceeded:
        raise uploads.UploadRefused(uploads.too_large_message(settings.UPLOAD_MAX_BYTES), code="too_large")
    upload = request.FILES.get("upload")
    if upload is None and not required:
        return None
    return uploads.check_upload(upload, allowed_types=MATERIAL_FILE_TYPES, max_size=settings.UPLOAD_MAX_BYTES)


def _create(request: HttpRequest, pk: int, handler) -> HttpResponse:
    gathering = _gathering(request, pk)
    form = MaterialForm(request.POST or None, request.FILES or None, gathering=gathering)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            is_file = data["kind"] == MaterialKind.FILE
            services.create_material(
                gathering,
                actor=request.user,
                title=data["title"],
                kind=data["kind"],
                programme_item=data["programme_item"],
                description=data["description"],
                url="" if is_file else data["url"],
                checked=_checked(request, handler, required=True) if is_file else None,
                for_alumni=data["for_alumni"],
            )
        except (uploads.UploadRefused, services.MaterialError) as exc:
            form.add_error("upload" if isinstance(exc, uploads.UploadRefused) else None, exc)
        else:
            messages.success(request, _("The material was added as a draft. Publish it when it is ready."))
            return redirect("knowledge:gathering_materials", pk=gathering.pk)
    return render(request, "knowledge/material_form.html", {"form": form, "gathering": gathering})


def _edit(request: HttpRequest, pk: int, handler) -> HttpResponse:
    material = _material(request, pk)
    gathering = material.gathering
    initial = {
        "title": material.title,
        "description": material.description,
        "programme_item": material.programme_item,
        "url": material.url,
        "for_alumni": material.for_alumni,
    }
    form = MaterialForm(
        request.POST or None, request.FILES or None, gathering=gathering, material=material, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_material(
                material,
                actor=request.user,
                title=data["title"],
                programme_item=data["programme_item"],
                description=data["description"],
                url=data.get("url", ""),
                checked=_checked(request, handler, required=False) if material.kind == MaterialKind.FILE else None,
                for_alumni=data["for_alumni"],
            )
        except (uploads.UploadRefused, services.MaterialError) as exc:
            form.add_error("upload" if isinstance(exc, uploads.UploadRefused) else None, exc)
        else:
            messages.success(request, _("The material was saved."))
            return redirect("knowledge:gathering_materials", pk=gathering.pk)
    return render(request, "knowledge/material_form.html", {"form": form, "gathering": gathering, "material": material})


material_create = _limited(_create)
material_edit = _limited(_edit)


@login_required
@require_POST
def material_publish(request: HttpRequest, pk: int) -> HttpResponse:
    material = _material(request, pk)
    publish = request.POST.get("publish", "1") == "1"
    services.publish_material(material, actor=request.user, publish=publish)
    messages.success(request, _("The material is published.") if publish else _("The material is a draft again."))
    return redirect("knowledge:gathering_materials", pk=material.gathering_id)


@login_required
def material_delete(request: HttpRequest, pk: int) -> HttpResponse:
    material = _material(request, pk)
    if request.method == "POST" and request.POST.get("confirmed"):
        services.delete_material(material, actor=request.user)
        messages.success(request, _("The material was removed."))
        return redirect("knowledge:gathering_materials", pk=material.gathering_id)
    return render(
        request,
        "includes/confirm.html",
        {
            "title": _("Remove material"),
            "question": _("Remove “%(title)s” and its file? This cannot be undone.") % {"title": material.title},
            "action_url": request.path,
            "cancel_url": _materials_url(material.gathering_id),
            "button": _("Remove"),
        },
    )
