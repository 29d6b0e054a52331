"""The survey answer page in the browser: every kind of question through the form renderer, axe-checked
(WCAG 2.2 AA, target size included) with and without errors, the error summary taking focus and each of
its links moving focus to its question."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from evaluations.models import QuestionKind, ResponseStatus, Section
from tests.browser.conftest import assert_focus_not_obscured, login
from tests.evaluations.factories import full_survey, q
from tests.factories import PASSWORD
from tests.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_contact_corrects_a_refused_survey_answer_and_submits(journey):
    world = build_world()
    survey = full_survey(cohort=world.cohort)
    section = Section.objects.create(survey=survey, title="Om arbeidet", position=2)
    survey.questions.filter(position__gte=4).update(section=section)
    scale, number = q(survey, QuestionKind.SCALE), q(survey, QuestionKind.NUMBER)
    page = journey.page
    login(journey, world.contact_a.email, PASSWORD)
    journey.goto(reverse("evaluations:survey_answer", args=[survey.pk]), "survey-answer")
    for box in page.locator("form.answer-form input[type=radio], form.answer-form input[type=checkbox]").all():
        size = box.bounding_box()
        assert size["width"] >= 24 and size["height"] >= 24

    page.locator(f"[name=q_{number.pk}]").fill("mange")
    page.locator("form.answer-form button[name=submit]").click()
    page.wait_for_load_state("load")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    journey.step("survey-answer-errors")
    expect(summary.locator("a")).to_have_count(2)
    for target in (f"id_q_{scale.pk}_0", f"id_q_{number.pk}"):
        summary.locator(f"a[href='#{target}']").click()
        expect(page.locator(f"#{target}")).to_be_focused()
        assert_focus_not_obscured(page, f"#{target}")

    page.locator(f"#id_q_{scale.pk}_3").check()
    page.locator(f"[name=q_{number.pk}]").fill("4")
    page.locator("form.answer-form button[name=submit]").click()
    page.wait_for_load_state("load")
    journey.step("survey-answer-submitted")
    assert survey.responses.get().status == ResponseStatus.SUBMITTED
    expect(page.locator(f"#id_q_{scale.pk}_3")).to_be_checked()
