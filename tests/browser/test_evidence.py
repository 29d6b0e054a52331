"""A resident answers the public survey with the keyboard only; the contact reads the journey and the
survey page. Every page is axe-checked (the journey fixture)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from evaluations.models import Indicator, Measurement
from omdomme.evidence.models import ResidentResponse, ResidentSurvey
from omdomme.evidence.resident_template import QUESTIONS
from tests.browser.conftest import login, tab_to
from tests.factories import PASSWORD
from tests.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_answers_by_keyboard_and_contact_reads_the_journey(journey):
    world = build_world()
    today = timezone.localdate()
    survey = ResidentSurvey.objects.create(
        organisation=world.org_a, language="nn", opens_on=today, closes_on=today + timedelta(days=7)
    )
    indicator = Indicator.objects.create(name="Omdømmeindeks", unit="indeks")
    for year, value in ((2024, 55), (2025, 58), (2026, 61)):
        Measurement.objects.create(indicator=indicator, organisation=world.org_a, year=year, value=Decimal(value))
    page = journey.page

    journey.goto(survey.get_public_url(), "public-survey")
    expect(page.locator("html")).to_have_attribute("lang", "nn")
    for q in QUESTIONS:
        tab_to(page, f"input[name={q.code}]")
        for _ in range(3):
            page.keyboard.press("ArrowRight")  # moves to and selects 4 in the radio group
    tab_to(page, "form[novalidate] button[type=submit]")
    with page.expect_navigation():  # a key press does not wait for the navigation it starts
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text(world.org_a.name)
    journey.step("thanks")
    assert ResidentResponse.objects.filter(survey=survey).count() == 1

    login(journey, world.contact_a.email, PASSWORD)
    journey.goto(f"/evidens/organisasjon/{world.org_a.pk}/", "reputation-journey")
    expect(page.locator("svg[role=img]").first).to_be_visible()
    journey.goto(survey.get_absolute_url(), "resident-survey-page")
    expect(page.locator("figure.qr svg")).to_be_visible()
