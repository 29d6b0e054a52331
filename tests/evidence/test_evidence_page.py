"""The organisation's evidence page, its PDF and its exports show the series."""

import io
from datetime import datetime
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from evaluations.models import Indicator, Measurement
from tests.factories import CohortFactory, EnrolmentFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.homework.factories import AssignmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(fake_ssb, kvinesdal):
    cohort = CohortFactory(year=2021, name="Omdømmeskolen 2021")
    EnrolmentFactory(cohort=cohort, organisation=kvinesdal)
    AssignmentFactory(cohort=cohort, title="Omdømmeplattform", due_at=timezone.make_aware(datetime(2021, 10, 15, 12)))
    call_command("import_statistics", "--base-url", fake_ssb.base_url, "--years", "6")
    hand = Indicator.objects.create(name="Egen omdømmemåling", unit="indeks")
    Measurement.objects.create(indicator=hand, organisation=kvinesdal, year=2022, value=Decimal("61.5"), source="Egen")
    member = UserFactory(email="medlem@kvinesdal.kommune.no")
    MembershipFactory(organisation=kvinesdal, user=member, role="member")
    client = Client()
    client.force_login(member)
    return client, kvinesdal


def test_page_shows_every_series_with_course_year_and_milestones(setting):
    client, org = setting
    page = client.get(reverse("evidence:organisation", args=[org.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("<svg") >= 5  # four statistics and the hand-entered indicator
    assert "Folketall 1. januar (SSB)" in html and "Egen omdømmemåling" in html
    # The population table: 2020–2025, 5940 … 5990, the course year marked.
    for year, value in zip(range(2020, 2026), range(5940, 6000, 10), strict=True):
        assert f'<th scope="row">{year}' in html and f'<td class="num">{value}</td>' in html
    assert "Omdømmeplattform" in html and "15.10.2021" in html
    assert "2021 (" in html  # the course year is marked in the table


def test_comparable_municipalities_band(setting, fake_ssb):
    client, org = setting
    peer = OrganisationFactory(name="Nabo kommune", municipality_number="3301", county=org.county)
    call_command("import_statistics", "--base-url", fake_ssb.base_url, "--years", "1")
    # Drammen-sized (100 000) is not comparable with Kvinesdal (6 000): no band.
    html = client.get(reverse("evidence:organisation", args=[org.pk]) + "?sammenlign=1").content.decode()
    assert "Nabo kommune" not in html
    Measurement.objects.filter(organisation=peer, indicator__code="ssb_population").update(value=Decimal("7000"))
    html = client.get(reverse("evidence:organisation", args=[org.pk]) + "?sammenlign=1").content.decode()
    assert "Nabo kommune" in html
    assert "7000–7000–7000" in html
    assert "<polygon" in html  # the band is drawn in the chart


def test_pdf_shows_the_series(setting):
    client, org = setting
    response = client.get(reverse("evidence:organisation_pdf", args=[org.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Kvinesdal kommune" in text
    assert "Folketall 1. januar (SSB)" in text
    for value in ("2021 (kursår) 5950", "5990", "61,50"):
        assert value in text
    assert "Omdømmeplattform" in text


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports(setting, fmt):
    client, org = setting
    Indicator.objects.filter(name="Egen omdømmemåling").update(name="=HYPERLINK(1)")
    response = client.get(reverse("evidence:organisation_export", args=[org.pk, fmt]))
    assert response.status_code == 200
    if fmt == "csv":
        rows = response.content.decode("utf-8-sig").splitlines()
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = [",".join("" if c is None else str(c) for c in row) for row in sheet.iter_rows(values_only=True)]
    assert any(r.startswith("Folketall 1. januar (SSB),personer,2025,5990") for r in rows)
    assert any(r.startswith("'=HYPERLINK(1)") for r in rows)


def test_outsider_gets_404(setting):
    _client, org = setting
    outsider = Client()
    outsider.force_login(UserFactory())
    for name in ("evidence:organisation", "evidence:organisation_pdf"):
        assert outsider.get(reverse(name, args=[org.pk])).status_code == 404
