"""seed_demo gives Kvinesdal a reputation journey: resident surveys 2009 and 2011, the second better."""

import pytest
from django.core.management import call_command

from cohorts.models import Organisation
from evaluations.models import Measurement
from omdomme.evidence.models import ResidentSurvey

pytestmark = pytest.mark.django_db


def test_demo_journey_is_idempotent():
    call_command("seed_demo")
    counts = (Measurement.objects.count(), ResidentSurvey.objects.count())
    call_command("seed_demo")
    assert (Measurement.objects.count(), ResidentSurvey.objects.count()) == counts
    kvinesdal = Organisation.objects.get(name="Kvinesdal")
    means = dict(
        Measurement.objects.filter(organisation=kvinesdal, indicator__code="resident_satisfaction_mean").values_list(
            "year", "value"
        )
    )
    assert sorted(means) == [2009, 2011] and means[2011] > means[2009]
    n = Measurement.objects.get(organisation=kvinesdal, indicator__code="resident_pride_positive", year=2011)
    assert n.sample_size == 40
    fjordvik = ResidentSurvey.objects.get(organisation__name="Fjordvik kommune")
    assert fjordvik.results_recorded_at is None and fjordvik.responses.count() == 12
