"""Building surveys: questions in order, the lock once answers exist, copies, waves and templates."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from cohorts.models import Activity
from evaluations.models import Audience, Question, QuestionKind, Survey, SurveyKind
from evaluations.services import (
    SurveyError,
    SurveyLocked,
    add_question,
    add_section,
    copy_survey,
    create_survey,
    delete_question,
    move_question,
    save_response,
    update_question,
    update_survey,
)
from evaluations.survey_templates import create_from_template

from .factories import full_survey, q

pytestmark = pytest.mark.django_db


def _new(world, **kw) -> Survey:
    now = timezone.now()
    return create_survey(
        cohort=world.cohort, title="Samling 1", opens_at=now, closes_at=now + timedelta(days=7), **kw, actor=world.staff
    )


def test_build_and_reorder(world):
    survey = _new(world)
    section = add_section(survey, "Helheten", actor=world.staff)
    a = add_question(
        survey,
        text="A?",
        kind=QuestionKind.SCALE,
        section=section,
        scale_max=10,
        scale_min_label="Dårlig",
        scale_max_label="Bra",
        actor=world.staff,
    )
    b = add_question(survey, text="B?", kind=QuestionKind.SINGLE, choices=["Ja", "Nei", " "], actor=world.staff)
    c = add_question(survey, text="C?", kind=QuestionKind.LONG_TEXT, actor=world.staff)
    assert list(b.choices.values_list("label", flat=True)) == ["Ja", "Nei"]
    move_question(c, "up", actor=world.staff)
    assert list(survey.questions.order_by("position").values_list("text", flat=True)) == ["A?", "C?", "B?"]
    move_question(a, "up", actor=world.staff)  # already first: nothing moves
    assert list(survey.questions.order_by("position").values_list("text", flat=True)) == ["A?", "C?", "B?"]
    update_question(b, text="B2?", choices=["Ja", "Nei", "Vet ikke"], actor=world.staff)
    assert list(Question.objects.get(pk=b.pk).choices.values_list("label", flat=True)) == ["Ja", "Nei", "Vet ikke"]
    delete_question(c, actor=world.staff)
    assert survey.questions.count() == 2


def test_choice_question_needs_two_options(world):
    survey = _new(world)
    with pytest.raises(SurveyError, match="at least two options"):
        add_question(survey, text="Velg", kind=QuestionKind.MULTIPLE, choices=["Bare én"], actor=world.staff)


def test_dates_and_audience_are_checked(world):
    now = timezone.now()
    with pytest.raises(SurveyError, match="close after it opens"):
        create_survey(cohort=world.cohort, title="x", opens_at=now, closes_at=now, actor=world.staff)
    with pytest.raises(SurveyError, match="Choose a gathering"):
        create_survey(
            cohort=world.cohort,
            title="x",
            opens_at=now,
            closes_at=now + timedelta(days=1),
            audience=Audience.REGISTERED,
            actor=world.staff,
        )


def test_questions_are_locked_once_answers_exist(world, client_for):
    survey = full_survey(cohort=world.cohort)
    data = QueryDict(mutable=True)
    save_response(survey, data, submit=False, actor=world.contact_a)
    scale = q(survey, QuestionKind.SCALE)
    message = "already has answers"
    with pytest.raises(SurveyLocked, match=message):
        add_question(survey, text="Ny?", kind=QuestionKind.SCALE, actor=world.staff)
    with pytest.raises(SurveyLocked, match=message):
        update_question(scale, text="Endret?", actor=world.staff)
    with pytest.raises(SurveyLocked, match=message):
        delete_question(scale, actor=world.staff)
    with pytest.raises(SurveyLocked, match=message):
        move_question(scale, "down", actor=world.staff)
    with pytest.raises(SurveyLocked, match=message):
        update_survey(survey, anonymous=False, actor=world.staff)
    update_survey(survey, title="Nytt navn", actor=world.staff)  # the title may still change
    assert Question.objects.get(pk=scale.pk).text == "Hvor fornøyd er du med samlingen?"
    client = client_for(world.staff)
    response = client.post(reverse("evaluations:question_delete", args=[scale.pk]), follow=True)
    assert "Make a copy of the survey and change the copy instead." in response.content.decode()
    assert Question.objects.filter(pk=scale.pk).exists()
    page = client.get(survey.get_absolute_url()).content.decode()
    assert reverse("evaluations:survey_copy", args=[survey.pk]) in page


def test_copy_and_waves(world):
    survey = full_survey(cohort=world.cohort, kind=SurveyKind.FOLLOW_UP)
    ends = timezone.now() + timedelta(days=180)
    wave2 = copy_survey(
        survey,
        opens_at=ends,
        closes_at=ends + timedelta(days=14),
        as_wave=True,
        title="Oppfølging +6 mnd",
        actor=world.staff,
    )
    wave3 = copy_survey(
        wave2,
        opens_at=ends + timedelta(days=180),
        closes_at=ends + timedelta(days=194),
        as_wave=True,
        title="Oppfølging +12 mnd",
        actor=world.staff,
    )
    assert (wave2.wave, wave2.wave_of_id, wave3.wave, wave3.wave_of_id) == (2, survey.pk, 3, survey.pk)
    assert list(wave3.questions.order_by("position").values_list("text", "kind")) == list(
        survey.questions.order_by("position").values_list("text", "kind")
    )
    assert list(q(wave3, QuestionKind.MULTIPLE).choices.values_list("label", flat=True)) == [
        "Foredrag",
        "Speedrådgivning",
        "Gruppearbeid",
    ]
    plain = copy_survey(
        survey, opens_at=ends, closes_at=ends + timedelta(days=1), cohort=world.other_cohort, actor=world.staff
    )
    assert (plain.wave, plain.wave_of_id, plain.cohort_id) == (1, None, world.other_cohort.pk)


@pytest.mark.parametrize(
    "key,kind,count", [("gathering_feedback", SurveyKind.GATHERING_FEEDBACK, 8), ("follow_up", SurveyKind.FOLLOW_UP, 6)]
)
def test_templates_with_one_click(world, client_for, key, kind, count):
    now = timezone.now()
    response = client_for(world.staff).post(
        reverse("evaluations:survey_from_template"),
        {
            "template": key,
            "cohort": world.cohort.pk,
            "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    survey = Survey.objects.get()
    assert response.status_code == 302 and response["Location"] == survey.get_absolute_url()
    assert survey.kind == kind
    assert survey.questions.count() == count
    if key == "follow_up":
        texts = list(survey.questions.values_list("text", flat=True))
        assert "What did you do after you came home?" in texts
        assert "Is the reputation work anchored in the municipal plan?" in texts
        assert "What would you do differently?" in texts


def test_template_function_directly(world):
    now = timezone.now()
    survey = create_from_template(
        "gathering_feedback", cohort=world.cohort, opens_at=now, closes_at=now + timedelta(days=3), actor=world.staff
    )
    assert survey.sections.count() == 3 and survey.anonymous


def test_move_with_htmx_returns_the_list(world, client_for):
    survey = full_survey(cohort=world.cohort)
    text = q(survey, QuestionKind.LONG_TEXT)
    response = client_for(world.staff).post(
        reverse("evaluations:question_move", args=[text.pk]), {"direction": "up"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith('<div id="question-list"')
    assert body.index("Hva tar du med hjem?") < body.index("Ett ord om samlingen")


def test_the_builder_checks_its_actor_and_writes_the_activity_log(world):
    survey = _new(world)
    for outsider in (world.advisor, world.contact_a):
        with pytest.raises(PermissionDenied):
            add_section(survey, "Helheten", actor=outsider)
        with pytest.raises(PermissionDenied):
            add_question(survey, text="A?", kind=QuestionKind.LONG_TEXT, actor=outsider)
        with pytest.raises(PermissionDenied):
            update_survey(survey, title="Endret", actor=outsider)
    assert (survey.sections.count(), survey.questions.count()) == (0, 0)

    add_section(survey, "Helheten", actor=world.staff)
    a = add_question(survey, text="A?", kind=QuestionKind.LONG_TEXT, actor=world.staff)
    add_question(survey, text="B?", kind=QuestionKind.LONG_TEXT, actor=world.staff)
    move_question(a, "down", actor=world.staff)
    update_question(a, text="A2?", actor=world.staff)
    delete_question(a, actor=world.staff)
    verbs = (
        Activity.objects.filter(actor=world.staff, target_id=survey.pk).order_by("pk").values_list("verb", flat=True)
    )
    assert list(verbs) == [
        "survey.create",
        "survey.section_add",
        "survey.question_add",
        "survey.question_add",
        "survey.question_move",
        "survey.question_update",
        "survey.question_delete",
    ]
