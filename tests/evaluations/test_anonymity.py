"""No page, export or PDF of an anonymous survey lets anyone, staff included, link an answer to a person."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from evaluations.models import Participation, QuestionKind, Response
from evaluations.services import save_response
from tests.factories import EnrolmentFactory, MembershipFactory, OrganisationFactory, UserFactory

from .factories import full_survey, q, report_pdf

pytestmark = pytest.mark.django_db

SECRET_ANSWERS = ["Kari sitt hemmelige svar", "Bjørns private kommentar", "Tredjes ærlige ord"]


def _answer(user, survey, text, scale_value):
    data = QueryDict(mutable=True)
    data[f"q_{q(survey, QuestionKind.SCALE).pk}"] = str(scale_value)
    data[f"q_{q(survey, QuestionKind.LONG_TEXT).pk}"] = text
    save_response(survey, data, submit=True, actor=user)


@pytest.fixture
def answered(world):
    """An anonymous survey answered by three people from three organisations, then closed."""
    survey = full_survey(cohort=world.cohort)
    org_d = OrganisationFactory(name="Delta kommune", municipality_number="5004")
    EnrolmentFactory(cohort=world.cohort, organisation=org_d)
    third = UserFactory(email="tredje@delta.kommune.no", full_name="Tora Tredje", language="en")
    MembershipFactory(organisation=org_d, user=third)
    for user, text, value in zip([world.contact_a, world.contact_b, third], SECRET_ANSWERS, [5, 1, 3], strict=True):
        _answer(user, survey, text, value)
    survey.opens_at -= timedelta(days=30)
    survey.closes_at = survey.opens_at + timedelta(days=1)
    survey.save()
    return survey, [world.contact_a, world.contact_b, third]


IDENTITIES = [
    "Kari Alfa",
    "kontakt.a@alfa.kommune.no",
    "Bjørn Beta",
    "kontakt.b@beta.kommune.no",
    "Tora Tredje",
    "tredje@delta.kommune.no",
]


def test_rows_keep_identity_apart(answered):
    survey, people = answered
    responses = list(Response.objects.filter(survey=survey).values())
    assert len(responses) == 3
    for row in responses:
        assert row["user_id"] is None and row["organisation_id"] is None
        assert set(row) == {
            "id",
            "survey_id",
            "respondent_key",
            "anonymous",
            "user_id",
            "organisation_id",
            "organisation_kind",
            "status",
        }  # no timestamps to join on
    participation_fields = {f.name for f in Participation._meta.get_fields()}
    assert participation_fields == {"id", "survey", "user", "organisation", "submitted"}  # no response id, no time
    keys = {r["respondent_key"] for r in responses}
    assert all(len(key) == 64 and p.email not in key and key != f"{survey.pk}:{p.pk}" for p in people for key in keys)


def test_the_database_refuses_a_named_anonymous_response(answered, world):
    survey, _ = answered
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(survey=survey, respondent_key="x" * 64, anonymous=True, user=world.contact_a)


def test_results_page_shows_answers_without_identities(answered, world, client_for):
    survey, _ = answered
    body = client_for(world.staff).get(reverse("evaluations:survey_results", args=[survey.pk])).content.decode()
    for text in SECRET_ANSWERS:
        assert text in body
    for identity in IDENTITIES + ["Alfa kommune", "Beta kommune", "Delta kommune"]:
        assert identity not in body
    # Text answers are listed alphabetically, not in the order people answered.
    positions = [body.index(t) for t in sorted(SECRET_ANSWERS)]
    assert positions == sorted(positions)


def test_exports_have_no_identity_or_organisation_columns(answered, world, client_for):
    survey, _ = answered
    client = client_for(world.staff)
    csv = client.get(reverse("evaluations:survey_export", args=[survey.pk, "csv"])).content.decode("utf-8-sig")
    header = csv.splitlines()[0]
    assert header.startswith("Response,Hvor fornøyd er du med samlingen?")
    for word in ["Name", "Email", "Organisation", "kind", "Status", "time"]:
        assert word not in header
    for identity in IDENTITIES + ["Alfa kommune", "Beta kommune", "Delta kommune", "municipality"]:
        assert identity not in csv
    xlsx = client.get(reverse("evaluations:survey_export", args=[survey.pk, "xlsx"])).content
    cells = [str(c) for row in load_workbook(BytesIO(xlsx)).active.iter_rows(values_only=True) for c in row]
    assert "Kari sitt hemmelige svar" in cells
    assert not any(identity in cell for identity in IDENTITIES + ["Alfa kommune"] for cell in cells)


def test_pdf_report_has_answers_but_no_identities(answered, world, client_for):
    survey, _ = answered
    pdf = report_pdf(client_for(world.staff), survey, "en").getvalue()
    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)
    assert "Kari sitt hemmelige svar" in text
    for identity in IDENTITIES:
        assert identity not in text


def test_open_anonymous_survey_withholds_results_and_export(world, client_for):
    survey = full_survey(cohort=world.cohort)
    _answer(world.contact_a, survey, "Tidlig svar", 4)
    client = client_for(world.staff)
    body = client.get(reverse("evaluations:survey_results", args=[survey.pk])).content.decode()
    assert "Tidlig svar" not in body
    assert "its answers are shown when it has closed" in body
    export = client.get(reverse("evaluations:survey_export", args=[survey.pk, "csv"]))
    assert export.status_code == 302
    pdf = report_pdf(client, survey, "en").getvalue()
    assert "Tidlig svar" not in "\n".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)


def test_a_filter_that_would_single_out_one_person_shows_nothing(answered, world, client_for):
    survey, _ = answered
    Response.objects.filter(survey=survey, organisation_kind="municipality").order_by("respondent_key").first()
    first = Response.objects.filter(survey=survey).order_by("respondent_key").first()
    first.organisation_kind = "regional_council"
    first.save()
    client = client_for(world.staff)
    url = reverse("evaluations:survey_results", args=[survey.pk])
    for kind in ("regional_council", "municipality"):  # 1 in the group, or 1 left outside it
        body = client.get(url, {"organisation_kind": kind}).content.decode()
        assert "results are held back" in body
        assert not any(text in body for text in SECRET_ANSWERS)


def test_response_rate_shows_who_took_part_but_not_what(answered, world, client_for):
    survey, _ = answered
    body = client_for(world.staff).get(reverse("evaluations:survey_rates", args=[survey.pk])).content.decode()
    assert "Alfa kommune" in body
    assert not any(text in body for text in SECRET_ANSWERS)


def test_the_respondent_sees_only_their_own_answers(answered, world, client_for):
    survey, _ = answered
    body = client_for(world.contact_a).get(reverse("evaluations:survey_answer", args=[survey.pk])).content.decode()
    assert "Kari sitt hemmelige svar" in body
    assert "Bjørns private kommentar" not in body
    assert client_for(world.contact_a).get(reverse("evaluations:survey_results", args=[survey.pk])).status_code == 403
