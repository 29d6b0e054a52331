"""Translated content read from real outputs: pages, mail bodies and PDF text (pypdf)."""

from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from cohorts.models import LanguageForm
from evaluations.exports import report_pdf
from evaluations.models import Choice, Question
from evaluations.results import summarise
from evaluations.services import add_question, update_question
from evaluations.survey_templates import create_from_template
from homework.services import create_method_set
from omdomme.notifications.models import OutboxMail
from omdomme.packs.services import render_pack
from omdomme.reminders.rules import sweep
from tests.packs import factories as f

pytestmark = pytest.mark.django_db


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


@pytest.fixture
def nynorsk_a(world):
    """Org A decided on Nynorsk; its contact person reads the web in Bokmål."""
    world.org_a.language_form = LanguageForm.NYNORSK
    world.org_a.save()
    return world


def test_an_nn_organisations_pack_and_reminder_are_in_nynorsk(nynorsk_a):
    world = nynorsk_a
    world.cohort.contacts.add(world.staff)
    g = f.gathering(world.cohort, starts_on=date(2026, 9, 22))
    g.travel_info_nb, g.travel_info_nn = "Ta toget til Verdal.", "Ta toget til Verdal og bussen vidare."
    g.save()
    item = f.programme_item(g, "Hva er omdømme?", day_offset=0, hour=9, speakers="Åse")
    item.title_nn = "Kva er omdøme?"
    item.save()
    f.register(g, world.contact_a, world.org_a)
    create_method_set(world.cohort, first_due=timezone.now() + timedelta(days=30), publish=True, actor=world.staff)

    text = _pdf_text(Path(render_pack(g, world.org_a).file.path).read_bytes())
    for nynorsk in ["Deltakarpakke for", "Kva er omdøme?", "Ta toget til Verdal og bussen vidare.", "Kartlegging av"]:
        assert nynorsk in text
    for bokmal in ["Deltakerpakke for", "Hva er omdømme?", "Ta toget til Verdal."]:
        assert bokmal not in text
    b_text = _pdf_text(Path(render_pack(g, world.org_b).file.path).read_bytes())
    assert "Hva er omdømme?" in b_text and "Deltakerpakke for" in b_text

    with translation.override("nn"):
        f.assignment(world.cohort, due_at=timezone.now() + timedelta(hours=10), title="Tiltaksplan")
    sweep(now=timezone.now())
    reminder = OutboxMail.objects.filter(kind="reminder_homework", recipients=[world.contact_a.email]).first()
    assert reminder.language == "nn"
    assert reminder.subject.startswith("Frist i morgon: heimeoppgåva")


def test_a_person_with_nn_sees_the_method_set_in_nynorsk(client, world):
    create_method_set(world.cohort, first_due=timezone.now() + timedelta(days=30), publish=True, actor=world.staff)
    goal = world.cohort.assignments.get(method_step="goal_analysis")
    expected = {
        "nn": "Kva vil kommunen oppnå med omdømearbeidet?",
        "nb": "Hva vil kommunen oppnå med omdømmearbeidet?",
        "en": "What does the municipality want to achieve with its reputation work?",
    }
    client.force_login(world.contact_a)
    for language, instructions in expected.items():
        world.contact_a.language = language
        world.contact_a.save()
        page = client.get(goal.get_absolute_url()).content.decode()
        assert instructions in page, language
        others = [text for lang, text in expected.items() if lang != language]
        assert not any(text in page for text in others), language


def test_nn_and_nb_answers_count_as_one_result(client, world):
    world.contact_a.language = "nn"
    world.contact_a.save()
    now = timezone.now()
    survey = create_from_template(
        "follow_up",
        actor=world.staff,
        cohort=world.cohort,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=9),
    )
    anchored = Question.objects.get(survey=survey, text_en="Is the reputation work anchored in the municipal plan?")
    what = Question.objects.get(survey=survey, text_en="What did you do after you came home?")
    yes = Choice.objects.get(question=anchored, label_en="Yes")
    url = reverse("evaluations:survey_answer", args=[survey.pk])
    for person, shown, did in (
        (world.contact_a, "Er omdømearbeidet forankra i kommuneplanen?", "Vi heldt eit folkemøte."),
        (world.contact_b, "Er omdømmearbeidet forankret i kommuneplanen?", "Vi holdt et folkemøte."),
    ):
        client.force_login(person)
        assert shown in client.get(url).content.decode()
        response = client.post(url, {f"q_{anchored.pk}": str(yes.pk), f"q_{what.pk}": did, "submit": "1"})
        assert response.status_code == 302
    with translation.override("nn"):
        nn_result = summarise(survey)
    with translation.override("nb"):
        nb_result = summarise(survey)
    assert nn_result.responses == nb_result.responses == 2
    nn_rows = next(q for q in nn_result.questions if q.question.pk == anchored.pk).rows
    nb_rows = next(q for q in nb_result.questions if q.question.pk == anchored.pk).rows
    assert [(r.label, r.count) for r in nn_rows][0] == ("Ja", 2)
    assert [r.count for r in nb_rows] == [r.count for r in nn_rows] == [2, 0, 0, 0]
    assert [r.label for r in nn_rows] == ["Ja", "Arbeidet er i gang", "Nei", "Veit ikkje"]
    assert [r.label for r in nb_rows] == ["Ja", "Arbeidet er i gang", "Nei", "Vet ikke"]
    english = _pdf_text(report_pdf(survey, language="en"))
    assert "Is the reputation work anchored in the municipal plan?" in english
    nynorsk = _pdf_text(report_pdf(survey, language="nn"))
    assert "Er omdømearbeidet forankra i kommuneplanen?" in nynorsk


def test_a_missing_nn_text_is_flagged_before_the_survey_opens_and_on_the_cohort_page(client, nynorsk_a):
    world = nynorsk_a
    now = timezone.now()
    survey = create_from_template(
        "follow_up",
        actor=world.staff,
        cohort=world.cohort,
        opens_at=now + timedelta(days=1),
        closes_at=now + timedelta(days=9),
    )
    client.force_login(world.staff)
    assert "Nynorsk mangler" not in client.get(survey.get_absolute_url()).content.decode()
    with translation.override("nb"):
        question = add_question(survey, text="Hva har dere lært?", kind="long_text", actor=world.staff)
    for url in (survey.get_absolute_url(), world.cohort.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "Nynorsk mangler" in page
        assert "Alfa kommune har vedtatt nynorsk" in page
        assert "«Hva har dere lært?»" in page
    update_question(question, text_nn="Kva har de lært?", actor=world.staff)
    assert "Nynorsk mangler" not in client.get(survey.get_absolute_url()).content.decode()
    world.org_a.language_form = LanguageForm.NEUTRAL
    world.org_a.save()
    with translation.override("nb"):
        add_question(survey, text="Noe mer?", kind="long_text", actor=world.staff)
    assert "Nynorsk mangler" not in client.get(survey.get_absolute_url()).content.decode()
