"""Issue 12 items 2 and 3 in the browser: the text answer survives a refused file, and an advisor
sees no "Register" on a gathering (a button that would answer 403)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import PASSWORD
from tests.gatherings.factories import GatheringFactory
from tests.homework.factories import AssignmentFactory, SubmissionFactory
from tests.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_text_answer_is_kept_when_the_file_is_refused(journey, tmp_path):
    world = build_world()
    assignment = AssignmentFactory(cohort=world.cohort, expects_text=True, expects_files=True)
    submission = SubmissionFactory(assignment=assignment, organisation=world.org_a)
    page = journey.page
    login(journey, world.contact_a.email, PASSWORD)
    journey.goto(submission.get_absolute_url(), "submission")
    form = page.locator("form[action$='/filer/']")
    form.locator("textarea[name=text_answer]").fill("Vi satser på friluftsliv og tilflytting.")
    bad = tmp_path / "program.exe"
    bad.write_bytes(b"MZ\x90\x00" + b"\x00" * 400)
    form.locator("input[type=file]").set_input_files(str(bad))
    form.locator("[type=submit][value=save]").click()
    page.wait_for_load_state("load")
    journey.step("file-refused")
    expect(page.locator("textarea[name=text_answer]")).to_have_value("Vi satser på friluftsliv og tilflytting.")
    submission.refresh_from_db()
    assert submission.text_answer == "Vi satser på friluftsliv og tilflytting."


def test_advisor_sees_no_register_button(journey):
    world = build_world()
    gathering = GatheringFactory(cohort=world.cohort)
    page = journey.page
    login(journey, world.advisor.email, PASSWORD)
    journey.goto(gathering.get_absolute_url(), "gathering-as-advisor")
    expect(page.locator(f"a[href='{reverse('gatherings:register', args=[gathering.pk])}']")).to_have_count(0)
