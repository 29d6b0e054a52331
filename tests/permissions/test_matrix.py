"""Every URL × every persona, GET and POST, with expected codes in one table per app.

A URL of ours missing from the tables fails the suite. A refused write changes nothing (a digest
of every row of every table of ours is the same before and after). Pages shown to contact_a and
the outsider never contain org B's secrets.
"""

from __future__ import annotations

import hashlib
import importlib
import pkgutil

import pytest
from django.apps import apps
from django.db import connection, models, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.permissions.matrix import Row
from tests.world import PERSONAS, build_world

OUR_NAMESPACES = {
    "cohorts",
    "gatherings",
    "homework",
    "evaluations",
    "notifications",
    "reminders",
    "packs",
    "accounts",
    "omdomme",
    "privacy",
    "evidence",
    "knowledge",
}
OUR_TOP_LEVEL = {"index", "home", "health", "switch_language"}
OUR_APP_LABELS = {
    "accounts",
    "notifications",
    "cohorts",
    "gatherings",
    "homework",
    "evaluations",
    "reminders",
    "packs",
    "omdomme",
    "evidence",
    "knowledge",
}


def _row_modules():
    package = importlib.import_module("tests.permissions")
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("rows_"):
            yield importlib.import_module(f"tests.permissions.{info.name}")


MODULES = list(_row_modules())
ROWS: list[Row] = [row for module in MODULES for row in module.ROWS]


def _all_url_names(resolver=None, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            names |= _all_url_names(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(prefix + entry.name)
    return names


def test_every_url_of_ours_has_a_row():
    ours = {n for n in _all_url_names() if n.split(":")[0] in OUR_NAMESPACES or n in OUR_TOP_LEVEL}
    covered = {row.name for row in ROWS}
    assert sorted(ours - covered) == []
    assert sorted(covered - ours) == [], "rows name URLs that do not exist"


def test_row_ids_are_unique():
    ids = [row.id for row in ROWS]
    assert len(ids) == len(set(ids))


def _fingerprint() -> dict[str, str]:
    """A digest of the contents of every row of every table of ours (many-to-many tables included),
    so a wrongful UPDATE shows as well as an INSERT or a DELETE."""
    digests = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in OUR_APP_LABELS:
            columns = [f.attname for f in model._meta.concrete_fields]
            rows = model._base_manager.order_by("pk").values_list(*columns)
            digests[model._meta.label] = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
    return digests


def test_the_fingerprint_sees_an_update_that_keeps_the_row_count(world):
    before = _fingerprint()
    world.org_a.__class__.objects.filter(pk=world.org_a.pk).update(name="Endret kommune")
    after = _fingerprint()
    assert [label for label in before if before[label] != after[label]] == ["cohorts.Organisation"]


def _distinct_id_ranges() -> None:
    """Every table of ours numbers its new rows from a million of its own, so that an id in a URL
    names one object only. The IDOR sweep tries ids that no object visible to the persona has in
    any model; without this, which ids collide across tables depended on the order the tests ran
    in (sequences are not rolled back), and some rows had no foreign id to try."""
    if connection.vendor != "postgresql":
        return
    ours = sorted(
        (m for m in apps.get_models(include_auto_created=True) if m._meta.app_label in OUR_APP_LABELS),
        key=lambda m: m._meta.db_table,
    )
    with connection.cursor() as cursor:
        for index, model in enumerate(ours, start=1):
            if isinstance(model._meta.pk, models.AutoField):  # BigAutoField and SmallAutoField too
                table, column = model._meta.db_table, model._meta.pk.column
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), %s, false)", [table, column, index * 1_000_000]
                )


@pytest.fixture
def world(db):
    _distinct_id_ranges()
    w = build_world()
    for module in MODULES:
        if hasattr(module, "extend"):
            module.extend(w)
    return w


def _is_refusal(persona: str, expected: int) -> bool:
    return expected in (403, 404, 405) or persona == "anonymous"


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_permission_row(row: Row, world):
    failures = []
    for persona in PERSONAS:
        client = Client()
        user = world.user(persona)
        if user is not None:
            client.force_login(user)
        expected = row.expect[persona]
        check_unchanged = row.method == "post" and _is_refusal(persona, expected)
        before = _fingerprint() if check_unchanged else None
        with transaction.atomic():
            if row.method == "post":
                response = client.post(row.url(world), row.data(world) if row.data else {})
            else:
                response = client.get(row.url(world))
            if check_unchanged and _fingerprint() != before:
                failures.append(f"{persona}: a refused write changed data")
            transaction.set_rollback(True)
        status = response.status_code
        if status != expected:
            failures.append(f"{persona}: expected {expected}, got {status}")
            continue
        to_login = "/konto/login/" in response.get("Location", "")
        if persona == "anonymous" and status == 302 and row.login_redirect and not to_login:
            failures.append("anonymous: not sent to the login page")
        if row.leak_check and persona in ("contact_a", "outsider") and status == 200:
            body = b"".join(response.streaming_content) if response.streaming else response.content
            text = body.decode("utf-8", "replace")
            secrets = list(world.secrets_b) + row.extra_secrets(world)
            if not row.shares_cohort_data:
                secrets.append(world.org_b.name)
            leaked = [s for s in secrets if s in text]
            if leaked:
                failures.append(f"{persona}: page shows org B's data {leaked}")
    assert failures == [], f"{row.id}: " + "; ".join(failures)
