"""What the survey services raise when the rules say no."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class SurveyError(ValidationError):
    """A survey operation that is not allowed, with a message for the person who tried."""


class SurveyLocked(SurveyError):
    pass


class SurveyClosed(SurveyError):
    pass


class NotInAudience(SurveyError):
    pass


class AlreadyAnswered(SurveyError):
    pass


class InvalidAnswers(SurveyError):
    """Some answers were not valid; ``errors`` maps question ids (or "__all__") to messages."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__(list(errors.values()))
