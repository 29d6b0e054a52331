import pytest

from cohorts.models import Membership

from .factories import GatheringFactory


@pytest.fixture
def gathering(world):
    return GatheringFactory(cohort=world.cohort, number=1)


@pytest.fixture
def contact_b_membership(world):
    return Membership.objects.get(user=world.contact_b)


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English (the source language); emails still use the recipient's."""
    from django.utils import translation

    with translation.override("en"):
        yield
