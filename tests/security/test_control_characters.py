"""NUL and other control characters in paths, query strings and form fields never give a 500:
a path with one is a 400, values lose them (omdomme/core/middleware.py)."""

import pytest
from django.urls import reverse

from evaluations.models import Answer, QuestionKind
from tests.evaluations.factories import full_survey, q
from tests.gatherings.factories import GatheringFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/invitasjon/%00/", "/invitasjon/abc%01def/", "/samlinger/%00/", "/%7F"])
def test_a_control_character_in_the_path_is_a_bad_request(client, path):
    assert client.get(path).status_code == 400


def test_nul_in_searches_finds_nothing_instead_of_failing(world, client_for):
    gathering = GatheringFactory(cohort=world.cohort, number=1)
    client = client_for(world.staff)
    for url in [
        reverse("gatherings:checkin", args=[gathering.pk]),
        reverse("privacy:people"),
        reverse("cohorts:cohort_enrol", args=[world.cohort.pk]),
        reverse("cohorts:organisation_list"),
    ]:
        for query in ["?q=%00", "?q=Alfa%00kommune", "?q%00=x", "?q=%1b%5b31m"]:
            response = client.get(url + query)
            assert response.status_code == 200, url + query


def test_nul_in_a_survey_text_answer_is_stripped_and_saved(world, client_for):
    survey = full_survey(cohort=world.cohort)
    text = q(survey, QuestionKind.SHORT_TEXT)
    scale = q(survey, QuestionKind.SCALE)
    response = client_for(world.contact_a).post(
        reverse("evaluations:survey_answer", args=[survey.pk]),
        {f"q_{text.pk}": "Nyttig\x00 samling\x07", f"q_{scale.pk}": "4", "submit": "1"},
    )
    assert response.status_code == 302
    assert Answer.objects.get(question=text).text == "Nyttig samling"


def test_line_breaks_and_tabs_in_form_text_are_kept(world, client_for):
    survey = full_survey(cohort=world.cohort)
    text = q(survey, QuestionKind.LONG_TEXT)
    client_for(world.contact_a).post(
        reverse("evaluations:survey_answer", args=[survey.pk]), {f"q_{text.pk}": "Linje 1\r\nLinje\t2"}
    )
    assert Answer.objects.get(question=text).text in {"Linje 1\r\nLinje\t2", "Linje 1\nLinje\t2"}
