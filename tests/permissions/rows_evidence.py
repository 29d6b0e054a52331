"""Rows for the evidence package: the reputation journey (page, PDF, exports) and resident surveys.

One rule: staff, the advisors and evaluators of the organisation's cohort, and its own members read;
a contact person of the organisation (or staff) starts and closes resident surveys; anyone answers
an open resident survey through its public link, without logging in.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from omdomme.evidence import residents
from omdomme.evidence.models import FormerMunicipalityNumber, ResidentSurvey
from tests.permissions.matrix import OWN_A_READ, OWN_A_WRITE_BY_TEAM, PUBLIC, Row, expect, redirect_ok

STAFF_WRITE_OWN_A = expect(302, 403, 403, 403, 404, 404)


def extend(world) -> None:
    today = timezone.localdate()
    survey_a = ResidentSurvey.objects.create(
        organisation=world.org_a, opens_on=today - timedelta(days=1), closes_on=today + timedelta(days=7)
    )
    survey_b = ResidentSurvey.objects.create(
        organisation=world.org_b, opens_on=today - timedelta(days=1), closes_on=today + timedelta(days=7)
    )
    # Org C's survey (the other cohort): the cohort's advisors and evaluators may not see it.
    survey_c = residents.start_survey(
        actor=world.staff,
        organisation=world.org_c,
        language="nb",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=7),
    )
    former_a = FormerMunicipalityNumber.objects.create(
        organisation=world.org_a, number="1601", valid_from=1838, valid_to=2017
    )
    world.extra.update(
        resident_survey_a=survey_a, resident_survey_b=survey_b, resident_survey_c=survey_c, former_number_a=former_a
    )
    world.secrets_b.append(survey_b.token)


def _answers(w) -> dict:
    # The honeypot is filled in, so nothing is saved: the matrix counts any anonymous write as a refusal.
    # The saving path (30 browsers, one answer each) is tested in tests/evidence.
    return {"satisfaction": "4", "recommend": "5", "pride": "3", "development": "4", "website": "x"}


def _start(w) -> dict:
    today = timezone.localdate()
    return {"language": "nb", "opens_on": today.isoformat(), "closes_on": (today + timedelta(days=14)).isoformat()}


S = "evidence:"
ROWS = [
    Row(S + "organisation", lambda w: reverse(S + "organisation", args=[w.org_a.pk]), OWN_A_READ),
    Row(
        S + "organisation",
        lambda w: reverse(S + "organisation", args=[w.org_a.pk]) + "?sammenlign=1",
        OWN_A_READ,
        label="comparable",
    ),
    Row(
        S + "organisation",
        lambda w: reverse(S + "organisation", args=[w.org_a.pk]),
        STAFF_WRITE_OWN_A,
        method="post",
        data=lambda w: {"number": "5012", "valid_from": 2018, "valid_to": 2019},
    ),
    Row(
        S + "former_number_delete",
        lambda w: reverse(S + "former_number_delete", args=[w.former_number_a.pk]),
        STAFF_WRITE_OWN_A,
        method="post",
    ),
    Row(S + "organisation_pdf", lambda w: reverse(S + "organisation_pdf", args=[w.org_a.pk]), OWN_A_READ),
    Row(
        S + "organisation_export",
        lambda w: reverse(S + "organisation_export", args=[w.org_a.pk, "csv"]),
        OWN_A_READ,
    ),
    Row(
        S + "organisation_export",
        lambda w: reverse(S + "organisation_export", args=[w.org_a.pk, "xlsx"]),
        OWN_A_READ,
        label="xlsx",
    ),
    Row(
        S + "resident_survey_create",
        lambda w: reverse(S + "resident_survey_create", args=[w.org_a.pk]),
        OWN_A_WRITE_BY_TEAM,
    ),
    Row(
        S + "resident_survey_create",
        lambda w: reverse(S + "resident_survey_create", args=[w.org_a.pk]),
        redirect_ok(OWN_A_WRITE_BY_TEAM),
        method="post",
        data=_start,
    ),
    Row(S + "resident_survey", lambda w: w.resident_survey_a.get_absolute_url(), OWN_A_READ),
    Row(
        S + "resident_survey_qr",
        lambda w: reverse(S + "resident_survey_qr", args=[w.resident_survey_a.pk]),
        OWN_A_READ,
    ),
    Row(
        S + "resident_survey_close",
        lambda w: reverse(S + "resident_survey_close", args=[w.resident_survey_a.pk]),
        redirect_ok(OWN_A_WRITE_BY_TEAM),
        method="post",
    ),
    Row(S + "answer", lambda w: w.resident_survey_a.get_public_url(), PUBLIC, login_redirect=False),
    Row(
        S + "answer",
        lambda w: w.resident_survey_a.get_public_url(),
        PUBLIC,
        method="post",
        data=_answers,
        login_redirect=False,
        label="honeypot",
    ),
]
