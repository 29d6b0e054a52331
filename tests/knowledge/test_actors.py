"""Case and material services are for course staff; they log who acted."""

from __future__ import annotations

from omdomme.knowledge import services
from omdomme.knowledge.models import CaseStory
from sessions import materials
from sessions.models import Material, MaterialKind
from tests.actors import logged_once, refused
from tests.gatherings.factories import GatheringFactory
from tests.knowledge.factories import case


def test_cases_are_published_by_staff(world):
    story = case(world.org_a, world.cohort, title="Alfa-saken", summary="Slik gjorde vi det.", publish=False)
    cases = CaseStory.objects.all()
    refused(lambda: services.publish_case(story, actor=world.contact_a), cases)
    refused(lambda: services.publish_case(story, actor=world.advisor), cases)
    logged_once(lambda: services.publish_case(story, actor=world.staff), world.staff, "case.published")


def test_materials_are_added_by_staff(world):
    gathering = GatheringFactory(cohort=world.cohort)

    def add(actor):
        return materials.create_material(
            gathering, title="Lysark", kind=MaterialKind.LINK, url="https://example.no/lysark", actor=actor
        )

    refused(lambda: add(world.advisor), Material.objects.all())
    refused(lambda: add(world.contact_a), Material.objects.all())
    logged_once(lambda: add(world.staff), world.staff, "material.created")
