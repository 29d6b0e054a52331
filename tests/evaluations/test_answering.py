"""Answering: drafts, submitting, editing until closing, and bad input (nothing stored)."""

import re
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from evaluations.models import Answer, Audience, Participation, QuestionKind, Response, ResponseStatus, Section
from evaluations.services import (
    AlreadyAnswered,
    InvalidAnswers,
    NotInAudience,
    SurveyClosed,
    respondent_key,
    save_response,
)
from tests.factories import MembershipFactory, UserFactory

from .factories import full_survey, q

pytestmark = pytest.mark.django_db


def _data(**values) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, value in values.items():
        data.setlist(key, value if isinstance(value, list) else [value])
    return data


def test_draft_then_submit_then_edit(world):
    survey = full_survey(cohort=world.cohort)
    scale, single = q(survey, QuestionKind.SCALE), q(survey, QuestionKind.SINGLE)
    passe = single.choices.get(label="Passe")
    save_response(survey, _data(**{f"q_{single.pk}": str(passe.pk)}), submit=False, actor=world.contact_a)
    response = Response.objects.get(survey=survey)
    assert response.status == ResponseStatus.DRAFT
    assert list(response.answers.values_list("choice__label", flat=True)) == ["Passe"]
    assert Participation.objects.get(survey=survey).submitted is False

    save_response(
        survey, _data(**{f"q_{scale.pk}": "4", f"q_{single.pk}": str(passe.pk)}), submit=True, actor=world.contact_a
    )
    save_response(survey, _data(**{f"q_{scale.pk}": "5"}), submit=True, actor=world.contact_a)
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED
    assert Response.objects.filter(survey=survey).count() == 1
    assert list(response.answers.values_list("number", flat=True)) == [5]
    assert Participation.objects.get(survey=survey).submitted is True


def test_required_question_left_empty_on_submit_stores_nothing(world):
    survey = full_survey(cohort=world.cohort)
    long_text = q(survey, QuestionKind.LONG_TEXT)
    scale = q(survey, QuestionKind.SCALE)
    with pytest.raises(InvalidAnswers) as exc:
        save_response(survey, _data(**{f"q_{long_text.pk}": "Mye"}), submit=True, actor=world.contact_a)
    assert exc.value.errors == {str(scale.pk): "This question must be answered."}
    assert Response.objects.count() == 0 and Answer.objects.count() == 0 and Participation.objects.count() == 0


@pytest.mark.parametrize("value", ["0", "6", "-1", "3.5", "x", "10"])
def test_out_of_range_scale_value_is_refused(world, value):
    survey = full_survey(cohort=world.cohort)
    scale, text = q(survey, QuestionKind.SCALE), q(survey, QuestionKind.SHORT_TEXT)
    with pytest.raises(InvalidAnswers) as exc:
        save_response(
            survey, _data(**{f"q_{scale.pk}": value, f"q_{text.pk}": "fint"}), submit=False, actor=world.contact_a
        )
    assert exc.value.errors == {str(scale.pk): "Choose a value from 1 to 5."}
    assert Answer.objects.count() == 0 and Response.objects.count() == 0


def test_tampered_question_id_from_another_survey_is_refused(world):
    survey = full_survey(cohort=world.cohort)
    other = full_survey(cohort=world.cohort)
    foreign = q(other, QuestionKind.SHORT_TEXT)
    scale = q(survey, QuestionKind.SCALE)
    with pytest.raises(InvalidAnswers) as exc:
        save_response(
            survey,
            _data(**{f"q_{scale.pk}": "3", f"q_{foreign.pk}": "inn bakveien"}),
            submit=True,
            actor=world.contact_a,
        )
    assert list(exc.value.errors) == ["__all__"]
    assert Answer.objects.count() == 0


