"""The apps' personal data in the export, the erasure and the retention purge (omdomme/privacy/plugins.py)."""

from __future__ import annotations

import os
from datetime import date

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from evaluations.models import Answer, Response
from homework.models import FeedbackEntry
from omdomme.packs.models import PackStatus, ParticipantPack
from omdomme.privacy import services
from tests.evaluations.factories import QuestionFactory, SurveyFactory
from tests.factories import CohortFactory
from tests.gatherings.factories import GatheringFactory, RegistrationFactory, SlotFactory
from tests.homework.factories import AssignmentFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def app_data(world):
    gathering = GatheringFactory(cohort=world.cohort, title="Samling på Stiklestad")
    mine = RegistrationFactory(
        gathering=gathering,
        user=world.contact_a,
        organisation=world.org_a,
        dietary_needs="Nøtteallergi Kari",
        comment="Kommer sent",
    )
    theirs = RegistrationFactory(
        gathering=gathering, user=world.contact_b, organisation=world.org_b, dietary_needs="Glutenfri Bjørn"
    )
    SlotFactory(
        gathering=gathering,
        advisor=world.advisor,
        organisation=world.org_a,
        booked_by=world.contact_a,
        topic="Omdømmeplan for Alfa",
    )
    submission = SubmissionFactory(
        assignment=AssignmentFactory(cohort=world.cohort, title="Oppgave 1"),
        organisation=world.org_a,
        submitted_by=world.contact_a,
        text_answer="Vårt svar",
    )
    FeedbackEntry.objects.create(
        submission=submission,
        author=world.contact_a,
        author_name="Kari Alfa",
        side="team",
        body="Takk for tilbakemeldingen",
    )
    survey = SurveyFactory(cohort=world.cohort, title="Navngitt evaluering", anonymous=False)
    question = QuestionFactory(survey=survey, kind="text", text="Hva tok dere med?")
    response = Response.objects.create(
        survey=survey,
        respondent_key="k-a",
        anonymous=False,
        user=world.contact_a,
        organisation=world.org_a,
        status="submitted",
    )
    Answer.objects.create(response=response, question=question, text="Mye godt")
    Response.objects.create(survey=SurveyFactory(cohort=world.cohort, title="Anonym"), respondent_key="k-anon")
    return {"mine": mine, "theirs": theirs, "submission": submission, "response": response}


def test_export_has_registrations_bookings_homework_and_named_answers(world, app_data, client_for):
    data = client_for(world.contact_a).get(reverse("privacy:export")).json()
    assert [r["dietary_needs"] for r in data["registrations"]] == ["Nøtteallergi Kari"]
    assert [b["topic"] for b in data["bookings"]] == ["Omdømmeplan for Alfa"]
    assert [s["assignment"] for s in data["homework"]["submissions_you_submitted"]] == ["Oppgave 1"]
    assert [f["message"] for f in data["homework"]["feedback_you_wrote"]] == ["Takk for tilbakemeldingen"]
    assert data["survey_responses"] == [
        {
            "survey": "Navngitt evaluering",
            "status": "submitted",
            "answers": [{"question": "Hva tok dere med?", "choice": None, "number": None, "text": "Mye godt"}],
        }
    ]
    assert "Glutenfri Bjørn" not in str(data)


def test_advisor_export_lists_the_slots_they_hold(world, app_data, client_for):
    data = client_for(world.advisor).get(reverse("privacy:export")).json()
    assert [(b["topic"], b["you_are"]) for b in data["bookings"]] == [("Omdømmeplan for Alfa", "advisor")]


def test_erasure_clears_dietary_needs_and_detaches_named_answers_but_keeps_homework(world, app_data):
    services.erase_person(world.contact_a, actor=world.staff)
    app_data["mine"].refresh_from_db()
    app_data["theirs"].refresh_from_db()
    assert (app_data["mine"].dietary_needs, app_data["mine"].comment) == ("", "")
    assert app_data["theirs"].dietary_needs == "Glutenfri Bjørn"
    assert FeedbackEntry.objects.get().author_name == f"Anonymised person {world.contact_a.pk}"
    app_data["response"].refresh_from_db()
    assert app_data["response"].user_id is None and app_data["response"].organisation_id == world.org_a.pk
    app_data["submission"].refresh_from_db()
    assert app_data["submission"].text_answer == "Vårt svar"


def test_purge_clears_the_cohorts_dietary_needs_and_named_answers(world, app_data, settings):
    settings.PERSONAL_DATA_RETENTION_MONTHS = 12
    world.cohort.ends_on = date(2025, 6, 1)
    world.cohort.save()
    with time_machine.travel(date(2026, 6, 2), tick=False):
        report = services.purge_expired()
    assert world.cohort.pk in report.cohorts
    app_data["theirs"].refresh_from_db()
    assert app_data["theirs"].dietary_needs == ""
    app_data["response"].refresh_from_db()
    assert app_data["response"].user_id is None


@pytest.fixture
def packs(world, app_data):
    """Two packs of the gathering Kari is registered for (every pack lists its participants) and one
    of a gathering in another cohort, where she is not."""
    gathering = app_data["mine"].gathering
    other = GatheringFactory(cohort=CohortFactory(year=2030), title="Samling i Drammen")
    made = {
        "alfa": (gathering, world.org_a),
        "beta": (gathering, world.org_b),
        "elsewhere": (other, world.org_b),
    }
    result = {}
    for key, (g, org) in made.items():
        pack = ParticipantPack(gathering=g, organisation=org, status=PackStatus.READY, rendered_at=timezone.now())
        pack.file.save(f"{key}.pdf", ContentFile(b"%PDF-1.7 Kari Alfa"), save=True)
        result[key] = pack
    return result


def test_export_lists_the_participant_packs_that_name_me(world, packs, client_for):
    data = client_for(world.contact_a).get(reverse("privacy:export")).json()
    assert sorted((p["gathering"], p["organisation"]) for p in data["participant_packs"]) == [
        (str(packs["alfa"].gathering), "Alfa kommune"),
        (str(packs["alfa"].gathering), "Beta kommune"),
    ]


def test_erasure_deletes_the_packs_that_name_the_person(world, packs, django_capture_on_commit_callbacks):
    paths = {key: pack.file.path for key, pack in packs.items()}
    with django_capture_on_commit_callbacks(execute=True):
        services.erase_person(world.contact_a, actor=world.staff)
    assert list(ParticipantPack.objects.values_list("pk", flat=True)) == [packs["elsewhere"].pk]
    assert [key for key, path in paths.items() if os.path.exists(path)] == ["elsewhere"]


def test_purge_deletes_the_expired_cohorts_packs(world, packs, settings, django_capture_on_commit_callbacks):
    settings.PERSONAL_DATA_RETENTION_MONTHS = 12
    world.cohort.ends_on = date(2025, 6, 1)
    world.cohort.save()
    paths = {key: pack.file.path for key, pack in packs.items()}
    with time_machine.travel(date(2026, 6, 2), tick=False), django_capture_on_commit_callbacks(execute=True):
        services.purge_expired()
    assert list(ParticipantPack.objects.values_list("pk", flat=True)) == [packs["elsewhere"].pk]
    assert [key for key, path in paths.items() if os.path.exists(path)] == ["elsewhere"]
