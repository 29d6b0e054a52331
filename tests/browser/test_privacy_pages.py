"""Privacy in the browser: a contact downloads their data; staff erase a person after confirming."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from omdomme.accounts.models import User
from tests.browser.conftest import login
from tests.factories import PASSWORD
from tests.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_contact_downloads_their_data(journey):
    world = build_world()
    page = journey.page
    login(journey, world.contact_a.email, PASSWORD)
    journey.goto("/konto/personvern/", "my-data")
    with page.expect_download() as info:
        page.get_by_role("link", name="Last ned dataene mine (JSON)").click()
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert data["profile"]["email"] == world.contact_a.email


def test_staff_erases_a_person_after_confirming(journey):
    world = build_world()
    page = journey.page
    login(journey, world.staff.email, PASSWORD)
    journey.goto("/konto/personvern/personer/", "people")
    page.get_by_label("Navn eller e-postadresse").fill("beta.kommune")
    page.get_by_role("button", name="Søk").click()
    journey.step("people-search")
    page.get_by_role("link", name="Slett Bjørn Beta").click()
    journey.step("erase-confirm")
    page.get_by_role("button", name="Slett personopplysninger").click()
    page.wait_for_url("**/konto/personvern/personer/")
    journey.step("erased")
    person = User.objects.get(pk=world.contact_b.pk)
    assert not person.is_active and person.full_name == f"Anonymised person {person.pk}"