def test_choice_of_another_question_is_refused(world):
    survey = full_survey(cohort=world.cohort)
    single, multiple = q(survey, QuestionKind.SINGLE), q(survey, QuestionKind.MULTIPLE)
    stranger = multiple.choices.first()
    with pytest.raises(InvalidAnswers) as exc:
        save_response(survey, _data(**{f"q_{single.pk}": str(stranger.pk)}), submit=False, actor=world.contact_a)
    assert exc.value.errors == {str(single.pk): "Choose among the options given."}


def test_closed_survey_refuses_answers_and_shows_message(world, client_for):
    survey = full_survey(
        cohort=world.cohort, opens_at=timezone.now() - timedelta(days=10), closes_at=timezone.now() - timedelta(days=1)
    )
    scale = q(survey, QuestionKind.SCALE)
    with pytest.raises(SurveyClosed):
        save_response(survey, _data(**{f"q_{scale.pk}": "3"}), submit=True, actor=world.contact_a)
    client = client_for(world.contact_a)
    page = client.get(reverse("evaluations:survey_answer", args=[survey.pk]))
    assert page.status_code == 200
    assert "Answers can no longer be given or changed." in page.content.decode()
    response = client.post(
        reverse("evaluations:survey_answer", args=[survey.pk]), {f"q_{scale.pk}": "3", "submit": "1"}
    )
    assert response.status_code == 302
    assert Answer.objects.count() == 0


def test_not_in_audience(world):
    survey = full_survey(cohort=world.other_cohort)
    with pytest.raises(NotInAudience):
        save_response(survey, _data(), submit=False, actor=world.contact_a)


def test_one_contact_per_organisation(world):
    survey = full_survey(cohort=world.cohort, audience=Audience.ONE_PER_ORGANISATION)
    second = UserFactory(full_name="Andre Alfa")
    MembershipFactory(organisation=world.org_a, user=second)
    scale = q(survey, QuestionKind.SCALE)
    save_response(survey, _data(**{f"q_{scale.pk}": "4"}), submit=True, actor=world.contact_a)
    with pytest.raises(AlreadyAnswered):
        save_response(survey, _data(**{f"q_{scale.pk}": "1"}), submit=True, actor=second)
    assert Response.objects.count() == 1


