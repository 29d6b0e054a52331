"""Demo data: Kvinesdal's reputation journey (the source's example: its resident survey showed that its
reputation among residents improved from 2009 to 2011), and an open resident survey for Fjordvik.

Official statistics are *not* fetched here (no network in the demo): Kvinesdal gets illustrative
population and migration values, marked as demo data; ``python manage.py import_statistics``
replaces them with Statistics Norway's figures. Idempotent: what exists is left as it is.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from evaluations.models import Measurement
from omdomme.core.extensions import DemoContext

from . import builtin
from .models import FormerMunicipalityNumber, ResidentAnswer, ResidentResponse, ResidentSurvey
from .resident_template import QUESTIONS
from .residents import close_survey

DEMO_SOURCE = "Demodata (kjør import_statistics for SSB-tall)"
# Illustrative values per year: population, in-migration, out-migration.
KVINESDAL_STATISTICS = {
    2008: (5680, 262, 281),
    2009: (5661, 270, 268),
    2010: (5663, 301, 262),
    2011: (5702, 318, 259),
    2012: (5761, 322, 270),
    2013: (5813, 310, 268),
    2014: (5855, 296, 281),
}
# Kvinesdal's two waves: 40 answers each, the second clearly better.
WAVES = {2009: [2, 3, 3, 4, 3], 2011: [4, 4, 3, 5, 4]}


def _answers(survey: ResidentSurvey, pattern: list[int], n: int) -> None:
    for i in range(n):
        response = ResidentResponse.objects.create(survey=survey)
        for j, q in enumerate(QUESTIONS):
            value = min(5, max(1, pattern[(i + j) % len(pattern)] + (1 if i % 7 == 0 else 0)))
            ResidentAnswer.objects.create(response=response, question=q.code, value=value)


def seed(ctx: DemoContext) -> None:
    kvinesdal = ctx.organisations.get("Kvinesdal")
    if kvinesdal is not None:
        if not kvinesdal.municipality_number:
            kvinesdal.municipality_number = "4227"
            kvinesdal.county = kvinesdal.county or "Agder"
            kvinesdal.save(update_fields=["municipality_number", "county"])
        FormerMunicipalityNumber.objects.get_or_create(
            organisation=kvinesdal, number="1037", defaults={"valid_from": 1838, "valid_to": 2019}
        )
        for year, (population, moved_in, moved_out) in KVINESDAL_STATISTICS.items():
            for code, value in (
                ("ssb_population", population),
                ("ssb_in_migration", moved_in),
                ("ssb_out_migration", moved_out),
                ("ssb_net_migration", moved_in - moved_out),
            ):
                Measurement.objects.get_or_create(
                    indicator=builtin.indicator(code),
                    organisation=kvinesdal,
                    year=year,
                    defaults={"value": Decimal(value), "source": DEMO_SOURCE},
                )
        for year, pattern in WAVES.items():
            survey, created = ResidentSurvey.objects.get_or_create(
                organisation=kvinesdal,
                opens_on=date(year, 3, 1),
                defaults={"closes_on": date(year, 3, 31), "language": "nb"},
            )
            if created:
                _answers(survey, pattern, 40)
                close_survey(survey, actor=None)
    fjordvik = ctx.organisations.get("Fjordvik kommune")
    if fjordvik is not None and not ResidentSurvey.objects.filter(organisation=fjordvik).exists():
        survey = ResidentSurvey.objects.create(
            organisation=fjordvik,
            language="nn",
            opens_on=ctx.today - timedelta(days=3),
            closes_on=ctx.today + timedelta(days=25),
        )
        _answers(survey, [4, 3, 5, 4], 12)
