"""Filter and search bars, the calendar address and the consent box in the browser: each comes from a form
through the renderer, is axe-checked, has targets of at least 24 px, and still works (autosubmit, htmx search,
the consent box)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import PASSWORD
from tests.gatherings.factories import GatheringFactory, RegistrationFactory
from tests.knowledge.factories import shared_homework
from tests.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _targets_at_least_24px(page, form: str) -> None:
    controls = page.locator(f"{form} input:not([type=hidden]), {form} select, {form} button").all()
    assert controls
    for control in controls:
        size = control.bounding_box()
        assert size["width"] >= 24 and size["height"] >= 24


def test_staff_filter_and_search_bars(journey):
    world = build_world()
    gathering = GatheringFactory(cohort=world.cohort, number=1)
    RegistrationFactory(gathering=gathering, user=world.contact_a, organisation=world.org_a)
    world.staff.calendar_token = "k" * 43
    world.staff.save(update_fields=["calendar_token"])
    page = journey.page
    login(journey, world.staff.email, PASSWORD)
    for name, url in [
        ("survey-list", reverse("evaluations:survey_list")),
        ("registration-list", reverse("gatherings:registration_list", args=[gathering.pk])),
        ("people-search", reverse("privacy:people") + "?q=alfa"),
        ("message-compose", reverse("reminders:message_compose")),
        ("reminder-texts", reverse("reminders:reminder_texts")),
    ]:
        journey.goto(url, name)
        _targets_at_least_24px(page, "form.filters")
        expect(page.locator("form.filters .optional")).to_have_count(0)

    journey.goto(reverse("gatherings:registration_list", args=[gathering.pk]), "registration-filter")
    page.locator("#f-status").select_option("cancelled")  # data-autosubmit: the list follows at once
    page.wait_for_url("**status=cancelled")
    expect(page.locator("#f-status")).to_have_value("cancelled")
    expect(page.get_by_text("Kari Alfa")).to_have_count(0)

    journey.goto(reverse("gatherings:checkin", args=[gathering.pk]), "checkin")
    _targets_at_least_24px(page, "form.checkin-search")
    page.locator("#f-q").fill("bjørn")  # htmx: the results follow the typing
    expect(page.locator("#checkin-results")).to_contain_text("Fant ingen")
    page.locator("#f-q").fill("kari")
    expect(page.locator("#checkin-results")).to_contain_text("Kari Alfa")
    journey.step("checkin-searched")

    journey.goto(reverse("gatherings:calendar_settings"), "calendar-settings")
    feed = page.get_by_label("Kalenderadressen din")
    expect(feed).to_have_value(re.compile(re.escape(reverse("gatherings:calendar_feed", args=["k" * 43])) + "$"))
    expect(feed).not_to_be_editable()


def test_a_team_gives_consent_with_the_box(journey):
    world = build_world()
    submission = shared_homework(world.cohort, world.org_a, world.contact_a, world.staff, title="Alfa-plan")
    page = journey.page
    login(journey, world.contact_a.email, PASSWORD)
    journey.goto(submission.get_absolute_url(), "submission-consent")
    form = f"form[action='{reverse('homework:submission_share_beyond', args=[submission.pk])}']"
    _targets_at_least_24px(page, form)
    page.locator(f"{form} [type=submit]").click()  # the box is required: the browser stops the form
    submission.refresh_from_db()
    assert submission.shared_beyond_at is None
    page.get_by_label("Vi samtykker", exact=False).check()
    page.locator(f"{form} [type=submit]").click()
    page.wait_for_load_state("load")
    journey.step("submission-shared-beyond")
    submission.refresh_from_db()
    assert submission.shared_beyond_at is not None
