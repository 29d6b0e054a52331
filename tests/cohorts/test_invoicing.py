"""The invoice basis (issue 12, item 12): who pays the fee, on a page and as CSV/XLSX."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cohorts import services
from cohorts.invoicing import invoice_basis, total
from cohorts.models import Enrolment
from tests.factories import CohortFactory, EnrolmentFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture
def cohort():
    cohort = CohortFactory(fee=Decimal("15000"), starts_on=date(2026, 9, 1), withdrawal_deadline=date(2026, 8, 15))
    EnrolmentFactory(cohort=cohort, organisation=OrganisationFactory(name="Alfa kommune", org_number="964982953"))
    EnrolmentFactory(cohort=cohort, organisation=OrganisationFactory(name="Beta kommune"), status="completed")
    EnrolmentFactory(
        cohort=cohort,
        organisation=OrganisationFactory(name="Early kommune"),
        status="withdrawn",
        withdrawn_at=datetime(2026, 8, 15, 22, 0, tzinfo=OSLO),
    )
    EnrolmentFactory(
        cohort=cohort,
        organisation=OrganisationFactory(name="Late kommune"),
        status="withdrawn",
        withdrawn_at=datetime(2026, 8, 16, 9, 0, tzinfo=OSLO),
    )
    EnrolmentFactory(cohort=cohort, organisation=OrganisationFactory(name="Invitert kommune"), status="invited")
    return cohort


def test_who_pays(cohort):
    lines = invoice_basis(cohort)
    assert [(line.organisation.name, line.amount) for line in lines] == [
        ("Alfa kommune", Decimal("15000")),
        ("Beta kommune", Decimal("15000")),
        ("Early kommune", Decimal("0")),
        ("Invitert kommune", None),
        ("Late kommune", Decimal("15000")),
    ]
    assert total(lines) == Decimal("45000")


def test_withdraw_records_its_date_and_reenrolment_clears_it(cohort):
    staff = UserFactory(is_staff=True)
    enrolment = Enrolment.objects.get(organisation__name="Alfa kommune")
    services.withdraw(enrolment, actor=staff)
    enrolment.refresh_from_db()
    assert enrolment.withdrawn_at is not None
    services.enrol(cohort, enrolment.organisation, actor=staff)
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.withdrawn_at) == ("active", None)


def test_page_shows_withdrawal_date_and_total(cohort, client):
    client.force_login(UserFactory(is_staff=True))
    page = client.get(reverse("cohorts:cohort_invoice_basis", args=[cohort.pk])).content.decode()
    assert "15. august 2026" in page  # the early withdrawal's date
    assert "45\xa0000 kr" in page or "45 000 kr" in page


def test_csv_export_defuses_formulas(cohort, client):
    org = Enrolment.objects.get(organisation__name="Alfa kommune").organisation
    org.invoice_reference = "=HYPERLINK(1)"
    org.save()
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("cohorts:cohort_invoice_export", args=[cohort.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Organisasjon", "Organisasjonsnummer"]
    assert rows[1][0:4] == ["Alfa kommune", "964982953", "", "'=HYPERLINK(1)"]
    assert rows[3][5] == "15.08.2026" and rows[3][6] == "0.00"
    assert rows[-1][0] == "Sum" and rows[-1][6] == "45000.00"


def test_xlsx_export_has_numbers(cohort, client):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("cohorts:cohort_invoice_export", args=[cohort.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=7).value == 15000
    assert client.get(reverse("cohorts:cohort_invoice_export", args=[cohort.pk, "pdf"])).status_code == 404


@pytest.mark.parametrize("n", [1, 20])
def test_invoice_page_query_count(client, django_assert_num_queries, n):
    cohort = CohortFactory()
    for _ in range(n):
        EnrolmentFactory(cohort=cohort)
    client.force_login(UserFactory(is_staff=True))
    with django_assert_num_queries(5):
        client.get(reverse("cohorts:cohort_invoice_basis", args=[cohort.pk]))


def test_organisation_form_takes_invoice_fields_with_mod11(client):
    org = OrganisationFactory(name="Alfa kommune")
    client.force_login(UserFactory(is_staff=True))
    url = reverse("cohorts:organisation_edit", args=[org.pk])
    data = {"name": "Alfa kommune", "kind": "municipality", "invoice_address": "Postboks 1\n1234 Alfa"}
    response = client.post(url, {**data, "org_number": "964982954"})
    assert response.status_code == 200 and "org_number" in response.context["form"].errors
    client.post(url, {**data, "org_number": "964982953", "invoice_reference": "4500123"})
    org.refresh_from_db()
    assert (org.org_number, org.invoice_address, org.invoice_reference) == (
        "964982953",
        "Postboks 1\n1234 Alfa",
        "4500123",
    )
    page = client.get(org.get_absolute_url()).content.decode()
    assert "964982953" in page and "4500123" in page


def test_contact_persons_join_a_new_enrolments_team():
    contact = MembershipFactory(role="contact")
    MembershipFactory(organisation=contact.organisation, role="member")
    enrolment = services.enrol(CohortFactory(), contact.organisation, actor=UserFactory(is_staff=True))
    assert list(enrolment.team.all()) == [contact.user]
