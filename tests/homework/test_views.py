"""Pages: downloads and ZIP, the progress matrix (and its query count), lists, gallery, markdown."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from homework import services
from homework.models import SubmissionStatus
from tests.factories import (
    CohortFactory,
    CohortRoleFactory,
    EnrolmentFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.homework.factories import (
    AssignmentFactory,
    SubmissionFactory,
    add_version,
    docx_upload,
    pdf_upload,
    submitted,
)

pytestmark = pytest.mark.django_db


def _cohort_with(n_orgs: int, n_assignments: int = 4):
    cohort = CohortFactory()
    staff = UserFactory(full_name="Stine Stab", is_staff=True)
    advisor = UserFactory(full_name="Rune Rådgiver", is_advisor=True)
    CohortRoleFactory(cohort=cohort, user=advisor, role="advisor")
    assignments = [AssignmentFactory(cohort=cohort, position=i) for i in range(n_assignments)]
    statuses = [
        SubmissionStatus.DRAFT,
        SubmissionStatus.SUBMITTED,
        SubmissionStatus.APPROVED,
        SubmissionStatus.RETURNED,
    ]
    now = timezone.now()
    orgs = []
    for i in range(n_orgs):
        org = OrganisationFactory(name=f"Kommune {i:03d}")
        EnrolmentFactory(cohort=cohort, organisation=org)
        orgs.append(org)
        for j, assignment in enumerate(assignments[:3]):
            status = statuses[(i + j) % len(statuses)]
            SubmissionFactory(
                assignment=assignment,
                organisation=org,
                status=status,
                is_late=(i % 3 == 0),
                submitted_at=None if status == SubmissionStatus.DRAFT else now,
                shared_at=now if status == SubmissionStatus.APPROVED else None,
            )
    return cohort, staff, advisor, assignments, orgs


@pytest.mark.parametrize("n", [5, 50])
def test_progress_matrix_constant_queries(n, client, django_assert_num_queries):
    cohort, staff, advisor, assignments, orgs = _cohort_with(n)
    client.force_login(advisor)
    url = reverse("homework:progress", args=[cohort.pk])
    with django_assert_num_queries(9):
        response = client.get(url)
    assert response.status_code == 200
    matrix = response.context["matrix"]()  # the cached part's data, read while rendering
    assert len(matrix["rows"]) == min(n, 25)  # 25 organisations a page
    assert [c["status"] for c in matrix["rows"][1]["cells"]] == ["submitted", "approved", "returned", "none"]
    assert matrix["page_obj"].paginator.count == n


def test_progress_matrix_filter(client):
    cohort, staff, advisor, assignments, orgs = _cohort_with(5)
    client.force_login(staff)
    response = client.get(reverse("homework:progress", args=[cohort.pk]), {"status": "returned"})
    names = [r["name"] for r in response.context["matrix"]()["rows"]]
    # Org i has "returned" in column j where (i + j) % 4 == 3, for j in 0..2: every org except i % 4 == 0.
    assert names == ["Kommune 001", "Kommune 002", "Kommune 003"]
    page = response.content.decode()
    assert '<label for="f-status"' in page and '<option value="returned" selected>' in page  # the renderer's field


def test_progress_matrix_refuses_an_unknown_status_with_a_message(client):
    cohort, staff, advisor, assignments, orgs = _cohort_with(5)
    client.force_login(staff)
    response = client.get(reverse("homework:progress", args=[cohort.pk]), {"status": "lost"})
    assert response.status_code == 200
    assert response.context["form"].errors["status"]
    assert 'aria-invalid="true"' in response.content.decode()
    assert len(response.context["matrix"]()["rows"]) == 5  # the filter is ignored, nothing hidden


@pytest.mark.parametrize("n", [5, 50])
def test_assignment_submissions_constant_queries(n, client, django_assert_num_queries):
    cohort, staff, advisor, assignments, orgs = _cohort_with(n)
    client.force_login(staff)
    with django_assert_num_queries(8):
        response = client.get(reverse("homework:assignment_submissions", args=[assignments[0].pk]))
    assert len(response.context["rows"]) == min(n, 50)


@pytest.mark.parametrize("n", [5, 50])
def test_gallery_constant_queries(n, client, django_assert_num_queries):
    cohort, staff, advisor, assignments, orgs = _cohort_with(n)
    contact = UserFactory(full_name="Kari Kontakt")
    MembershipFactory(organisation=orgs[0], user=contact)
    client.force_login(contact)
    with django_assert_num_queries(6):
        response = client.get(reverse("homework:gallery", args=[cohort.pk]))
    assert response.status_code == 200
    assert len(response.context["submissions"]) == min(
        30, sum(1 for i in range(n) for j in range(3) if (i + j) % 4 == 2)
    )


@pytest.mark.parametrize("n", [1, 12])
def test_our_homework_constant_queries(n, client, django_assert_num_queries):
    cohort = CohortFactory()
    org = OrganisationFactory()
    EnrolmentFactory(cohort=cohort, organisation=org)
    contact = UserFactory(full_name="Kari Kontakt")
    MembershipFactory(organisation=org, user=contact)
    for i in range(n):
        a = AssignmentFactory(cohort=cohort, due_at=timezone.now() + timedelta(days=i + 1))
        if i % 2:
            SubmissionFactory(assignment=a, organisation=org)
    client.force_login(contact)
    with django_assert_num_queries(7):
        response = client.get(reverse("homework:index"))
    assert len(response.context["our"][0]["rows"]) == n


@pytest.fixture
def two_teams(db):
    cohort, staff, advisor, assignments, orgs = _cohort_with(0)
    teams = []
    for name in ("Alfa kommune", "Beta kommune"):
        org = OrganisationFactory(name=name)
        EnrolmentFactory(cohort=cohort, organisation=org)
        contact = UserFactory(full_name=f"Kontakt {name}")
        MembershipFactory(organisation=org, user=contact)
        teams.append((org, contact))
    return cohort, staff, advisor, assignments[0] if assignments else AssignmentFactory(cohort=cohort), teams


def test_zip_has_latest_versions_in_one_folder_per_organisation(two_teams, client):
    cohort, staff, advisor, assignment, teams = two_teams
    (org_a, contact_a), (org_b, contact_b) = teams
    sub_a = SubmissionFactory(assignment=assignment, organisation=org_a)
    v1 = add_version(sub_a, contact_a, pdf_upload("plan.pdf", "gammel"))
    add_version(sub_a, contact_a, pdf_upload("plan.pdf", "ny"), replaces=v1.file)
    add_version(sub_a, contact_a, docx_upload("svar.docx"))
    services.submit(sub_a, actor=contact_a)
    sub_b = SubmissionFactory(assignment=assignment, organisation=org_b)
    add_version(sub_b, contact_b, pdf_upload("plan.pdf", "beta"))  # a draft: not in the ZIP
    client.force_login(advisor)
    response = client.get(reverse("homework:assignment_zip", args=[assignment.pk]))
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "application/zip"
    assert response["X-Content-Type-Options"] == "nosniff"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == ["alfa-kommune/plan.pdf", "alfa-kommune/svar.docx"]
    services.update_assignment(assignment, expects_text=True, actor=staff)
    services.return_for_revision(sub_a, actor=advisor)
    services.save_text_answer(sub_a, "Vårt svar", actor=contact_a)
    response = client.get(reverse("homework:assignment_zip", args=[assignment.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.read("alfa-kommune/tekstsvar.txt").decode() == "Vårt svar"
    assert b"(ny)" in archive.read("alfa-kommune/plan.pdf")


def test_download_headers(two_teams, client):
    cohort, staff, advisor, assignment, teams = two_teams
    org, contact = teams[0]
    sub = SubmissionFactory(assignment=assignment, organisation=org)
    version = add_version(sub, contact, pdf_upload("Plan for Ørsta.pdf"))
    client.force_login(contact)
    response = client.get(version.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''Plan%20for%20%C3%98rsta.pdf"
    assert b"".join(response.streaming_content) == version.stored.open("rb").read()


def test_upload_and_submit_through_pages(two_teams, client):
    cohort, staff, advisor, assignment, teams = two_teams
    org, contact = teams[0]
    client.force_login(contact)
    response = client.post(reverse("homework:submission_start", args=[assignment.pk]))
    sub = org.submissions.get()
    assert response["Location"] == sub.get_absolute_url()
    client.post(reverse("homework:file_upload", args=[sub.pk]), {"upload": pdf_upload()})
    client.post(reverse("homework:submission_submit", args=[sub.pk]))
    sub.refresh_from_db()
    assert sub.status == SubmissionStatus.SUBMITTED
    page = client.get(sub.get_absolute_url()).content.decode()
    assert reverse("homework:file_upload", args=[sub.pk]) not in page  # no uploads after submitting


def test_submit_after_cutoff_shows_clear_message(two_teams, client):
    cohort, staff, advisor, assignment, teams = two_teams
    org, contact = teams[0]
    sub = SubmissionFactory(assignment=assignment, organisation=org)
    add_version(sub, contact)
    assignment.due_at = timezone.now() - timedelta(days=3)
    assignment.cutoff_at = timezone.now() - timedelta(days=1)
    assignment.save()
    client.force_login(contact)
    response = client.post(reverse("homework:submission_submit", args=[sub.pk]), follow=True)
    messages = [m.message for m in response.context["messages"]]
    assert len(messages) == 1 and messages[0].startswith(f"Fristen for «{assignment.title}» gikk ut")
    sub.refresh_from_db()
    assert sub.status == SubmissionStatus.DRAFT


def test_unshare_removes_from_gallery_at_once(two_teams, client):
    cohort, staff, advisor, assignment, teams = two_teams
    (org_a, contact_a), (org_b, contact_b) = teams
    sub = SubmissionFactory(assignment=assignment, organisation=org_a)
    submitted(sub, contact_a)
    services.approve(sub, actor=staff)
    services.share(sub, actor=contact_a)
    client.force_login(contact_b)
    gallery = reverse("homework:gallery", args=[cohort.pk])
    assert list(client.get(gallery).context["submissions"]) == [sub]
    assert client.get(reverse("homework:gallery_detail", args=[sub.pk])).status_code == 200
    file = sub.files.get()
    assert client.get(file.get_absolute_url()).status_code == 200
    client.force_login(contact_a)
    client.post(reverse("homework:submission_unshare", args=[sub.pk]))
    client.force_login(contact_b)
    assert list(client.get(gallery).context["submissions"]) == []
    assert client.get(reverse("homework:gallery_detail", args=[sub.pk])).status_code == 404
    assert client.get(file.get_absolute_url()).status_code == 404
    assert client.get(sub.get_absolute_url()).status_code == 404


def test_the_consent_box_and_the_upload_fields_come_from_forms_with_ids_of_their_own(two_teams, client):
    cohort, staff, advisor, assignment, teams = two_teams
    org, contact = teams[0]
    sub = SubmissionFactory(assignment=assignment, organisation=org)
    file = add_version(sub, contact).file
    client.force_login(contact)
    page = client.get(sub.get_absolute_url()).content.decode()
    assert f'<label for="replace-{file.pk}-upload">Last opp en ny versjon</label>' in page
    assert page.count('id="id_upload"') == 1 and page.count('id="feedback-upload"') == 1
    assert '<label for="feedback-upload">Vedlegg <span class="optional">(valgfritt)</span></label>' in page
    submitted(sub, contact)
    services.approve(sub, actor=staff)
    services.share(sub, actor=contact)
    page = client.get(sub.get_absolute_url()).content.decode()
    assert '<input type="checkbox" name="consent" required id="id_consent">' in page
    share = reverse("homework:submission_share_beyond", args=[sub.pk])
    messages = [m.message for m in client.post(share, follow=True).context["messages"]]
    assert messages == ["Kryss av i boksen for å gi samtykke."]
    client.post(share, {"consent": "on"})  # what a browser sends for the box
    sub.refresh_from_db()
    assert sub.shared_beyond_at is not None


def test_instructions_markdown_is_sanitised(two_teams, client):
    cohort, staff, advisor, assignment, teams = two_teams
    assignment.instructions = "**Viktig** <script>alert(1)</script> [lenke](javascript:alert(1)) <b onclick=x>b</b>"
    assignment.save()
    client.force_login(teams[0][1])
    html = client.get(assignment.get_absolute_url()).content.decode()
    assert "<strong>Viktig</strong>" in html
    assert "<script>alert" not in html and "javascript:" not in html and "onclick" not in html


def test_staff_create_method_set_through_page(two_teams, client):
    cohort, staff, advisor, assignment, teams = two_teams
    client.force_login(staff)
    due = timezone.localtime(timezone.now() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    client.post(
        reverse("homework:method_set_create", args=[cohort.pk]),
        {"first_due": due, "interval_days": "7", "publish": "on"},
    )
    assert cohort.assignments.exclude(method_step="").filter(is_published=True).count() == 10


def test_enrolment_panel_shows_latest_homework(two_teams, client):
    cohort, staff, advisor, assignment, teams = two_teams
    org, contact = teams[0]
    sub = SubmissionFactory(assignment=assignment, organisation=org)
    client.force_login(advisor)
    enrolment = org.enrolments.get()
    html = client.get(enrolment.get_absolute_url()).content.decode()
    assert sub.get_absolute_url() in html


def test_dashboards(two_teams):
    from homework.dashboard import sections

    cohort, staff, advisor, assignment, teams = two_teams
    org, contact = teams[0]
    assignment.due_at = timezone.now() + timedelta(days=3)
    assignment.cutoff_at = assignment.due_at + timedelta(days=1)
    assignment.save()
    later = AssignmentFactory(cohort=cohort, due_at=timezone.now() + timedelta(days=40))
    contact_sections = sections(contact)
    assert [s.template for s in contact_sections] == ["homework/dashboard_contact.html"]
    rows = contact_sections[0].context["rows"]
    # The four assignments due in a week and the one due in three days; not the one in 40 days.
    assert [r["assignment"].pk for r in rows][0] == assignment.pk
    assert sorted(r["assignment"].pk for r in rows) == sorted(
        cohort.assignments.exclude(pk=later.pk).values_list("pk", flat=True)
    )
    sub = SubmissionFactory(assignment=assignment, organisation=org)
    submitted(sub, contact)
    advisor_sections = sections(advisor)
    assert [s.template for s in advisor_sections] == ["homework/dashboard_course.html"]
    assert list(advisor_sections[0].context["submissions"]) == [sub]
    other_advisor = UserFactory(full_name="Annen", is_advisor=True)
    assert list(sections(other_advisor)[0].context["submissions"]) == []


def test_evaluator_reads_when_the_cohort_allows_it(two_teams, client):
    cohort, staff, advisor, assignment, teams = two_teams
    org, contact = teams[0]
    evaluator = UserFactory(full_name="Eva", is_evaluator=True)
    CohortRoleFactory(cohort=cohort, user=evaluator, role="evaluator")
    sub = SubmissionFactory(assignment=assignment, organisation=org)
    submitted(sub, contact)
    client.force_login(evaluator)
    progress = reverse("homework:progress", args=[cohort.pk])
    assert client.get(progress).status_code == 404
    assert client.get(sub.get_absolute_url()).status_code == 404
    cohort.evaluators_see_homework = True
    cohort.save()
    assert client.get(progress).status_code == 200
    page = client.get(sub.get_absolute_url())
    assert page.status_code == 200
    assert reverse("homework:submission_approve", args=[sub.pk]) not in page.content.decode()
    assert client.post(reverse("homework:submission_approve", args=[sub.pk])).status_code == 403
    assert client.post(reverse("homework:feedback_add", args=[sub.pk]), {"body": "hei"}).status_code == 403


def test_feedback_attachment_validated_and_downloadable(two_teams, client, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from homework.models import FeedbackEntry

    cohort, staff, advisor, assignment, teams = two_teams
    org, contact = teams[0]
    sub = SubmissionFactory(assignment=assignment, organisation=org)
    submitted(sub, contact)
    client.force_login(advisor)
    url = reverse("homework:feedback_add", args=[sub.pk])
    bad = SimpleUploadedFile("kommentar.pdf", b"\x7fELF\x02\x01\x01" + b"\0" * 64)
    client.post(url, {"body": "Se vedlegg", "upload": bad})
    assert FeedbackEntry.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"body": "Se vedlegg", "upload": docx_upload("kommentarer.docx")})
    entry = FeedbackEntry.objects.get()
    assert (entry.side, entry.attachment_name) == ("course", "kommentarer.docx")
    client.force_login(contact)
    response = client.get(entry.get_absolute_url())
    assert response["Content-Disposition"] == 'attachment; filename="kommentarer.docx"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_home_page_shows_homework_sections(two_teams, client):
    cohort, staff, advisor, assignment, teams = two_teams
    org, contact = teams[0]
    sub = SubmissionFactory(assignment=assignment, organisation=org)
    submitted(sub, contact)
    open_one = cohort.assignments.exclude(pk=assignment.pk).first()
    client.force_login(contact)
    page = client.get(reverse("home")).content.decode()
    assert open_one.get_absolute_url() in page and assignment.get_absolute_url() not in page
    client.force_login(advisor)
    page = client.get(reverse("home")).content.decode()
    assert sub.get_absolute_url() in page


@pytest.mark.parametrize("n", [2, 20])
def test_assignment_list_constant_queries(n, client, django_assert_num_queries):
    cohort, staff, advisor, assignments, orgs = _cohort_with(3, n_assignments=n)
    client.force_login(staff)
    with django_assert_num_queries(5):
        response = client.get(reverse("homework:assignment_list", args=[cohort.pk]))
    assert len(response.context["assignments"]) == n


def test_assignment_form_shows_and_saves_allowed_types(two_teams, client):
    cohort, staff, advisor, assignment, teams = two_teams
    assignment.allowed_types = "pdf,docx"
    assignment.save()
    client.force_login(staff)
    form = client.get(reverse("homework:assignment_edit", args=[assignment.pk])).context["form"]
    assert form["allowed_types"].value() == ["pdf", "docx"]
    due = timezone.localtime(assignment.due_at).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("homework:assignment_edit", args=[assignment.pk]),
        {
            "title_nb": "Nytt navn",
            "title_nn": "Nytt namn",
            "kind": "midpoint_report",
            "method_step": "",
            "instructions_nb": "x",
            "due_at": due,
            "cutoff_at": "",
            "opens_at": "",
            "expects_files": "on",
            "allowed_types": ["pdf", "odt"],
            "max_file_size_mb": "3",
        },
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.title_nb, assignment.title_nn, assignment.title_en) == ("Nytt navn", "Nytt namn", None)
    assert (
        assignment.title,
        assignment.kind,
        assignment.allowed_types,
        assignment.max_file_size,
        assignment.cutoff_at,
    ) == ("Nytt navn", "midpoint_report", "pdf,odt", 3 * 1024 * 1024, None)
