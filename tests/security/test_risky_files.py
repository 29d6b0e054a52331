"""Risky files are refused through the real upload view with a clear Norwegian message, and the
previous version stays intact (omdomme/core/filecheck.py, called by homework.uploads.check_upload)."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter

from homework import uploads
from homework.models import FeedbackEntry, SubmissionFileVersion
from homework.samples import docx_bytes, pdf_bytes
from tests.factories import CohortFactory, EnrolmentFactory, MembershipFactory, UserFactory
from tests.homework.factories import AssignmentFactory, SubmissionFactory, add_version, pdf_upload

ALL_TYPES = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "png", "jpeg", "txt", "zip"]
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def _pdf(catalog_extra: bytes = b"", extra_objects: tuple[bytes, ...] = ()) -> bytes:
    """A one-page PDF written by hand, with extra entries in its catalog and extra objects (6, 7 …)."""
    stream = b"BT /F1 14 Tf 72 760 Td (Plan) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *extra_objects,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _pdf_with_attachment() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_attachment("faktura.exe", b"MZ\x90\x00 not really a program")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _docx_with(entries: dict[str, bytes]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx_bytes("Plan"))) as source:
        base = {info.filename: source.read(info) for info in source.infolist()}
    return _zip({**base, **entries})


MACRO_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>'
    b"</Types>"
)
PDF_MESSAGE = (
    "PDF-en inneholder JavaScript, en starthandling eller innebygde filer, og det tar vi ikke imot. "
    "Lagre den på nytt som en vanlig PDF (for eksempel med «Skriv ut til PDF») og last opp den."
)
MACRO_MESSAGE = (
    "Dokumentet inneholder makroer, og det tar vi ikke imot. Lagre det som et vanlig dokument uten "
    "makroer (som .docx, .xlsx eller .odt) og last opp det."
)
VIRUS_MESSAGE = "Filen inneholder en virussignatur og ble ikke tatt imot."

RISKY = {
    "pdf with javascript": ("plan.pdf", _pdf(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"), PDF_MESSAGE),
    "pdf with javascript in the names tree": (
        "plan.pdf",
        _pdf(b"/Names << /JavaScript << /Names [(a) 6 0 R] >> >>", (b"<< /S /JavaScript /JS (app.alert(1)) >>",)),
        PDF_MESSAGE,
    ),
    "pdf with escaped javascript name": (
        "plan.pdf",
        _pdf(b"/OpenAction 6 0 R", (b"<< /S /J#61vaScript >>",)),
        PDF_MESSAGE,
    ),
    "pdf with launch action": ("plan.pdf", _pdf(b"/OpenAction << /S /Launch /F (calc.exe) >>"), PDF_MESSAGE),
    "pdf with embedded file": ("plan.pdf", _pdf_with_attachment(), PDF_MESSAGE),
    "macro workbook renamed xlsx": (
        "budsjett.xlsx",
        _zip(
            {
                "[Content_Types].xml": MACRO_CONTENT_TYPES,
                "xl/workbook.xml": b"<workbook/>",
                "xl/vbaProject.bin": b"\xd0\xcf",
            }
        ),
        MACRO_MESSAGE,
    ),
    "odt with basic macros": (
        "plan.odt",
        _zip(
            {
                "mimetype": b"application/vnd.oasis.opendocument.text",
                "content.xml": b"<x/>",
                "Basic/Standard/M.xml": b"<m/>",
            }
        ),
        MACRO_MESSAGE,
    ),
    "docx with exe entry": (
        "plan.docx",
        _docx_with({"word/embeddings/oppdatering.exe": b"MZ\x90\x00"}),
        "Arkivet inneholder programmer eller nettsider, og det tar vi ikke imot: word/embeddings/oppdatering.exe.",
    ),
    "docx with html entry": (
        "plan.docx",
        _docx_with({"word/side.html": b"<html><script>alert(1)</script></html>"}),
        "Arkivet inneholder programmer eller nettsider, og det tar vi ikke imot: word/side.html.",
    ),
    "zip with exe": (
        "vedlegg.zip",
        _zip({"les.txt": b"hei", "setup.exe": b"MZ\x90\x00"}),
        "Arkivet inneholder programmer eller nettsider, og det tar vi ikke imot: setup.exe.",
    ),
    "zip with svg": (
        "vedlegg.zip",
        _zip({"logo.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>"}),
        "Arkivet inneholder programmer eller nettsider, og det tar vi ikke imot: logo.svg.",
    ),
    "zip with a program under an innocent name": (
        "vedlegg.zip",
        _zip({"bilde.dat": b"\x7fELF\x02\x01\x01"}),
        "Arkivet inneholder programmer eller nettsider, og det tar vi ikke imot: bilde.dat.",
    ),
    "zip with dot-dot entry": (
        "vedlegg.zip",
        _zip({"../../etc/cron.d/x": b"hei"}),
        "Arkivet har et filnavn som peker ut av arkivet (../../etc/cron.d/x). Slike filer tar vi ikke imot.",
    ),
    "zip with absolute entry": (
        "vedlegg.zip",
        _zip({"/etc/passwd": b"hei"}),
        "Arkivet har et filnavn som peker ut av arkivet (/etc/passwd). Slike filer tar vi ikke imot.",
    ),
    "docx with dot-dot entry": (
        "plan.docx",
        _docx_with({"word/../../x.xml": b"<x/>"}),
        "Arkivet har et filnavn som peker ut av arkivet (word/../../x.xml). Slike filer tar vi ikke imot.",
    ),
    "eicar as txt": ("notat.txt", EICAR, VIRUS_MESSAGE),
    "eicar inside a zip": ("vedlegg.zip", _zip({"notat.txt": EICAR}), VIRUS_MESSAGE),
}


@pytest.fixture
def team(db):
    cohort = CohortFactory()
    enrolment = EnrolmentFactory(cohort=cohort)
    contact = UserFactory(full_name="Tora Team", language="nb")
    MembershipFactory(organisation=enrolment.organisation, user=contact)
    assignment = AssignmentFactory(cohort=cohort, max_file_size=1024 * 1024, allowed_types=",".join(ALL_TYPES))
    submission = SubmissionFactory(assignment=assignment, organisation=enrolment.organisation)
    first = add_version(submission, contact, pdf_upload("plan.pdf", "Versjon 1"))
    return {"contact": contact, "submission": submission, "file": first.file, "first": first}


@pytest.mark.parametrize("case", sorted(RISKY))
def test_risky_file_is_refused_with_a_message_and_the_previous_version_stays(case, team, client):
    name, data, message = RISKY[case]
    first = team["first"]
    first_bytes = first.stored.open("rb").read()
    client.force_login(team["contact"])
    response = client.post(
        reverse("homework:file_replace", args=[team["file"].pk]),
        {"upload": SimpleUploadedFile(name, data, content_type="application/octet-stream")},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [message]
    assert list(SubmissionFileVersion.objects.filter(file=team["file"]).values_list("pk", flat=True)) == [first.pk]
    first.refresh_from_db()
    assert first.stored.open("rb").read() == first_bytes
    assert hashlib.sha256(first_bytes).hexdigest() == first.sha256


@pytest.mark.parametrize(
    "name,data",
    [
        ("plan.pdf", pdf_bytes("Helt vanlig")),
        ("plan.docx", docx_bytes("Helt vanlig")),
        ("vedlegg.zip", _zip({"plan.pdf": pdf_bytes("A"), "notater/les.txt": b"hei", "bilde.png": b"\x89PNG"})),
        ("notat.txt", b"EICAR er et testvirus, men denne teksten er ikke det."),
    ],
)
def test_ordinary_files_are_still_accepted(name, data):
    checked = uploads.check_upload(SimpleUploadedFile(name, data), allowed_types=ALL_TYPES, max_size=1024 * 1024)
    assert checked.name == name


def test_a_refused_feedback_attachment_keeps_the_message_in_the_form(team, client):
    client.force_login(team["contact"])
    text = "Her er planen vår, se vedlegget.\nHilsen Tora"
    response = client.post(
        reverse("homework:feedback_add", args=[team["submission"].pk]),
        {"body": text, "upload": SimpleUploadedFile("plan.pdf", RISKY["pdf with javascript"][1])},
    )
    assert response.status_code == 200
    form = response.context["feedback_form"]
    assert form["body"].value() == text
    assert form.errors["upload"] == [PDF_MESSAGE]
    assert not FeedbackEntry.objects.exists()
