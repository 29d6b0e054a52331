"""Operations on surveys: building them, answering them, copying them as waves, reminding.

Every function that changes data runs in a transaction and raises a ``SurveyError`` (a
``ValidationError``) with a clear, translated message when the operation is not allowed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from cohorts import access
from cohorts.activity import record
from cohorts.models import Enrolment, EnrolmentStatus, Membership, MembershipRole, Organisation
from omdomme.core import fragments
from omdomme.core.translated import LANGUAGES, all_versions
from omdomme.notifications.services import queue_email

from .answering import AnswerForm
from .gatherings import registered_user_ids
from .models import (
    Answer,
    Audience,
    Choice,
    Participation,
    Question,
    QuestionKind,
    Response,
    ResponseStatus,
    Section,
    Survey,
)
from .results import MIN_GROUP


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


# --- Building -------------------------------------------------------------------------------


def is_locked(survey: Survey) -> bool:
    """Questions are frozen as soon as anyone has started answering."""
    return Response.objects.filter(survey=survey).exists()


def _lock_unanswered(survey: Survey) -> Survey:
    locked = Survey.objects.select_for_update().get(pk=survey.pk)
    if is_locked(locked):
        raise SurveyLocked(
            _(
                "This survey already has answers, so its questions can no longer change. "
                "Make a copy of the survey and change the copy instead."
            ),
            code="locked",
        )
    return locked


SURVEY_FIELDS = {
    "title",
    "introduction",
    *(f"{name}_{lang}" for name in ("title", "introduction") for lang in LANGUAGES),
    "kind",
    "opens_at",
    "closes_at",
    "audience",
    "anonymous",
    "gathering",
}
FROZEN_WHEN_ANSWERED = {"audience", "anonymous"}


def create_survey(*, actor, cohort, opens_at: datetime, closes_at: datetime, title: str = "", **fields) -> Survey:
    """``title`` is the text in the active language; the form passes ``title_nb``, ``title_nn`` … instead."""
    access.require_staff(actor)
    if title:
        fields["title"] = title
    unknown = set(fields) - SURVEY_FIELDS
    if unknown:
        raise TypeError(f"unknown survey fields {sorted(unknown)}")
    _check_dates(opens_at, closes_at)
    _check_audience(fields.get("audience", Audience.PARTICIPANTS), fields.get("gathering"), cohort.pk)
    with transaction.atomic():
        survey = Survey.objects.create(
            cohort=cohort, opens_at=opens_at, closes_at=closes_at, created_by=actor, **fields
        )
        record(
            actor,
            "survey.create",
            _("Created the survey “%(title)s”.") % {"title": survey.title},
            target=survey,
            cohort=cohort,
        )
    return survey


def update_survey(survey: Survey, *, actor, **fields) -> Survey:
    access.require_staff(actor)
    unknown = set(fields) - SURVEY_FIELDS
    if unknown:
        raise TypeError(f"unknown survey fields {sorted(unknown)}")
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        changed = {k for k, v in fields.items() if getattr(survey, k) != v}
        if changed & FROZEN_WHEN_ANSWERED and is_locked(survey):
            raise SurveyLocked(
                _(
                    "This survey already has answers: its audience and anonymity can no longer "
                    "change. Make a copy instead."
                ),
                code="locked",
            )
        for key, value in fields.items():
            setattr(survey, key, value)
        _check_dates(survey.opens_at, survey.closes_at)
        _check_audience(survey.audience, survey.gathering, survey.cohort_id)
        survey.save()
        record(
            actor,
            "survey.update",
            _("Changed the survey “%(title)s”.") % {"title": survey.title},
            target=survey,
            cohort=survey.cohort,
        )
    return survey


def _check_dates(opens_at: datetime, closes_at: datetime) -> None:
    if closes_at <= opens_at:
        raise SurveyError(_("The survey must close after it opens."), code="dates")


def _check_audience(audience: str, gathering, cohort_id: int | None = None) -> None:
    if audience == Audience.REGISTERED and gathering is None:
        raise SurveyError(_("Choose a gathering when the audience is those registered for it."), code="audience")
    if gathering is not None and cohort_id is not None and gathering.cohort_id != cohort_id:
        raise SurveyError(_("The gathering belongs to another cohort."), code="gathering")


def add_section(survey: Survey, title: str, *, actor, title_nn: str = "", title_en: str = "") -> Section:
    """A section titled ``title`` in Bokmål (and, when given, in Nynorsk and English)."""
    access.require_staff(actor)
    with transaction.atomic():
        survey = _lock_unanswered(survey)
        position = (survey.sections.aggregate(m=Max("position"))["m"] or 0) + 1
        versions = {"title_nn": title_nn or None, "title_en": title_en or None}
        section = Section.objects.create(survey=survey, title_nb=title, position=position, **versions)
        _log_builder(actor, survey, "survey.section_add", _("Added the section “%(title)s”.") % {"title": title})
    return section


def _log_builder(actor, survey: Survey, verb: str, description: str) -> None:
    record(actor, verb, description, target=survey, cohort=survey.cohort)


QUESTION_TEXTS = ("text", "help_text", "scale_min_label", "scale_max_label")
QUESTION_FIELDS = {
    "kind",
    *QUESTION_TEXTS,
    *(f"{name}_{lang}" for name in QUESTION_TEXTS for lang in LANGUAGES),
    "required",
    "scale_max",
    "section",
}


def _clean_choices(kind: str, choices: list[str] | None) -> list[str]:
    labels = [c.strip() for c in (choices or []) if c and c.strip()]
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(labels) < 2:
        raise SurveyError(_("A choice question needs at least two options."), code="choices")
    return labels if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) else []


def _choice_rows(question: Question, labels: list[str], versions: dict[str, list[str]] | None) -> list[Choice]:
    """One row per option; line N of each language's list is option N's label in that language."""
    rows = []
    for i, label in enumerate(labels, 1):
        other = {f"label_{lang}": lines[i - 1] for lang, lines in (versions or {}).items() if len(lines) >= i}
        rows.append(Choice(question=question, label_nb=label, position=i, **other))
    return rows


def add_question(
    survey: Survey,
    *,
    actor,
    kind: str,
    text: str = "",
    choices: list[str] | None = None,
    choice_versions: dict[str, list[str]] | None = None,
    **fields,
) -> Question:
    """``text`` and ``choices`` are in the active language; a form passes ``text_nb`` … and
    ``choice_versions`` ({"nn": [...], "en": [...]}) instead."""
    access.require_staff(actor)
    if text:
        fields["text"] = text
    unknown = set(fields) - QUESTION_FIELDS
    if unknown:
        raise TypeError(f"unknown question fields {sorted(unknown)}")
    labels = _clean_choices(kind, choices)
    with transaction.atomic():
        survey = _lock_unanswered(survey)
        section = fields.get("section")
        if section is not None and section.survey_id != survey.pk:
            raise SurveyError(_("That section belongs to another survey."), code="section")
        position = (survey.questions.aggregate(m=Max("position"))["m"] or 0) + 1
        question = Question.objects.create(survey=survey, kind=kind, position=position, **fields)
        if choice_versions is None:
            Choice.objects.bulk_create(
                [Choice(question=question, label=label, position=i) for i, label in enumerate(labels, 1)]
            )
        else:
            Choice.objects.bulk_create(_choice_rows(question, labels, choice_versions))
        _log_builder(
            actor, survey, "survey.question_add", _("Added the question “%(text)s”.") % {"text": question.text}
        )
    return question


def update_question(
    question: Question,
    *,
    actor,
    choices: list[str] | None = None,
    choice_versions: dict[str, list[str]] | None = None,
    **fields,
) -> Question:
    access.require_staff(actor)
    unknown = set(fields) - QUESTION_FIELDS
    if unknown:
        raise TypeError(f"unknown question fields {sorted(unknown)}")
    with transaction.atomic():
        _lock_unanswered(question.survey)
        for key, value in fields.items():
            setattr(question, key, value)
        if choices is None and choice_versions is None:
            question.save()  # only texts changed: the options (and their ids) stay
        else:
            labels = _clean_choices(question.kind, choices)
            question.save()
            question.choices.all().delete()
            if choice_versions is None:
                Choice.objects.bulk_create(
                    [Choice(question=question, label=label, position=i) for i, label in enumerate(labels, 1)]
                )
            else:
                Choice.objects.bulk_create(_choice_rows(question, labels, choice_versions))
        _log_builder(
            actor,
            question.survey,
            "survey.question_update",
            _("Changed the question “%(text)s”.") % {"text": question.text},
        )
    return question


def delete_question(question: Question, *, actor) -> None:
    access.require_staff(actor)
    with transaction.atomic():
        survey = _lock_unanswered(question.survey)
        text = question.text
        question.delete()
        _log_builder(actor, survey, "survey.question_delete", _("Deleted the question “%(text)s”.") % {"text": text})


def move_question(question: Question, direction: str, *, actor) -> None:
    """Move a question one place up or down; positions are renumbered 1..n on the way."""
    access.require_staff(actor)
    with transaction.atomic():
        survey = _lock_unanswered(question.survey)
        ordered = list(survey.questions.order_by("position", "pk"))
        index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(ordered):
            ordered[index], ordered[other] = ordered[other], ordered[index]
        for position, q in enumerate(ordered, 1):
            q.position = position
        Question.objects.bulk_update(ordered, ["position"])
        fragments.bump(("survey", survey.pk))  # bulk_update sends no signals
        _log_builder(
            actor, survey, "survey.question_move", _("Moved the question “%(text)s”.") % {"text": question.text}
        )


def copy_survey(
    survey: Survey,
    *,
    actor,
    opens_at: datetime,
    closes_at: datetime,
    as_wave: bool = False,
    title: str | None = None,
    cohort=None,
) -> Survey:
    """Copy a survey with its sections and questions. ``as_wave`` makes the copy the next wave of the
    same series (for follow-up 6 and 12 months later), so the waves can be compared."""
    access.require_staff(actor)
    _check_dates(opens_at, closes_at)
    with transaction.atomic():
        root = Survey.objects.select_for_update().get(pk=survey.series_root.pk)
        fields = {f: getattr(survey, f) for f in ("kind", "audience", "anonymous")}
        fields.update(all_versions(survey))
        if title:
            fields.update({"title_nb": title, "title_nn": title, "title_en": title})
        fields["gathering_id"] = survey.gathering_id if cohort is None or as_wave else None
        if fields["gathering_id"] is None and fields["audience"] == Audience.REGISTERED:
            fields["audience"] = Audience.PARTICIPANTS
        copy = Survey(
            cohort=cohort or survey.cohort,
            opens_at=opens_at,
            closes_at=closes_at,
            created_by=actor,
            **fields,
        )
        if as_wave:
            last = Survey.objects.filter(wave_of=root).aggregate(m=Max("wave"))["m"] or 1
            copy.wave, copy.wave_of = last + 1, root
            copy.cohort = root.cohort
        copy.save()
        sections = {
            s.pk: Section.objects.create(survey=copy, position=s.position, **all_versions(s))
            for s in survey.sections.all()
        }
        for q in survey.questions.prefetch_related("choices"):
            new = Question.objects.create(
                survey=copy,
                section=sections.get(q.section_id),
                position=q.position,
                kind=q.kind,
                required=q.required,
                scale_max=q.scale_max,
                **all_versions(q),
            )
            Choice.objects.bulk_create(
                [Choice(question=new, position=c.position, **all_versions(c)) for c in q.choices.all()]
            )
        record(
            actor, "survey.copy", _("Copied “%(title)s”.") % {"title": survey.title}, target=copy, cohort=copy.cohort
        )
    return copy


# --- Audience -------------------------------------------------------------------------------


def audience_memberships(survey: Survey):
    """Memberships (person + organisation) the survey is addressed to."""
    enrolled = Enrolment.objects.filter(cohort_id=survey.cohort_id).exclude(status=EnrolmentStatus.WITHDRAWN)
    qs = Membership.objects.active().filter(organisation__in=enrolled.values("organisation_id"))
    if survey.audience == Audience.ONE_PER_ORGANISATION:
        qs = qs.filter(role=MembershipRole.CONTACT)
    elif survey.audience == Audience.REGISTERED:
        qs = _registered_only(qs, survey)
    return qs


def _registered_only(qs, survey: Survey):
    if survey.gathering_id is None:
        return qs.none()

    return qs.filter(user__in=registered_user_ids(survey.gathering_id))


def respondent_organisation(user, survey: Survey) -> Organisation | None:
    """The organisation a person answers for, or None when the survey is not addressed to them."""
    if not user.is_authenticated:
        return None
    membership = audience_memberships(survey).filter(user=user).select_related("organisation").order_by("pk").first()
    return membership.organisation if membership else None


def respondent_key(survey_id: int, user_id: int | str) -> str:
    """A keyed hash of survey and person: finds a person's response without storing who they are."""
    return salted_hmac("omdomme.evaluations.respondent", f"{survey_id}:{user_id}", algorithm="sha256").hexdigest()


