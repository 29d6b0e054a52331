"""Edit forms show the language versions side by side and mark what is missing."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluations.models import Question
from evaluations.survey_templates import create_from_template
from tests.packs import factories as f

pytestmark = pytest.mark.django_db


def _fieldset(page: str, legend: str) -> str:
    match = re.search(rf'<fieldset class="lang-versions">\s*<legend>{legend}</legend>(.*?)</fieldset>', page, re.S)
    assert match, legend
    return match.group(1)


def test_assignment_form_shows_nb_nn_en_side_by_side_and_marks_missing_nynorsk(client, world):
    assignment = f.assignment(world.cohort, due_at=timezone.now() + timedelta(days=9), title="Omdømmeanalyse")
    client.force_login(world.staff)
    page = client.get(reverse("homework:assignment_edit", args=[assignment.pk])).content.decode()
    title = _fieldset(page, "Tittel")
    assert re.findall(r'name="(title_\w\w)"', title) == ["title_nb", "title_nn", "title_en"]
    assert re.findall(r'lang="(\w\w)"', title) == ["nb", "nn", "en"]
    assert title.count('<span class="badge missing">Mangler</span>') == 2  # nn and en
    assignment.title_nn = "Omdømeanalyse"
    assignment.save()
    title = _fieldset(client.get(reverse("homework:assignment_edit", args=[assignment.pk])).content.decode(), "Tittel")
    assert title.count('<span class="badge missing">Mangler</span>') == 1  # en only


def test_question_form_saves_every_language_on_the_same_choice_rows(client, world):
    now = timezone.now()
    survey = create_from_template(
        "follow_up",
        actor=world.staff,
        cohort=world.cohort,
        opens_at=now + timedelta(days=1),
        closes_at=now + timedelta(9),
    )
    question = Question.objects.get(survey=survey, text_en="Is the reputation work anchored in the municipal plan?")
    ids = list(question.choices.values_list("pk", flat=True))
    client.force_login(world.staff)
    url = reverse("evaluations:question_edit", args=[question.pk])
    form = client.get(url).context["form"]
    assert form["choices_text_nn"].value() == "Ja\nArbeidet er i gang\nNei\nVeit ikkje"
    data = {
        "kind": "single",
        "required": "on",
        "scale_max": "5",
        "text_nb": "Er arbeidet forankret i kommuneplanen?",
        "text_nn": "Er arbeidet forankra i kommuneplanen?",
        "choices_text": "Ja\nNei",
        "choices_text_nn": "Ja\nNei\nKanskje",
    }
    response = client.post(url, data)
    assert response.context["form"].errors["choices_text_nn"] == [
        "Skriv like mange svaralternativer som på bokmål (2), i samme rekkefølge."
    ]
    assert list(question.choices.values_list("pk", flat=True)) == ids  # nothing lost
    assert client.post(url, {**data, "choices_text_nn": "Ja\nNei"}).status_code == 302
    question.refresh_from_db()
    assert (question.text_nb, question.text_nn) == (data["text_nb"], data["text_nn"])
    assert list(question.choices.values_list("label_nb", "label_nn")) == [("Ja", "Ja"), ("Nei", "Nei")]