def test_a_second_response_is_refused_by_the_database(world):
    survey = full_survey(cohort=world.cohort)
    save_response(survey, _data(), submit=False, actor=world.contact_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(survey=survey, respondent_key=respondent_key(survey.pk, world.contact_a.pk))
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(survey=survey, user=world.contact_a)


def test_answer_page_round_trip(world, client_for):
    survey = full_survey(cohort=world.cohort)
    scale, multiple = q(survey, QuestionKind.SCALE), q(survey, QuestionKind.MULTIPLE)
    client = client_for(world.contact_a)
    url = reverse("evaluations:survey_answer", args=[survey.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert f'name="q_{scale.pk}" value="5"' in page.content.decode()
    bad = client.post(url, {f"q_{scale.pk}": "9", "submit": "1"})
    assert bad.status_code == 400
    assert "Choose a value from 1 to 5." in bad.content.decode()
    ids = [str(c.pk) for c in multiple.choices.all()[:2]]
    ok = client.post(url, {f"q_{scale.pk}": "4", f"q_{multiple.pk}": ids, "submit": "1"})
    assert ok.status_code == 302
    again = client.get(url).content.decode()
    assert re.search(rf'<input type="radio" name="q_{scale.pk}" value="4"[^>]* checked>', again)
    assert sorted(Answer.objects.filter(question=multiple).values_list("choice_id", flat=True)) == sorted(map(int, ids))


def test_audience_registered_for_the_gathering(world):
    from datetime import date

    from evaluations.services import non_respondents
    from sessions.models import Gathering, Registration, RegistrationStatus

    gathering = Gathering.objects.create(
        cohort=world.cohort, number=1, title="Stiklestad", starts_on=date(2026, 9, 25), ends_on=date(2026, 9, 26)
    )
    Registration.objects.create(gathering=gathering, user=world.contact_a, organisation=world.org_a)
    Registration.objects.create(
        gathering=gathering, user=world.contact_b, organisation=world.org_b, status=RegistrationStatus.CANCELLED
    )
    survey = full_survey(cohort=world.cohort, gathering=gathering, audience=Audience.REGISTERED)
    assert [m.user for m in non_respondents(survey)] == [world.contact_a]
    save_response(survey, _data(), submit=False, actor=world.contact_a)
    with pytest.raises(NotInAudience):
        save_response(survey, _data(), submit=False, actor=world.contact_b)


def test_the_answer_page_renders_every_question_through_the_form_renderer(world, client_for):
    survey = full_survey(cohort=world.cohort)
    section = Section.objects.create(survey=survey, title="Om deg", position=2)
    survey.questions.filter(position__gte=4).update(section=section)
    scale, single, multiple = (q(survey, k) for k in (QuestionKind.SCALE, QuestionKind.SINGLE, QuestionKind.MULTIPLE))
    number, short, long_text = (
        q(survey, k) for k in (QuestionKind.NUMBER, QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)
    )
    html = client_for(world.contact_a).get(reverse("evaluations:survey_answer", args=[survey.pk])).content.decode()
    optional = ' <span class="optional">(optional)</span>'
    # Choice groups and scales: templates/forms/field.html's fieldset and legend; "(optional)" when not required.
    for question, marker in ((scale, ""), (single, optional), (multiple, optional)):
        legend = re.escape(f"<legend>{question.text}{marker}</legend>")
        assert re.search(rf'<fieldset class="field field-group"\s*>\s*{legend}', html), question.kind
        assert f'id="id_q_{question.pk}_0"' in html
    assert re.search(r'<div class="scale"[^>]*>\s*<span class="scale-label">1 = Lite</span>', html)
    assert '<span class="scale-label">5 = Svært</span>' in html
    assert re.search(rf'<input type="checkbox" name="q_{multiple.pk}" value="\d+"', html)
    # The others: the label above the field.
    for question in (number, short, long_text):
        assert f'<label for="id_q_{question.pk}">{question.text}{optional}</label>' in html
    assert re.search(rf'<textarea name="q_{long_text.pk}"[^>]*maxlength="5000"', html)
    assert re.search(rf'<input type="text" name="q_{number.pk}"[^>]*inputmode="decimal"', html)
    # The section heading comes before its first question, once.
    assert html.count("<h2>Om deg</h2>") == 1
    assert html.index(f'name="q_{multiple.pk}"') < html.index("<h2>Om deg</h2>") < html.index(f'name="q_{number.pk}"')
    assert "question-field" not in html


def test_the_error_summary_links_to_each_failing_question_and_keeps_what_was_typed(world, client_for):
    survey = full_survey(cohort=world.cohort)
    scale, number, short = (q(survey, k) for k in (QuestionKind.SCALE, QuestionKind.NUMBER, QuestionKind.SHORT_TEXT))
    response = client_for(world.contact_a).post(
        reverse("evaluations:survey_answer", args=[survey.pk]),
        {f"q_{number.pk}": "mange", f"q_{short.pk}": "Nyttig", "submit": "1"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    start = html.index('class="error-summary"')
    summary = html[start : html.index("</ul>", start)]
    assert f'<li><a href="#id_q_{scale.pk}_0">This question must be answered.</a></li>' in summary
    assert f'<li><a href="#id_q_{number.pk}">Enter a number.</a></li>' in summary
    assert "Some answers need attention. Nothing was saved." in summary
    assert html.index('class="error-summary"') < html.index(f'name="q_{scale.pk}"')
    assert re.search(rf'<p class="error" id="id_q_{number.pk}_error">', html)
    assert re.search(rf'<input type="text" name="q_{number.pk}" value="mange"[^>]*aria-invalid="true"', html)
    assert re.search(rf'<input type="text" name="q_{short.pk}" value="Nyttig"', html)
    assert Answer.objects.count() == 0
