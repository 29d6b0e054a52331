"""Erasing a person is for course staff (or the retention purge, the system); it is logged."""

from __future__ import annotations

from omdomme.accounts.models import User
from omdomme.privacy import services
from tests.actors import logged_once, refused


def test_erasing_is_for_staff_and_names_them(world):
    people = User.objects.filter(pk=world.contact_b.pk)
    refused(lambda: services.erase_person(world.contact_b, actor=world.advisor), people)
    refused(lambda: services.erase_person(world.contact_b, actor=world.contact_a), people)
    logged_once(lambda: services.erase_person(world.contact_b, actor=world.staff), world.staff, "privacy.erased")
