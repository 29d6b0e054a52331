"""Which pages the benchmark measures, resolved defensively: a page whose URL name or data does
not exist (yet) is "not available". Runs in-process with Django set up on the bench database."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from omdomme.core import fragments

STAFF_EMAIL = "stab@last.example.no"
CONTACT_EMAIL = "kontakt0-0@last.example.no"
ADVISOR_EMAIL = "radgiver@last.example.no"


@dataclass
class Target:
    label: str
    path: str | None
    persona: str = "staff"


def logins() -> dict[str, str]:
    return {"staff": STAFF_EMAIL, "contact": CONTACT_EMAIL, "advisor": ADVISOR_EMAIL}


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _reverse_first(names: list[str], *args) -> str | None:
    for name in names:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return None


def _load_cohort():
    Cohort = _model("cohorts.Cohort")
    return Cohort.objects.filter(name__startswith="Last").order_by("-year").first()


def _first_url(label: str, **filters) -> str | None:
    model = _model(label)
    if model is None or not hasattr(model, "get_absolute_url"):
        return None
    obj = model.objects.filter(**filters).order_by("pk").first()
    try:
        return obj.get_absolute_url() if obj else None
    except NoReverseMatch:
        return None


def targets() -> list[Target]:
    cohort = _load_cohort()
    gathering_filter = {"cohort": cohort} if cohort else {}
    gathering_model = _model("gatherings.Gathering")
    gathering = gathering_model.objects.filter(**gathering_filter).order_by("pk").first() if gathering_model else None
    survey_model = _model("evaluations.Survey")
    survey = survey_model.objects.filter(cohort=cohort).order_by("pk").first() if survey_model and cohort else None
    enrolment_model = _model("cohorts.Enrolment")
    enrolment = (
        enrolment_model.objects.filter(cohort=cohort).select_related("organisation").order_by("pk").first()
        if enrolment_model and cohort
        else None
    )
    return [
        Target("health (baseline)", reverse("health"), persona=None),
        Target("floor (layout only)", _reverse_first(["bench_floor"])),
        Target("cohort overview", cohort.get_absolute_url() if cohort else None),
        Target(
            "progress matrix",
            _reverse_first(["homework:progress", "homework:progress_matrix"], cohort.pk) if cohort else None,
        ),
        Target("gathering page", gathering.get_absolute_url() if gathering else None),
        Target(
            "booking board",
            _reverse_first(["gatherings:board", "gatherings:booking_board"], gathering.pk) if gathering else None,
        ),
        Target(
            "survey results",
            _reverse_first(["evaluations:survey_results", "evaluations:results"], survey.pk) if survey else None,
        ),
        Target("contact dashboard", reverse("home"), persona="contact"),
        Target("my schedule", _reverse_first(["gatherings:my_schedule"]), persona="advisor"),
        Target("organisation page", enrolment.organisation.get_absolute_url() if enrolment else None),
        # 10,000 searchable documents (omdomme/knowledge/load.py); an inflected word in both forms.
        Target("knowledge search", _search_url(), persona="contact"),
    ]


def _search_url() -> str:
    return f"{reverse('knowledge:search')}?q=kommunane"


SCALED = ("cohort overview", "progress matrix")  # the pages measured again on ``seed_load --scale 5``


def count_queries(target: Target) -> int:
    """The queries of a render that must make every cached part (omdomme.core.fragments) afresh."""
    fragments.retire_all()
    client = Client(SERVER_NAME="127.0.0.1")
    if target.persona:
        User = _model("accounts.User")
        client.force_login(User.objects.get(email=logins()[target.persona]))
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(target.path)
    assert response.status_code == 200, f"{target.path}: {response.status_code}"
    return len(ctx.captured_queries)


def extras(host: str, port: int, password: str) -> dict:
    """Booking contention (against gunicorn); pack render times, the reminder sweep and the evaluation
    report render (in-process)."""
    from bench import extras as x

    return {
        "booking contention": x.booking_contention(host, port, password),
        "pack render": x.pack_render(),
        "reminder sweep": x.reminder_sweep(),
        "evaluation report PDF": x.evaluation_report(),
        "knowledge search, first time": x.first_searches(host, port, password, CONTACT_EMAIL),
    }
