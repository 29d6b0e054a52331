"""A visitor's journey and the error pages in the browser: axe (WCAG 2.2 AA) on every page, the error
summary taking focus, and the README's picture of the public front page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import assert_focus_not_obscured, login, readme_screenshot
from tests.factories import PASSWORD
from tests.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_reads_the_public_page_and_a_refused_form_summarises_its_errors(journey):
    world = build_world()
    type(world.cohort).objects.filter(pk=world.cohort.pk).update(open_for_applications=True)
    page = journey.page
    journey.goto(reverse("cohorts:public_home"), "public-home")
    readme_screenshot(journey, "visitor-home")
    journey.goto(reverse("cohorts:apply"), "apply")
    page.locator("main form[method=post] [type=submit]").last.click()
    page.wait_for_load_state("load")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    journey.step("apply-form-errors")
    first_link = summary.locator("a").first
    target = first_link.get_attribute("href").removeprefix("#")
    first_link.click()
    expect(page.locator(f"#{target}")).to_be_focused()
    assert_focus_not_obscured(page, f"#{target}")


def test_error_pages_are_branded_and_accessible(journey):
    world = build_world()
    page = journey.page
    response = page.goto(journey.url("/denne-siden-finnes-ikke/"))
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Vi finner ikke den siden")
    expect(page.get_by_role("link", name="Gå til forsiden")).to_be_visible()
    journey.step("404")

    # A contact opening a staff-only page gets the branded 403.
    login(journey, world.contact_a.email, PASSWORD)
    response = page.goto(journey.url(reverse("cohorts:account_list")))
    assert response.status in (403, 404)
    expect(page.get_by_role("link", name="Gå til forsiden")).to_be_visible()
    journey.step(f"{response.status}-signed-in")

    # An expired form (the CSRF cookie is gone): the branded CSRF page with a way back.
    journey.goto(reverse("accounts:profile"), "profile")
    page.context.clear_cookies(name="csrftoken")
    page.locator("main form[method=post] [type=submit]").first.click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_have_text("Skjemaet er utløpt")
    back = page.get_by_role("link", name="Tilbake til skjemaet")
    expect(back).to_have_attribute("href", re.compile(r".*/konto/"))
    journey.step("403-csrf")


def test_language_switcher_fits_one_row_on_a_phone(journey):
    page = journey.page
    page.set_viewport_size({"width": 360, "height": 740})
    journey.goto(reverse("cohorts:public_home"), "phone-front-page")
    items = page.locator("form.lang-switch > :is(button, span)")
    boxes = [items.nth(i).bounding_box() for i in range(items.count())]
    assert len(boxes) == 3
    assert len({round(box["y"]) for box in boxes}) == 1, boxes
    assert all(box["height"] >= 24 and box["width"] >= 24 for box in boxes)
    assert max(box["x"] + box["width"] for box in boxes) <= 360
