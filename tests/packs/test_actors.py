"""Participant packs are asked for by course staff, who are logged."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from omdomme.packs.models import ParticipantPack
from omdomme.packs.services import request_packs
from tests.actors import logged_once, refused
from tests.packs.factories import gathering


def test_packs_are_requested_by_staff(world, django_capture_on_commit_callbacks):
    g = gathering(world.cohort, starts_on=timezone.localdate() + timedelta(days=30))
    refused(lambda: request_packs(g, actor=world.advisor), ParticipantPack.objects.all())
    refused(lambda: request_packs(g, actor=world.contact_a), ParticipantPack.objects.all())
    with django_capture_on_commit_callbacks(execute=False):
        packs = logged_once(lambda: request_packs(g, actor=world.staff), world.staff, "packs.requested")
    assert sorted(p.organisation_id for p in packs) == sorted([world.org_a.pk, world.org_b.pk])
