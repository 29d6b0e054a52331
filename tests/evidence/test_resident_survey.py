"""The resident survey: anonymous public answers, one per browser, feeding the year's indicators."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from evaluations.models import Measurement
from omdomme.evidence import residents
from omdomme.evidence.models import ResidentAnswer, ResidentResponse, ResidentSurvey
from omdomme.evidence.resident_template import QUESTIONS
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory(name="Kvinesdal kommune", municipality_number="4227")


@pytest.fixture
def contact(org):
    user = UserFactory(email="kontakt@kvinesdal.kommune.no")
    MembershipFactory(organisation=org, user=user, role="contact")
    return user


@pytest.fixture
def survey(org, contact):
    today = timezone.localdate()
    return residents.start_survey(
        actor=contact,
        organisation=org,
        language="nn",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=5),
    )


def _answers(i: int) -> dict[str, str]:
    # satisfaction: 4 or 5 for two in three; the rest fixed
    return {"satisfaction": str(5 if i % 3 else 2), "recommend": "4", "pride": str(1 + i % 5), "development": "3"}


def test_thirty_anonymous_clients_make_the_years_indicator_and_the_same_browser_is_refused(survey, org, contact):
    url = reverse("evidence:answer", args=[survey.token])
    browsers = [Client(REMOTE_ADDR=f"10.0.0.{i}") for i in range(30)]
    for i, browser in enumerate(browsers):
        response = browser.post(url, _answers(i))
        assert response.status_code == 200, response.content[:300]
    assert ResidentResponse.objects.filter(survey=survey).count() == 30
    # The 31st answer, from a browser that already answered, is refused and stores nothing.
    again = browsers[7].post(url, _answers(7))
    assert again.status_code == 403
    assert ResidentResponse.objects.filter(survey=survey).count() == 30

    assert residents.close_survey(survey, actor=contact) == 30
    year = timezone.localdate().year
    mean = Measurement.objects.get(organisation=org, year=year, indicator__code="resident_satisfaction_mean")
    share = Measurement.objects.get(organisation=org, year=year, indicator__code="resident_satisfaction_positive")
    # 20 answered 5 and 10 answered 2: mean 4.0, 66.67 % positive.
    assert (mean.sample_size, mean.value, share.sample_size, share.value) == (30, Decimal("4.00"), 30, Decimal("66.67"))
    assert mean.margin_of_error is not None and mean.margin_of_error > 0
    assert share.margin_of_error == Decimal("16.87")  # 1.96·√(⅔·⅓/30)·100
    recommend = Measurement.objects.get(organisation=org, year=year, indicator__code="resident_recommend_mean")
    assert (recommend.value, recommend.margin_of_error) == (4, 0)
    # Closed: no more answers, from anyone.
    assert Client().post(url, _answers(1)).status_code == 410


def test_nothing_identifying_is_stored(survey):
    url = reverse("evidence:answer", args=[survey.token])
    Client(REMOTE_ADDR="192.0.2.44").post(url, _answers(1))
    fields = {f.name for f in ResidentResponse._meta.get_fields()} | {f.name for f in ResidentAnswer._meta.get_fields()}
    assert fields == {"id", "survey", "answers", "response", "question", "value"}


def test_honeypot_stores_nothing_but_looks_fine(survey):
    url = reverse("evidence:answer", args=[survey.token])
    response = Client().post(url, {**_answers(1), "website": "http://spam.example"})
    assert response.status_code == 200
    assert ResidentResponse.objects.count() == 0


def test_rate_limit_per_client(survey, settings):
    settings.RESIDENT_SURVEY_RATE_LIMIT = 3
    url = reverse("evidence:answer", args=[survey.token])
    codes = [Client(REMOTE_ADDR="198.51.100.7").post(url, _answers(i)).status_code for i in range(4)]
    assert codes == [200, 200, 200, 429]
    assert ResidentResponse.objects.count() == 3
    assert Client(REMOTE_ADDR="198.51.100.8").post(url, _answers(1)).status_code == 200


def test_rate_limit_uses_the_trusted_proxy_address(survey, settings):
    settings.RESIDENT_SURVEY_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1
    url = reverse("evidence:answer", args=[survey.token])
    proxy = {"REMOTE_ADDR": "10.9.9.9"}
    assert Client(**proxy).post(url, _answers(1), HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 200
    assert Client(**proxy).post(url, _answers(1), HTTP_X_FORWARDED_FOR="203.0.113.2").status_code == 200
    assert Client(**proxy).post(url, _answers(1), HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.2").status_code == 429


def test_incomplete_answer_is_refused_with_a_message(survey):
    url = reverse("evidence:answer", args=[survey.token])
    response = Client().post(url, {"satisfaction": "5"})
    assert response.status_code == 400
    assert ResidentResponse.objects.count() == 0
    # The page is in the survey's language (Nynorsk) for a visitor with no language chosen.
    assert "Kor nøgd er du med kommunen som stad å bu?" in response.content.decode()


def test_comparison_with_previous_wave(org, contact):
    first = ResidentSurvey.objects.create(organisation=org, opens_on=date(2023, 3, 1), closes_on=date(2023, 3, 31))
    second = ResidentSurvey.objects.create(organisation=org, opens_on=date(2025, 3, 1), closes_on=date(2025, 3, 31))
    for survey, value in ((first, 2), (second, 4)):
        for i in range(10):
            r = ResidentResponse.objects.create(survey=survey)
            for q in QUESTIONS:
                ResidentAnswer.objects.create(response=r, question=q.code, value=value + (i % 2))
    assert residents.close_due_surveys(today=date(2026, 1, 1)) == 2
    results = residents.results_with_previous(second)
    assert (results[0].mean, results[0].previous.mean) == (Decimal("4.5"), Decimal("2.5"))
    assert results[0].mean_change == 2 and results[0].significant is True
    assert set(Measurement.objects.filter(indicator__code="resident_pride_mean").values_list("year", "value")) == {
        (2023, Decimal("2.50")),
        (2025, Decimal("4.50")),
    }
    client = Client()
    client.force_login(contact)
    page = client.get(second.get_absolute_url()).content.decode()
    assert "2,5" in page or "2.5" in page


def test_only_contact_person_or_staff_may_start(org):
    member = UserFactory()
    MembershipFactory(organisation=org, user=member, role="member")
    client = Client()
    client.force_login(member)
    url = reverse("evidence:resident_survey_create", args=[org.pk])
    assert client.get(url).status_code == 403
