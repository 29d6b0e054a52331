"""``Server-Timing: app;dur=<ms>`` on every response when ``SERVER_TIMING`` is on: the time Django
spent on the request inside the worker, without the time it waited in the server's queue. The
benchmark turns it on to report the booking service's own time apart from queueing."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed


class ServerTimingMiddleware:
    def __init__(self, get_response):
        if not getattr(settings, "SERVER_TIMING", False):
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response
