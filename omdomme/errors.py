"""Error views that render our branded pages with the request, so they carry the layout, the menu and
the visitor's language. 403 and 404 use Django's own handlers (they already pass the request) with our
``403.html``/``404.html``; 500 uses Django's handler with ``500.html``, which needs no context at all."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: Django's default renders 400.html without the request (no menu, no language switch)."""
    return render(request, "400.html", status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: explain the expired form and link back to it when it was on this site."""
    referer = request.META.get("HTTP_REFERER", "")
    allowed = url_has_allowed_host_and_scheme(referer, {request.get_host()}, require_https=request.is_secure())
    return render(request, "403_csrf.html", {"back_url": referer if allowed else ""}, status=403)
