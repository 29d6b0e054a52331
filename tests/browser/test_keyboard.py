"""Keyboard-only walks: every step with Tab, Enter (and the arrow keys inside a select)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import login, tab_to
from tests.browser.test_journeys import scene  # noqa: F401  (the journeys' data)
from tests.factories import PASSWORD
from tests.homework.factories import pdf_upload
from tests.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_keyboard_only_login_and_language_switch(journey):
    world = build_world()
    page = journey.page
    journey.goto("/konto/login/", "login-page")

    # The skip link is the first stop and moves focus to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    tab_to(page, "input[name=login]")
    page.keyboard.type(world.contact_a.email)
    tab_to(page, "input[name=password]")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/hjem/.*"))
    journey.step("home-after-keyboard-login")

    # Language switcher: one button per language; Tab to "English", Enter.
    tab_to(page, "form.lang-switch button[value=en]")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    journey.step("language-en-by-keyboard")
    world.contact_a.refresh_from_db()
    assert world.contact_a.language == "en"


def test_keyboard_only_booking_and_upload(journey, scene, tmp_path):  # noqa: F811
    world, gathering, slot, assignment = scene["world"], scene["gathering"], scene["open_slot"], scene["assignment"]
    page = journey.page
    login(journey, world.contact_a.email, PASSWORD)

    # Booking: Tab to the slot's topic field, type, Tab to "Book", Enter.
    journey.goto(reverse("gatherings:board", args=[gathering.pk]), "board")
    topic = f"#slot-{slot.pk} form.book-form :is(textarea, input[type=text])"
    tab_to(page, topic, limit=80)
    page.keyboard.type("Omdømmeplan")
    tab_to(page, f"#slot-{slot.pk} form.book-form [type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(f"#slot-{slot.pk} form.book-form")).to_have_count(0)
    journey.step("booked-by-keyboard")
    slot.refresh_from_db()
    assert slot.organisation_id == world.org_a.pk

    # Upload: start the submission, Tab to the file field, Space opens the file chooser, Tab to "Add", Enter.
    journey.goto(assignment.get_absolute_url(), "assignment")
    tab_to(page, f"form[action='{reverse('homework:submission_start', args=[assignment.pk])}'] [type=submit]", limit=80)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/innleveringer/\d+/$"))
    journey.step("submission")
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(pdf_upload("plan.pdf", "Omdømmeplattform").read())
    tab_to(page, "form[action$='/filer/'] input[type=file]", limit=80)
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(str(pdf))
    tab_to(page, "form[action$='/filer/'] [type=submit][value=save]")
    # A key press does not wait for the navigation it starts (a click does): wait for it, or the
    # step may check the old page while the new one replaces it.
    with page.expect_navigation():
        page.keyboard.press("Enter")
    journey.step("file-added-by-keyboard")
    assert "plan.pdf" in page.content()
