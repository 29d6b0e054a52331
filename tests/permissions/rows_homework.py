"""Rows for homework: assignments, submissions, files and versions, feedback, ZIP, gallery."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from homework import services
from homework.samples import pdf_bytes
from tests.factories import MembershipFactory, UserFactory
from tests.homework.factories import AssignmentFactory, SubmissionFactory, add_version, checked, submitted
from tests.permissions.matrix import COHORT_MEMBERS, SIGNED_IN, Row, expect, redirect_ok

# Shapes for homework objects of org B in the shared cohort (world.cohort does not let evaluators
# read homework).
OWN_B_READ = expect(200, 200, 404, 404, 200, 404)
# Pages with every organisation's work (progress, lists, ZIP, extensions): 404 for everyone else.
COURSE_READ = expect(200, 200, 404, 404, 404, 404)
STAFF_MANAGE = expect(200, 403, 403, 403, 403, 404)
TEAM_B_WRITE = expect(302, 302, 404, 404, 302, 404)  # feedback, unshare: team or course side
ONLY_TEAM_B = expect(403, 403, 404, 404, 302, 404)
ONLY_COURSE_B = expect(302, 302, 404, 404, 403, 404)


def _pdf_upload(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


def _pdf(name: str = "ny.pdf"):
    return lambda w: {"upload": _pdf_upload(name, "Ny versjon")}


def extend(world) -> None:
    now = timezone.now()
    assignment = AssignmentFactory(
        cohort=world.cohort, title="Målanalyse", expects_text=True, due_at=now + timedelta(days=5)
    )
    hidden = AssignmentFactory(cohort=world.cohort, title="Upublisert oppgave", is_published=False)
    other = AssignmentFactory(cohort=world.other_cohort, title="Gamma-oppgave")
    shared_assignment = AssignmentFactory(cohort=world.cohort, title="Handlingsplan")

    sub_a = SubmissionFactory(assignment=assignment, organisation=world.org_a)
    submitted(sub_a, world.contact_a)
    sub_b = SubmissionFactory(assignment=assignment, organisation=world.org_b)
    services.save_text_answer(sub_b, "HEMMELIG-BETA-SVAR om innbyggerundersøkelsen.", actor=world.contact_b)
    version_b = add_version(
        sub_b,
        world.contact_b,
        SimpleUploadedFile("HEMMELIG-BETA-FIL.pdf", pdf_bytes("Beta"), content_type="application/pdf"),
    )
    services.submit(sub_b, actor=world.contact_b)
    feedback_b = services.add_feedback(
        sub_b,
        "HEMMELIG-BETA-TILBAKEMELDING: bra start.",
        checked=checked(_pdf_upload("kommentarer.pdf", "Kommentar"), assignment),
        actor=world.advisor,
    )
    extension_b = services.grant_extension(
        assignment, world.org_b, due_at=now + timedelta(days=9), reason="HEMMELIG-BETA-GRUNN sykdom", actor=world.staff
    )
    shared_a = SubmissionFactory(assignment=shared_assignment, organisation=world.org_a)
    submitted(shared_a, world.contact_a)
    services.approve(shared_a, actor=world.staff)
    services.share(shared_a, actor=world.contact_a)
    # Org A's feedback, which contact_b may not download.
    feedback_a = services.add_feedback(
        sub_a,
        "Til Alfa: godt arbeid.",
        checked=checked(_pdf_upload("alfa.pdf", "Alfa"), assignment),
        actor=world.advisor,
    )
    sub_c, feedback_c, extension_c = _other_cohort_work(world, other, now)

    world.extra.update(
        {
            "hw_assignment": assignment,
            "hw_hidden": hidden,
            "hw_other": other,
            "hw_sub_a": sub_a,
            "hw_sub_b": sub_b,
            "hw_file_b": version_b.file,
            "hw_version_b": version_b,
            "hw_feedback_b": feedback_b,
            "hw_extension_b": extension_b,
            "hw_shared_a": shared_a,
            "hw_feedback_a": feedback_a,
            "hw_sub_c": sub_c,
            "hw_feedback_c": feedback_c,
            "hw_extension_c": extension_c,
        }
    )
    world.secrets_b += [
        "HEMMELIG-BETA-SVAR",
        "HEMMELIG-BETA-FIL",
        "HEMMELIG-BETA-TILBAKEMELDING",
        "HEMMELIG-BETA-GRUNN",
    ]


def _other_cohort_work(world, assignment, now):
    """Org C's submitted work in the other cohort, where advisor and evaluator are not assigned: with a
    file, feedback with a file and an extension. No persona but staff may see any of it (the IDOR sweep
    swaps these ids into every homework URL)."""
    contact_c = UserFactory(email="kontakt.c@gamma.kommune.no", full_name="Gunn Gamma")
    MembershipFactory(organisation=world.org_c, user=contact_c)
    world.enrolment_c.team.add(contact_c)
    sub_c = SubmissionFactory(assignment=assignment, organisation=world.org_c)
    submitted(sub_c, contact_c, _pdf_upload("gamma.pdf", "Gamma"))
    feedback_c = services.add_feedback(
        sub_c,
        "Til Gamma: se merknadene.",
        checked=checked(_pdf_upload("merknader.pdf", "Gamma"), assignment),
        actor=world.staff,
    )
    extension_c = services.grant_extension(
        assignment, world.org_c, due_at=now + timedelta(days=12), reason="Gamma trenger mer tid", actor=world.staff
    )
    return sub_c, feedback_c, extension_c


def _assignment_data(w) -> dict:
    due = timezone.localtime(timezone.now() + timedelta(days=20))
    return {
        "title_nb": "Ny oppgave",
        "kind": "homework",
        "method_step": "",
        "instructions_nb": "Tekst",
        "due_at": due.strftime("%Y-%m-%dT%H:%M"),
        "opens_at": "",
        "cutoff_at": "",
        "expects_files": "on",
        "allowed_types": ["pdf"],
        "max_file_size_mb": "5",
    }


def _method_data(w) -> dict:
    return {
        "first_due": timezone.localtime(timezone.now() + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M"),
        "interval_days": "14",
    }


def _extension_data(w) -> dict:
    return {
        "organisation": w.org_a.pk,
        "reason": "Ferie",
        "due_at": timezone.localtime(timezone.now() + timedelta(days=12)).strftime("%Y-%m-%dT%H:%M"),
    }


ROWS = [
    Row("homework:index", lambda w: reverse("homework:index"), SIGNED_IN),
    Row("homework:assignment_list", lambda w: reverse("homework:assignment_list", args=[w.cohort.pk]), COHORT_MEMBERS),
    Row(
        "homework:assignment_list",
        lambda w: reverse("homework:assignment_list", args=[w.other_cohort.pk]),
        expect(200, 404, 404, 404, 404, 404),
        label="other cohort",
    ),
    Row(
        "homework:assignment_create", lambda w: reverse("homework:assignment_create", args=[w.cohort.pk]), STAFF_MANAGE
    ),
    Row(
        "homework:assignment_create",
        lambda w: reverse("homework:assignment_create", args=[w.cohort.pk]),
        redirect_ok(STAFF_MANAGE),
        method="post",
        data=_assignment_data,
    ),
    Row(
        "homework:method_set_create",
        lambda w: reverse("homework:method_set_create", args=[w.cohort.pk]),
        redirect_ok(STAFF_MANAGE),
        method="post",
        data=_method_data,
    ),
    Row("homework:assignment_copy", lambda w: reverse("homework:assignment_copy", args=[w.cohort.pk]), STAFF_MANAGE),
    Row(
        "homework:assignment_copy",
        lambda w: reverse("homework:assignment_copy", args=[w.cohort.pk]),
        redirect_ok(STAFF_MANAGE),
        method="post",
        data=lambda w: {"source": w.other_cohort.pk},
    ),
    Row("homework:progress", lambda w: reverse("homework:progress", args=[w.cohort.pk]), COURSE_READ),
    Row(
        "homework:gallery",
        lambda w: reverse("homework:gallery", args=[w.cohort.pk]),
        COHORT_MEMBERS,
        shares_cohort_data=True,
    ),
    Row("homework:assignment_detail", lambda w: w.hw_assignment.get_absolute_url(), COHORT_MEMBERS),
    Row(
        "homework:assignment_detail",
        lambda w: w.hw_hidden.get_absolute_url(),
        expect(200, 404, 404, 404, 404, 404),
        label="unpublished",
    ),
    Row(
        "homework:assignment_detail",
        lambda w: w.hw_other.get_absolute_url(),
        expect(200, 404, 404, 404, 404, 404),
        label="other cohort",
    ),
    Row(
        "homework:assignment_edit",
        lambda w: reverse("homework:assignment_edit", args=[w.hw_assignment.pk]),
        STAFF_MANAGE,
    ),
    Row(
        "homework:assignment_edit",
        lambda w: reverse("homework:assignment_edit", args=[w.hw_assignment.pk]),
        redirect_ok(STAFF_MANAGE),
        method="post",
        data=_assignment_data,
    ),
    Row(
        "homework:assignment_publish",
        lambda w: reverse("homework:assignment_publish", args=[w.hw_assignment.pk]),
        redirect_ok(STAFF_MANAGE),
        method="post",
        data=lambda w: {"publish": "0"},
    ),
    Row(
        "homework:assignment_move",
        lambda w: reverse("homework:assignment_move", args=[w.hw_assignment.pk]),
        redirect_ok(STAFF_MANAGE),
        method="post",
        data=lambda w: {"direction": "down"},
    ),
    Row(
        "homework:assignment_submissions",
        lambda w: reverse("homework:assignment_submissions", args=[w.hw_assignment.pk]),
        COURSE_READ,
    ),
    Row(
        "homework:assignment_zip", lambda w: reverse("homework:assignment_zip", args=[w.hw_assignment.pk]), COURSE_READ
    ),
    Row(
        "homework:extension_grant",
        lambda w: reverse("homework:extension_grant", args=[w.hw_assignment.pk]),
        COURSE_READ,
    ),
    Row(
        "homework:extension_grant",
        lambda w: reverse("homework:extension_grant", args=[w.hw_assignment.pk]),
        redirect_ok(COURSE_READ),
        method="post",
        data=_extension_data,
    ),
    Row(
        "homework:extension_revoke",
        lambda w: reverse("homework:extension_revoke", args=[w.hw_extension_b.pk]),
        expect(302, 302, 403, 404, 403, 404),
        method="post",
    ),
    Row(
        "homework:submission_start",
        lambda w: reverse("homework:submission_start", args=[w.hw_assignment.pk]),
        expect(403, 403, 403, 302, 302, 404),
        method="post",
    ),
    Row(
        "homework:submission_detail",
        lambda w: w.hw_sub_a.get_absolute_url(),
        expect(200, 200, 404, 200, 404, 404),
        label="org A",
    ),
    Row("homework:submission_detail", lambda w: w.hw_sub_b.get_absolute_url(), OWN_B_READ, label="org B"),
    Row(
        "homework:submission_text",
        lambda w: reverse("homework:submission_text", args=[w.hw_sub_b.pk]),
        ONLY_TEAM_B,
        method="post",
        data=lambda w: {"text_answer": "Nytt svar"},
    ),
    Row(
        "homework:file_upload",
        lambda w: reverse("homework:file_upload", args=[w.hw_sub_b.pk]),
        ONLY_TEAM_B,
        method="post",
        data=_pdf(),
    ),
    Row(
        "homework:file_replace",
        lambda w: reverse("homework:file_replace", args=[w.hw_file_b.pk]),
        ONLY_TEAM_B,
        method="post",
        data=_pdf(),
    ),
    Row(
        "homework:file_remove",
        lambda w: reverse("homework:file_remove", args=[w.hw_file_b.pk]),
        ONLY_TEAM_B,
        method="post",
    ),
    Row("homework:file_download", lambda w: w.hw_file_b.get_absolute_url(), OWN_B_READ),
    Row("homework:version_download", lambda w: w.hw_version_b.get_absolute_url(), OWN_B_READ),
    Row(
        "homework:submission_submit",
        lambda w: reverse("homework:submission_submit", args=[w.hw_sub_b.pk]),
        ONLY_TEAM_B,
        method="post",
    ),
    Row(
        "homework:submission_return",
        lambda w: reverse("homework:submission_return", args=[w.hw_sub_b.pk]),
        ONLY_COURSE_B,
        method="post",
        data=lambda w: {"message": "Utdyp målene."},
    ),
    Row(
        "homework:submission_approve",
        lambda w: reverse("homework:submission_approve", args=[w.hw_sub_b.pk]),
        ONLY_COURSE_B,
        method="post",
    ),
    Row(
        "homework:submission_share",
        lambda w: reverse("homework:submission_share", args=[w.hw_sub_b.pk]),
        ONLY_TEAM_B,
        method="post",
    ),
    Row(
        "homework:submission_unshare",
        lambda w: reverse("homework:submission_unshare", args=[w.hw_sub_b.pk]),
        TEAM_B_WRITE,
        method="post",
    ),
    Row(
        "homework:feedback_add",
        lambda w: reverse("homework:feedback_add", args=[w.hw_sub_b.pk]),
        TEAM_B_WRITE,
        method="post",
        data=lambda w: {"body": "Et spørsmål"},
    ),
    Row("homework:feedback_download", lambda w: w.hw_feedback_b.get_absolute_url(), OWN_B_READ),
    Row(
        "homework:gallery_detail",
        lambda w: reverse("homework:gallery_detail", args=[w.hw_shared_a.pk]),
        expect(200, 200, 404, 200, 200, 404),
        shares_cohort_data=True,
    ),
    Row(
        "homework:gallery_detail",
        lambda w: reverse("homework:gallery_detail", args=[w.hw_sub_b.pk]),
        expect(404, 404, 404, 404, 404, 404),
        label="not shared",
    ),
]
