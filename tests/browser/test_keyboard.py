"""Keyboard-only walks: every step with Tab, Enter (and the arrow keys inside a select)."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import tab_to
from tests.factories import PASSWORD
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

    # Language switcher: Tab to the select, pick English with the arrow keys, Tab to the button, Enter.
    tab_to(page, "#language-select")
    options = page.eval_on_selector_all("#language-select option", "els => els.map(e => e.value)")
    current = page.input_value("#language-select")
    key = "ArrowDown" if options.index("en") > options.index(current) else "ArrowUp"
    for _ in range(abs(options.index("en") - options.index(current))):
        page.keyboard.press(key)
    assert page.input_value("#language-select") == "en"
    tab_to(page, "form.lang-switch [type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_function("document.documentElement.lang === 'en'")
    journey.step("language-en-by-keyboard")
    world.contact_a.refresh_from_db()
    assert world.contact_a.language == "en"
