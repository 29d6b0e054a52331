"""The organisation directory's and the enrol page's filters (django-filter): each filters, and a bad
value is a message on its field, never a server error."""

import pytest
from django.urls import reverse

from tests.factories import EnrolmentFactory, OrganisationFactory, UserFactory


@pytest.fixture
def staff_client(client, db):
    client.force_login(UserFactory(is_staff=True))
    return client


@pytest.fixture
def orgs(db):
    return {
        "frosta": OrganisationFactory(name="Frosta kommune", municipality_number="5036", language_form="nb"),
        "fitjar": OrganisationFactory(name="Fitjar kommune", municipality_number="4615", language_form="nn"),
        "ofoten": OrganisationFactory(name="Ofoten regionråd", kind="regional_council", municipality_number=None),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Fitjar kommune", "Frosta kommune", "Ofoten regionråd"]),
        ({"q": " FROS "}, ["Frosta kommune"]),
        ({"q": "46"}, ["Fitjar kommune"]),  # the start of a municipality number
        ({"kind": "regional_council"}, ["Ofoten regionråd"]),
        ({"language_form": "nn"}, ["Fitjar kommune"]),
        ({"q": "kommune", "language_form": "nb"}, ["Frosta kommune"]),
    ],
)
def test_organisation_directory_filters(staff_client, orgs, query, expected):
    response = staff_client.get(reverse("cohorts:organisation_list"), query)
    assert response.status_code == 200
    assert [o.name for o in response.context["organisations"]] == expected


def test_organisation_directory_refuses_an_unknown_kind_with_a_message(staff_client, orgs):
    response = staff_client.get(reverse("cohorts:organisation_list"), {"kind": "planet", "language_form": "nn"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "kind": ["Velg et gyldig valg. planet er ikke et av de tilgjengelige valgene."]
    }
    assert [o.name for o in response.context["organisations"]] == ["Fitjar kommune"]  # the valid filter still applies
    assert 'aria-invalid="true"' in response.content.decode()


def test_enrol_search_finds_organisations_not_yet_enrolled(staff_client, orgs):
    enrolment = EnrolmentFactory(organisation=orgs["frosta"])
    url = reverse("cohorts:cohort_enrol", args=[enrolment.cohort.pk])
    response = staff_client.get(url, {"q": "kommune"})
    assert [o.name for o in response.context["results"]] == ["Fitjar kommune"]
    response = staff_client.get(url, {"q": "4615"})
    assert [o.name for o in response.context["results"]] == ["Fitjar kommune"]
    response = staff_client.get(url)
    assert (response.context["query"], list(response.context["results"])) == ("", [])
