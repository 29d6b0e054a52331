"""A contact's bookings list filters through django-filter: upcoming by default, past on ``past=1``,
and a bad value is a message on the field, never a server error."""

import pytest
from django.urls import reverse

from .factories import GatheringFactory, SlotFactory, in_days


@pytest.fixture
def bookings(world):
    soon = GatheringFactory(cohort=world.cohort, starts_on=in_days(10))
    later = GatheringFactory(cohort=world.cohort, starts_on=in_days(40))
    held = GatheringFactory(cohort=world.cohort, starts_on=in_days(-40))
    return {
        name: SlotFactory(gathering=gathering, advisor=world.advisor, organisation=world.org_a)
        for name, gathering in (("soon", soon), ("later", later), ("held", held))
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [({}, ["soon", "later"]), ({"past": ""}, ["soon", "later"]), ({"past": "1"}, ["held"])],
)
def test_my_bookings_upcoming_or_past(world, client_for, bookings, query, expected):
    response = client_for(world.contact_a).get(reverse("gatherings:my_bookings"), query)
    assert response.status_code == 200
    assert list(response.context["slots"]) == [bookings[name] for name in expected]


def test_my_bookings_with_a_bad_value_shows_the_upcoming_ones_and_says_why(world, client_for, bookings):
    response = client_for(world.contact_a).get(reverse("gatherings:my_bookings"), {"past": "yes"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "past": ["Velg et gyldig valg. yes er ikke et av de tilgjengelige valgene."]
    }
    assert list(response.context["slots"]) == [bookings["soon"], bookings["later"]]
