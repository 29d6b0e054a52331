"""The evaluation report PDF: made by the Celery task, kept, served again while it still shows what
the report would show, made again when that changes; text answers capped with a link to the export."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from evaluations import exports
from evaluations.models import Answer, QuestionKind, ReportStatus, Response, ResponseStatus, SurveyReport
from evaluations.services import respondent_key

from .factories import bulk_responses, full_survey, q, report_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(world):
    now = timezone.now()
    survey = full_survey(cohort=world.cohort, opens_at=now - timedelta(days=20), closes_at=now - timedelta(days=1))
    bulk_responses(survey, 30)
    return survey


def _page(survey, language="en"):
    return reverse("evaluations:survey_report", args=[survey.pk]) + f"?lang={language}"


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages).split())


def test_the_page_renders_no_pdf(world, client_for, closed):
    client = client_for(world.staff)
    body = client.get(_page(closed)).content.decode()
    assert "The report has not been made yet." in body
    assert not SurveyReport.objects.exists()


def test_made_by_the_task_then_kept(world, client_for, closed):
    client = client_for(world.staff)
    response = report_pdf(client, closed, "en")
    assert response["Content-Type"] == "application/pdf"
    report = SurveyReport.objects.get(survey=closed, language="en")
    assert report.status == ReportStatus.READY and report.render_ms is not None
    body = client.get(_page(closed)).content.decode()
    assert "Download the report (PDF)" in body
    assert "Out of date" not in body
    assert "Make the report" not in body and "Make it again" not in body


def test_made_again_when_what_it_shows_changes(world, client_for, closed):
    client = client_for(world.staff)
    report_pdf(client, closed, "en")
    first = SurveyReport.objects.get(survey=closed, language="en").fingerprint
    scale = q(closed, QuestionKind.SCALE)
    late = Response.objects.create(
        survey=closed, respondent_key=respondent_key(closed.pk, 4242), status=ResponseStatus.SUBMITTED
    )
    Answer.objects.create(response=late, question=scale, number=1)
    body = client.get(_page(closed)).content.decode()
    assert "Out of date" in body and "Make it again with the latest answers" in body
    report_pdf(client, closed, "en")
    assert SurveyReport.objects.get(survey=closed, language="en").fingerprint != first
    assert "Out of date" not in client.get(_page(closed)).content.decode()


def test_one_report_per_language(world, client_for, closed):
    client = client_for(world.staff)
    report_pdf(client, closed, "nb")
    assert "The report has not been made yet." in client.get(_page(closed, "nn")).content.decode()
    assert "Evalueringsrapport" in _text(report_pdf(client, closed, "nb").getvalue())


def test_text_answers_are_capped_with_a_link_to_the_export(world, client_for, closed, settings):
    settings.SITE_URL = "https://omdomme.example.no"
    texts = set(
        Answer.objects.filter(response__survey=closed, question__kind=QuestionKind.LONG_TEXT).values_list(
            "text", flat=True
        )
    )
    assert len(texts) > exports.REPORT_TEXT_ANSWERS
    text = _text(report_pdf(client_for(world.staff), closed, "en").getvalue())
    assert f"A sample of {exports.REPORT_TEXT_ANSWERS} of the" in text
    assert "https://omdomme.example.no" + reverse("evaluations:survey_results", args=[closed.pk]) in text


def test_a_readers_download_needs_a_made_report(world, client_for, closed):
    url = reverse("evaluations:survey_report_download", args=[closed.pk, "en"])
    assert client_for(world.staff).get(url).status_code == 404
