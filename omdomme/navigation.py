"""The site navigation (a context processor): every app's menu entries, registered in its
``AppConfig.ready()`` (``omdomme.core.extensions.menu``), in their fixed order."""

from __future__ import annotations

from omdomme.core.extensions import menu


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None:
        return {"menu_items": []}
    if not user.is_authenticated:
        return {"menu_items": [], "menu_current": None}
    path = request.path
    items = menu.collect(user)
    current = max((item for item in items if path.startswith(item.url)), key=lambda i: len(i.url), default=None)
    return {"menu_items": items, "menu_current": current}
