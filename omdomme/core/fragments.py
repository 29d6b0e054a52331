"""Versioned fragment caching: big page parts that change rarely are rendered once per version.

A page part (a table, a panel) is cached with Django's ``{% cache %}`` tag under a key that holds
the versions of everything it shows, for example ``versions(("cohort", 12), ("survey", 4))``. When
something of a cohort changes, ``bump(("cohort", 12))`` replaces that version, so the next request
misses and renders afresh. Bumps normally come from the model signals an app connects in its
``AppConfig.ready()`` (``connect_bumps``), so an edit through a service, a form or the admin cannot
forget one; code that writes with ``QuerySet.update()`` or ``bulk_create()`` (no signals) calls
``bump`` itself.

Why this cannot serve stale parts:
- a bump runs after the transaction commits, so a request that reads the new version also reads the
  new rows;
- a request reads the versions before it reads the data, so a part rendered from older rows is
  stored under a version that is already gone;
- a lost or evicted version is replaced by a new one, which can only make a miss, never a stale hit.

What the key must also hold, besides versions: the language (``LANGUAGE_CODE``), whatever makes
the viewer see something different (``audience``), and the date if the part says "today" or
"overdue". Forms with a CSRF token stay outside cached parts.

The fragments and versions live in the ``template_fragments`` cache when the settings name one
(the tests make it a dummy, so every request renders and counts its queries), else in the default
cache.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save

Scope = tuple[str, int]
FRAGMENT_TTL = 24 * 3600


def _cache():
    return caches["template_fragments" if "template_fragments" in settings.CACHES else "default"]


def _key(scope: Scope) -> str:
    kind, pk = scope
    return f"frag:v:{kind}:{pk}"


def versions(*scopes: Scope) -> str:
    """One string naming the current version of every scope (one cache round trip when all are
    known); put it in the ``{% cache %}`` key."""
    cache = _cache()
    keys = [_key(scope) for scope in scopes]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, uuid.uuid4().hex[:12], timeout=None)  # a concurrent request's version wins
        found.update(cache.get_many(missing))
    return ".".join(str(found.get(key, uuid.uuid4().hex[:12])) for key in keys)


def bump(*scopes: Scope) -> None:
    """Retire the versions of these scopes once the current transaction commits."""
    keys = [_key(scope) for scope in scopes if scope[1] is not None]
    if keys:
        transaction.on_commit(lambda: _cache().delete_many(keys))


def cached(key: str, render: Callable[[], str]) -> str:
    """The fragment stored under ``key`` (which holds ``versions(...)``), rendered and stored on a
    miss: for a page part whose data a view reads, so that a hit also skips the queries."""
    cache = _cache()
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, FRAGMENT_TTL)
    return html


def audience(user) -> str:
    """A short key for what a viewer may see on a page that shows the same data to everyone on the
    course side but only their own rows to participants: "staff", or the user's id."""
    from omdomme.core.staff import is_staff

    if not user.is_authenticated:
        return "anon"
    return "staff" if is_staff(user) else f"u{user.pk}"


def connect_bumps(model, scopes: Callable[[object], Iterable[Scope]], uid: str) -> Callable[[], None]:
    """Bump the scopes of every saved or deleted ``model`` row: ``scopes(instance)`` names them, for
    example ``lambda slot: [("gathering", slot.gathering_id)]``. Returns the disconnecting call."""

    def receiver(sender, instance, **kwargs):
        bump(*scopes(instance))

    signals = (post_save, post_delete)
    for signal in signals:
        signal.connect(receiver, sender=model, weak=False, dispatch_uid=f"frag-{uid}")

    def disconnect() -> None:
        for signal in signals:
            signal.disconnect(sender=model, dispatch_uid=f"frag-{uid}")

    return disconnect
