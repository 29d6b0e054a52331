from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from omdomme.packs.models import PackStatus, ParticipantPack
from omdomme.packs.services import pack_inputs, render_pack, request_packs, stale_ids

from . import factories as f

pytestmark = pytest.mark.django_db

PROGRAMME = [
    "Velkommen til Stiklestad",
    "Hva er omdømme?",
    "Lavthengende frukt: å høste først",
    "Kommuneplanen som anker",
]


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


@pytest.fixture
def setup(world):
    world.cohort.contacts.add(world.staff)
    g = f.gathering(world.cohort, starts_on=date(2026, 9, 22))
    for n, title in enumerate(PROGRAMME):
        f.programme_item(g, title, day_offset=n % 2, hour=9 + n, speakers="Ærlige Åse Øvrebø")
    f.booked_slot(g, world.org_a, world.advisor, starts_at=f.local(g.starts_on, 13, 40), room="Rom Æ")
    f.booked_slot(g, world.org_a, world.advisor, starts_at=f.local(g.ends_on, 11, 15), room="Rom Ø", ordinal=2)
    f.booked_slot(g, world.org_b, world.advisor, starts_at=f.local(g.starts_on, 14, 10), room="Rom B")
    f.register(g, world.contact_a, world.org_a)
    f.register(g, world.contact_b, world.org_b)
    before = f.assignment(world.cohort, due_at=f.local(date(2026, 9, 15), 12), title="Omdømmeanalyse før samlingen")
    f.assignment(world.cohort, due_at=f.local(date(2026, 10, 20), 12), title="Tiltaksplan etter samlingen")
    f.submit(before, world.org_a)
    return g


def test_pack_pdf_has_everything_in_the_organisations_language(world, setup):
    world.contact_a.language = "nn"
    world.contact_a.save()
    pack = render_pack(setup, world.org_a)
    assert (pack.status, pack.language) == (PackStatus.READY, "nn")
    pdf = Path(pack.file.path).read_bytes()
    reader = PdfReader(BytesIO(pdf))
    assert reader.pages[0].mediabox.width == pytest.approx(595.3, abs=1)  # A4
    text = _text(pdf)
    for expected in [
        "Alfa kommune",
        "Stiklestad nasjonale kultursenter",
        "Omdømmeskolen 2026",
        *PROGRAMME,
        "Ærlige Åse Øvrebø",
        "13:40–14:00",
        "11:15–11:35",
        "Rom Æ",
        "Rådgiver Rune",
        "Omdømmeanalyse før samlingen",
        "Tiltaksplan etter samlingen",
        "Kari Alfa",
        "Bjørn Beta",
        "Stine Stab",
        "Tog til Verdal",
        "Program",
        "Praktisk informasjon",
        "Deltakarar",
    ]:
        assert expected in text, expected
    assert "14:10" not in text  # org B's booking is not in org A's pack
    assert f"1 / {len(reader.pages)}" in _text(pdf) or f"2 / {len(reader.pages)}" in text  # page numbers


def test_stale_when_inputs_change_and_build_packs_command(world, setup, capsys):
    pack = render_pack(setup, world.org_a)
    assert stale_ids(setup, [pack]) == set()
    f.programme_item(setup, "Nytt innslag", hour=16)
    assert stale_ids(setup, [pack]) == {pack.pk}
    call_command("build_packs", "--gathering", str(setup.pk))
    paths = capsys.readouterr().out.split()
    assert len(paths) == 2 and all(Path(p).read_bytes().startswith(b"%PDF") for p in paths)
    assert not Path(pack.file.path).exists() or Path(pack.file.path).as_posix() in paths
    assert stale_ids(setup, list(ParticipantPack.objects.all())) == set()


def test_fingerprint_differs_per_organisation(world, setup):
    inputs = pack_inputs(setup, [world.org_a, world.org_b])
    assert inputs.fingerprint(world.org_a.pk) != inputs.fingerprint(world.org_b.pk)


def test_staff_generate_all_then_download_each_and_zip(world, setup, client_for, django_capture_on_commit_callbacks):
    client = client_for(world.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("packs:gathering_packs_generate", args=[setup.pk]))
    assert response.status_code == 302
    assert sorted(ParticipantPack.objects.values_list("organisation__name", "status")) == [
        ("Alfa kommune", "ready"),
        ("Beta kommune", "ready"),
    ]
    progress = client.get(reverse("packs:gathering_packs_progress", args=[setup.pk]))
    assert "2 av 2 pakker er klare" in progress.content.decode()
    assert b"hx-trigger" not in progress.content  # done: it stops polling
    zip_response = client.get(reverse("packs:gathering_packs_zip", args=[setup.pk]))
    assert zip_response["Content-Type"] == "application/zip"
    import zipfile

    names = zipfile.ZipFile(BytesIO(zip_response.content)).namelist()
    assert sorted(names) == [f"alfa-kommune-{setup.pk}.pdf", f"beta-kommune-{setup.pk}.pdf"]


def test_contacts_download_their_own_pack_only(world, setup, client_for):
    pack_a = render_pack(setup, world.org_a)
    pack_b = render_pack(setup, world.org_b)
    client = client_for(world.contact_a)
    response = client.get(pack_a.get_absolute_url())
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get(pack_b.get_absolute_url()).status_code == 404
    assert client.get(reverse("packs:pack_mine", args=[setup.pk, world.org_b.pk])).status_code == 404
    page = client.get(reverse("packs:pack_mine", args=[setup.pk, world.org_a.pk]))
    assert pack_a.get_absolute_url() in page.content.decode()
    org_page = client.get(world.org_a.get_absolute_url()).content.decode()
    assert reverse("packs:pack_mine", args=[setup.pk, world.org_a.pk]) in org_page


def test_request_packs_refuses_an_empty_cohort(world):
    from cohorts.models import Enrolment

    g = f.gathering(world.other_cohort, starts_on=date(2026, 10, 1))
    Enrolment.objects.filter(cohort=world.other_cohort).delete()
    with pytest.raises(Exception, match="Ingen organisasjoner"):
        request_packs(g, actor=world.staff)
