"""Results: numbers per question, constant query counts, comparisons, charts and the PDF report."""

import re
from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from evaluations import charts
from evaluations.models import Answer, QuestionKind, Response, ResponseStatus
from evaluations.results import compare, summarise
from evaluations.services import copy_survey, respondent_key

from .factories import IndicatorFactory, MeasurementFactory, bulk_responses, full_survey, q, report_pdf

pytestmark = pytest.mark.django_db


def _closed(**kw):
    now = timezone.now()
    return full_survey(opens_at=now - timedelta(days=20), closes_at=now - timedelta(days=1), **kw)


def _respond(survey, values: list[int]):
    scale = q(survey, QuestionKind.SCALE)
    single = q(survey, QuestionKind.SINGLE)
    choices = list(single.choices.all())
    for i, value in enumerate(values):
        r = Response.objects.create(
            survey=survey, respondent_key=respondent_key(survey.pk, 900 + i), status=ResponseStatus.SUBMITTED
        )
        Answer.objects.create(response=r, question=scale, number=value)
        Answer.objects.create(response=r, question=single, choice=choices[i % 2])


def test_counts_shares_means(world):
    survey = _closed(cohort=world.cohort)
    _respond(survey, [5, 4, 4, 1])
    Response.objects.create(survey=survey, respondent_key="draft", status=ResponseStatus.DRAFT)
    summary = summarise(survey)
    assert summary.responses == 4 and summary.withheld == ""
    scale = summary.questions[0]
    assert scale.answered == 4 and scale.mean == Decimal("3.5")
    assert [(r.label, r.count, r.share) for r in scale.rows] == [
        ("1 – Lite", 1, 25),
        ("2", 0, 0),
        ("3", 0, 0),
        ("4", 2, 50),
        ("5 – Svært", 1, 25),
    ]
    single = summary.questions[1]
    assert [(r.label, r.count, r.share) for r in single.rows] == [
        ("For kort", 2, 50),
        ("Passe", 2, 50),
        ("For lang", 0, 0),
    ]


@pytest.mark.parametrize("n", [10, 500])
def test_results_page_query_count_does_not_grow(world, client_for, django_assert_num_queries, n):
    survey = _closed(cohort=world.cohort)
    bulk_responses(survey, n)
    client = client_for(world.staff)
    url = reverse("evaluations:survey_results", args=[survey.pk])
    client.get(url)  # warm up session and caches
    with django_assert_num_queries(10):  # one grouped query for choices, scales and numbers
        response = client.get(url)
    assert response.status_code == 200
    assert f"{n} submitted responses" in response.content.decode()


@pytest.mark.parametrize("n", [10, 500])
def test_export_query_count_does_not_grow(world, client_for, django_assert_num_queries, n):
    survey = _closed(cohort=world.cohort)
    bulk_responses(survey, n)
    client = client_for(world.staff)
    url = reverse("evaluations:survey_export", args=[survey.pk, "csv"])
    client.get(url)
    with django_assert_num_queries(9):  # the survey and whether its results may be read: one query
        response = client.get(url)
    assert len(response.content.decode().strip().splitlines()) == n + 1


@pytest.mark.parametrize("n", [1, 30])
def test_survey_list_query_count(world, client_for, django_assert_num_queries, n):
    for _ in range(n):
        full_survey(cohort=world.cohort)
    client = client_for(world.staff)
    url = reverse("evaluations:survey_list")
    client.get(url)
    with django_assert_num_queries(9):
        assert client.get(url).status_code == 200


def test_compare_waves(world, client_for):
    survey = _closed(cohort=world.cohort)
    _respond(survey, [1, 2, 3])
    wave2 = copy_survey(
        survey,
        opens_at=survey.opens_at + timedelta(days=1),
        closes_at=survey.closes_at,
        as_wave=True,
        actor=world.staff,
    )
    _respond(wave2, [5, 5, 5])
    summaries, rows = compare([survey, wave2])
    assert [s.responses for s in summaries] == [3, 3]
    first = rows[0]
    assert first.text == "Hvor fornøyd er du med samlingen?"
    assert [c.mean for c in first.cells] == [Decimal("2"), Decimal("5")]
    body = client_for(world.evaluator).get(reverse("evaluations:survey_compare", args=[wave2.pk])).content.decode()
    assert "2.00" in body and "5.00" in body and "Wave 2" in body


