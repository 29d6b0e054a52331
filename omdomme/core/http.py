"""Who is the client? One answer for rate limits and logs, behind any number of our own proxies.

``TRUSTED_PROXY_COUNT`` (see ``../shared/DESIGN.md``) says how many proxies we run in front of the
app. Each appends the address it received the request from to ``X-Forwarded-For``, so the client is
the entry that many places from the right; anything further left was written by the client itself
and is never trusted. With 0 (``make run``) the header is ignored and the socket address counts.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's IP address as our outermost proxy saw it (never a value the client chose)."""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR", "")
    if count > 0:
        hops = [hop.strip() for hop in request.headers.get("x-forwarded-for", "").split(",") if hop.strip()]
        if len(hops) >= count:
            candidate = _clean(hops[-count])
            if candidate:
                return candidate
    return _clean(remote) or "0.0.0.0"  # noqa: S104 - a key for the rate limit, not a bind address


def _clean(value: str) -> str | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "192.0.2.1:443"
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None
