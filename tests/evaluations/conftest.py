import pytest
from django.utils import translation

from omdomme.accounts.models import User
from tests.world import build_world


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English (the source language); pages follow the user's language."""
    with translation.override("en"):
        yield


@pytest.fixture
def world(db):
    w = build_world()
    User.objects.update(language="en")
    for persona in ("staff", "advisor", "evaluator", "contact_a", "contact_b", "outsider"):
        getattr(w, persona).language = "en"
    return w
