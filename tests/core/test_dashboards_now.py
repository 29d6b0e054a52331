"""Dashboards about now (issue 12, item 7): waiting homework only from running cohorts, oldest
first; planned cohorts in a list of their own; each status labelled for what it is."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from homework.models import SubmissionStatus
from tests.factories import CohortFactory, EnrolmentFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.homework.factories import AssignmentFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


def _section(response, template):
    return next(s.context for s in response.context["sections"] if s.template == template)


def test_awaiting_feedback_lists_only_active_cohorts_oldest_first(client):
    now = timezone.now()
    old = CohortFactory(year=2012, status="completed")
    current = CohortFactory(year=2026, status="active")
    history = SubmissionFactory(
        organisation=OrganisationFactory(),
        assignment=AssignmentFactory(cohort=old),
        status=SubmissionStatus.SUBMITTED,
        submitted_at=now.replace(year=2012),
    )
    newer = SubmissionFactory(
        organisation=OrganisationFactory(),
        assignment=AssignmentFactory(cohort=current),
        status=SubmissionStatus.SUBMITTED,
        submitted_at=now,
    )
    older = SubmissionFactory(
        organisation=OrganisationFactory(),
        assignment=AssignmentFactory(cohort=current),
        status=SubmissionStatus.RESUBMITTED,
        submitted_at=now - timedelta(days=2),
    )
    client.force_login(UserFactory(is_staff=True))
    data = _section(client.get(reverse("home")), "homework/dashboard_course.html")
    assert [s.pk for s in data["submissions"]] == [older.pk, newer.pk]
    assert history.pk not in [s.pk for s in data["submissions"]]


def test_contact_home_labels_the_cohort_status_and_the_place(client):
    membership = MembershipFactory(role="contact")
    EnrolmentFactory(organisation=membership.organisation, cohort=CohortFactory(status="active"))
    EnrolmentFactory(
        organisation=membership.organisation, cohort=CohortFactory(year=2012, status="completed"), status="completed"
    )
    client.force_login(membership.user)
    page = client.get(reverse("home")).content.decode()
    assert "Kull: aktiv" in page
    assert "Vår plass: fullført" in page
