"""seed_demo's homework part: every state in 2012, versions and a thread, live deadlines, idempotent."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.models import Count
from django.utils import timezone

from cohorts import demo as cohorts_demo
from homework import demo, load
from homework.models import Assignment, FeedbackEntry, Submission, SubmissionFileVersion, SubmissionStatus
from omdomme.core.extensions import DemoContext

pytestmark = pytest.mark.django_db


def _seed() -> DemoContext:
    ctx = DemoContext(today=timezone.localdate())
    cohorts_demo.seed(ctx)
    demo.seed(ctx)
    return ctx


def _counts() -> tuple[int, int, int, int]:
    return (
        Assignment.objects.count(),
        Submission.objects.count(),
        SubmissionFileVersion.objects.count(),
        FeedbackEntry.objects.count(),
    )


def test_demo_homework():
    ctx = _seed()
    first = _counts()
    cohort_2012 = ctx.cohorts[2012]
    assert cohort_2012.assignments.exclude(method_step="").count() == 10
    states = set(Submission.objects.filter(cohort=cohort_2012).values_list("status", flat=True))
    assert states == set(SubmissionStatus.values)
    assert Submission.objects.filter(cohort=cohort_2012, is_late=True).exists()
    assert Submission.objects.filter(cohort=cohort_2012, shared_at__isnull=False).exists()
    assert SubmissionFileVersion.objects.filter(number=3).exists()
    assert FeedbackEntry.objects.values("submission").annotate(n=Count("pk")).filter(n__gte=3).exists()
    now = timezone.now()
    current = ctx.current.assignments.filter(is_published=True)
    assert current.filter(due_at__gt=now, due_at__lte=now + timedelta(days=7)).exists()
    assert current.filter(due_at__gt=now + timedelta(days=7)).count() >= 5
    _seed()
    assert _counts() == first


def test_load_homework():
    from cohorts import load as cohorts_load

    ctx = DemoContext(today=timezone.localdate())
    ctx.extra.update(n_cohorts=2, n_orgs=5)
    cohorts_load.load(ctx)
    load.load(ctx)
    assert Assignment.objects.filter(cohort__in=ctx.extra["load_cohorts"]).count() == 24
    assert Submission.objects.count() == len(ctx.extra["load_submissions"]) > 20
    assert SubmissionFileVersion.objects.count() == Submission.objects.count()
