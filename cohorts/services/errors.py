"""What the cohort services raise when the rules say no."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class CohortsError(ValidationError):
    """A refused operation, with a message meant for the person who tried it."""


class InvitationInvalid(CohortsError):
    """The invitation link cannot be used: ``reason`` is ``accepted``, ``expired`` or ``revoked``."""

    def __init__(self, message: str, reason: str):
        super().__init__(message, code=reason)
        self.reason = reason


class DuplicateNumber(CohortsError):
    pass
