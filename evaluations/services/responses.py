"""Answering a survey: save a draft or submit the response."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.activity import record
from cohorts.models import Enrolment, EnrolmentStatus, Organisation

from ..answering import AnswerForm
from ..models import Answer, Audience, Participation, Response, ResponseStatus, Survey
from ..results import MIN_GROUP
from .audience import respondent_key, respondent_organisation
from .errors import AlreadyAnswered, InvalidAnswers, NotInAudience, SurveyClosed


def save_response(survey: Survey, data: Mapping, *, actor, submit: bool, now: datetime | None = None) -> Response:
    """Save a person's answers (a draft, or submitted). ``data`` maps ``q_<question id>`` to a list of
    values (a QueryDict works), read by ``answering.AnswerForm``. Invalid input stores nothing and
    raises ``InvalidAnswers``. The ``actor`` answers for themself, when the survey is addressed to
    them (else ``NotInAudience``)."""
    now = now or timezone.now()
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        if not survey.is_open(now):
            if now < survey.opens_at:
                raise SurveyClosed(_("This survey is not open yet."), code="not_open")
            raise SurveyClosed(
                _("This survey closed on %(date)s. Answers can no longer be given or changed.")
                % {"date": timezone.localtime(survey.closes_at).strftime("%d.%m.%Y %H:%M")},
                code="closed",
            )
        organisation = respondent_organisation(actor, survey)
        if organisation is None:
            raise NotInAudience(_("This survey is not addressed to you."), code="audience")
        if (
            survey.audience == Audience.ONE_PER_ORGANISATION
            and Participation.objects.filter(survey=survey, organisation=organisation).exclude(user=actor).exists()
        ):
            raise AlreadyAnswered(
                _("Someone from %(org)s has already answered this survey for the organisation.")
                % {"org": organisation.name},
                code="org_answered",
            )
        key = respondent_key(survey.pk, actor.pk)
        response = Response.objects.filter(survey=survey, respondent_key=key).first()
        participation = Participation.objects.filter(survey=survey, user=actor).first()
        if participation is not None and response is None:
            raise AlreadyAnswered(_("You have already answered this survey."), code="second")

        questions = {q.pk: q for q in survey.questions.select_related("section").prefetch_related("choices")}
        form = AnswerForm(list(questions.values()), data)
        form.is_valid()
        errors, parsed = form.error_messages(), form.answers()
        finishing = submit or (response is not None and response.status == ResponseStatus.SUBMITTED)
        if finishing:
            for question in questions.values():
                if question.required and question.pk not in parsed and str(question.pk) not in errors:
                    errors[str(question.pk)] = _("This question must be answered.")
        if errors:
            raise InvalidAnswers(errors)

        status = ResponseStatus.SUBMITTED if finishing else ResponseStatus.DRAFT
        if response is None:
            response = Response(survey=survey, respondent_key=key, anonymous=survey.anonymous)
            if not survey.anonymous:
                response.user, response.organisation = actor, organisation
            response.organisation_kind = _safe_kind(survey, organisation)
        response.status = status
        response.save()
        response.answers.all().delete()
        Answer.objects.bulk_create(
            [Answer(response=response, question_id=qid, **fields) for qid, rows in parsed.items() for fields in rows]
        )
        if participation is None:
            participation = Participation(survey=survey, user=actor, organisation=organisation)
        participation.submitted = status == ResponseStatus.SUBMITTED
        participation.save()
        if not survey.anonymous:
            record(
                actor,
                "survey.answer",
                _("Answered “%(title)s”.") % {"title": survey.title},
                target=survey,
                cohort=survey.cohort,
                organisation=organisation,
            )
    return response


def _safe_kind(survey: Survey, organisation: Organisation) -> str:
    """The organisation kind to keep on a response (for filtering results). On an anonymous survey it is
    kept only when at least ``MIN_GROUP`` organisations of that kind are in the cohort, so the kind
    cannot point to one organisation."""
    if not survey.anonymous:
        return organisation.kind

    same_kind = (
        Enrolment.objects.filter(cohort_id=survey.cohort_id, organisation__kind=organisation.kind)
        .exclude(status=EnrolmentStatus.WITHDRAWN)
        .count()
    )
    return organisation.kind if same_kind >= MIN_GROUP else ""
