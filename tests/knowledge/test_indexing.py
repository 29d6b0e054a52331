"""The index follows publishing (post_save → Celery task on commit), the rebuild command, and text
extraction from PDF, Word, PowerPoint and OpenDocument files."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Value

from homework.samples import docx_bytes, pdf_bytes
from omdomme.knowledge.extract import extract_text
from omdomme.knowledge.indexing import search_vector
from omdomme.knowledge.models import SearchDocument
from omdomme.knowledge.services import publish_case
from sessions import materials
from tests.gatherings.factories import GatheringFactory

from .factories import case, file_material, odt_bytes

pytestmark = pytest.mark.django_db


class _Field:
    """Just enough of a FieldFile for ``extract_text``."""

    def __init__(self, data: bytes):
        self.name = "x"
        self._data = data

    def __bool__(self):
        return True

    def open(self, mode="rb"):
        return io.BytesIO(self._data)


def _pptx(text: str) -> bytes:
    slide = (
        '<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody>'
        f"<a:p><a:r><a:t>{text}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/slides/slide1.xml", slide)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("file_type", "data", "expected"),
    [
        ("pdf", pdf_bytes("Kommunane i regionen"), "Kommunane i regionen"),
        ("docx", docx_bytes("Første linje\nAndre linje"), "Første linje\nAndre linje"),
        ("odt", odt_bytes("Innbyggarundersøkinga"), "Innbyggarundersøkinga"),
        ("pptx", _pptx("Lysark om omdømme"), "Lysark om omdømme"),
        ("txt", b"Vanleg tekst\x02", "Vanleg tekst"),
        ("png", b"\x89PNG", ""),
        ("pdf", b"%PDF-1.4 broken", ""),
        ("docx", b"PK\x03\x04 not a zip", ""),
    ],
)
def test_extract_text(file_type, data, expected):
    assert extract_text(_Field(data), file_type) == expected


def test_entity_expansion_is_refused():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
        "<w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", bomb)
    assert extract_text(_Field(buffer.getvalue()), "docx") == ""


def test_publishing_enqueues_indexing_on_commit(world, django_capture_on_commit_callbacks):
    gathering = GatheringFactory(cohort=world.cohort)
    with django_capture_on_commit_callbacks(execute=True):
        material = file_material(gathering, world.staff, title="Lysark", text="Stedsutvikling", publish=False)
    SearchDocument.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        materials.publish_material(material, actor=world.staff)
    index_tasks = [c for c in callbacks if c.__qualname__.startswith("enqueue.")]  # not the cache bumps
    assert len(index_tasks) == 1  # the index task, run eagerly here
    doc = SearchDocument.objects.get(material=material)
    assert "Stedsutvikling" in doc.body
    with django_capture_on_commit_callbacks(execute=True):
        materials.publish_material(material, actor=world.staff, publish=False)
    assert not SearchDocument.objects.filter(material=material).exists()


def test_rebuild_command_restores_the_index(world, capsys):
    story = case(world.org_a, world.cohort, title="Casen", summary="Ambassadører")
    draft = case(world.org_a, world.cohort, title="Utkast", summary="x", publish=False)
    SearchDocument.objects.all().delete()
    SearchDocument.objects.create(kind="case", case=draft, title="stale", url="/")  # no longer searchable
    call_command("rebuild_knowledge_index")
    assert list(SearchDocument.objects.values_list("case_id", flat=True)) == [story.pk]
    assert "1" in capsys.readouterr().out
    publish_case(story, actor=world.staff, publish=False)
    call_command("rebuild_knowledge_index")
    assert SearchDocument.objects.count() == 0


def test_vectors_stay_in_their_rows():
    # A vector read back from the TOAST table costs more than matching and ranking it: a search for
    # a word found in most documents would read thousands of them.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute WHERE attrelid = 'knowledge_searchdocument'::regclass "
            "AND attname = 'vector'"
        )
        assert cursor.fetchone() == ("m",)  # STORAGE MAIN


def test_a_vector_computed_while_inserting_is_the_indexed_vector(world):
    # The load data inserts rows with their vectors (``search_vector`` of values) instead of indexing
    # them afterwards; both must give the same vector.
    story = case(world.org_a, world.cohort, title="Kommunane og omdømmet", summary="Eg trur kommunen lukkast.")
    indexed = SearchDocument.objects.get(case=story)
    fields = {f: getattr(indexed, f) for f in ("kind", "title", "body", "url", "year", "organisation_kind")}
    indexed.delete()
    (inserted,) = SearchDocument.objects.bulk_create(
        [SearchDocument(case=story, vector=search_vector(Value(fields["title"]), Value(fields["body"])), **fields)]
    )
    assert SearchDocument.objects.get(pk=inserted.pk).vector == indexed.vector
