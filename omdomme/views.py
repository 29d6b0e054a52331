from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from cohorts import scopes
from omdomme.core.extensions import home_sections


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and the benchmark baseline: exactly one database query."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"status": "ok"})


@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language, plus remembering the choice on the signed-in user."""
    language = request.POST.get("language", "")
    if request.user.is_authenticated and check_for_language(language):
        request.user.language = language
        request.user.save(update_fields=["language"])
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        request.POST = request.POST.copy()
        request.POST["next"] = "/"
    return set_language(request)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role lands on its own home page; a person with several roles sees every section. A
    member's sections are a cached part (``cohorts.scopes.home_part``), collected only on a miss."""
    part = scopes.home_part(request)
    if part is not None:  # a member always has their organisation's section
        sections = SimpleLazyObject(lambda: home_sections.collect(request.user))
        return render(request, "omdomme/home.html", {"sections": sections, "part": part})
    sections = home_sections.collect(request.user)
    if not sections:
        return render(request, "omdomme/home_no_role.html")
    return render(request, "omdomme/home.html", {"sections": sections})


def index(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    return redirect("cohorts:public_home")