def test_charts_are_csp_safe_and_accessible():
    svg = str(charts.bar_chart("Fornøyd <på> Stiklestad", [("Ja", 3), ("Nei", 1)]))
    assert svg.startswith("<svg") and 'role="img"' in svg and "aria-labelledby=" in svg
    assert "<title id=" in svg and "Fornøyd &lt;på&gt; Stiklestad" in svg
    assert "style" not in svg and "<script" not in svg and "on" + "load" not in svg
    assert 'fill="#1d6f72"' in svg and "3 (75 %)" in svg
    line = str(
        charts.line_chart(
            "Omdømme",
            [charts.Series("Steinkjer", {2008: 50, 2010: 61.5}), charts.Series("Snitt", {2008: 55, 2010: 57})],
            marker_year=2009,
            marker_label="Kurs",
        )
    )
    assert "style" not in line and "<script" not in line and 'stroke-dasharray="6 4"' in line
    assert "Steinkjer: 2008 50, 2010 61.5" in line


def test_results_page_has_chart_and_table(world, client_for):
    survey = _closed(cohort=world.cohort)
    _respond(survey, [5, 4, 3])
    body = client_for(world.advisor).get(reverse("evaluations:survey_results", args=[survey.pk])).content.decode()
    assert body.count('role="img"') == 3  # scale, single and multiple choice
    assert '<th scope="row">4</th><td class="num">1</td><td class="num">33 %</td>' in body
    assert not re.search(r"\sstyle=", body)


def test_pdf_report_in_norwegian_keeps_letters(world, client_for):
    survey = _closed(cohort=world.cohort, title="Evaluering av samlingen på Stiklestad – æøå ÆØÅ")
    _respond(survey, [5, 4, 3])
    indicator = IndicatorFactory(name="Tilfredshet som bosted")
    for year, value in [(2024, 50), (2026, 58)]:
        MeasurementFactory(indicator=indicator, organisation=world.org_a, year=year, value=value)
    response = report_pdf(client_for(world.staff), survey, "nb")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(response.getvalue())).pages).split())
    assert "Evaluering av samlingen på Stiklestad – æøå ÆØÅ" in text
    assert "Evalueringsrapport" in text  # the report's own words in Bokmål
    assert "Hvor fornøyd er du med samlingen?" in text
    assert "Omdømmeindikatorer Tilfredshet som bosted År Gjennomsnitt 2024 50,0 2026 58,0" in text  # cohort average
    assert "Alfa kommune Tilfredshet som bosted Verdier per år (kurs i 2026)" in text  # the organisation's series
    assert "Gjennomsnitt for Omdømmeskolen 2026" in text  # the chart's legend


def test_named_export_has_names_and_defuses_formulas(world, client_for):
    from django.http import QueryDict

    from evaluations.services import save_response

    survey = full_survey(cohort=world.cohort, anonymous=False, title="Oppfølging: kommuneplan")
    data = QueryDict(mutable=True)
    data[f"q_{q(survey, QuestionKind.SCALE).pk}"] = "4"
    data[f"q_{q(survey, QuestionKind.SHORT_TEXT).pk}"] = '=HYPERLINK("http://x.example","klikk")'
    save_response(survey, data, submit=True, actor=world.contact_b)
    survey.closes_at = timezone.now() - timedelta(minutes=1)
    survey.opens_at = survey.closes_at - timedelta(days=1)
    survey.save()
    csv = client_for(world.evaluator).get(reverse("evaluations:survey_export", args=[survey.pk, "csv"]))
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Name,Email,Organisation,Organisation kind,Hvor fornøyd er du med samlingen?")
    assert lines[1].startswith("Bjørn Beta,kontakt.b@beta.kommune.no,Beta kommune,Municipality,4,")
    assert "'=HYPERLINK(" in lines[1]
    xlsx = client_for(world.staff).get(reverse("evaluations:survey_export", args=[survey.pk, "xlsx"]))
    assert xlsx["Content-Disposition"] == 'attachment; filename="oppfolging-kommuneplan.xlsx"'
