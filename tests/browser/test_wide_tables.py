"""The progress matrix and the booking board fit: they scroll sideways inside their own box (keyboard
reachable), the first column stays in view while they do, the matrix's short column heads carry the
full titles for screen readers, and the phone board says that it scrolls."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import PASSWORD
from tests.gatherings.factories import GatheringFactory, SlotFactory
from tests.homework.factories import AssignmentFactory
from tests.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_TITLE = "Omdømmeplattform for kommunen med forankring i kommuneplanens samfunnsdel"


def _scrolls_with_a_sticky_first_column(page, region) -> None:
    box = page.locator(region)
    assert box.evaluate("el => el.scrollWidth > el.clientWidth"), "the table should overflow its box"
    first = page.locator(f"{region} tbody th[scope=row]").first
    before = first.bounding_box()["x"]
    box.focus()
    for _ in range(6):
        page.keyboard.press("ArrowRight")  # the box is focusable, so the keyboard scrolls it
    page.wait_for_function("sel => document.querySelector(sel).scrollLeft > 0", arg=region)
    assert abs(first.bounding_box()["x"] - before) < 1, "the first column should stay in view"


def test_matrix_scrolls_with_sticky_names_and_full_titles(journey, page):
    world = build_world()
    for i in range(12):
        AssignmentFactory(cohort=world.cohort, title=f"{i + 1}: {LONG_TITLE}", position=i)
    login(journey, world.staff.email, PASSWORD)
    journey.goto(reverse("homework:progress", args=[world.cohort.pk]), "matrix")
    expect(page.locator(".scroll-hint")).to_be_visible()
    heads = page.locator("table.matrix thead th a")
    expect(heads.first).to_have_accessible_name(f"1. 1: {LONG_TITLE}")
    assert len(page.locator("table.matrix thead th a span[aria-hidden=true]").first.inner_text()) < 25  # short
    _scrolls_with_a_sticky_first_column(page, "div.table-scroll.wide")


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 375, "height": 740}}  # a phone


def test_phone_board_says_it_scrolls(journey, page):
    world = build_world()
    gathering = GatheringFactory(cohort=world.cohort, title="Samling 1 på Stiklestad")
    start = timezone.now() + timedelta(days=30)
    for room in ("Rom 1", "Rom 2", "Rom 3"):
        SlotFactory(gathering=gathering, room=room, starts_at=start, ends_at=start + timedelta(minutes=20))
    login(journey, world.staff.email, PASSWORD)
    journey.goto(reverse("gatherings:board", args=[gathering.pk]), "board-phone")
    expect(page.locator(".scroll-hint")).to_be_visible()
    expect(page.locator("table.board thead th").last).to_have_text("Rom 3")
    _scrolls_with_a_sticky_first_column(page, "div.table-scroll.wide")
