"""The results page's cached part: every change it shows appears on the next render, and a hit runs
none of the aggregate queries."""

from datetime import timedelta

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from evaluations import bulk
from evaluations.models import QuestionKind, Survey
from evaluations.results import PAGE_TEXT_ANSWERS
from evaluations.services import move_question, save_response, update_question

from .factories import full_survey, q

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(world):
    """Open and named, so its results show while it is open."""
    return full_survey(cohort=world.cohort, anonymous=False)


def _page(client, survey, **params) -> str:
    response = client.get(reverse("evaluations:survey_results", args=[survey.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


def _answer(user, survey, value: str) -> None:
    data = QueryDict(mutable=True)
    data[f"q_{q(survey, QuestionKind.SCALE).pk}"] = value
    data[f"q_{q(survey, QuestionKind.SHORT_TEXT).pk}"] = f"Ordet {value}"
    save_response(survey, data, actor=user, submit=True)


def test_a_response_shows_on_the_next_render(
    world, survey, client_for, fragment_cache, django_capture_on_commit_callbacks
):
    staff = client_for(world.staff)
    assert "0 submitted responses" in _page(staff, survey)
    with django_capture_on_commit_callbacks(execute=True):
        _answer(world.contact_a, survey, "4")
    page = _page(staff, survey)
    assert "1 submitted response" in page and "Ordet 4" in page
    with django_capture_on_commit_callbacks(execute=True):
        _answer(world.contact_a, survey, "2")  # an edit of the same response
    page = _page(staff, survey)
    assert "Ordet 2" in page and "Ordet 4" not in page


def test_bulk_responses_show_on_the_next_render(
    world, survey, client_for, fragment_cache, django_capture_on_commit_callbacks
):
    staff = client_for(world.staff)
    assert "0 submitted responses" in _page(staff, survey)
    with django_capture_on_commit_callbacks(execute=True):
        bulk.add_responses(survey, 7)
    assert "7 submitted responses" in _page(staff, survey)


def test_question_edits_and_moves_show_on_the_next_render(
    world, survey, client_for, fragment_cache, django_capture_on_commit_callbacks
):
    staff = client_for(world.staff)
    assert "Hvor fornøyd er du med samlingen?" in _page(staff, survey)
    scale = q(survey, QuestionKind.SCALE)
    with django_capture_on_commit_callbacks(execute=True):
        update_question(scale, actor=world.staff, text="Hvor nyttig var samlingen?")
    page = _page(staff, survey)
    assert "Hvor nyttig var samlingen?" in page and "Hvor fornøyd" not in page
    assert page.index("Hvor nyttig") < page.index("Lengden var")
    with django_capture_on_commit_callbacks(execute=True):
        move_question(scale, "down", actor=world.staff)  # a bulk update: the service bumps
    page = _page(staff, survey)
    assert page.index("Lengden var") < page.index("Hvor nyttig")


def test_the_filter_and_the_language_have_parts_of_their_own(
    world, survey, client_for, fragment_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        bulk.add_responses(survey, 4, kinds=("county",))
    staff = client_for(world.staff)
    assert "4 submitted responses" in _page(staff, survey)
    assert "0 submitted responses" in _page(staff, survey, organisation_kind="municipality")
    world.staff.language = "nb"
    world.staff.save(update_fields=["language"])
    assert "4 innsendte svar" in _page(staff, survey, language="nb")


def test_an_anonymous_survey_shows_its_results_once_closed_without_any_write(
    world, client_for, fragment_cache, django_capture_on_commit_callbacks
):
    survey = full_survey(cohort=world.cohort, anonymous=True)
    with django_capture_on_commit_callbacks(execute=True):
        bulk.add_responses(survey, 5)
    staff = client_for(world.staff)
    assert "its answers are shown when it has closed" in _page(staff, survey)
    # Time passes the closing time: no row changes (an update() sends no signal, so nothing bumps).
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    page = _page(staff, survey)
    assert "its answers are shown when it has closed" not in page and "5 submitted responses" in page


def test_a_hit_runs_no_aggregate_query(world, survey, client_for, fragment_cache, django_assert_max_num_queries):
    staff = client_for(world.staff)
    bulk.add_responses(survey, 20)
    _page(staff, survey)
    with django_assert_max_num_queries(3):  # the session, its user, the survey (and may they read it)
        assert "20 submitted responses" in _page(staff, survey)


def test_long_text_answer_lists_are_sampled_with_a_way_to_all(world, survey, client_for, fragment_cache):
    short_text = q(survey, QuestionKind.SHORT_TEXT)
    bulk.add_responses(survey, 200)
    total = survey.responses.filter(answers__question=short_text).count()
    assert total > PAGE_TEXT_ANSWERS
    staff = client_for(world.staff)
    page = _page(staff, survey)
    assert f"A sample of {PAGE_TEXT_ANSWERS} of the {total} text answers." in page
    link = f"answers={short_text.pk}#qr-{short_text.pk}"
    assert link in page
    everything = _page(staff, survey, answers=short_text.pk)
    section = everything[everything.index(f'id="qr-{short_text.pk}"') :]
    section = section[: section.index("</section>")]
    assert section.count("<li>") == total and "A sample of" not in section
