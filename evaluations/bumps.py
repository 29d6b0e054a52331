"""What retires the survey results' cached part (``("survey", pk)``, ``evaluations.results``) and the
organisations' cached parts (``cohorts.scopes``) for the rows of this app. Connected in
``EvaluationsConfig.ready()``; bulk writes (``bulk.add_responses``, ``move_question``) bump
themselves."""

from __future__ import annotations

from cohorts import scopes
from omdomme.core.fragments import connect_bumps

from .models import Choice, Indicator, Measurement, Participation, Question, Response, Section, Survey


def connect() -> None:
    # The results page's cached part (results.results_key) shows the survey, its questions and
    # its responses. A response's answers are written with it (services.save_response saves the
    # response first), so they need no receiver of their own.
    connect_bumps(Survey, lambda survey: [("survey", survey.pk)], uid="survey")
    for model in (Section, Question, Response):
        connect_bumps(model, lambda row: [("survey", row.survey_id)], uid=f"survey-{model.__name__}")
    # A choice's survey: none once its question is gone (the question's own deletion bumps it).
    connect_bumps(
        Choice,
        lambda choice: [
            ("survey", pk) for pk in Question.objects.filter(pk=choice.question_id).values_list("survey_id", flat=True)
        ],
        uid="survey-choice",
    )

    # The organisations' cached parts (cohorts.scopes): the surveys waiting for a person's answer.
    connect_bumps(Survey, lambda survey: scopes.cohort_orgs(survey.cohort_id), uid="org-survey")
    connect_bumps(
        Participation, lambda p: [("user", p.user_id), *scopes.orgs(p.organisation_id)], uid="org-participation"
    )
    # The organisation page's indicator charts show the cohort's averages too: any measurement
    # or indicator change retires them all (they change about once a year, by import).
    for model in (Indicator, Measurement):
        connect_bumps(model, lambda row: [scopes.INDICATORS], uid=f"org-{model.__name__}")
