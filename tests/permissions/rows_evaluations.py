"""Rows for evaluations: surveys, building them, answering, results and exports, indicators.

Who may do what: staff everything; advisors and evaluators of a cohort read its results, exports,
report and response rates (never identities behind anonymous answers); contacts answer their own
surveys and enter their own organisation's indicators; nobody else sees anything.
"""

from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from evaluations.models import (
    Answer,
    Choice,
    Indicator,
    Measurement,
    Question,
    QuestionKind,
    ReportStatus,
    Response,
    Survey,
    SurveyReport,
)
from evaluations.services import respondent_key
from tests.permissions.matrix import COHORT_MEMBERS, OWN_A_READ, SIGNED_IN, STAFF_ONLY, Row, expect, redirect_ok

STAFF_WRITE_IN_COHORT = expect(200, 403, 403, 403, 403, 404)  # a survey of the cohort: contacts see it, may not edit
READ_RESULTS = expect(200, 200, 200, 403, 403, 404)
ANSWER = expect(403, 403, 403, 200, 200, 404)


def _dt(delta_days: int) -> str:
    return (timezone.localtime() + timedelta(days=delta_days)).strftime("%Y-%m-%dT%H:%M")


def extend(world) -> None:
    now = timezone.now()
    survey = Survey.objects.create(
        cohort=world.cohort,
        title="Tilbakemelding på samlingen",
        opens_at=now,
        closes_at=now + timedelta(days=10),
        anonymous=True,
    )
    scale = Question.objects.create(survey=survey, text="Hvor fornøyd?", kind=QuestionKind.SCALE, position=1)
    Question.objects.create(survey=survey, text="Kommentar", kind=QuestionKind.LONG_TEXT, position=2)
    named = Survey.objects.create(
        cohort=world.cohort,
        title="Oppfølging med navn",
        opens_at=now - timedelta(days=20),
        closes_at=now - timedelta(days=1),
        anonymous=False,
    )
    text = Question.objects.create(survey=named, text="Hva skjedde?", kind=QuestionKind.LONG_TEXT, position=1)
    choice_q = Question.objects.create(survey=named, text="Forankret?", kind=QuestionKind.SINGLE, position=2)
    Choice.objects.create(question=choice_q, label="Ja", position=1)
    response = Response.objects.create(
        survey=named,
        respondent_key=respondent_key(named.pk, world.contact_b.pk),
        anonymous=False,
        user=world.contact_b,
        organisation=world.org_b,
        status="submitted",
        organisation_kind="municipality",
    )
    Answer.objects.create(response=response, question=text, text="HEMMELIG-BETA-SVAR om planen")
    other = Survey.objects.create(
        cohort=world.other_cohort, title="Gamma-undersøkelse", opens_at=now, closes_at=now + timedelta(days=5)
    )
    indicator = Indicator.objects.create(name="Omdømmeindeks")
    measurement_a = Measurement.objects.create(
        indicator=indicator, organisation=world.org_a, year=2024, value=Decimal("55"), source="Alfa-kilde"
    )
    Measurement.objects.create(
        indicator=indicator, organisation=world.org_b, year=2024, value=Decimal("44"), source="BETA-KILDE-HEMMELIG"
    )
    report = SurveyReport(survey=named, language="nn", status=ReportStatus.READY, rendered_at=now)
    report.file.save("oppfolging-nn.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    world.extra.update(
        eval_survey=survey,
        eval_scale=scale,
        eval_named=named,
        eval_other=other,
        eval_indicator=indicator,
        eval_measurement_a=measurement_a,
    )
    world.secrets_b += ["HEMMELIG-BETA-SVAR", "BETA-KILDE-HEMMELIG"]


def _survey_data(w) -> dict:
    return {
        "cohort": w.cohort.pk,
        "title_nb": "Ny undersøkelse",
        "kind": "other",
        "opens_at": _dt(0),
        "closes_at": _dt(7),
        "audience": "participants",
        "anonymous": "on",
    }


