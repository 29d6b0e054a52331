"""A per-client rate limit for the public resident-survey form.

The client address comes from the shared helper ``omdomme.core.http.client_ip`` (``TRUSTED_PROXY_COUNT``).
Addresses are never stored: the cache key is a keyed hash, and it expires with the window.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

from omdomme.core.http import client_ip


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
