"""Homework services check their keyword-only ``actor`` and log what an allowed one does."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from cohorts.models import Activity
from homework import services
from homework.models import Assignment, Submission
from tests.actors import logged_once, refused
from tests.homework.factories import AssignmentFactory


def test_assignments_are_made_and_published_by_staff(world):
    due = timezone.now() + timedelta(days=14)
    assignments = Assignment.objects.all()
    refused(
        lambda: services.create_assignment(world.cohort, title="Lekse", due_at=due, actor=world.advisor), assignments
    )
    refused(
        lambda: services.create_assignment(world.cohort, title="Lekse", due_at=due, actor=world.contact_a), assignments
    )
    assignment = logged_once(
        lambda: services.create_assignment(world.cohort, title="Lekse", due_at=due, actor=world.staff),
        world.staff,
        "homework.assignment_created",
    )
    refused(lambda: services.set_published(assignment, False, actor=world.advisor), assignments)


def test_only_the_team_starts_its_submission(world):
    assignment = AssignmentFactory(cohort=world.cohort)
    submissions = Submission.objects.all()
    refused(
        lambda: services.get_or_create_submission(assignment, world.org_a, actor=world.contact_b),
        submissions,
        error=services.NotAllowed,
    )
    refused(
        lambda: services.get_or_create_submission(assignment, world.org_a, actor=world.staff),
        submissions,
        error=services.NotAllowed,
    )
    submission = logged_once(
        lambda: services.get_or_create_submission(assignment, world.org_a, actor=world.contact_a),
        world.contact_a,
        "homework.started",
    )
    # Opening it again finds the same draft and logs nothing.
    logged = Activity.objects.count()
    assert services.get_or_create_submission(assignment, world.org_a, actor=world.contact_a) == submission
    assert Activity.objects.count() == logged
