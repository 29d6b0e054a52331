"""No live formulas in any export: every cell a spreadsheet would evaluate is defused, in CSV and
XLSX, and XLSX cells are strings, never formulas (omdomme/core/exports.py)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from evaluations.models import Answer, QuestionKind, Response, ResponseStatus
from omdomme.core.exports import FORMULA_PREFIXES, safe_cell
from sessions.models import Registration
from tests.evaluations.factories import full_survey, q
from tests.gatherings.factories import GatheringFactory

pytestmark = pytest.mark.django_db

PAYLOADS = {
    "=": '=HYPERLINK("http://x.example","Klikk")',
    "+": "+47 912 34 567",
    "-": "-2+3",
    "@": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
}


def _csv_cells(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx_cells(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows()]


def _assert_defused(client, url: str, payload: str, expected_copies: int) -> None:
    csv_rows = _csv_cells(client.get(url + "csv"))
    flat = [cell for row in csv_rows for cell in row]
    assert not [c for c in flat if c.startswith(FORMULA_PREFIXES)]
    assert flat.count("'" + payload) == expected_copies, flat

    response = client.get(url + "xlsx")
    cells = [cell for row in _xlsx_cells(response) for cell in row]
    assert {c.data_type for c in cells if c.value is not None} <= {"s", "n"}
    values = [c.value for c in cells if isinstance(c.value, str)]
    assert not [v for v in values if v.startswith(FORMULA_PREFIXES)]
    # XML has no bare CR: a reader sees it as LF, still text.
    assert values.count("'" + payload.replace("\r", "\n")) == expected_copies


@pytest.mark.parametrize("prefix", PAYLOADS)
def test_registration_export_defuses_every_free_text_column(world, client_for, prefix):
    payload = PAYLOADS[prefix]
    gathering = GatheringFactory(cohort=world.cohort, number=1)
    world.contact_a.full_name = payload
    world.contact_a.phone = payload
    world.contact_a.save()
    world.org_a.name = payload
    world.org_a.save()
    Registration.objects.create(
        gathering=gathering,
        user=world.contact_a,
        organisation=world.org_a,
        days=[gathering.starts_on.isoformat()],
        dietary_needs=payload,
        comment=payload,
    )
    url = reverse("gatherings:registration_export", args=[gathering.pk, "csv"])[: -len("csv")]
    # name, phone, organisation, dietary needs, comment
    _assert_defused(client_for(world.staff), url, payload, expected_copies=5)


@pytest.mark.parametrize("prefix", PAYLOADS)
def test_survey_export_defuses_names_organisations_questions_and_answers(world, client_for, prefix):
    payload = PAYLOADS[prefix]
    now = timezone.now()
    survey = full_survey(cohort=world.cohort, anonymous=False, opens_at=now - timedelta(days=2), closes_at=now)
    text_question = q(survey, QuestionKind.SHORT_TEXT)
    text_question.text = payload
    text_question.save()
    world.contact_b.full_name = payload
    world.contact_b.save()
    world.org_b.name = payload
    world.org_b.save()
    response = Response.objects.create(
        survey=survey,
        respondent_key="formula-probe",
        anonymous=False,
        user=world.contact_b,
        organisation=world.org_b,
        organisation_kind=world.org_b.kind,
        status=ResponseStatus.SUBMITTED,
    )
    Answer.objects.create(response=response, question=text_question, text=payload)
    url = reverse("evaluations:survey_export", args=[survey.pk, "csv"])[: -len("csv")]
    # the name, the organisation, the question (a header) and the answer
    _assert_defused(client_for(world.staff), url, payload, expected_copies=4)


def test_numbers_and_plain_text_are_left_alone():
    assert safe_cell(-3) == -3
    assert safe_cell("Nøtteallergi - ikke peanøtter") == "Nøtteallergi - ikke peanøtter"
    assert safe_cell(None) == ""


@pytest.mark.parametrize("name", ["gatherings:registration_export", "evaluations:survey_export"])
@pytest.mark.parametrize("fmt", ["html", "CSV", "xls", "json"])
def test_an_unknown_export_format_is_not_found(world, client_for, name, fmt):
    now = timezone.now()
    if name.startswith("gatherings"):
        pk = GatheringFactory(cohort=world.cohort, number=1).pk
    else:
        pk = full_survey(cohort=world.cohort, anonymous=False, opens_at=now - timedelta(days=2), closes_at=now).pk
    assert client_for(world.staff).get(reverse(name, args=[pk, fmt])).status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_are_never_cached(world, client_for, fmt):
    gathering = GatheringFactory(cohort=world.cohort, number=1)
    response = client_for(world.staff).get(reverse("gatherings:registration_export", args=[gathering.pk, fmt]))
    assert response.status_code == 200
    assert set(response["Cache-Control"].replace(" ", "").split(",")) == {"private", "no-store"}
