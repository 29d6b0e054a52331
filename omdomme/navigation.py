"""The site navigation (a context processor): every app's menu entries, registered in its
``AppConfig.ready()`` (``omdomme.core.extensions.menu``), in their fixed order.

The menu is cached per user and language. The key holds the user's role flags (read from the user
row the request loads anyway) and a per-user version that ``invalidate_menu`` replaces whenever a
membership of the user or the user changes, so a cached menu never outlives what it was built from.
A lost or evicted version is replaced by a new one, which can only make a miss, never a stale hit.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.cache import caches
from django.utils import translation

from omdomme.core.extensions import MenuItem, menu

MENU_TTL = 3600


def _cache():
    """The "navigation" cache if the settings name one (the tests make it a dummy, so every request
    counts the queries of a cold menu), else the default cache."""
    return caches["navigation" if "navigation" in settings.CACHES else "default"]


def _version_key(user_id: int) -> str:
    return f"nav:v:{user_id}"


def _version(user_id: int) -> str:
    cache, key = _cache(), _version_key(user_id)
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)  # a concurrent request's version wins
        version = cache.get(key, "")
    return version


def invalidate_menu(user_id: int) -> None:
    """Called when anything the user's menu is built from changes (memberships, role flags)."""
    _cache().delete(_version_key(user_id))


def menu_for(user) -> list[MenuItem]:
    roles = (user.is_staff, user.is_advisor, user.is_evaluator, user.is_active)
    flags = "".join("1" if flag else "0" for flag in roles)
    key = f"nav:{user.pk}:{_version(user.pk)}:{translation.get_language()}:{flags}"
    items = _cache().get(key)
    if items is None:
        items = menu.collect(user)
        _cache().set(key, items, MENU_TTL)
    return items


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None:
        return {"menu_items": []}
    if not user.is_authenticated:
        return {"menu_items": [], "menu_current": None}
    path = request.path
    items = menu_for(user)
    current = max((item for item in items if path.startswith(item.url)), key=lambda i: len(i.url), default=None)
    return {"menu_items": items, "menu_current": current}


def _membership_changed(sender, instance, **kwargs) -> None:
    invalidate_menu(instance.user_id)


def _user_changed(sender, instance, **kwargs) -> None:
    invalidate_menu(instance.pk)


def connect_signals() -> None:
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_delete, post_save

    from cohorts.models import Membership

    for signal in (post_save, post_delete):
        signal.connect(_membership_changed, sender=Membership, dispatch_uid="nav-membership")
        signal.connect(_user_changed, sender=get_user_model(), dispatch_uid="nav-user")
