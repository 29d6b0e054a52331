"""N+1 guard: each list page renders with the same number of queries for 1 and for 30 rows."""

import pytest
from django.urls import reverse

from cohorts.activity import record
from cohorts.models import Invitation
from tests.cohorts.factories import InvitationFactory
from tests.factories import CohortFactory, EnrolmentFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    client.staff = staff
    return client


def _grow_cohorts(n):
    for i in range(n):
        enrolment = EnrolmentFactory(cohort=CohortFactory(year=2000 + i % 20))
        enrolment.team.add(MembershipFactory(organisation=enrolment.organisation).user)


@pytest.mark.parametrize("n", [1, 30])
def test_cohort_list(staff_client, django_assert_num_queries, n):
    _grow_cohorts(n)
    with django_assert_num_queries(5):
        response = staff_client.get(reverse("cohorts:cohort_list"))
    assert len(response.context["cohorts"]) == min(n, 25)  # 25 a page


@pytest.mark.parametrize("n", [1, 30])
def test_cohort_detail(staff_client, django_assert_num_queries, n):
    cohort = CohortFactory()
    for _ in range(n):
        enrolment = EnrolmentFactory(cohort=cohort)
        enrolment.team.add(MembershipFactory(organisation=enrolment.organisation).user)
    with django_assert_num_queries(10):  # one for the cohort's Nynorsk organisations ("missing Nynorsk")
        response = staff_client.get(cohort.get_absolute_url())
    assert len(response.context["body"]()["enrolments"]) == n


@pytest.mark.parametrize("n", [1, 30])
def test_organisation_directory(staff_client, django_assert_num_queries, n):
    cohorts = [CohortFactory(year=2009), CohortFactory(year=2010)]
    for _ in range(n):
        org = OrganisationFactory()
        for cohort in cohorts:
            EnrolmentFactory(cohort=cohort, organisation=org)
    with django_assert_num_queries(6):
        response = staff_client.get(reverse("cohorts:organisation_list"))
    assert len(response.context["organisations"]) == n


@pytest.mark.parametrize("n", [1, 30])
def test_invitation_lists(staff_client, django_assert_num_queries, n):
    enrolment = EnrolmentFactory()
    for _ in range(n):
        InvitationFactory(organisation=enrolment.organisation, cohort=enrolment.cohort, invited_by=staff_client.staff)
    assert Invitation.objects.count() == n
    with django_assert_num_queries(6):
        response = staff_client.get(reverse("cohorts:cohort_invitations", args=[enrolment.cohort.pk]))
    assert len(response.context["invitations"]) == n
    with django_assert_num_queries(7):
        response = staff_client.get(reverse("cohorts:organisation_invitations", args=[enrolment.organisation.pk]))
    assert len(response.context["invitations"]) == n


@pytest.mark.parametrize("n", [1, 30])
def test_activity_logs(staff_client, django_assert_num_queries, n):
    enrolment = EnrolmentFactory()
    for i in range(n):
        record(
            staff_client.staff, "test", f"Hendelse {i}", cohort=enrolment.cohort, organisation=enrolment.organisation
        )
    with django_assert_num_queries(6):
        response = staff_client.get(reverse("cohorts:cohort_activity", args=[enrolment.cohort.pk]))
    assert len(response.context["entries"]) == n
    with django_assert_num_queries(6):
        response = staff_client.get(reverse("cohorts:organisation_activity", args=[enrolment.organisation.pk]))
    assert len(response.context["entries"]) == n
