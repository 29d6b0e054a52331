from datetime import date

import pytest

from cohorts import demo as cohorts_demo
from cohorts import load as cohorts_load
from evaluations import demo, load
from evaluations.models import Answer, Measurement, Response, Survey
from evaluations.results import summarise
from omdomme.core.extensions import DemoContext

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_complete():
    ctx = DemoContext(today=date(2026, 11, 27))
    cohorts_demo.seed(ctx)
    demo.seed(ctx)
    counts = (Survey.objects.count(), Response.objects.count(), Answer.objects.count(), Measurement.objects.count())
    demo.seed(ctx)
    assert (
        Survey.objects.count(),
        Response.objects.count(),
        Answer.objects.count(),
        Measurement.objects.count(),
    ) == counts
    stiklestad = Survey.objects.get(title_nb="Tilbakemelding: samlingen på Stiklestad")
    assert stiklestad.cohort == ctx.cohorts[2012] and summarise(stiklestad).responses == 14
    wave2 = Survey.objects.get(wave=2)
    assert wave2.wave_of.title_nb == "Oppfølging: hva skjedde etter kurset?"
    assert (wave2.title_nb, wave2.title_nn) == (
        "Oppfølging: hva skjedde etter kurset? (+6 måneder)",
        "Oppfølging: kva skjedde etter kurset? (+6 månader)",
    )
    assert Measurement.objects.filter(organisation=ctx.organisations["Steinkjer"]).count() == 12
    current = Survey.objects.get(cohort=ctx.current)
    assert current.closes_at > current.opens_at


def test_load_makes_500_responses_with_20_questions():
    ctx = DemoContext(today=date(2026, 11, 27))
    ctx.extra.update(n_cohorts=1, n_orgs=2)
    cohorts_load.load(ctx)
    load.load(ctx)
    survey = ctx.extra["load_survey"]
    assert survey.questions.count() == 20
    assert summarise(survey).responses == 500
