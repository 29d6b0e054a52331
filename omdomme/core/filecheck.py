"""Risky content inside files we otherwise accept: one check for every upload (homework files,
feedback attachments, programme materials).

``refuse_risky_content(upload, kind)`` runs after the type has been found from the content and
raises ``ValidationError`` with a clear message when the file carries something that can act on the
reader's machine:

* PDF (parsed with pypdf, so compressed object streams and ``#xx``-escaped names are seen): JavaScript,
  launch actions, embedded files and file-attachment annotations;
* Office Open XML and OpenDocument: macro parts (``vbaProject.bin``, ActiveX, Excel 4 macro sheets,
  macro-enabled content types, ``Basic/`` and ``Scripts/``);
* every ZIP-based file: entries that are programs, web pages or (in plain archives) SVG images, and
  entry names that climb out (``../``) or are absolute;
* any file: the EICAR anti-virus test signature.

Names, sizes and archive bombs are checked by the caller (``homework.uploads.check_upload``).
"""

from __future__ import annotations

import re
import zipfile
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

OFFICE_KINDS = {"docx", "xlsx", "pptx", "odt", "ods", "odp"}
ZIP_KINDS = OFFICE_KINDS | {"zip"}

EICAR = b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE"
_PROGRAM_SUFFIXES = (
    ".exe", ".dll", ".com", ".scr", ".msi", ".msp", ".bat", ".cmd", ".ps1", ".psm1", ".vbs", ".vbe", ".js",
    ".jse", ".wsf", ".wsh", ".hta", ".jar", ".lnk", ".sh", ".app", ".cpl", ".reg", ".pif", ".apk", ".elf",
)  # fmt: skip
_WEB_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".mht", ".mhtml", ".svg", ".svgz")
_PROGRAM_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")
_MACRO_PARTS = re.compile(r"(^|/)(vbaproject\.bin|vbadata\.xml|activex/|macrosheets/)|^(basic|scripts)/", re.I)
_PDF_ACTIONS = {"/JavaScript", "/JS", "/Launch", "/EmbeddedFiles", "/EmbeddedFile", "/RichMedia", "/XFA"}
_PDF_ACTION_TYPES = {"/JavaScript", "/Launch", "/ImportData", "/RichMedia"}
_SCAN_CHUNK = 1024 * 1024
_MAX_PDF_OBJECTS = 200_000


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def refuse_risky_content(upload: IO[bytes], kind: str) -> None:
    """Raise ``ValidationError`` if the file (already typed as ``kind``) carries risky content."""
    _check_eicar(upload)
    if kind == "pdf":
        _check_pdf(upload)
    elif kind in ZIP_KINDS:
        _check_archive(upload, office=kind in OFFICE_KINDS)


def _virus() -> ValidationError:
    return _refuse(_("The file contains a virus signature and was not accepted."), "virus")


def _check_eicar(upload: IO[bytes]) -> None:
    upload.seek(0)
    tail = b""
    while chunk := upload.read(_SCAN_CHUNK):
        if EICAR in tail + chunk:
            upload.seek(0)
            raise _virus()
        tail = chunk[-len(EICAR) :]
    upload.seek(0)


def _check_pdf(upload: IO[bytes]) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    active = _refuse(
        _(
            "The PDF contains JavaScript, a launch action or embedded files, which are not accepted. "
            "Save it again as a plain PDF (for example with “Print to PDF”) and upload that."
        ),
        "pdf_active",
    )
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _refuse(_("Password-protected PDF files are not accepted."), "pdf_encrypted")
        seen: set[tuple[int, int]] = set()
        stack: list = [reader.trailer]
        while stack:
            node = stack.pop()
            if isinstance(node, IndirectObject):
                ref = (node.idnum, node.generation)
                if ref in seen:
                    continue
                seen.add(ref)
                if len(seen) > _MAX_PDF_OBJECTS:
                    raise _refuse(_("The PDF is too complex to check."), "pdf_complex")
                node = node.get_object()
            if isinstance(node, DictionaryObject):
                if _PDF_ACTIONS & set(node.keys()):
                    raise active
                if node.get("/S") in _PDF_ACTION_TYPES or node.get("/Subtype") == "/FileAttachment":
                    raise active
                stack.extend(node.values())
            elif isinstance(node, ArrayObject):
                stack.extend(node)
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError, OSError) as exc:
        raise _refuse(_("The PDF could not be read. Save it again as PDF and try once more."), "pdf_damaged") from exc
    finally:
        upload.seek(0)


def _unsafe_name(name: str) -> bool:
    parts = re.split(r"[/\\]", name)
    return name.startswith(("/", "\\")) or bool(re.match(r"^[A-Za-z]:", name)) or ".." in parts


def _check_archive(upload: IO[bytes], *, office: bool) -> None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            for entry in entries:
                if _unsafe_name(entry.filename):
                    raise _refuse(
                        _(
                            "The archive holds a file name that points outside it (%(name)s). "
                            "Such files are not accepted."
                        )
                        % {"name": entry.filename[:80]},
                        "archive_path",
                    )
            if office and _has_macros(archive, entries):
                raise _refuse(
                    _(
                        "The document contains macros, which are not accepted. Save it as an ordinary document "
                        "without macros (such as .docx, .xlsx or .odt) and upload that."
                    ),
                    "macros",
                )
            refused = []
            for entry in entries:
                if entry.is_dir():
                    continue
                lower = entry.filename.lower()
                suffixes = _PROGRAM_SUFFIXES + (_WEB_SUFFIXES if not office else _WEB_SUFFIXES[:-2])
                with archive.open(entry) as stream:
                    head = stream.read(4096)
                    if lower.endswith(suffixes) or head.startswith(_PROGRAM_MAGIC) or _looks_like_markup(head):
                        refused.append(entry.filename)
                    elif EICAR in head:
                        raise _virus()
            if refused:
                raise _refuse(
                    _("The archive holds programs or web pages, which are not accepted: %(names)s.")
                    % {"names": ", ".join(name[:80] for name in refused[:5])},
                    "archive_content",
                )
    except ValidationError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError) as exc:
        raise _refuse(_("The file is a damaged or unsupported archive."), "archive_damaged") from exc
    finally:
        upload.seek(0)


def _looks_like_markup(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html", b"<svg", b"<script"))


def _has_macros(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> bool:
    if any(_MACRO_PARTS.search(e.filename) for e in entries):
        return True
    names = {e.filename for e in entries}
    for manifest in ("[Content_Types].xml", "META-INF/manifest.xml"):
        if manifest in names:
            text = archive.read(manifest)[: 1024 * 1024].lower()
            if b"macroenabled" in text or b"vbaproject" in text or b"ms-office.activex" in text:
                return True
    return False
