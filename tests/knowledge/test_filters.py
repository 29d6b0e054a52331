"""The alumni list filters through django-filter (the knowledge search keeps its own form)."""

from django.urls import reverse

from tests.factories import EnrolmentFactory, MembershipFactory, OrganisationFactory, UserFactory


def _alumnus(world, name, email):
    org = OrganisationFactory()
    EnrolmentFactory(cohort=world.other_cohort, organisation=org)
    return MembershipFactory(organisation=org, user=UserFactory(full_name=name, email=email)).user


def test_alumni_list_filters_by_name_or_email(world, client_for):
    kari = _alumnus(world, "Kari Alumn", "kari@fjord.no")
    per = _alumnus(world, "Per Alumn", "per@dal.no")
    client = client_for(world.staff)
    url = reverse("knowledge:alumni_list")
    assert list(client.get(url, {"q": " alumn "}).context["people"]) == [kari, per]
    assert list(client.get(url, {"q": "DAL.NO"}).context["people"]) == [per]
    assert list(client.get(url, {"q": "nobody"}).context["people"]) == []


def test_an_overlong_search_is_a_message_not_a_server_error(world, client_for):
    _alumnus(world, "Kari Alumn", "kari@fjord.no")
    response = client_for(world.staff).get(reverse("knowledge:alumni_list"), {"q": "x" * 101})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "q": ["Sørg for at denne verdien har 100 eller færre tegn (den har nå 101)."]
    }
