"""Programme materials: staff upload (checked like homework) and publish; participants find them on
the programme page and in the participant pack; the download checks access."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from cohorts import services as cohort_services
from homework.samples import pdf_bytes
from omdomme.packs.services import render_pack
from sessions import materials
from sessions.models import Material, MaterialKind, MaterialStatus
from tests.factories import MembershipFactory, UserFactory
from tests.gatherings.factories import GatheringFactory, ProgrammeItemFactory

from .factories import file_material

pytestmark = pytest.mark.django_db


@pytest.fixture
def gathering(world):
    return GatheringFactory(cohort=world.cohort, title="Samling på Stiklestad")


def _pdf(name="lysark.pdf", text="Lysark om omdømme"):
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


def test_staff_upload_a_draft_publish_it_and_the_cohort_downloads_it(world, gathering, client_for):
    item = ProgrammeItemFactory(gathering=gathering, title="Hva er omdømme?")
    staff = client_for(world.staff)
    response = staff.post(
        reverse("knowledge:material_create", args=[gathering.pk]),
        {"title": "Lysark: Hva er omdømme?", "kind": "file", "programme_item": item.pk, "upload": _pdf()},
    )
    assert response.status_code == 302
    material = Material.objects.get()
    assert (material.status, material.programme_item, material.file_name) == (
        MaterialStatus.DRAFT,
        item,
        "lysark.pdf",
    )
    programme = reverse("gatherings:programme", args=[gathering.pk])
    contact = client_for(world.contact_a)
    assert "Lysark: Hva er omdømme?" not in contact.get(programme).content.decode()
    assert contact.get(material.get_absolute_url()).status_code == 404  # a draft

    client_for(world.staff).post(reverse("knowledge:material_publish", args=[material.pk]), {"publish": "1"})
    contact = client_for(world.contact_a)
    page = contact.get(programme).content.decode()
    assert f'href="{material.get_absolute_url()}"' in page
    download = contact.get(material.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf_bytes("Lysark om omdømme")
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Cache-Control"] == "private, no-store"


def test_a_refused_file_is_not_stored_and_the_form_says_why(world, gathering, client_for):
    html = SimpleUploadedFile("lysark.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    response = client_for(world.staff).post(
        reverse("knowledge:material_create", args=[gathering.pk]),
        {"title": "Farlig", "kind": "file", "upload": html},
    )
    assert response.status_code == 200
    assert Material.objects.count() == 0
    assert response.context["form"].errors["upload"]


def test_a_link_material_needs_an_address(world, gathering, client_for):
    url = reverse("knowledge:material_create", args=[gathering.pk])
    response = client_for(world.staff).post(url, {"title": "Film", "kind": "link"})
    assert response.status_code == 200 and Material.objects.count() == 0
    client_for(world.staff).post(url, {"title": "Film", "kind": "link", "url": "https://example.no/film"})
    assert Material.objects.get().url == "https://example.no/film"


def test_a_programme_item_of_another_gathering_is_refused(world, gathering):
    other_item = ProgrammeItemFactory(gathering=GatheringFactory(cohort=world.cohort))
    with pytest.raises(materials.MaterialError):
        materials.create_material(
            gathering,
            actor=world.staff,
            title="X",
            kind=MaterialKind.LINK,
            url="https://x.no",
            programme_item=other_item,
        )


def test_alumni_of_other_cohorts_download_only_what_is_shared_with_all_cohorts(world, gathering, client_for):
    only_cohort = file_material(gathering, world.staff, title="Bare for kullet", text="a")
    for_all = file_material(gathering, world.staff, title="For alle", text="b", for_alumni=True)
    gamma = UserFactory(email="kontakt@gamma.kommune.no")
    MembershipFactory(organisation=world.org_c, user=gamma)  # org C is in the 2025 cohort
    client = client_for(gamma)
    assert client.get(only_cohort.get_absolute_url()).status_code == 404
    assert client.get(for_all.get_absolute_url()).status_code == 200
    cohort_services.end_alumni_access(gamma, actor=world.staff)
    assert client_for(gamma).get(for_all.get_absolute_url()).status_code == 404
    assert client_for(world.outsider).get(for_all.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("count", [1, 12])
def test_programme_page_queries_do_not_grow_with_materials(
    world, gathering, client_for, count, django_assert_num_queries
):
    item = ProgrammeItemFactory(gathering=gathering)
    for n in range(count):
        file_material(gathering, world.staff, title=f"Lysark {n}", text="x", item=item if n % 2 else None)
    client = client_for(world.contact_a)
    with django_assert_num_queries(6):
        response = client.get(reverse("gatherings:programme", args=[gathering.pk]))
    assert response.content.decode().count('id="material-') == count


def test_the_participant_pack_lists_published_materials(world, gathering):
    file_material(gathering, world.staff, title="Lysark fra Stiklestad", text="x")
    file_material(gathering, world.staff, title="Ikke ferdig", text="x", publish=False)
    pack = render_pack(gathering, world.org_a)
    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(Path(pack.file.path).read_bytes())).pages)
    assert "Lysark fra Stiklestad" in text
    assert "Ikke ferdig" not in text


def test_staff_remove_a_material_and_its_file(world, gathering, client_for, django_capture_on_commit_callbacks):
    material = file_material(gathering, world.staff, title="Gammelt", text="x")
    path = Path(material.stored.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(world.staff).post(reverse("knowledge:material_delete", args=[material.pk]), {"confirmed": "1"})
    assert not Material.objects.exists()
    assert not path.exists()
