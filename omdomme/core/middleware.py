"""Control characters never reach a view: one place for paths, query strings and form fields.

A NUL byte that reaches PostgreSQL is a 500 ("A string literal cannot contain NUL"), and other C0
control characters have no business in names, searches or answers. So:

* a path with a control character is a 400 (no URL of ours has one);
* query-string and form values lose them (tab, line feed and carriage return stay: text areas
  use them), so a search for ``%00`` finds nothing and a form with one is saved without it.

Form data is cleaned when a view first reads ``request.POST``, not here, so views that install
their own upload handlers first (homework uploads) keep working.
"""

from __future__ import annotations

import re

from django.core.exceptions import BadRequest
from django.http import HttpRequest, QueryDict
from django.utils.cache import patch_cache_control

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_control(value: str) -> str:
    return CONTROL.sub("", value)


def _clean(query: QueryDict) -> QueryDict:
    if not any(CONTROL.search(k) or any(CONTROL.search(v) for v in vs) for k, vs in query.lists()):
        return query
    cleaned = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        cleaned.setlist(strip_control(key), [strip_control(v) for v in values])
    cleaned._mutable = False
    return cleaned


_CLEANING_CLASSES: dict[type, type] = {}


def _cleaning_class(cls: type) -> type:
    """``cls`` with form data cleaned as it is parsed (one subclass per request class)."""
    if cls not in _CLEANING_CLASSES:

        def _load_post_and_files(self):
            cls._load_post_and_files(self)
            self._post = _clean(self._post)

        _CLEANING_CLASSES[cls] = type(cls.__name__, (cls,), {"_load_post_and_files": _load_post_and_files})
    return _CLEANING_CLASSES[cls]


class ControlCharacterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if CONTROL.search(request.path_info) or CONTROL.search(request.path):
            raise BadRequest("Control character in the path")
        request.GET = _clean(request.GET)
        if not hasattr(request, "_post"):
            request.__class__ = _cleaning_class(type(request))
        return self.get_response(request)


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` on every page a signed-in person gets and on every
    download (exports, homework files, packs, calendars, the personal data export), unless the view
    chose a policy itself. Browsers and proxies then keep no copy of personal data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if "Cache-Control" not in response and (signed_in or response.has_header("Content-Disposition")):
            patch_cache_control(response, private=True, no_store=True)
        return response
