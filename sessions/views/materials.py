"""Downloading a programme material: the file is private and served only after the access check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404

from ..models import Material, MaterialKind


@login_required
def material_download(request: HttpRequest, pk: int) -> FileResponse:
    material = get_object_or_404(Material.objects.visible_to(request.user), pk=pk, kind=MaterialKind.FILE)
    try:
        handle = material.stored.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=material.file_name, content_type=material.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
