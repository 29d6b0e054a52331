"""Rows for the knowledge bank: search, case stories, materials (staff pages and the download),
alumni access, and the team's consent to share homework with all cohorts."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from homework import services as homework_services
from homework.samples import pdf_bytes
from omdomme.knowledge.models import CaseAudience
from tests.gatherings.factories import GatheringFactory
from tests.homework.factories import AssignmentFactory, SubmissionFactory, submitted
from tests.knowledge.factories import case, file_material
from tests.permissions.matrix import COHORT_MEMBERS, PUBLIC, SIGNED_IN, STAFF_ONLY, Row, expect, redirect_ok

COHORT_STAFF = expect(200, 403, 403, 403, 403, 404)  # the cohort sees the gathering; staff manage it
ALUMNI_CASE = expect(200, 404, 404, 200, 200, 404, 404)  # published to participants of all cohorts
ALUMNI_CASE_STAFF = expect(200, 404, 404, 403, 403, 404)
ONLY_STAFF_SEES = expect(200, 404, 404, 404, 404, 404)
ONLY_TEAM_B = expect(403, 403, 404, 404, 302, 404)
TEAM_B_OR_COURSE = expect(302, 302, 404, 404, 302, 404)
SECRETS = ["HEMMELIG-GAMMA-MATERIELL", "HEMMELIG-UTKAST-CASE"]


def extend(world) -> None:
    staff = world.staff
    gathering = GatheringFactory(cohort=world.cohort, number=8, title="Kunnskapssamling")
    gamma_gathering = GatheringFactory(cohort=world.other_cohort, number=8, title="Gamma-samling")
    published = file_material(gathering, staff, title="Lysark om kommunen", text="Omdømme i kommunen")
    draft = file_material(gathering, staff, title="Utkast lysark", text="kommunen", publish=False)
    gamma = file_material(gamma_gathering, staff, title="HEMMELIG-GAMMA-MATERIELL kommunen", text="kommunen")
    gamma_alumni = file_material(gamma_gathering, staff, title="Gamma for alle kull", text="kommunen", for_alumni=True)
    participants = case(world.org_c, world.other_cohort, title="Gamma sin case", summary="Kommunen lærte mye.")
    public = case(
        world.org_c, world.other_cohort, title="Offentlig case", summary="Kommunen.", audience=CaseAudience.PUBLIC
    )
    draft_case = case(world.org_c, world.other_cohort, title="HEMMELIG-UTKAST-CASE", summary="kommunen", publish=False)
    assignment = AssignmentFactory(cohort=world.cohort, title="Delt oppgave")
    shared_b = SubmissionFactory(assignment=assignment, organisation=world.org_b)
    submitted(shared_b, world.contact_b)
    homework_services.approve(shared_b, actor=staff)
    homework_services.share(shared_b, actor=world.contact_b)
    world.extra.update(
        kb_gathering=gathering,
        kb_material=published,
        kb_draft=draft,
        kb_gamma=gamma,
        kb_gamma_alumni=gamma_alumni,
        kb_case=participants,
        kb_public=public,
        kb_draft_case=draft_case,
        kb_shared_b=shared_b,
    )


def _url(name, attr=None):
    return lambda w: reverse(name, args=[getattr(w, attr).pk]) if attr else reverse(name)


def _case_data(w) -> dict:
    return {
        "organisation": w.org_a.pk,
        "cohort": w.cohort.pk,
        "title": "Ny case",
        "summary": "Kort",
        "audience": "participants",
    }


def _material_data(w) -> dict:
    upload = SimpleUploadedFile("lysark.pdf", pdf_bytes("Lysark"), content_type="application/pdf")
    return {"title": "Nye lysark", "kind": "file", "upload": upload}


ROWS = [
    Row(
        "knowledge:search",
        lambda w: reverse("knowledge:search") + "?q=kommunen",
        SIGNED_IN,
        shares_cohort_data=True,
        extra_secrets=lambda w: SECRETS,
    ),
    Row("knowledge:case_list", _url("knowledge:case_list"), PUBLIC, extra_secrets=lambda w: SECRETS),
    Row("knowledge:case_detail", _url("knowledge:case_detail", "kb_case"), ALUMNI_CASE),
    Row("knowledge:case_detail", _url("knowledge:case_detail", "kb_public"), PUBLIC, label="public"),
    Row(
        "knowledge:case_detail",
        _url("knowledge:case_detail", "kb_draft_case"),
        {**ONLY_STAFF_SEES, "anonymous": 404},
        label="draft",
    ),
    Row("knowledge:case_create", _url("knowledge:case_create"), STAFF_ONLY),
    Row(
        "knowledge:case_create",
        _url("knowledge:case_create"),
        redirect_ok(STAFF_ONLY),
        method="post",
        data=_case_data,
    ),
    Row("knowledge:case_edit", _url("knowledge:case_edit", "kb_case"), ALUMNI_CASE_STAFF),
    Row(
        "knowledge:case_publish",
        _url("knowledge:case_publish", "kb_case"),
        redirect_ok(ALUMNI_CASE_STAFF),
        method="post",
        data=lambda w: {"publish": "0"},
    ),
    Row("knowledge:case_delete", _url("knowledge:case_delete", "kb_case"), ALUMNI_CASE_STAFF),
    Row(
        "knowledge:case_delete",
        _url("knowledge:case_delete", "kb_case"),
        redirect_ok(ALUMNI_CASE_STAFF),
        method="post",
        data=lambda w: {"confirmed": "1"},
    ),
    Row("knowledge:gathering_materials", _url("knowledge:gathering_materials", "kb_gathering"), COHORT_STAFF),
    Row("knowledge:material_create", _url("knowledge:material_create", "kb_gathering"), COHORT_STAFF),
    Row(
        "knowledge:material_create",
        _url("knowledge:material_create", "kb_gathering"),
        redirect_ok(COHORT_STAFF),
        method="post",
        data=_material_data,
    ),
    Row("knowledge:material_edit", _url("knowledge:material_edit", "kb_material"), COHORT_STAFF),
    Row(
        "knowledge:material_publish",
        _url("knowledge:material_publish", "kb_draft"),
        redirect_ok(ONLY_STAFF_SEES),
        method="post",
    ),
    Row("knowledge:material_delete", _url("knowledge:material_delete", "kb_material"), COHORT_STAFF),
    Row(
        "knowledge:material_delete",
        _url("knowledge:material_delete", "kb_material"),
        redirect_ok(COHORT_STAFF),
        method="post",
        data=lambda w: {"confirmed": "1"},
    ),
    Row("knowledge:alumni_list", _url("knowledge:alumni_list"), STAFF_ONLY, leak_check=False),
    Row(
        "knowledge:alumni_end",
        lambda w: reverse("knowledge:alumni_end", args=[w.contact_b.pk]),
        redirect_ok(STAFF_ONLY),
        method="post",
    ),
    Row(
        "knowledge:alumni_restore",
        lambda w: reverse("knowledge:alumni_restore", args=[w.contact_b.pk]),
        redirect_ok(STAFF_ONLY),
        method="post",
    ),
    Row("gatherings:material_download", _url("gatherings:material_download", "kb_material"), COHORT_MEMBERS),
    Row(
        "gatherings:material_download",
        _url("gatherings:material_download", "kb_draft"),
        ONLY_STAFF_SEES,
        label="draft",
    ),
    Row(
        "gatherings:material_download",
        _url("gatherings:material_download", "kb_gamma"),
        ONLY_STAFF_SEES,
        label="other cohort",
    ),
    Row(
        "gatherings:material_download",
        _url("gatherings:material_download", "kb_gamma_alumni"),
        expect(200, 404, 404, 200, 200, 404),
        label="shared with all cohorts",
    ),
    Row(
        "homework:submission_share_beyond",
        _url("homework:submission_share_beyond", "kb_shared_b"),
        ONLY_TEAM_B,
        method="post",
        data=lambda w: {"consent": "yes"},
    ),
    Row(
        "homework:submission_withdraw_beyond",
        _url("homework:submission_withdraw_beyond", "kb_shared_b"),
        TEAM_B_OR_COURSE,
        method="post",
    ),
]
