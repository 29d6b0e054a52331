"""Free-text fields have sensible maximum lengths: a megabyte of text is refused with a clear message
(in Norwegian), and the typed text is shown again, nothing is saved."""

import pytest
from django.urls import reverse

from cohorts.models import Enrolment
from sessions.models import Registration
from tests.gatherings.factories import GatheringFactory

pytestmark = pytest.mark.django_db

MEBIBYTE = "x" * (1024 * 1024)


def _field_errors(response, field: str) -> list[str]:
    return response.context["form"].errors[field]


def test_a_megabyte_of_goals_is_refused_with_a_message(world, client_for):
    enrolment = Enrolment.objects.get(cohort=world.cohort, organisation=world.org_a)
    response = client_for(world.contact_a).post(
        reverse("cohorts:enrolment_goals", args=[enrolment.pk]), {"goals": MEBIBYTE}
    )
    assert response.status_code == 200
    assert _field_errors(response, "goals") == [
        "Sørg for at denne verdien har 5000 eller færre tegn (den har nå 1048576)."
    ]
    enrolment.refresh_from_db()
    assert enrolment.goals != MEBIBYTE


def test_a_megabyte_of_registration_comment_is_refused_with_a_message(world, client_for):
    gathering = GatheringFactory(cohort=world.cohort, number=1)
    response = client_for(world.contact_a).post(
        reverse("gatherings:register", args=[gathering.pk]),
        {"person": world.contact_a.pk, "days": [gathering.starts_on.isoformat()], "comment": MEBIBYTE},
    )
    assert response.status_code == 200
    assert _field_errors(response, "comment") == [
        "Sørg for at denne verdien har 2000 eller færre tegn (den har nå 1048576)."
    ]
    assert not Registration.objects.filter(gathering=gathering).exists()
