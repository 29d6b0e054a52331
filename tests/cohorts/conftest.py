import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _bokmal():
    """Service-level messages are checked in Bokmål, whatever an earlier request activated."""
    with translation.override("nb"):
        yield
