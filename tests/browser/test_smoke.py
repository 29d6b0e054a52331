"""Smoke test in a real browser: log in, switch language (nb → en → nn), open the cohort."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login, switch_language
from tests.factories import PASSWORD
from tests.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_logs_in_switches_language_and_opens_the_cohort(journey):
    world = build_world()
    page = journey.page
    login(journey, world.staff.email, PASSWORD)
    assert page.locator("html").get_attribute("lang") == "nb"

    switch_language(journey, "en")
    expect(page.locator("form.lang-switch [aria-current=true]")).to_have_text("English")
    expect(page.get_by_role("button", name="Nynorsk")).to_be_visible()
    switch_language(journey, "nn")
    world.staff.refresh_from_db()
    assert world.staff.language == "nn"

    journey.goto(world.cohort.get_absolute_url(), "cohort")
    assert page.get_by_role("heading", level=1).inner_text().strip() != ""
    assert world.org_a.name in page.content()
    assert world.org_b.name in page.content()


def test_contact_logs_in_and_opens_their_cohort(journey):
    world = build_world()
    page = journey.page
    login(journey, world.contact_a.email, PASSWORD)
    journey.goto(world.cohort.get_absolute_url(), "cohort")
    assert world.cohort.name in page.content()
    # Another cohort is not theirs: 404, not a page.
    response = page.goto(journey.url(world.other_cohort.get_absolute_url()))
    assert response.status == 404


def test_wrong_password_shows_an_error_and_stays_on_login(journey):
    world = build_world()
    page = journey.page
    journey.goto("/konto/login/", "login-page")
    page.locator("input[name=login]").fill(world.staff.email)
    page.locator("input[name=password]").fill("feil-passord-123")
    page.locator("form:has(input[name=password]) [type=submit]").click()
    page.wait_for_load_state("load")
    assert "/konto/login/" in page.url
    journey.step("login-error")
