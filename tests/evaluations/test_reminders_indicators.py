"""Reminders go only to those who have not answered; reputation indicators and their CSV import."""

import io
from datetime import timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from evaluations.indicators import import_measurements, save_measurement
from evaluations.models import Measurement, QuestionKind
from evaluations.services import SurveyClosed, remind_non_respondents, response_rates, save_response
from omdomme.core.tabular import ImportRowErrors, RowError
from omdomme.notifications.models import OutboxMail
from tests.factories import CohortFactory, EnrolmentFactory

from .factories import IndicatorFactory, MeasurementFactory, full_survey, q

pytestmark = pytest.mark.django_db


def test_remind_only_those_who_have_not_answered_once_a_day(world):
    survey = full_survey(cohort=world.cohort)
    data = QueryDict(mutable=True)
    data[f"q_{q(survey, QuestionKind.SCALE).pk}"] = "4"
    save_response(survey, data, submit=True, actor=world.contact_a)
    assert remind_non_respondents(survey, actor=world.staff) == 1
    mail = OutboxMail.objects.get()
    assert mail.recipients == ["kontakt.b@beta.kommune.no"]
    assert mail.dedupe_key == f"survey-reminder:{survey.pk}:{world.contact_b.pk}:{timezone.localdate().isoformat()}"
    assert survey.title in mail.subject
    assert remind_non_respondents(survey, actor=world.staff) == 0  # the same day: nothing twice
    assert OutboxMail.objects.count() == 1
    rates = {r["organisation"].name: (r["addressed"], r["submitted"], r["rate"]) for r in response_rates(survey)}
    assert rates == {"Alfa kommune": (1, 1, 100), "Beta kommune": (1, 0, 0)}


def test_a_draft_still_gets_a_reminder_and_closed_survey_none(world):
    survey = full_survey(cohort=world.cohort)
    save_response(survey, QueryDict(mutable=True), submit=False, actor=world.contact_a)
    assert remind_non_respondents(survey, actor=world.staff) == 2
    survey.closes_at = timezone.now() - timedelta(minutes=1)
    survey.opens_at = survey.closes_at - timedelta(days=1)
    survey.save()
    with pytest.raises(SurveyClosed):
        remind_non_respondents(survey, actor=world.staff)


def test_remind_button_is_staff_only(world, client_for):
    survey = full_survey(cohort=world.cohort)
    url = reverse("evaluations:survey_remind", args=[survey.pk])
    assert client_for(world.evaluator).post(url).status_code == 403
    assert client_for(world.staff).post(url).status_code == 302
    assert OutboxMail.objects.count() == 2


def test_measurements_by_staff_and_own_contacts_only(world):
    indicator = IndicatorFactory(name="Bostedsattraktivitet")
    m = save_measurement(
        indicator=indicator,
        organisation=world.org_a,
        year=2024,
        value=Decimal("61.2"),
        source="Innbyggerundersøkelsen",
        method="n=800, telefon",
        actor=world.contact_a,
    )
    assert (m.entered_by, m.value) == (world.contact_a, Decimal("61.2"))
    save_measurement(indicator=indicator, organisation=world.org_a, year=2024, value=Decimal("62"), actor=world.staff)
    assert Measurement.objects.get().value == Decimal("62")  # one value per indicator, organisation and year
    for user in (world.contact_b, world.evaluator, world.advisor):
        with pytest.raises(PermissionDenied):
            save_measurement(indicator=indicator, organisation=world.org_a, year=2025, value=Decimal("1"), actor=user)


def test_csv_import_is_all_or_nothing_with_row_errors(world):
    IndicatorFactory(name="Omdømmeindeks")
    bad = (
        "indicator;organisation;year;value;source;method\n"
        "Omdømmeindeks;Alfa kommune;2020;55,5;Ipsos;web\n"
        "Ukjent;Alfa kommune;2021;56;;\n"
        "Omdømmeindeks;5002;tjue;56;;\n"
        "Omdømmeindeks;Alfa kommune;2022;mye;;\n"
    ).encode()
    with pytest.raises(ImportRowErrors) as exc:
        import_measurements("m.csv", bad, actor=world.staff)
    assert exc.value.errors == [
        RowError(3, "indicator", "Unknown indicator “Ukjent”."),
        RowError(4, "year", "The year must be a number between 1990 and 2100."),
        RowError(5, "value", "The value must be a number."),
    ]
    assert Measurement.objects.count() == 0
    good = "indicator,organisation,year,value\nOmdømmeindeks,Alfa kommune,2020,55.5\nOmdømmeindeks,5002,2020,60\n"
    assert import_measurements("m.csv", good.encode(), actor=world.staff) == 2
    assert sorted(Measurement.objects.values_list("organisation__name", "value")) == [
        ("Alfa kommune", Decimal("55.50")),
        ("Beta kommune", Decimal("60.00")),
    ]


