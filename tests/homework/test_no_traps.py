"""Homework without traps: the text answer survives whatever comes next, nothing can be started
before the assignment opens, and after the cut-off the page says why it is closed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from homework import services
from homework.models import Submission, SubmissionStatus
from tests.factories import CohortFactory, EnrolmentFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.homework.factories import AssignmentFactory, SubmissionFactory, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    cohort = CohortFactory()
    org = OrganisationFactory(name="Alfa kommune")
    EnrolmentFactory(cohort=cohort, organisation=org)
    contact = UserFactory(full_name="Kari Alfa")
    MembershipFactory(organisation=org, user=contact)
    assignment = AssignmentFactory(cohort=cohort, expects_text=True, expects_files=True)
    return cohort, org, contact, assignment


def test_text_typed_before_a_refused_file_is_kept(team, client):
    cohort, org, contact, assignment = team
    submission = SubmissionFactory(assignment=assignment, organisation=org)
    client.force_login(contact)
    bad = SimpleUploadedFile("virus.exe", b"MZ\x90\x00" + b"\x00" * 200, content_type="application/octet-stream")
    response = client.post(
        reverse("homework:file_upload", args=[submission.pk]),
        {"text_answer": "Vi vil bli kjent for friluftsliv.", "upload": bad, "action": "save"},
        follow=True,
    )
    submission.refresh_from_db()
    assert submission.text_answer == "Vi vil bli kjent for friluftsliv."
    assert submission.files.count() == 0
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert "Vi vil bli kjent for friluftsliv." in response.content.decode()


def test_one_form_saves_text_adds_the_file_and_submits(team, client):
    cohort, org, contact, assignment = team
    submission = SubmissionFactory(assignment=assignment, organisation=org)
    client.force_login(contact)
    client.post(
        reverse("homework:file_upload", args=[submission.pk]),
        {"text_answer": "Svaret vårt.", "upload": pdf_upload(), "action": "submit"},
    )
    submission.refresh_from_db()
    assert (submission.text_answer, submission.status, submission.files.count()) == (
        "Svaret vårt.",
        SubmissionStatus.SUBMITTED,
        1,
    )


def test_draft_text_autosaves_through_htmx(team, client):
    cohort, org, contact, assignment = team
    submission = SubmissionFactory(assignment=assignment, organisation=org)
    client.force_login(contact)
    page = client.get(submission.get_absolute_url()).content.decode()
    assert f'hx-post="{reverse("homework:submission_text", args=[submission.pk])}"' in page
    response = client.post(
        reverse("homework:submission_text", args=[submission.pk]), {"text_answer": "Halvferdig"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response.content.decode().startswith("Utkastet er lagret kl.")
    submission.refresh_from_db()
    assert submission.text_answer == "Halvferdig"


def test_before_opening_the_page_says_when_and_offers_nothing(team, client):
    cohort, org, contact, assignment = team
    assignment.opens_at = timezone.now() + timedelta(days=3)
    assignment.save()
    client.force_login(contact)
    page = client.get(assignment.get_absolute_url()).content.decode()
    assert "Denne oppgaven åpner" in page
    assert reverse("homework:submission_start", args=[assignment.pk]) not in page
    response = client.post(reverse("homework:submission_start", args=[assignment.pk]), follow=True)
    assert not Submission.objects.filter(assignment=assignment).exists()
    assert [str(m.message).startswith("Denne oppgaven åpner") for m in response.context["messages"]] == [True]


def test_services_refuse_work_before_opening(team):
    cohort, org, contact, assignment = team
    submission = SubmissionFactory(assignment=assignment, organisation=org)  # e.g. made before the date moved
    assignment.opens_at = timezone.now() + timedelta(days=3)
    assignment.save()
    submission.refresh_from_db()
    with pytest.raises(services.DeadlineError):
        services.save_text_answer(submission, "For tidlig", actor=contact)
    from tests.homework.factories import checked

    with pytest.raises(services.DeadlineError):
        services.add_file(submission, checked(pdf_upload(), assignment), actor=contact)
    submission.refresh_from_db()
    assert submission.text_answer == "" and submission.files.count() == 0
    with pytest.raises(services.DeadlineError):
        services.get_or_create_submission(
            AssignmentFactory(cohort=cohort, opens_at=timezone.now() + timedelta(days=1)), org, actor=contact
        )


def test_submission_page_before_opening_has_no_upload_or_submit(team, client):
    cohort, org, contact, assignment = team
    submission = SubmissionFactory(assignment=assignment, organisation=org)
    assignment.opens_at = timezone.now() + timedelta(days=3)
    assignment.save()
    client.force_login(contact)
    page = client.get(submission.get_absolute_url()).content.decode()
    assert "Denne oppgaven åpner" in page
    assert reverse("homework:file_upload", args=[submission.pk]) not in page
    assert 'value="submit"' not in page


def test_after_cutoff_the_page_says_why_it_is_closed(team, client):
    cohort, org, contact, assignment = team
    assignment.due_at = timezone.now() - timedelta(days=3)
    assignment.cutoff_at = timezone.now() - timedelta(days=1)
    assignment.save()
    client.force_login(contact)
    page = client.get(assignment.get_absolute_url()).content.decode()
    assert f"Fristen for «{assignment.title}» gikk ut" in page
    assert reverse("homework:submission_start", args=[assignment.pk]) not in page
    submission = SubmissionFactory(assignment=assignment, organisation=org)
    page = client.get(submission.get_absolute_url()).content.decode()
    assert f"Fristen for «{assignment.title}» gikk ut" in page
    assert 'value="submit"' not in page


def test_publish_is_on_the_assignment_page(team, client):
    cohort, org, contact, assignment = team
    assignment.is_published = False
    assignment.save()
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    page = client.get(assignment.get_absolute_url()).content.decode()
    assert reverse("homework:assignment_publish", args=[assignment.pk]) in page
    response = client.post(
        reverse("homework:assignment_publish", args=[assignment.pk]), {"publish": "1", "next": "detail"}
    )
    assert response["Location"] == assignment.get_absolute_url()
    assignment.refresh_from_db()
    assert assignment.is_published
