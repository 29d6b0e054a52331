"""Role journeys in a real browser, as far as the features are in the code: every page each role
visits is axe-checked and screenshotted (artifacts/screenshots/<test>/).

staff: cohorts, cohort page, people, gathering, programme, booking board, homework progress, surveys,
packs; creates a cohort through the form, enrols two organisations, invites a contact, plans a
gathering with a programme item and a slot grid, sets an assignment, generates the participant packs and downloads one;
contact: accepts an invitation and sets a password; dashboard, my organisation, gathering, books a
speed-advisory slot, starts the homework, uploads a file and submits it, registers for the gathering,
answers the survey, downloads the participant pack, opens their data page;
advisor: schedule, claims a slot on the board, reads the organisation's homework and gives feedback;
evaluator: survey results.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from playwright.sync_api import expect

from cohorts.models import Cohort, Invitation, Membership
from omdomme.accounts.models import User
from omdomme.packs.services import render_pack
from sessions.models import AdvisorySlot, Gathering
from tests.browser.conftest import login, readme_screenshot
from tests.evaluations.factories import QuestionFactory, SurveyFactory
from tests.factories import PASSWORD
from tests.gatherings.factories import GatheringFactory, ProgrammeItemFactory, SlotFactory
from tests.homework.factories import AssignmentFactory, SubmissionFactory, pdf_upload, submitted
from tests.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _url(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _walk(journey, steps: list[tuple[str, str | None]]) -> None:
    for step, path in steps:
        if path is not None:
            journey.goto(path, step)


@pytest.fixture
def scene():
    world = build_world()
    world.cohort.contacts.add(world.staff)
    gathering = GatheringFactory(cohort=world.cohort, title="Samling 1 på Stiklestad")
    ProgrammeItemFactory(gathering=gathering, title="Velkommen og mål for dagen")
    open_slot = SlotFactory(gathering=gathering, advisor=world.advisor, claimed_at=timezone.now())
    free_slot = SlotFactory(gathering=gathering, starts_at=open_slot.starts_at + timedelta(minutes=40))
    assignment = AssignmentFactory(cohort=world.cohort, title="Omdømmeplattform")
    survey = SurveyFactory(
        cohort=world.cohort, title="Evaluering av samling 1", opens_at=timezone.now() - timedelta(days=2)
    )
    QuestionFactory(survey=survey)
    return {
        "world": world,
        "gathering": gathering,
        "open_slot": open_slot,
        "free_slot": free_slot,
        "assignment": assignment,
        "survey": survey,
    }


def test_staff_journey(journey, scene):
    world, gathering, survey = scene["world"], scene["gathering"], scene["survey"]
    login(journey, world.staff.email, PASSWORD)
    readme_screenshot(journey, "staff-home")
    _walk(
        journey,
        [
            ("cohorts", reverse("cohorts:cohort_list")),
            ("new-cohort-form", _url("cohorts:cohort_create")),
            ("cohort", world.cohort.get_absolute_url()),
            ("enrol", _url("cohorts:cohort_enrol", world.cohort.pk)),
            ("invitations", _url("cohorts:cohort_invitations", world.cohort.pk)),
            ("organisation", world.org_a.get_absolute_url()),
            ("people", _url("cohorts:account_list")),
            ("gatherings", _url("gatherings:gathering_list")),
            ("gathering", gathering.get_absolute_url()),
            ("programme", _url("gatherings:programme", gathering.pk)),
            ("slot-layout", _url("gatherings:slot_layout", gathering.pk)),
            ("board", _url("gatherings:board", gathering.pk)),
            ("registrations", _url("gatherings:registration_list", gathering.pk)),
            ("assignments", _url("homework:assignment_list", world.cohort.pk)),
            ("progress", _url("homework:progress", world.cohort.pk)),
            ("surveys", _url("evaluations:survey_list")),
            ("survey", survey.get_absolute_url() if hasattr(survey, "get_absolute_url") else None),
            ("packs", _url("packs:gathering_packs", gathering.pk)),
            ("privacy-people", reverse("privacy:people")),
        ],
    )
    assert len(journey.visited) >= 15

    # Create a cohort through the form.
    page = journey.page
    journey.goto(reverse("cohorts:cohort_create"), "cohort-form")
    page.locator("form input[name=name]").fill("Omdømmeskolen 2027")
    page.locator("form input[name=year]").fill("2027")
    page.locator("main form[method=post] [type=submit]").last.click()
    page.wait_for_load_state("load")
    journey.step("cohort-created")
    new_cohort = Cohort.objects.get(name="Omdømmeskolen 2027", year=2027)

    # Enrol two organisations (search, then "Enrol").
    for org in (world.org_a, world.org_b):
        journey.goto(
            reverse("cohorts:cohort_enrol", args=[new_cohort.pk]) + f"?q={org.name.split()[0]}", f"enrol-{org.pk}"
        )
        page.locator("#enrol-results form.inline-form", has=page.locator(f"input[value='{org.pk}']")).locator(
            "[type=submit]"
        ).click()
        page.wait_for_load_state("load")
    assert set(new_cohort.enrolments.values_list("organisation_id", flat=True)) == {world.org_a.pk, world.org_b.pk}
    journey.step("enrolled")

    # Invite a contact to organisation A's team.
    journey.goto(reverse("cohorts:organisation_invitations", args=[world.org_a.pk]), "invite-form")
    invite = page.locator("main form[method=post]").last
    invite.locator("input[name=email]").fill("ny.kontakt@alfa.kommune.no")
    invite.locator("input[name=full_name]").fill("Nils Kontakt")
    invite.locator("[type=submit]").click()
    page.wait_for_load_state("load")
    journey.step("invited")
    assert Invitation.objects.filter(email="ny.kontakt@alfa.kommune.no", organisation=world.org_a).exists()

    # Plan a gathering in the new cohort, with a programme item and a slot grid.
    starts = timezone.localdate() + timedelta(days=60)
    journey.goto(reverse("gatherings:gathering_create"), "gathering-form")
    form = page.locator("main form[method=post]").last
    form.locator("select[name=cohort]").select_option(str(new_cohort.pk))
    form.locator("input[name=number]").fill("1")
    form.locator("input[name=title_nb]").fill("Oppstartssamling 2027")
    form.locator("input[name=venue]").fill("Stiklestad")
    form.locator("input[name=starts_on]").fill(starts.isoformat())
    form.locator("input[name=ends_on]").fill((starts + timedelta(days=1)).isoformat())
    form.locator("input[name=registration_deadline]").fill(f"{(starts - timedelta(days=7)).isoformat()}T23:59")
    form.locator("[type=submit]").first.click()
    page.wait_for_load_state("load")
    journey.step("gathering-created")
    planned = Gathering.objects.get(title="Oppstartssamling 2027", cohort=new_cohort)

    journey.goto(reverse("gatherings:programme_item_create", args=[planned.pk]), "programme-item-form")
    form = page.locator("main form[method=post]").last
    form.locator("input[name=starts_at]").fill("10:00")
    form.locator("input[name=ends_at]").fill("11:00")
    form.locator("input[name=title_nb]").fill("Velkommen til Omdømmeskolen")
    form.locator("[type=submit]").first.click()
    page.wait_for_load_state("load")
    journey.step("programme-item-added")
    assert planned.programme_items.filter(title="Velkommen til Omdømmeskolen").exists()

    journey.goto(reverse("gatherings:slot_layout", args=[planned.pk]), "slot-layout-form")
    form = page.locator("main form[method=post]").last
    form.locator("input[name=start]").fill("13:00")
    form.locator("input[name=end]").fill("15:00")
    form.locator("[type=submit]").first.click()
    page.wait_for_load_state("load")
    journey.step("slots-laid-out")
    assert AdvisorySlot.objects.filter(gathering=planned).count() >= 6

    # Set an assignment in the new cohort (title, due date, PDF files).
    journey.goto(reverse("homework:assignment_create", args=[new_cohort.pk]), "assignment-form")
    form = page.locator("main form[method=post]").last
    form.locator("input[name=title_nb]").fill("Omdømmeanalyse")
    form.locator("textarea[name=instructions_nb]").fill("Beskriv omdømmet i dag.")
    due = timezone.localtime() + timedelta(days=30)
    form.locator("input[name=due_at]").fill(due.strftime("%Y-%m-%dT%H:%M"))
    expects_files = form.locator("input[name=expects_files]")
    if not expects_files.is_checked():
        expects_files.check()
    form.locator("input[name=allowed_types][value=pdf]").check()
    form.locator("[type=submit]").first.click()
    page.wait_for_load_state("load")
    journey.step("assignment-created")
    assert new_cohort.assignments.filter(title="Omdømmeanalyse").exists()

    # Generate the participant packs (Celery runs eagerly here) and download one.
    journey.goto(reverse("packs:gathering_packs", args=[gathering.pk]), "packs-page")
    page.locator(
        f"form[action='{reverse('packs:gathering_packs_generate', args=[gathering.pk])}'] [type=submit]"
    ).click()
    page.wait_for_load_state("load")
    journey.goto(reverse("packs:gathering_packs", args=[gathering.pk]), "packs-ready")
    with page.expect_download() as download:
        page.locator("main table a[href*='/pakker/']").first.click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")


def test_new_contact_accepts_the_invitation_and_sets_a_password(journey, scene):
    world = scene["world"]
    page = journey.page
    invitation = Invitation.objects.create(
        organisation=world.org_a,
        cohort=world.cohort,
        email="ny@alfa.kommune.no",
        full_name="Nina Ny",
        invited_by=world.staff,
        sent_at=timezone.now(),
    )
    journey.goto(invitation.get_accept_url(), "invitation")
    page.locator("input[name=full_name]").fill("Nina Ny")
    page.locator("input[name=password1]").fill("Et-langt-passord-2026")
    page.locator("input[name=password2]").fill("Et-langt-passord-2026")
    page.locator("main form[method=post] [type=submit]").last.click()
    page.wait_for_load_state("load")
    journey.step("accepted")
    user = User.objects.get(email="ny@alfa.kommune.no")
    assert user.check_password("Et-langt-passord-2026")
    assert Membership.objects.filter(user=user, organisation=world.org_a).exists()


def test_contact_journey(journey, scene, tmp_path):
    world, gathering, slot, assignment = scene["world"], scene["gathering"], scene["open_slot"], scene["assignment"]
    page = journey.page
    login(journey, world.contact_a.email, PASSWORD)
    readme_screenshot(journey, "contact-home")
    _walk(
        journey,
        [
            ("my-organisation", _url("cohorts:my_organisation")),
            ("gathering", gathering.get_absolute_url()),
            ("my-surveys", _url("evaluations:my_surveys")),
        ],
    )

    # Book the claimed speed-advisory slot on the board.
    journey.goto(reverse("gatherings:board", args=[gathering.pk]), "board")
    cell = page.locator(f"#slot-{slot.pk}")
    cell.locator("form.book-form textarea, form.book-form input[type=text]").first.fill("Omdømmeplan")
    cell.locator("form.book-form [type=submit]").click()
    expect(page.locator(f"#slot-{slot.pk} form.book-form")).to_have_count(0)
    journey.step("booked")
    slot.refresh_from_db()
    assert slot.organisation_id == world.org_a.pk and slot.booked_by_id == world.contact_a.pk

    # Homework: start the submission, add a PDF, submit.
    journey.goto(assignment.get_absolute_url(), "assignment")
    page.locator(f"form[action='{reverse('homework:submission_start', args=[assignment.pk])}'] [type=submit]").click()
    page.wait_for_url(re.compile(r".*/innleveringer/\d+/$"))
    journey.step("submission")
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(pdf_upload("plan.pdf", "Omdømmeplattform for Alfa").read())
    upload = page.locator("form[action$='/filer/']")
    upload.locator("input[type=file]").set_input_files(str(pdf))
    upload.locator("[type=submit][value=save]").click()  # one form: the text answer and a new file
    page.wait_for_load_state("load")
    journey.step("file-added")
    assert "plan.pdf" in page.content()
    page.locator("form[action$='/filer/'] [type=submit][value=submit]").click()
    page.wait_for_load_state("load")
    journey.step("submitted")
    submission = assignment.submissions.get(organisation=world.org_a)
    assert submission.status in ("submitted", "late")

    # Register for the gathering (every day, with a dietary need).
    journey.goto(reverse("gatherings:register", args=[gathering.pk]), "registration-form")
    form = page.locator("main form[method=post]").last
    for box in form.locator("input[type=checkbox][name=days]").all():
        box.check()
    form.locator("[name=dietary_needs]").fill("Vegetar")
    form.locator("[type=submit]").first.click()
    page.wait_for_load_state("load")
    journey.step("registered")
    assert gathering.registrations.filter(user=world.contact_a, dietary_needs="Vegetar").exists()

    # Answer the survey.
    survey = scene["survey"]
    journey.goto(reverse("evaluations:survey_answer", args=[survey.pk]), "survey")
    answer = page.locator("form.answer-form")
    answer.locator("input[type=radio]").last.check()
    answer.locator("button[name=submit]").click()
    page.wait_for_load_state("load")
    journey.step("survey-answered")
    assert survey.responses.filter(status="submitted").count() == 1

    # Download the organisation's participant pack (made by the staff beforehand).
    render_pack(gathering, world.org_a)
    journey.goto(reverse("packs:pack_mine", args=[gathering.pk, world.org_a.pk]), "my-pack")
    with page.expect_download() as download:
        page.locator("main a[href*='/pakker/']").first.click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    journey.goto(reverse("privacy:my_data"), "my-data")


def test_advisor_journey(journey, scene):
    world, gathering, free_slot = scene["world"], scene["gathering"], scene["free_slot"]
    page = journey.page
    login(journey, world.advisor.email, PASSWORD)
    readme_screenshot(journey, "advisor-home")
    _walk(
        journey,
        [
            ("schedule", _url("gatherings:my_schedule")),
            ("cohort", world.cohort.get_absolute_url()),
        ],
    )
    journey.goto(reverse("gatherings:board", args=[gathering.pk]), "board")
    page.locator(f"#slot-{free_slot.pk} button[formaction$='/ta/']").click()
    expect(page.locator(f"#slot-{free_slot.pk} button[formaction$='/ta/']")).to_have_count(0)
    journey.step("claimed")
    assert AdvisorySlot.objects.get(pk=free_slot.pk).advisor_id == world.advisor.pk
    _walk(journey, [("progress", _url("homework:progress", world.cohort.pk))])

    # Read organisation A's submitted homework and give feedback.
    other = AssignmentFactory(cohort=world.cohort, title="Kommunikasjonsplan")
    submission = submitted(SubmissionFactory(assignment=other, organisation=world.org_a), world.contact_a)
    journey.goto(reverse("homework:submission_detail", args=[submission.pk]), "submission")
    assert "plan.pdf" in page.content()
    feedback = page.locator("form[action$='/tilbakemelding/']")
    feedback.locator("textarea").first.fill("Godt arbeid, skjerp målene.")
    feedback.locator("[type=submit]").click()
    page.wait_for_load_state("load")
    journey.step("feedback-given")
    assert submission.feedback.filter(author=world.advisor, body="Godt arbeid, skjerp målene.").exists()


def test_evaluator_journey(journey, scene):
    world, survey = scene["world"], scene["survey"]
    login(journey, world.evaluator.email, PASSWORD)
    _walk(
        journey,
        [
            ("surveys", _url("evaluations:survey_list")),
            ("results", _url("evaluations:survey_results", survey.pk)),
            ("indicators", _url("evaluations:indicator_list")),
        ],
    )
