"""What the gathering, registration and slot services raise when the rules say no."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class BookingError(ValidationError):
    """A speed-advisory booking, claim, release or move was refused."""


class RegistrationError(ValidationError):
    """A registration for a gathering was refused."""


class GatheringError(ValidationError):
    """A change to a gathering was refused."""
