"""Evaluation services check their keyword-only ``actor`` and log what an allowed one does."""

from __future__ import annotations

from decimal import Decimal

from evaluations import indicators, reports
from evaluations.models import Measurement, SurveyReport
from tests.actors import logged_once, refused
from tests.evaluations.factories import IndicatorFactory, MeasurementFactory, SurveyFactory


def test_measurements_are_entered_by_staff_and_the_organisations_own_members(world):
    indicator = IndicatorFactory()
    measurements = Measurement.objects.all()

    def enter(actor):
        return indicators.save_measurement(
            indicator=indicator, organisation=world.org_a, year=2024, value=Decimal("3.5"), actor=actor
        )

    refused(lambda: enter(world.contact_b), measurements)
    refused(lambda: enter(world.outsider), measurements)
    logged_once(lambda: enter(world.contact_a), world.contact_a, "indicator.measure")
    measurement = MeasurementFactory(organisation=world.org_a)
    refused(lambda: indicators.delete_measurement(measurement, actor=world.contact_b), measurements)
    logged_once(lambda: indicators.delete_measurement(measurement, actor=world.staff), world.staff, "indicator.delete")


def test_a_report_is_asked_for_by_those_who_may_read_the_results(world):
    survey = SurveyFactory(cohort=world.cohort)
    reports_qs = SurveyReport.objects.all()
    refused(lambda: reports.request_report(survey, "nb", actor=world.contact_a), reports_qs)
    refused(lambda: reports.request_report(survey, "nb", actor=world.outsider), reports_qs)
    logged_once(
        lambda: reports.request_report(survey, "nb", actor=world.staff), world.staff, "evaluations.report_requested"
    )
