"""Building surveys: their settings, sections and questions, and copies as new waves."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from cohorts import access
from cohorts.activity import record
from omdomme.core import fragments
from omdomme.core.translated import LANGUAGES, all_versions

from ..models import Audience, Choice, Question, QuestionKind, Response, Section, Survey
from .errors import SurveyError, SurveyLocked


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
