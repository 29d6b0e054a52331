"""IDOR sweep: every URL of ours that takes an object id, with the id swapped for an object the
persona may not see, as every signed-in persona: never a page, never a change.

Built on the permission matrix: each row that carries an integer in its URL is replayed with that
integer replaced by ids of objects that exist but are invisible to the persona in *every* model of
ours with a ``visible_to(user)`` queryset (so the answer must be 403/404 whatever model the URL
means). Candidates are taken among objects of the model the row's own id refers to (every table
has its own id range); a row where the world holds no such object invisible to a persona the row
allows fails, naming the model: add one in the app's ``extend(world)``. New rows in
``tests/permissions/rows_*.py`` are swept automatically.
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import resolve

from tests.permissions.matrix import Row
from tests.permissions.test_matrix import MODULES, OUR_APP_LABELS, ROWS, _fingerprint
from tests.permissions.test_matrix import world as world  # noqa: F401,PLC0414  (the extended world fixture)

SIGNED_IN = ["advisor", "evaluator", "contact_a", "contact_b", "outsider"]
MAX_IDS = 3
MIN_ROWS = 92
MIN_REQUESTS = 338


def _int_kwargs(url: str) -> dict[str, int]:
    match = resolve(url.split("?")[0])
    return {k: v for k, v in match.kwargs.items() if isinstance(v, int)}


def _swapped(url: str, name: str, old: int, new: int) -> str:
    """The URL with one integer argument replaced, built by reversing the same pattern."""
    from django.urls import reverse

    match = resolve(url.split("?")[0])
    kwargs = dict(match.kwargs)
    kwargs[name] = new
    query = url[len(url.split("?")[0]) :]
    return reverse(match.view_name, kwargs=kwargs) + query


@cache
def _scoped_models() -> tuple:
    found = []
    for model in apps.get_models():
        if model._meta.app_label in OUR_APP_LABELS and hasattr(model._default_manager.all(), "visible_to"):
            found.append(model)
    return tuple(found)


def _foreign_ids(user) -> tuple[set[int], dict[type, set[int]]]:
    """Ids that are invisible to ``user`` in every scoped model, and which models hold them."""
    all_ids: dict[type, set[int]] = {}
    visible: set[int] = set()
    for model in _scoped_models():
        all_ids[model] = set(model._default_manager.values_list("pk", flat=True))
        scoped = model._default_manager.all()
        visible |= set(scoped.visible_to(user).values_list("pk", flat=True))
        if hasattr(scoped, "shared_with"):  # a wider, read-only scope some pages use (the gallery)
            visible |= set(scoped.shared_with(user).values_list("pk", flat=True))
    foreign = set().union(*all_ids.values()) - visible
    return foreign, all_ids


def _idor_rows() -> list[Row]:
    return [row for row in ROWS if any(row.expect[p] < 400 for p in SIGNED_IN)]


def _sweep_row(row: Row, world, foreign_by_persona: dict) -> tuple[int, list[str]]:
    """Replay one row with swapped ids; returns (requests tried, failures)."""
    url = row.url(world)
    int_kwargs = _int_kwargs(url)
    failures, tried = [], 0
    for persona in SIGNED_IN if int_kwargs else []:
        if row.expect[persona] >= 400:
            continue  # the matrix already proves this persona is refused here
        user = world.user(persona)
        foreign, all_ids = foreign_by_persona[persona]
        for name, original in int_kwargs.items():
            # The models this argument can mean: those that hold an object with the row's own id.
            meant = [model for model, ids in all_ids.items() if original in ids]
            candidates = sorted({pk for model in meant for pk in all_ids[model] & foreign})[:MAX_IDS]
            if not candidates:
                labels = ", ".join(model._meta.label for model in meant) or "no model with visible_to(user)"
                failures.append(
                    f"{row.id}: {persona}: the world holds no {labels} that {persona} may not see, so "
                    f"{name}={original} cannot be swapped; add one in an extend() of tests/permissions/rows_*.py"
                )
            for pk in candidates:
                tried += 1
                target = _swapped(url, name, original, pk)
                client = Client()
                client.force_login(user)
                before = _fingerprint() if row.method == "post" else None
                with transaction.atomic():
                    if row.method == "post":
                        response = client.post(target, row.data(world) if row.data else {})
                    else:
                        response = client.get(target)
                    changed = row.method == "post" and _fingerprint() != before
                    transaction.set_rollback(True)
                if response.status_code not in (403, 404):
                    failures.append(f"{row.id}: {persona} {row.method.upper()} {target}: {response.status_code}")
                if changed:
                    failures.append(f"{row.id}: {persona} {row.method.upper()} {target}: changed data")
    return tried, failures


def test_swapped_ids_leak_nothing(world):
    """One world for the whole sweep (every request runs in a rolled-back transaction)."""
    foreign_by_persona = {persona: _foreign_ids(world.user(persona)) for persona in SIGNED_IN}
    tried, failures, swept = 0, [], []
    for row in _idor_rows():
        n, row_failures = _sweep_row(row, world, foreign_by_persona)
        tried += n
        if n:
            swept.append(row.id)
        failures += row_failures
    with_ids = [row.id for row in _idor_rows() if _int_kwargs(row.url(world))]
    assert failures == [], "\n".join(failures)
    assert sorted(set(with_ids) - set(swept)) == [], "rows with an object id but no invisible id to try"
    # Floors (the figures of the world as built): a sweep that quietly tries less fails.
    assert len(swept) >= MIN_ROWS, f"only {len(swept)} rows swept"
    assert tried >= MIN_REQUESTS, f"only {tried} requests tried"


def test_modules_are_the_matrix_modules():
    assert any(module.__name__.endswith("rows_cohorts") for module in MODULES)
