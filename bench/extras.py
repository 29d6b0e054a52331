"""Measurements that depend on other apps' services: each returns "not available yet" until the
service exists. Run in the bench process (Django set up on the bench database)."""

from __future__ import annotations

import re
import statistics
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import timedelta
from urllib.parse import quote

from django.apps import apps
from django.db import connections
from django.test.utils import override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from bench.client import Session

CONTENTION_REQUESTS = 90
PACK_SAMPLES = 10
PACK_GROUP = 20
_APP_TIME = re.compile(r"app;dur=([0-9.]+)")  # the app's own time in the Server-Timing header


def _percentiles(values: list[float]) -> dict:
    ordered = sorted(values)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000, 1),
    }


def booking_contention(host: str, port: int, password: str) -> dict | str:
    """90 concurrent booking POSTs on one slot by the contacts of the slot's cohort: exactly one wins."""
    try:
        AdvisorySlot = apps.get_model("gatherings", "AdvisorySlot")
        Activity = apps.get_model("cohorts", "Activity")
        Membership = apps.get_model("cohorts", "Membership")
        reverse("gatherings:slot_book", args=[1])
    except (LookupError, NoReverseMatch):
        return "not available yet"
    soon = timezone.now() + timedelta(days=3)
    slot = (
        AdvisorySlot.objects.filter(
            advisor__isnull=False,
            organisation__isnull=True,
            starts_at__gt=soon,
            gathering__is_published=True,
            cohort__name__startswith="Last",
        )
        .order_by("starts_at")
        .first()
    )
    if slot is None:
        return "no open claimed slot in the load data"
    contacts = list(
        Membership.objects.filter(
            role="contact",
            is_active=True,
            organisation__enrolments__cohort=slot.cohort_id,
        ).select_related("user", "organisation")[:CONTENTION_REQUESTS]
    )
    if not contacts:
        return "no contacts in the slot's cohort"
    sessions = []
    for membership in contacts:
        session = Session(host, port)
        session.login(membership.user.email, password)
        session.close()
        sessions.append((session, membership.organisation_id))
    path = reverse("gatherings:slot_book", args=[slot.pk])
    barrier = threading.Barrier(CONTENTION_REQUESTS)
    latencies, service, statuses, failures = [], [], [], []
    lock = threading.Lock()

    def post(i: int) -> None:
        base, org_id = sessions[i % len(sessions)]
        session = Session(host, port)
        session.cookies.update(base.cookies)
        body = {
            "csrfmiddlewaretoken": session.cookies.get("csrftoken", ""),
            f"book{slot.pk}-organisation": org_id,
            f"book{slot.pk}-topic": "Benchmark",
        }
        barrier.wait(timeout=30)
        started = time.perf_counter()
        try:
            status, headers, _ = session.post(path, body)
        except Exception as exc:  # noqa: BLE001 - any failure counts as an error
            with lock:
                failures.append(repr(exc))
            return
        finally:
            session.close()
        with lock:
            latencies.append(time.perf_counter() - started)
            statuses.append(status)
            timing = _APP_TIME.search(headers.get("server-timing", ""))
            if timing:
                service.append(float(timing.group(1)) / 1000)

    threads = [threading.Thread(target=post, args=(i,)) for i in range(CONTENTION_REQUESTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    slot.refresh_from_db()
    successes = Activity.objects.filter(verb="slot.booked", target_id=slot.pk).count()
    errors = len(failures) + sum(1 for s in statuses if s >= 500 or s in (403, 404))
    result = {
        "requests": CONTENTION_REQUESTS,
        "organisations": len(sessions),
        "successes": successes,
        "booked": slot.organisation_id is not None,
        "errors": errors,
        "statuses": {str(s): statuses.count(s) for s in sorted(set(statuses))},
    }
    if latencies:
        result.update(_percentiles(latencies))  # as the clients saw it: queueing included
    if service:
        result["service"] = _percentiles(service)  # inside the worker (Server-Timing): no queueing
    result["verdict"] = "ok" if successes == 1 and errors == 0 else "FAIL"
    return result


def _render_one(gathering_id: int, organisation_id: int) -> float:
    from django.apps import apps as worker_apps

    from omdomme.packs.services import render_pack

    Gathering = worker_apps.get_model("gatherings", "Gathering")
    Organisation = worker_apps.get_model("cohorts", "Organisation")
    started = time.perf_counter()
    render_pack(Gathering.objects.get(pk=gathering_id), Organisation.objects.get(pk=organisation_id))
    return time.perf_counter() - started


def pack_render() -> dict | str:
    """Median of 10 single renders, then 20 packs through 2 worker processes (the task's function)."""
    try:
        from omdomme.packs.services import pack_organisations
    except ImportError:
        return "not available yet"
    Gathering = apps.get_model("gatherings", "Gathering")
    gathering = Gathering.objects.filter(cohort__name__startswith="Last").order_by("pk").first()
    if gathering is None:
        return "no gathering in the load data"
    organisations = pack_organisations(gathering)[:PACK_GROUP]
    if not organisations:
        return "no organisations for the gathering"
    singles = [_render_one(gathering.pk, organisations[i % len(organisations)].pk) for i in range(PACK_SAMPLES)]
    connections.close_all()  # the worker processes fork: they must open their own connections
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(
            pool.map(
                _render_one,
                [gathering.pk] * PACK_GROUP,
                [o.pk for o in organisations] * (PACK_GROUP // len(organisations) + 1),
            )
        )
    group_s = time.perf_counter() - started
    return {
        "single_median_ms": round(statistics.median(singles) * 1000),
        "single_max_ms": round(max(singles) * 1000),
        f"{PACK_GROUP}_packs_2_workers_s": round(group_s, 1),
    }


def reminder_sweep() -> dict | str:
    """The sweep over the load data, twice (the second must queue nothing). The first is timed up to
    the commit (rules, rendering, the bulk INSERT: the sweep's own work) and, separately, through
    the commit, where the eager delivery task sends the batch (a worker does that in production)."""
    try:
        from omdomme.reminders.rules import sweep
    except ImportError:
        return "not available yet"
    from django.db import transaction

    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        started = time.perf_counter()
        with transaction.atomic():
            queued = sweep()
            first = time.perf_counter() - started
        delivered = time.perf_counter() - started - first
        started = time.perf_counter()
        again = sweep()
        second = time.perf_counter() - started
    return {
        "first_sweep_s": round(first, 2),
        "delivery_eager_s": round(delivered, 2),
        "queued": sum(queued.values()),
        "by_kind": dict(queued),
        "second_sweep_s": round(second, 2),
        "queued_again": sum(again.values()),
    }


REPORT_SAMPLES = 3


def evaluation_report() -> dict | str:
    """Render time of the PDF evaluation report for the load data's largest survey (median of 3)."""
    try:
        from evaluations.exports import report_pdf
    except ImportError:
        return "not available yet"
    from django.db.models import Count

    Survey = apps.get_model("evaluations", "Survey")
    survey = (
        Survey.objects.filter(cohort__name__startswith="Last")
        .annotate(n=Count("responses"))
        .order_by("-n", "pk")
        .first()
    )
    if survey is None:
        return "no survey in the load data"
    times, size = [], 0
    for _ in range(REPORT_SAMPLES):
        started = time.perf_counter()
        size = len(report_pdf(survey, language="nb"))
        times.append(time.perf_counter() - started)
    return {
        "responses": survey.n,
        "questions": survey.questions.count(),
        "median_s": round(statistics.median(times), 2),
        "pdf_kb": size // 1024,
    }


FIRST_SEARCH_WORDS = [
    "kommunane", "kommunen", "innbyggjarane", "innbyggerne", "forankring", "kommuneplanen", "tilflytting",
    "ambassadørane", "omdømmet", "næringslivet", "fruktene", "stedsutvikling", "bygda", "starten",
    "inkludering", "historia", "erfaring", "momentum", "frivilligheten", "hovudmålet",
]  # fmt: skip


def first_searches(host: str, port: int, password: str, email: str) -> dict | str:
    """Knowledge searches that no cache has seen: every word of the load data's texts, each on its
    first and second page, once one at a time and once four at a time (distinct query strings, so
    the cached results of the page measurement never answer them)."""
    try:
        url = reverse("knowledge:search")
    except NoReverseMatch:
        return "not available yet"
    queries = [f"{url}?q={quote(word)}&page={page}" for word in FIRST_SEARCH_WORDS for page in (1, 2)]
    session = Session(host, port)
    session.login(email, password)
    cookies = dict(session.cookies)

    def run(paths: list[str], out: list[float], service: list[float]) -> None:
        client = Session(host, port)
        client.cookies.update(cookies)
        for path in paths:
            started = time.perf_counter()
            status, headers, _ = client.get(path)
            if status == 200:
                out.append(time.perf_counter() - started)
                timing = _APP_TIME.search(headers.get("server-timing", ""))
                if timing:
                    service.append(float(timing.group(1)) / 1000)
        client.close()

    one: list[float] = []
    run(queries, one, [])
    four: list[float] = []
    four_service: list[float] = []  # the app's own time (Server-Timing), without the queueing
    concurrent = [f"{path}&year=" for path in queries]  # the same searches under other query strings
    threads = [threading.Thread(target=run, args=(concurrent[i::4], four, four_service)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    session.close()
    if len(one) < len(queries) or len(four) < len(concurrent):
        return f"errors: {len(queries) - len(one)} alone, {len(concurrent) - len(four)} four at a time"
    alone, together = _percentiles(one), _percentiles(four)
    return {
        "searches": len(queries),
        "one_at_a_time": alone,
        "four_at_a_time": together,
        "four_at_a_time_service": _percentiles(four_service) if four_service else None,
        "verdict": "ok" if max(alone["p95_ms"], together["p95_ms"]) <= 100 else "SLOW",
    }
