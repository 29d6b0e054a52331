"""Plain text out of uploaded files, for the search index: PDF (pypdf), Word and PowerPoint
(Office Open XML), OpenDocument text and presentations, plain text.

Files reach this module only after the upload checks (type by content, archive bombs refused), so
the limits here are a second line: at most ``MAX_CHARS`` characters and ``MAX_PDF_PAGES`` pages are
read, XML is parsed by defusedxml (no entities, no external references), and a
file that cannot be read yields no text rather than an error: the item stays findable by its title.
"""

from __future__ import annotations

import logging
import re
import zipfile

from defusedxml import ElementTree
from pypdf import PdfReader

logger = logging.getLogger(__name__)

MAX_CHARS = 200_000
MAX_PDF_PAGES = 300
MAX_XML_BYTES = 20 * 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str) -> str:
    """No control characters (the search uses two of them to mark highlights), tidy whitespace,
    bounded length."""
    text = _CONTROL.sub(" ", text)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r"\n\s*\n+", "\n\n", text)
    return text.strip()[:MAX_CHARS]


def _pdf(handle) -> str:
    reader = PdfReader(handle)
    parts: list[str] = []
    size = 0
    for number, page in enumerate(reader.pages):
        if number >= MAX_PDF_PAGES or size > MAX_CHARS:
            break
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
    return "\n\n".join(parts)


def _xml_paragraphs(data: bytes, paragraph_tags: set[str], text_tags: set[str] | None) -> list[str]:
    """Text per paragraph: with ``text_tags``, only those elements' text (Word's ``w:t``); without,
    all text inside each paragraph (OpenDocument nests spans)."""
    root = ElementTree.fromstring(data)
    paragraphs: list[str] = []
    for element in root.iter():
        if element.tag not in paragraph_tags:
            continue
        if text_tags is None:
            text = "".join(element.itertext())
        else:
            text = "".join(node.text or "" for node in element.iter() if node.tag in text_tags)
        if text.strip():
            paragraphs.append(text)
    return paragraphs


def _read_entry(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > MAX_XML_BYTES:
        raise ValueError(f"{name} is too large to index")
    return archive.read(info)


def _docx(handle) -> str:
    with zipfile.ZipFile(handle) as archive:
        data = _read_entry(archive, "word/document.xml")
    return "\n".join(_xml_paragraphs(data, {f"{_W}p"}, {f"{_W}t"}))


def _pptx(handle) -> str:
    with zipfile.ZipFile(handle) as archive:
        slides = sorted(
            (n for n in archive.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
            key=lambda n: int(re.sub(r"\D", "", n)),
        )
        texts = [p for name in slides for p in _xml_paragraphs(_read_entry(archive, name), {f"{_A}p"}, {f"{_A}t"})]
    return "\n".join(texts)


def _odf(handle) -> str:
    with zipfile.ZipFile(handle) as archive:
        data = _read_entry(archive, "content.xml")
    return "\n".join(_xml_paragraphs(data, {f"{_TEXT}p", f"{_TEXT}h"}, None))


def _txt(handle) -> str:
    return handle.read(MAX_CHARS * 4).decode("utf-8", errors="replace")


EXTRACTORS = {"pdf": _pdf, "docx": _docx, "pptx": _pptx, "odt": _odf, "odp": _odf, "txt": _txt}


def extract_text(fieldfile, file_type: str) -> str:
    """The text of a stored file, or "" when its type holds no text we read or it cannot be read."""
    extractor = EXTRACTORS.get(file_type)
    if extractor is None or not fieldfile:
        return ""
    try:
        with fieldfile.open("rb") as handle:
            return clean(extractor(handle))
    except Exception:  # a damaged file must not stop indexing; its title stays searchable
        logger.warning("Could not extract text from %s (%s)", fieldfile.name, file_type, exc_info=True)
        return ""
