"""Contacts' survey pages and the lists: content and fixed query counts."""

from datetime import timedelta

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from evaluations.models import QuestionKind
from evaluations.services import save_response

from .factories import IndicatorFactory, MeasurementFactory, full_survey, q

pytestmark = pytest.mark.django_db


def test_dashboard_and_my_surveys(world, client_for):
    open_survey = full_survey(cohort=world.cohort, title="Åpen tilbakemelding")
    closed = full_survey(
        cohort=world.cohort,
        title="Gammel undersøkelse",
        opens_at=timezone.now() - timedelta(days=9),
        closes_at=timezone.now() - timedelta(days=2),
    )
    full_survey(cohort=world.other_cohort, title="Gamma sin undersøkelse")
    client = client_for(world.contact_a)
    home = client.get(reverse("home")).content.decode()
    assert "Surveys waiting for your answer" in home and "Åpen tilbakemelding" in home
    assert "Gammel undersøkelse" not in home and "Gamma sin undersøkelse" not in home
    mine = client.get(reverse("evaluations:my_surveys")).content.decode()
    assert mine.index("Åpen tilbakemelding") < mine.index("Gammel undersøkelse")
    assert "Gamma sin undersøkelse" not in mine
    data = QueryDict(mutable=True)
    data[f"q_{q(open_survey, QuestionKind.SCALE).pk}"] = "5"
    save_response(open_survey, data, submit=True, actor=world.contact_a)
    assert "Surveys waiting for your answer" not in client.get(reverse("home")).content.decode()
    assert "Answered" in client.get(reverse("evaluations:my_surveys")).content.decode()
    assert closed.pk  # listed, but closed
    nav = client.get(reverse("evaluations:my_surveys")).content.decode()
    assert f'<a href="{reverse("evaluations:my_surveys")}" aria-current="page">My surveys</a>' in nav


@pytest.mark.parametrize("n", [1, 25])
def test_my_surveys_query_count(world, client_for, django_assert_num_queries, n):
    for _ in range(n):
        full_survey(cohort=world.cohort)
    client = client_for(world.contact_a)
    url = reverse("evaluations:my_surveys")
    client.get(url)
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", [1, 40])
def test_indicator_list_query_count(world, client_for, django_assert_num_queries, n):
    indicator = IndicatorFactory()
    for year in range(n):
        MeasurementFactory(indicator=indicator, organisation=world.org_a, year=1990 + year)
    client = client_for(world.staff)
    url = reverse("evaluations:indicator_list")
    client.get(url)
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200
