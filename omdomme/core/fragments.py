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

import functools
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.translation import get_language

from omdomme.core.staff import is_staff

Scope = tuple[str, int]
T = TypeVar("T")
FRAGMENT_TTL = 24 * 3600
# Part of every key: bulk loads and restores, which write past the signals, retire it (``retire_all``).
EVERYTHING: Scope = ("all", 0)


def _cache():
    return caches["template_fragments" if "template_fragments" in settings.CACHES else "default"]


def _key(scope: Scope) -> str:
    kind, pk = scope
    return f"frag:v:{kind}:{pk}"


def versions(*scopes: Scope) -> str:
    """One string naming the current version of every scope (one cache round trip when all are
    known); put it in the ``{% cache %}`` key."""
    cache = _cache()
    keys = [_key(scope) for scope in (*scopes, EVERYTHING)]
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


def cached(name: str, *scopes: Scope, key: Iterable[object] = (), make: Callable[[], T]) -> T:
    """``make()``'s value, kept under ``name``, the versions of ``scopes`` (read here, before
    ``make`` reads the data) and the parts of ``key`` (the viewer, the language, the query...); made
    and stored on a miss. For a page part whose data a view reads, so that a hit also skips the
    queries, or for the small facts a page needs on every view (a gathering's counts, what a viewer
    may do on a board, which slots a schedule page shows), which must be picklable."""
    cache = _cache()
    full_key = ":".join([name, versions(*scopes), *map(str, key)])
    value = cache.get(full_key)
    if value is None:
        value = make()
        cache.set(full_key, value, FRAGMENT_TTL)
    return value


def retire_all() -> None:
    """Every cached part renders afresh: for writes that no signal sees and no scope names (loading
    the benchmark data, restoring a backup)."""
    bump(EVERYTHING)


def minute(now: datetime | None = None) -> str:
    """The current minute, for the key of a part that says "due soon", "open" or "expired" and so
    changes with time alone."""
    return f"{now or timezone.now():%Y%m%d%H%M}"


def audience(user) -> str:
    """A short key for what a viewer may see on a page that shows the same data to everyone on the
    course side but only their own rows to participants: "staff", or the user's id."""
    if not user.is_authenticated:
        return "anon"
    return "staff" if is_staff(user) else f"u{user.pk}"


@dataclass(frozen=True)
class Part:
    """What a ``{% cache part.ttl "name" part.key %}`` tag needs."""

    key: str
    ttl: int = FRAGMENT_TTL


def part(request, *scopes: Scope, viewer: str | None = None, extra: Iterable[object] = ()) -> Part:
    """The key of a page part showing ``scopes``: their versions, the language, the viewer
    (``audience`` unless ``viewer`` says more precisely what they see), the path with its query
    (page, filters: the pagination links repeat the query) and ``extra`` (the date where the part
    says "today" or "overdue")."""
    viewer = audience(request.user) if viewer is None else viewer
    return Part("|".join([versions(*scopes), get_language(), viewer, request.get_full_path(), *map(str, extra)]))


def on_miss(fn: Callable, *args) -> Callable[[], object]:
    """A cached part's data for the template: ``fn(*args)`` runs when the template first reads it,
    that is only when the part is not in the cache, and the result is kept for the request."""
    return functools.cache(functools.partial(fn, *args))


def connect_bumps(
    model, scopes: Callable[[object], Iterable[Scope]], uid: str, *, fields: Iterable[str] | None = None
) -> Callable[[], None]:
    """Bump the scopes of every saved or deleted ``model`` row: ``scopes(instance)`` names them, for
    example ``lambda slot: [("gathering", slot.gathering_id)]``. With ``fields``, a save that names
    its ``update_fields`` and none of these (a login's ``last_login``) bumps nothing. Returns the
    disconnecting call."""
    watched = frozenset(fields) if fields is not None else None

    def receiver(sender, instance, update_fields=None, **kwargs):
        if watched is not None and update_fields is not None and not watched & set(update_fields):
            return
        bump(*scopes(instance))

    signals = (post_save, post_delete)
    for signal in signals:
        signal.connect(receiver, sender=model, weak=False, dispatch_uid=f"frag-{uid}")

    def disconnect() -> None:
        for signal in signals:
            signal.disconnect(sender=model, dispatch_uid=f"frag-{uid}")

    return disconnect


def connect_m2m_bumps(relation, scopes: Callable[[object], Iterable[Scope]], uid: str) -> Callable[[], None]:
    """Bump the scopes of the objects whose many-to-many ``relation`` (the descriptor, such as
    ``Enrolment.team``) gains or loses rows, from either side; ``scopes`` takes the object that owns
    the field. Returns the disconnecting call."""
    owner = relation.field.model

    def receiver(sender, instance, action, reverse, pk_set, **kwargs):
        if action not in {"post_add", "post_remove", "pre_clear"}:
            return
        if not reverse:
            bump(*scopes(instance))
            return
        # From the other side (``user.enrolment_teams.add(...)``): every owner touched; on a clear,
        # before it, every owner the object is still linked to.
        owners = (
            owner.objects.filter(**{relation.field.name: instance})
            if pk_set is None
            else owner.objects.filter(pk__in=pk_set)
        )
        for obj in owners:
            bump(*scopes(obj))

    m2m_changed.connect(receiver, sender=relation.through, weak=False, dispatch_uid=f"frag-{uid}")
    return lambda: m2m_changed.disconnect(sender=relation.through, dispatch_uid=f"frag-{uid}")
