"""Validation staff expect (issue 12, item 4): one cohort per name and year, gathering dates
within the cohort's period unless confirmed, and selects that name cohort and year."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError
from django.urls import reverse

from cohorts.models import Cohort
from evaluations.forms import TemplateForm
from sessions.forms import GatheringForm
from sessions.models import Gathering
from tests.factories import CohortFactory, UserFactory
from tests.gatherings.factories import GatheringFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True))
    return client


def test_a_second_cohort_with_the_same_name_and_year_is_refused_with_a_message(staff_client):
    CohortFactory(name="Omdømmeskolen 2027", year=2027)
    response = staff_client.post(
        reverse("cohorts:cohort_create"),
        {"name": "omdømmeskolen 2027", "year": "2027", "status": "planning", "fee": "0", "booking_cancel_hours": "24"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Det finnes allerede et kull med dette navnet og året. "
        "Gi dette kullet et annet navn, eller åpne det som finnes."
    ]
    assert Cohort.objects.count() == 1


def test_the_database_refuses_a_duplicate_cohort_too():
    CohortFactory(name="Omdømmeskolen 2027", year=2027)
    with pytest.raises(IntegrityError):
        Cohort.objects.create(name="Omdømmeskolen 2027", year=2027)


def _gathering_data(cohort, starts, ends, **extra):
    return {
        "cohort": cohort.pk,
        "number": "1",
        "title_nb": "Samling 1 – Stiklestad",  # the Bokmål version (translated content)
        "starts_on": starts,
        "ends_on": ends,
        "max_bookings_per_organisation": "2",
        **extra,
    }


def test_gathering_outside_the_cohort_period_needs_confirmation():
    cohort = CohortFactory(starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31))
    form = GatheringForm(_gathering_data(cohort, "2028-02-01", "2028-02-02", confirm_dates="False"))
    assert not form.is_valid()
    assert form.errors["starts_on"][0].startswith("Samlingen ligger utenfor kullets periode")
    assert 'type="checkbox" name="confirm_dates"' in str(form["confirm_dates"])
    form = GatheringForm(_gathering_data(cohort, "2028-02-01", "2028-02-02", confirm_dates="on"))
    assert form.is_valid(), form.errors
    inside = GatheringForm(_gathering_data(cohort, "2027-09-01", "2027-09-02"))
    assert inside.is_valid(), inside.errors
    assert 'type="hidden" name="confirm_dates"' in str(inside["confirm_dates"])


def test_staff_confirm_the_warning_on_the_page(staff_client):
    cohort = CohortFactory(starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31))
    url = reverse("gatherings:gathering_create")
    response = staff_client.post(url, _gathering_data(cohort, "2026-12-01", "2026-12-02"))
    assert response.status_code == 200 and Gathering.objects.count() == 0
    staff_client.post(url, _gathering_data(cohort, "2026-12-01", "2026-12-02", confirm_dates="on"))
    assert Gathering.objects.get().starts_on == date(2026, 12, 1)


def test_gathering_and_cohort_selects_name_cohort_and_year():
    old = CohortFactory(name="Omdømmeskolen", year=2012)
    new = CohortFactory(name="Omdømmeskolen", year=2026)
    GatheringFactory(cohort=old, number=1, title="Samling 1 – Stiklestad")
    GatheringFactory(cohort=new, number=1, title="Samling 1 – Stiklestad")
    form = TemplateForm()
    gatherings = sorted(label for value, label in form.fields["gathering"].choices if value)
    assert gatherings == [
        "Samling 1 – Stiklestad – Omdømmeskolen (2012)",
        "Samling 1 – Stiklestad – Omdømmeskolen (2026)",
    ]
    cohorts = sorted(label for value, label in form.fields["cohort"].choices if value)
    assert cohorts == ["Omdømmeskolen (2012)", "Omdømmeskolen (2026)"]
