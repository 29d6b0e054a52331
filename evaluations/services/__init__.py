"""Operations on surveys: building them, answering them, copying them as waves, reminding.

Every function that changes data runs in a transaction and raises a ``SurveyError`` (a
``ValidationError``) with a clear, translated message when the operation is not allowed.
"""

from __future__ import annotations

from .audience import audience_memberships, own_response, respondent_key, respondent_organisation
from .builder import (
    FROZEN_WHEN_ANSWERED,
    QUESTION_FIELDS,
    QUESTION_TEXTS,
    SURVEY_FIELDS,
    add_question,
    add_section,
    copy_survey,
    create_survey,
    delete_question,
    is_locked,
    move_question,
    update_question,
    update_survey,
)
from .errors import AlreadyAnswered, InvalidAnswers, NotInAudience, SurveyClosed, SurveyError, SurveyLocked
from .rates import response_rates
from .reminders import non_respondents, remind_non_respondents
from .responses import save_response

__all__ = [
    "AlreadyAnswered",
    "FROZEN_WHEN_ANSWERED",
    "InvalidAnswers",
    "NotInAudience",
    "QUESTION_FIELDS",
    "QUESTION_TEXTS",
    "SURVEY_FIELDS",
    "SurveyClosed",
    "SurveyError",
    "SurveyLocked",
    "add_question",
    "add_section",
    "audience_memberships",
    "copy_survey",
    "create_survey",
    "delete_question",
    "is_locked",
    "move_question",
    "non_respondents",
    "own_response",
    "remind_non_respondents",
    "respondent_key",
    "respondent_organisation",
    "response_rates",
    "save_response",
    "update_question",
    "update_survey",
]
