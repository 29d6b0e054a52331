"""Helpers for knowledge-bank tests: shared homework, materials and cases, built through the services."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from homework import services as homework_services
from homework import uploads
from homework.models import FileType, Submission
from homework.samples import pdf_bytes
from omdomme.knowledge import indexing
from omdomme.knowledge.models import CaseAudience, CaseStatus, CaseStory
from sessions import materials
from sessions.models import Material, MaterialKind
from tests.factories import CohortFactory, EnrolmentFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.gatherings.factories import GatheringFactory
from tests.homework.factories import AssignmentFactory, SubmissionFactory, add_version, pdf_upload

ALL_TYPES = [t.value for t in FileType]


def odt_bytes(text: str) -> bytes:
    """A minimal OpenDocument text file with one paragraph per line."""
    paragraphs = "".join(f"<text:p><text:span>{line}</text:span></text:p>" for line in text.splitlines())
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
        f"<office:body><office:text>{paragraphs}</office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
            compress_type=zipfile.ZIP_DEFLATED,
        )
    return buffer.getvalue()


def past_member(year: int, name: str, email: str, number: str):
    """An organisation enrolled in the cohort of ``year`` and its contact person."""
    cohort = CohortFactory(year=year, name=f"Omdømmeskolen {year}")
    org = OrganisationFactory(name=name, municipality_number=number)
    EnrolmentFactory(cohort=cohort, organisation=org)
    contact = UserFactory(email=email)
    MembershipFactory(organisation=org, user=contact, role="contact")
    return cohort, org, contact


def shared_homework(
    cohort, organisation, team_user, staff, *, text: str = "", upload=None, beyond: bool = False, title: str = ""
) -> Submission:
    """Approved homework the team shares with its cohort (and, with ``beyond``, with all cohorts)."""
    assignment = AssignmentFactory(cohort=cohort, expects_text=bool(text), title=title or "Stedsanalyse")
    submission = SubmissionFactory(assignment=assignment, organisation=organisation)
    if text:
        homework_services.save_text_answer(submission, text, actor=team_user)
    add_version(submission, team_user, upload or pdf_upload())
    homework_services.submit(submission, actor=team_user)
    homework_services.approve(submission, actor=staff)
    homework_services.share(submission, actor=team_user)
    if beyond:
        homework_services.share_beyond_cohort(submission, actor=team_user)
    submission.refresh_from_db()
    indexing.reindex("homework", submission.pk)
    return submission


def file_material(gathering, staff, *, title: str, text: str, publish=True, for_alumni=False, item=None) -> Material:
    upload = SimpleUploadedFile(f"{title}.pdf", pdf_bytes(text), content_type="application/pdf")
    checked = uploads.check_upload(upload, allowed_types=ALL_TYPES, max_size=10_000_000)
    material = materials.create_material(
        gathering,
        actor=staff,
        title=title,
        kind=MaterialKind.FILE,
        checked=checked,
        for_alumni=for_alumni,
        programme_item=item,
    )
    if publish:
        material = materials.publish_material(material, actor=staff)
    indexing.reindex("material", material.pk)
    return material


def case(organisation, cohort, *, title: str, summary: str, audience=CaseAudience.PARTICIPANTS, publish=True, **kw):
    story = CaseStory.objects.create(
        organisation=organisation,
        cohort=cohort,
        title=title,
        summary=summary,
        audience=audience,
        status=CaseStatus.PUBLISHED if publish else CaseStatus.DRAFT,
        published_at=timezone.now() if publish else None,
        **kw,
    )
    indexing.reindex("case", story.pk)
    return story


__all__ = ["GatheringFactory", "case", "file_material", "odt_bytes", "past_member", "shared_homework"]
