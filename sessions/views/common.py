from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme

from ..models import Gathering


def visible_gathering(request, pk: int) -> Gathering:
    return get_object_or_404(Gathering.objects.visible_to(request.user).select_related("cohort"), pk=pk)


def safe_next(request, default: str) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    if nxt and url_has_allowed_host_and_scheme(
        nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return nxt
    return default


def error_text(exc) -> str:
    return " ".join(str(m) for m in exc.messages)
