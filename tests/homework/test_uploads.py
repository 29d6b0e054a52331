"""The upload corpus: every bad file is refused through the real upload view, and the previous
version stays exactly as it was (same versions, same bytes, no new files in storage)."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from homework import uploads
from homework.models import SubmissionFileVersion
from homework.samples import docx_bytes, pdf_bytes
from tests.factories import CohortFactory, EnrolmentFactory, MembershipFactory, UserFactory
from tests.homework.factories import AssignmentFactory, SubmissionFactory, add_version, pdf_upload

LIMIT = 64 * 1024


def _stored_files() -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def team(db):
    cohort = CohortFactory()
    enrolment = EnrolmentFactory(cohort=cohort)
    contact = UserFactory(full_name="Tora Team")
    MembershipFactory(organisation=enrolment.organisation, user=contact)
    assignment = AssignmentFactory(cohort=cohort, max_file_size=LIMIT)
    submission = SubmissionFactory(assignment=assignment, organisation=enrolment.organisation)
    first = add_version(submission, contact, pdf_upload("plan.pdf", "Versjon 1"))
    return {"contact": contact, "submission": submission, "file": first.file, "first": first}


def _bomb_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (30 * 1024 * 1024))
    return buffer.getvalue()


def _pdf_of_size(size: int) -> bytes:
    data = pdf_bytes("Stor")
    return data + b"%" * (size - len(data))


BAD_FILES = {
    "elf renamed to pdf": ("rapport.pdf", b"\x7fELF\x02\x01\x01\x00" + b"\0" * 200, "application/pdf", "file_type"),
    "html disguised as png": (
        "bilde.png",
        b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        "image/png",
        "file_type",
    ),
    "svg with script": (
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "image/svg+xml",
        "file_type",
    ),
    "svg renamed to png": (
        "logo.png",
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>',
        "image/png",
        "file_type",
    ),
    "one byte over the limit": ("stor.pdf", _pdf_of_size(LIMIT + 1), "application/pdf", "too_large"),
    "empty file": ("tom.pdf", b"", "application/pdf", "empty"),
    "text with markup": ("notat.txt", b"hello <script>alert(1)</script>", "text/plain", "file_type"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_upload_is_refused_and_previous_version_intact(case, team, client):
    name, data, header, code = BAD_FILES[case]
    before_files = _stored_files()
    first = team["first"]
    first_bytes = first.stored.open("rb").read()
    client.force_login(team["contact"])
    response = client.post(
        reverse("homework:file_replace", args=[team["file"].pk]),
        {"upload": SimpleUploadedFile(name, data, content_type=header)},
        follow=True,
    )
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert len(shown) == 1 and shown[0] != ""
    assert list(SubmissionFileVersion.objects.filter(file=team["file"]).values_list("pk", flat=True)) == [first.pk]
    first.refresh_from_db()
    assert first.stored.open("rb").read() == first_bytes
    assert hashlib.sha256(first_bytes).hexdigest() == first.sha256
    assert _stored_files() == before_files
    # The same upload checked directly gives the expected reason.
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.check_upload(
            SimpleUploadedFile(name, data, content_type=header),
            allowed_types=["pdf", "docx", "png", "jpeg", "txt"],
            max_size=LIMIT,
        )
    assert refused.value.code == code


def test_zip_bomb_inside_docx_is_refused(team, client):
    before = _stored_files()
    client.force_login(team["contact"])
    response = client.post(
        reverse("homework:file_upload", args=[team["submission"].pk]),
        {"upload": SimpleUploadedFile("bombe.docx", _bomb_docx())},
        follow=True,
    )
    assert [m.message for m in response.context["messages"]] == [
        "Filen pakkes ut til langt mer enn størrelsen sin: den ser ut som en arkivbombe."
    ]
    assert team["submission"].files.count() == 1
    assert _stored_files() == before


def test_zip_bomb_with_lying_headers_is_caught_while_decompressing():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (30 * 1024 * 1024))
    data = bytearray(buffer.getvalue())
    # Rewrite the declared uncompressed size of every entry to 10 bytes (local and central headers).
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    for info in archive.infolist():
        local = info.header_offset
        data[local + 22 : local + 26] = (10).to_bytes(4, "little")
    central = data.rfind(b"PK\x01\x02")
    while central != -1:
        data[central + 24 : central + 28] = (10).to_bytes(4, "little")
        central = data.rfind(b"PK\x01\x02", 0, central)
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.check_upload(SimpleUploadedFile("x.docx", bytes(data)), allowed_types=["docx"], max_size=10**7)
    assert refused.value.code in {"archive_bomb", "archive_damaged"}


def test_archive_with_too_many_entries_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for n in range(uploads.MAX_ARCHIVE_ENTRIES + 1):
            archive.writestr(f"f{n}.txt", "x")
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.check_upload(SimpleUploadedFile("a.zip", buffer.getvalue()), allowed_types=["zip"], max_size=10**7)
    assert refused.value.code == "archive_entries"


def test_exactly_at_the_limit_is_accepted(team, client):
    client.force_login(team["contact"])
    client.post(
        reverse("homework:file_replace", args=[team["file"].pk]),
        {"upload": SimpleUploadedFile("akkurat.pdf", _pdf_of_size(LIMIT))},
    )
    assert list(team["file"].versions.values_list("number", "size")) == [(2, LIMIT), (1, team["first"].size)]


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\Windows\\plan.pdf", "plan.pdf"),
        ("faktura\u202efdp.exe", "fakturafdp.exe.pdf"),
        ("rapport\u200b\u2066.pdf", "rapport.pdf"),
        ("a\x00b\x1fc.pdf", "abc.pdf"),
    ],
)
def test_dangerous_names_are_sanitised_for_display_storage_and_download(raw, shown, team, client):
    client.force_login(team["contact"])
    client.post(
        reverse("homework:file_upload", args=[team["submission"].pk]),
        {"upload": SimpleUploadedFile(raw, pdf_bytes("Navn"), content_type="application/pdf")},
    )
    version = SubmissionFileVersion.objects.exclude(pk=team["first"].pk).get()
    assert version.original_name == shown
    # The storage name is ours: a random hex name under homework/, nothing from the uploader.
    stored = version.stored.name
    assert stored.startswith("homework/") and stored.endswith(".pdf")
    assert Path(stored).stem not in raw and len(Path(stored).stem) == 32
    page = client.get(team["submission"].get_absolute_url()).content.decode()
    assert shown in page and "\u202e" not in page and "../" not in page
    response = client.get(version.get_absolute_url())
    assert response["Content-Disposition"].startswith("attachment;")
    assert "\u202e" not in response["Content-Disposition"] and "/" not in response["Content-Disposition"].split("=")[1]


def test_very_long_name_is_cut_and_keeps_its_extension():
    name = uploads.sanitise_filename("å" * 400 + ".docx")
    assert len(name) == uploads.MAX_NAME_LENGTH and name.endswith(".docx")


def test_content_length_over_limit_is_refused_before_reading(team, client):
    client.force_login(team["contact"])
    url = reverse("homework:file_upload", args=[team["submission"].pk])
    response = client.generic(
        "POST",
        url,
        b"x" * 10,
        content_type="multipart/form-data; boundary=zz",
        CONTENT_LENGTH=str(LIMIT + uploads.REQUEST_OVERHEAD + 1),
    )
    assert response.status_code == 302
    assert team["submission"].files.count() == 1


def test_good_types_are_detected_by_content_not_name():
    detected = {}
    for name, data in [("a.bin", pdf_bytes("x")), ("b.pdf", docx_bytes("x"))]:
        checked = uploads.check_upload(
            SimpleUploadedFile(name, data, content_type="application/octet-stream"),
            allowed_types=["pdf", "docx"],
            max_size=10**6,
        )
        detected[name] = (checked.file_type, checked.content_type, checked.name)
    assert detected == {
        "a.bin": ("pdf", "application/pdf", "a.bin.pdf"),
        "b.pdf": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "b.pdf.docx"),
    }


def test_upload_views_still_check_csrf(team):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(team["contact"])
    url = reverse("homework:file_upload", args=[team["submission"].pk])
    assert client.post(url, {"upload": pdf_upload("uten.pdf")}).status_code == 403
    assert team["submission"].files.count() == 1
    page = client.get(team["submission"].get_absolute_url())
    token = page.cookies["csrftoken"].value
    response = client.post(url, {"upload": pdf_upload("med.pdf"), "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert team["submission"].files.count() == 2
    feedback = reverse("homework:feedback_add", args=[team["submission"].pk])
    assert client.post(feedback, {"body": "hei"}).status_code == 403


def test_a_failed_store_leaves_no_file_behind(team):
    from django.db import IntegrityError

    from homework import services

    before = _stored_files()
    good = uploads.check_upload(pdf_upload("ok.pdf"), allowed_types=["pdf"], max_size=LIMIT)
    # A forged check result that the database refuses (a version may never be empty).
    forged = uploads.CheckedUpload(
        upload=good.upload, name="x.pdf", file_type="pdf", content_type="application/pdf", size=0, sha256=good.sha256
    )
    with pytest.raises(IntegrityError):
        services.add_file(team["submission"], forged, actor=team["contact"])
    assert _stored_files() == before
    assert team["submission"].files.count() == 1
