"""A per-client rate limit for the public resident-survey form.

The client address is resolved with ``TRUSTED_PROXY_COUNT`` (the production issue's contract): with N
trusted proxies, the N-th address from the right of ``X-Forwarded-For`` is the client's. This is the
smallest helper that does it; when the shared client-IP helper lands, ``client_ip`` should call it.
Addresses are never stored: the cache key is a keyed hash, and it expires with the window.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    remote = request.META.get("REMOTE_ADDR", "")
    if count <= 0:
        return remote
    chain = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    return chain[-count] if len(chain) >= count else remote


def over_limit(request, scope: str) -> bool:
    """Count one attempt for this client in this scope; True once it passes the limit."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{scope}:{client_ip(request)}".encode(), hashlib.sha256)
    key = "evidence-rate:" + digest.hexdigest()[:32]
    window = settings.RESIDENT_SURVEY_RATE_WINDOW
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key) > settings.RESIDENT_SURVEY_RATE_LIMIT
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return False
