"""One navigation for every role: each app lists its menu entries in ``<app>/navigation.py``
(a function ``menu(user) -> list[MenuItem]``); this module collects them in a fixed order."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

NAV_MODULES = ["cohorts", "sessions", "homework", "evaluations", "omdomme.notifications", "omdomme.knowledge"]


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str
    order: int = 100


def menu_for(user) -> list[MenuItem]:
    items: list[MenuItem] = []
    if not user.is_authenticated:
        return items
    for module_name in NAV_MODULES:
        items.extend(import_module(f"{module_name}.navigation").menu(user))
    return sorted(items, key=lambda item: item.order)


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None:
        return {"menu_items": []}
    path = request.path
    items = menu_for(user)
    current = max((item for item in items if path.startswith(item.url)), key=lambda i: len(i.url), default=None)
    return {"menu_items": items, "menu_current": current}
