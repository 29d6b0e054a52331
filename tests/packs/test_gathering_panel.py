"""The gathering page shows participant packs: staff reach the generator, a contact their own
organisation's pack and nobody else's."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from omdomme.packs.models import PackStatus, ParticipantPack

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def gathering_with_packs(world):
    g = f.gathering(world.cohort, starts_on=date(2026, 9, 22))
    for org in (world.org_a, world.org_b):
        pack = ParticipantPack(gathering=g, organisation=org, status=PackStatus.READY, rendered_at=timezone.now())
        pack.file.save(f"{org.pk}.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return g


def test_staff_see_the_way_to_the_generator(world, client_for, gathering_with_packs):
    body = client_for(world.staff).get(gathering_with_packs.get_absolute_url()).content.decode()
    assert reverse("packs:gathering_packs", args=[gathering_with_packs.pk]) in body


def test_a_contact_sees_only_their_own_organisations_pack(world, client_for, gathering_with_packs):
    body = client_for(world.contact_a).get(gathering_with_packs.get_absolute_url()).content.decode()
    own = reverse("packs:pack_mine", args=[gathering_with_packs.pk, world.org_a.pk])
    other = reverse("packs:pack_mine", args=[gathering_with_packs.pk, world.org_b.pk])
    assert own in body
    assert other not in body
    assert "Deltakerpakke for Alfa kommune" in body
    assert reverse("packs:gathering_packs", args=[gathering_with_packs.pk]) not in body