def own_response(user, survey: Survey) -> Response | None:
    return Response.objects.filter(survey=survey, respondent_key=respondent_key(survey.pk, user.pk)).first()


# --- Answering ------------------------------------------------------------------------------


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


# --- Reminders ------------------------------------------------------------------------------


def non_respondents(survey: Survey):
    """Memberships of the audience who have not submitted (an organisation that answered counts for all
    its contacts when the survey asks one contact per organisation)."""
    submitted = Participation.objects.filter(survey=survey, submitted=True)
    qs = audience_memberships(survey).exclude(user__in=submitted.values("user"))
    if survey.audience == Audience.ONE_PER_ORGANISATION:
        qs = qs.exclude(organisation__in=submitted.values("organisation"))
    return qs.select_related("user", "organisation").distinct()


def remind_non_respondents(survey: Survey, *, actor, now: datetime | None = None) -> int:
    """Queue a reminder to each person who has not answered; at most one per person per survey per day."""

    now = now or timezone.now()
    if not survey.is_open(now):
        raise SurveyClosed(_("Reminders can only be sent while the survey is open."), code="closed")
    day = timezone.localdate(now).isoformat()
    sent = 0
    with transaction.atomic():
        seen: set[int] = set()
        for membership in non_respondents(survey):
            user = membership.user
            if user.pk in seen or not user.is_active:
                continue
            seen.add(user.pk)
            mail = queue_email(
                "survey_reminder",
                to=[user.email],
                language=user.language,
                recipient_user=user,
                organisation=membership.organisation,
                related=survey,
                cohort_id=survey.cohort_id,
                dedupe_key=f"survey-reminder:{survey.pk}:{user.pk}:{day}",
                essential=False,
                created_by=actor,
                context={
                    "survey": survey,
                    "name": user.get_short_name(),
                    "url": reverse("evaluations:survey_answer", args=[survey.pk]),
                    "closes_at": survey.closes_at,
                },
            )
            if mail is not None:
                sent += 1
        record(
            actor,
            "survey.remind",
            _("Reminded %(n)s people about “%(title)s”.") % {"n": sent, "title": survey.title},
            target=survey,
            cohort=survey.cohort,
        )
    return sent


