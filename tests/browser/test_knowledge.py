"""The knowledge bank in a real browser: one search per role through the search form (axe-checked
and screenshotted), the material on the programme page, the consent on a submission, staff ending
alumni access and writing a case."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from playwright.sync_api import expect

from homework.samples import pdf_bytes
from omdomme.knowledge.models import CaseStory
from tests.browser.conftest import login
from tests.factories import PASSWORD
from tests.gatherings.factories import GatheringFactory, ProgrammeItemFactory
from tests.knowledge.factories import case, file_material, past_member, shared_homework
from tests.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def bank():
    world = build_world()
    cohort_2010, nordre_land, nl_contact = past_member(2010, "Nordre Land kommune", "kontakt@nordre-land.no", "3448")
    case(nordre_land, cohort_2010, title="Landsbyutvikling i Nordre Land", summary="Kommunen satset på bygdene.")
    pdf = SimpleUploadedFile("tiltak.pdf", pdf_bytes("Alle kommunane deltok."), content_type="application/pdf")
    shared_homework(cohort_2010, nordre_land, nl_contact, world.staff, upload=pdf, beyond=True, title="Tiltaksplan")
    gathering = GatheringFactory(cohort=world.cohort, title="Samling 1 på Stiklestad")
    item = ProgrammeItemFactory(gathering=gathering, title="Hva er omdømme?")
    file_material(gathering, world.staff, title="Lysark om kommunen", text="Omdømme", item=item)
    return {"world": world, "gathering": gathering}


def _search(journey, text: str, step: str):
    page = journey.page
    journey.goto(reverse("knowledge:search"), f"{step}-form")
    page.locator("input[name=q]").fill(text)
    page.locator("form.search-form [type=submit]").click()
    page.wait_for_load_state("load")
    journey.step(step)
    return page


def test_contact_of_2026_finds_a_2010_case_and_shared_file(journey, bank):
    world, gathering = bank["world"], bank["gathering"]
    login(journey, world.contact_a.email, PASSWORD)
    page = _search(journey, "kommunene", "search")
    results = page.locator(".search-result")
    expect(results.filter(has_text="Landsbyutvikling i Nordre Land")).to_have_count(1)
    expect(results.filter(has_text="Tiltaksplan – Nordre Land kommune")).to_have_count(1)
    expect(page.locator(".search-result mark").first).to_be_visible()
    page.locator("a", has_text="Tiltaksplan – Nordre Land kommune").click()
    page.wait_for_load_state("load")
    journey.step("shared-homework")
    expect(page.locator("h1")).to_contain_text("Tiltaksplan")
    journey.goto(reverse("gatherings:programme", args=[gathering.pk]), "programme")
    expect(page.locator("main a").filter(has_text="Lysark om kommunen")).to_have_count(1)


def test_staff_search_and_end_alumni_access(journey, bank):
    world = bank["world"]
    login(journey, world.staff.email, PASSWORD)
    page = _search(journey, "kommunen", "search")
    expect(page.locator(".search-result")).to_have_count(3)
    journey.goto(reverse("knowledge:alumni_list") + "?q=alfa", "alumni")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("form[action$='/avslutt/'] [type=submit]").first.click()
    page.wait_for_load_state("load")
    journey.step("alumni-ended")
    expect(page.locator("form[action$='/gjenopprett/']")).to_have_count(1)
    journey.goto(reverse("knowledge:case_create"), "case-form")
    page.locator("#id_organisation").select_option(str(world.org_a.pk))
    page.locator("#id_cohort").select_option(str(world.cohort.pk))
    page.locator("#id_title").fill("Alfa sin friluftssatsing")
    page.locator("#id_summary").fill("Alfa ble kjent for friluftsliv.")
    page.locator("main form [type=submit]").first.click()
    page.wait_for_load_state("load")
    journey.step("case-saved")
    assert CaseStory.objects.filter(title="Alfa sin friluftssatsing", status="draft").exists()


def test_advisor_search(journey, bank):
    world = bank["world"]
    login(journey, world.advisor.email, PASSWORD)
    page = _search(journey, "lysark", "search")
    expect(page.locator(".search-result")).to_have_count(1)
    expect(page.locator(".search-result")).to_contain_text("Lysark om kommunen")


def test_evaluator_search(journey, bank):
    world = bank["world"]
    login(journey, world.evaluator.email, PASSWORD)
    page = _search(journey, "landsbyutvikling", "search")
    expect(page.locator(".search-result")).to_have_count(0)
    expect(page.locator(".search-results .empty")).to_be_visible()


def test_outsider_search_finds_nothing(journey, bank):
    world = bank["world"]
    login(journey, world.outsider.email, PASSWORD)
    page = _search(journey, "kommunene", "search")
    expect(page.locator(".search-result")).to_have_count(0)
