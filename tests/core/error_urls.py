"""The site's URLs plus four that fail on purpose, for the error-page tests (``pytest.mark.urls``)."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from omdomme.urls import handler400
from omdomme.urls import urlpatterns as site_urlpatterns


def _server_error(request):
    raise RuntimeError("a bug, on purpose")


def _forbidden(request):
    raise PermissionDenied


def _bad_request(request):
    raise SuspiciousOperation("a request we cannot accept, on purpose")


urlpatterns = [
    path("test-feil/500/", _server_error),
    path("test-feil/403/", _forbidden),
    path("test-feil/400/", _bad_request),
    *site_urlpatterns,
]
handler400 = handler400