def test_import_page(world, client_for):
    IndicatorFactory(name="Omdømmeindeks")
    client = client_for(world.staff)
    url = reverse("evaluations:measurement_import")
    upload = SimpleUploadedFile("m.csv", b"indicator,organisation,year,value\nOmd\xc3\xb8mmeindeks,Nowhere,2020,1\n")
    response = client.post(url, {"file": upload})
    assert response.status_code == 400
    assert "Unknown organisation “Nowhere”." in response.content.decode()
    assert Measurement.objects.count() == 0


def test_import_page_reads_xlsx_with_norwegian_headers_and_shows_line_and_column(world, client_for):
    IndicatorFactory(name="Omdømmeindeks")
    client = client_for(world.staff)
    url = reverse("evaluations:measurement_import")
    workbook = openpyxl.Workbook()
    workbook.active.append(["Indikator", "Organisasjon", "År", "Verdi"])
    workbook.active.append(["Omdømmeindeks", "5001", 2020, "tjue"])
    out = io.BytesIO()
    workbook.save(out)
    response = client.post(url, {"file": SimpleUploadedFile("m.xlsx", out.getvalue())})
    assert response.status_code == 400
    assert [(e.line, e.column) for e in response.context["row_errors"]] == [(2, "Verdi")]
    assert "<code>Verdi</code>: The value must be a number." in response.content.decode()
    workbook.active.delete_rows(2)
    workbook.active.append(["Omdømmeindeks", "5001", 2020, 55.5])
    out = io.BytesIO()
    workbook.save(out)
    response = client.post(url, {"file": SimpleUploadedFile("m.xlsx", out.getvalue())})
    assert response.status_code == 302
    assert list(Measurement.objects.values_list("organisation__name", "year", "value")) == [
        ("Alfa kommune", 2020, Decimal("55.50"))
    ]


def test_an_unusable_import_file_is_one_message_on_the_file_field(world, client_for):
    client = client_for(world.staff)
    upload = SimpleUploadedFile("m.csv", b"indicator;organisation;year\n")
    response = client.post(reverse("evaluations:measurement_import"), {"file": upload})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "file": [
            "The columns do not match the template. Expected: indicator, organisation, year, value, source, "
            "method. Unknown: –. Missing: value."
        ]
    }
    assert response.context["row_errors"] == []


def test_indicator_panel_on_the_organisation_page(world, client_for):
    indicator = IndicatorFactory(name="Tilfredshet som bosted")
    older = CohortFactory(year=2009, name="Omdømmeskolen 2009")
    EnrolmentFactory(cohort=older, organisation=world.org_a)
    for year, value in [(2008, 50), (2011, 58), (2013, 63)]:
        MeasurementFactory(indicator=indicator, organisation=world.org_a, year=year, value=value)
    MeasurementFactory(indicator=indicator, organisation=world.org_b, year=2008, value=40)
    body = client_for(world.contact_a).get(world.org_a.get_absolute_url()).content.decode()
    body = body[body.index("<main") :]
    assert "Tilfredshet som bosted" in body
    assert body.count('role="img"') == 1
    assert "2008 (before)" in body and "2011 (after)" in body
    page = client_for(world.evaluator).get(reverse("evaluations:organisation_indicators", args=[world.org_a.pk]))
    assert page.status_code == 200 and "Enter a measurement" not in page.content.decode()
    assert (
        client_for(world.evaluator)
        .post(
            reverse("evaluations:organisation_indicators", args=[world.org_a.pk]),
            {"indicator": indicator.pk, "year": 2020, "value": "1"},
        )
        .status_code
        == 403
    )