# --- Response rates -------------------------------------------------------------------------


def response_rates(survey: Survey) -> list[dict]:
    """Per organisation of the cohort: how many the survey addresses, how many started, how many submitted.
    Built from participation records (who took part), never from the answers."""
    addressed = {
        row["organisation"]: row["n"]
        for row in audience_memberships(survey).values("organisation").annotate(n=Count("user", distinct=True))
    }
    taken = {
        row["organisation"]: row
        for row in Participation.objects.filter(survey=survey)
        .values("organisation")
        .annotate(started=Count("pk"), done=Count("pk", filter=Q(submitted=True)))
    }
    enrolled = Enrolment.objects.filter(cohort_id=survey.cohort_id).exclude(status=EnrolmentStatus.WITHDRAWN)
    orgs = Organisation.objects.filter(pk__in=enrolled.values("organisation_id"))
    rows = []
    for org in orgs.order_by("name"):
        n = addressed.get(org.pk, 0)
        row = taken.get(org.pk, {})
        done = row.get("done", 0)
        if survey.audience == Audience.ONE_PER_ORGANISATION:
            n = min(n, 1)
        rows.append(
            {
                "organisation": org,
                "addressed": n,
                "started": row.get("started", 0),
                "submitted": done,
                "rate": round(100 * min(done, n) / n) if n else None,
            }
        )
    return rows
