"""What the homework services raise when the rules say no."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class HomeworkError(ValidationError):
    """A homework rule refused the operation; the message says why."""


class TransitionError(HomeworkError):
    """The submission is not in a state that allows this step."""


class DeadlineError(HomeworkError):
    """The (extended) cut-off has passed, or the assignment is not open yet."""


class NotAllowed(HomeworkError):
    """The person may see the object but not do this."""
