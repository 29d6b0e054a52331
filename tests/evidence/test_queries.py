"""The evidence page runs the same number of queries for one indicator as for many."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from evaluations.models import Indicator, Measurement
from tests.factories import CohortFactory, EnrolmentFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.homework.factories import AssignmentFactory

pytestmark = pytest.mark.django_db


def _page(indicators: int):
    org = OrganisationFactory(county="Agder")
    cohort = CohortFactory(year=2020)
    EnrolmentFactory(cohort=cohort, organisation=org)
    for i in range(indicators):
        AssignmentFactory(cohort=cohort)
        indicator = Indicator.objects.create(name=f"Indikator {i}")
        for year in range(2015, 2026):
            Measurement.objects.create(indicator=indicator, organisation=org, year=year, value=Decimal(i + year))
    user = UserFactory()
    MembershipFactory(organisation=org, user=user)
    client = Client()
    client.force_login(user)
    return client, reverse("evidence:organisation", args=[org.pk])


@pytest.mark.parametrize("indicators", [1, 8])
def test_evidence_page_queries(indicators, django_assert_num_queries):
    client, url = _page(indicators)
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200