def _question_data(w) -> dict:
    return {"kind": "scale", "text_nb": "Nytt spørsmål?", "scale_max": 5}


def _copy_data(w) -> dict:
    return {"title": "Kopi", "opens_at": _dt(30), "closes_at": _dt(40), "as_wave": "on"}


def _csv(w) -> dict:
    return {
        "file": SimpleUploadedFile("m.csv", "indicator,organisation,year,value\nOmdømmeindeks,5001,2025,57\n".encode())
    }


S = "evaluations:"
ROWS = [
    Row(S + "survey_list", lambda w: reverse(S + "survey_list"), SIGNED_IN),
    Row(S + "my_surveys", lambda w: reverse(S + "my_surveys"), SIGNED_IN),
    Row(S + "survey_create", lambda w: reverse(S + "survey_create"), STAFF_ONLY),
    Row(
        S + "survey_create",
        lambda w: reverse(S + "survey_create"),
        redirect_ok(STAFF_ONLY),
        method="post",
        data=_survey_data,
    ),
    Row(
        S + "survey_from_template",
        lambda w: reverse(S + "survey_from_template"),
        redirect_ok(STAFF_ONLY),
        method="post",
        data=lambda w: {"template": "follow_up", "cohort": w.cohort.pk, "opens_at": _dt(0), "closes_at": _dt(9)},
    ),
    Row(S + "survey_detail", lambda w: w.eval_survey.get_absolute_url(), COHORT_MEMBERS),
    Row(
        S + "survey_detail",
        lambda w: w.eval_other.get_absolute_url(),
        expect(200, 404, 404, 404, 404, 404),
        label="other cohort",
    ),
    Row(S + "survey_edit", lambda w: reverse(S + "survey_edit", args=[w.eval_survey.pk]), STAFF_WRITE_IN_COHORT),
    Row(
        S + "survey_edit",
        lambda w: reverse(S + "survey_edit", args=[w.eval_survey.pk]),
        redirect_ok(STAFF_WRITE_IN_COHORT),
        method="post",
        data=_survey_data,
    ),
    Row(
        S + "section_add",
        lambda w: reverse(S + "section_add", args=[w.eval_survey.pk]),
        redirect_ok(STAFF_WRITE_IN_COHORT),
        method="post",
        data=lambda w: {"title": "Del 2"},
    ),
    Row(S + "question_add", lambda w: reverse(S + "question_add", args=[w.eval_survey.pk]), STAFF_WRITE_IN_COHORT),
    Row(
        S + "question_add",
        lambda w: reverse(S + "question_add", args=[w.eval_survey.pk]),
        redirect_ok(STAFF_WRITE_IN_COHORT),
        method="post",
        data=_question_data,
    ),
    Row(S + "question_edit", lambda w: reverse(S + "question_edit", args=[w.eval_scale.pk]), STAFF_WRITE_IN_COHORT),
    Row(
        S + "question_edit",
        lambda w: reverse(S + "question_edit", args=[w.eval_scale.pk]),
        redirect_ok(STAFF_WRITE_IN_COHORT),
        method="post",
        data=_question_data,
    ),
    Row(
        S + "question_delete",
        lambda w: reverse(S + "question_delete", args=[w.eval_scale.pk]),
        redirect_ok(STAFF_WRITE_IN_COHORT),
        method="post",
    ),
    Row(
        S + "question_move",
        lambda w: reverse(S + "question_move", args=[w.eval_scale.pk]),
        redirect_ok(STAFF_WRITE_IN_COHORT),
        method="post",
        data=lambda w: {"direction": "down"},
    ),
    Row(S + "survey_copy", lambda w: reverse(S + "survey_copy", args=[w.eval_survey.pk]), STAFF_WRITE_IN_COHORT),
    Row(
        S + "survey_copy",
        lambda w: reverse(S + "survey_copy", args=[w.eval_survey.pk]),
        redirect_ok(STAFF_WRITE_IN_COHORT),
        method="post",
        data=_copy_data,
    ),
    Row(S + "survey_answer", lambda w: reverse(S + "survey_answer", args=[w.eval_survey.pk]), ANSWER),
    Row(
        S + "survey_answer",
        lambda w: reverse(S + "survey_answer", args=[w.eval_survey.pk]),
        redirect_ok(ANSWER),
        method="post",
        data=lambda w: {f"q_{w.eval_scale.pk}": "4", "draft": "1"},
    ),
    Row(S + "survey_results", lambda w: reverse(S + "survey_results", args=[w.eval_named.pk]), READ_RESULTS),
    Row(
        S + "survey_results",
        lambda w: reverse(S + "survey_results", args=[w.eval_other.pk]),
        expect(200, 404, 404, 404, 404, 404),
        label="other cohort",
    ),
    Row(S + "survey_compare", lambda w: reverse(S + "survey_compare", args=[w.eval_named.pk]), READ_RESULTS),
    Row(S + "survey_export", lambda w: reverse(S + "survey_export", args=[w.eval_named.pk, "csv"]), READ_RESULTS),
    Row(
        S + "survey_export",
        lambda w: reverse(S + "survey_export", args=[w.eval_named.pk, "xlsx"]),
        READ_RESULTS,
        label="xlsx",
    ),
    Row(S + "survey_report", lambda w: reverse(S + "survey_report", args=[w.eval_named.pk]) + "?lang=nn", READ_RESULTS),
    Row(
        S + "survey_report",
        lambda w: reverse(S + "survey_report", args=[w.eval_named.pk]) + "?lang=nn",
        redirect_ok(READ_RESULTS),
        method="post",
        label="make it",
    ),
    Row(
        S + "survey_report_download",
        lambda w: reverse(S + "survey_report_download", args=[w.eval_named.pk, "nn"]),
        READ_RESULTS,
    ),
    Row(S + "survey_rates", lambda w: reverse(S + "survey_rates", args=[w.eval_survey.pk]), READ_RESULTS),
    Row(
        S + "survey_remind",
        lambda w: reverse(S + "survey_remind", args=[w.eval_survey.pk]),
        redirect_ok(STAFF_WRITE_IN_COHORT),
        method="post",
    ),
    Row(S + "indicator_list", lambda w: reverse(S + "indicator_list"), SIGNED_IN),
    Row(S + "indicator_create", lambda w: reverse(S + "indicator_create"), STAFF_ONLY),
    Row(
        S + "indicator_create",
        lambda w: reverse(S + "indicator_create"),
        redirect_ok(STAFF_ONLY),
        method="post",
        data=lambda w: {"name_nb": "Tilfredshet med tjenestene", "higher_is_better": "on"},
    ),
    Row(S + "measurement_import", lambda w: reverse(S + "measurement_import"), STAFF_ONLY),
    Row(
        S + "measurement_import",
        lambda w: reverse(S + "measurement_import"),
        redirect_ok(STAFF_ONLY),
        method="post",
        data=_csv,
    ),
    Row(S + "organisation_indicators", lambda w: reverse(S + "organisation_indicators", args=[w.org_a.pk]), OWN_A_READ),
    Row(
        S + "organisation_indicators",
        lambda w: reverse(S + "organisation_indicators", args=[w.org_a.pk]),
        expect(302, 403, 403, 302, 404, 404),
        method="post",
        data=lambda w: {"indicator": w.eval_indicator.pk, "year": 2025, "value": "58.5", "source": "Egen"},
    ),
    Row(
        S + "measurement_delete",
        lambda w: reverse(S + "measurement_delete", args=[w.eval_measurement_a.pk]),
        expect(302, 403, 403, 302, 404, 404),
        method="post",
    ),
]
