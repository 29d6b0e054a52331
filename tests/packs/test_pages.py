from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from cohorts.models import Enrolment, Organisation
from omdomme.packs.models import PackStatus, ParticipantPack

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 25])
def test_gathering_list_query_count(world, client_for, django_assert_num_queries, count):
    for n in range(count):
        f.gathering(world.cohort, starts_on=date(2026, 9, 1) + timedelta(days=3 * n), number=n + 1)
    client = client_for(world.staff)
    with django_assert_num_queries(5):
        response = client.get(reverse("packs:pack_gatherings"))
    assert len(response.context["gatherings"]) == count


@pytest.mark.parametrize("count", [1, 20])
def test_gathering_packs_query_count(world, client_for, django_assert_num_queries, count):
    g = f.gathering(world.cohort, starts_on=date(2026, 9, 22))
    Enrolment.objects.filter(cohort=world.cohort).delete()
    for n in range(count):
        org = Organisation.objects.create(name=f"Kommune {n:02}", municipality_number=f"{6000 + n}")
        Enrolment.objects.create(cohort=world.cohort, organisation=org)
        pack = ParticipantPack(
            gathering=g, organisation=org, status=PackStatus.READY, rendered_at=timezone.now(), fingerprint="gammel"
        )
        pack.file.save(f"k{n}.pdf", ContentFile(b"%PDF-1.4"), save=True)
    client = client_for(world.staff)
    with django_assert_num_queries(15):  # 13, + the gathering's materials, + the cohort's Nynorsk organisations
        response = client.get(reverse("packs:gathering_packs", args=[g.pk]))
    assert len(response.context["packs"]) == count
    assert len(response.context["stale"]) == count  # the stored fingerprints do not match the data


def test_progress_polls_while_packs_are_waiting(world, client_for):
    g = f.gathering(world.cohort, starts_on=date(2026, 9, 22))
    ParticipantPack.objects.create(gathering=g, organisation=world.org_a, status=PackStatus.PENDING)
    pack_b = ParticipantPack(gathering=g, organisation=world.org_b, status=PackStatus.READY, rendered_at=timezone.now())
    pack_b.file.save("b.pdf", ContentFile(b"%PDF-1.4"), save=True)
    response = client_for(world.staff).get(
        reverse("packs:gathering_packs_progress", args=[g.pk]), HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert 'hx-trigger="every 2s"' in body
    assert "1 av 2 pakker er klare" in body
    assert 'value="1"' in body and 'max="2"' in body


def test_recover_stuck_marks_interrupted_renders_failed(world):
    from datetime import timedelta

    from omdomme.packs.services import STUCK_AFTER_SECONDS, recover_stuck

    g = f.gathering(world.cohort, starts_on=date(2026, 9, 22))
    old = ParticipantPack.objects.create(
        gathering=g,
        organisation=world.org_a,
        status=PackStatus.RENDERING,
        rendering_since=timezone.now() - timedelta(seconds=STUCK_AFTER_SECONDS + 5),
    )
    fresh = ParticipantPack.objects.create(
        gathering=g, organisation=world.org_b, status=PackStatus.RENDERING, rendering_since=timezone.now()
    )
    assert recover_stuck() == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, fresh.status) == (PackStatus.FAILED, PackStatus.RENDERING)
    assert old.error != ""
