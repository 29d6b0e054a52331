"""Ready-made surveys staff create with one click: gathering feedback and the follow-up survey.

A template survey is created in Bokmål, Nynorsk and English at once, from the message catalogues:
each respondent sees it in their language, and the answers of all languages count together (they
point at the same question and choice rows).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Audience, QuestionKind, SurveyKind
from .services import add_question, add_section, create_survey

TEMPLATES = {
    "gathering_feedback": gettext_lazy("Gathering feedback"),
    "follow_up": gettext_lazy("Follow-up after the course"),
}


def _gathering_feedback() -> list[tuple[str, list[dict]]]:
    s, c, m, t = QuestionKind.SCALE, QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.LONG_TEXT
    return [
        (
            _("The gathering as a whole"),
            [
                {
                    "kind": s,
                    "text": _("How satisfied are you with the gathering as a whole?"),
                    "required": True,
                    "scale_min_label": _("Not at all satisfied"),
                    "scale_max_label": _("Very satisfied"),
                },
                {
                    "kind": s,
                    "text": _("How useful were the talks for your organisation's reputation work?"),
                    "required": True,
                    "scale_min_label": _("Not useful"),
                    "scale_max_label": _("Very useful"),
                },
                {
                    "kind": s,
                    "text": _("How useful was the speed advisory?"),
                    "scale_min_label": _("Not useful"),
                    "scale_max_label": _("Very useful"),
                },
                {
                    "kind": m,
                    "text": _("Which parts gave you the most?"),
                    "choices": [
                        _("Talks"),
                        _("Speed advisory"),
                        _("Group work"),
                        _("Talking to other participants"),
                        _("Excursion"),
                    ],
                },
            ],
        ),
        (
            _("Practical matters"),
            [
                {
                    "kind": c,
                    "text": _("How was the length of the gathering?"),
                    "choices": [_("Too short"), _("About right"), _("Too long")],
                },
                {
                    "kind": s,
                    "text": _("How satisfied are you with venue, food and accommodation?"),
                    "scale_min_label": _("Not at all satisfied"),
                    "scale_max_label": _("Very satisfied"),
                },
            ],
        ),
        (
            _("Your comments"),
            [
                {"kind": t, "text": _("What was the most important thing you take home?")},
                {"kind": t, "text": _("What should we do differently next time?")},
            ],
        ),
    ]


def _follow_up() -> list[tuple[str, list[dict]]]:
    s, c, t, n = QuestionKind.SCALE, QuestionKind.SINGLE, QuestionKind.LONG_TEXT, QuestionKind.NUMBER
    return [
        (
            _("After the course"),
            [
                {"kind": t, "text": _("What did you do after you came home?"), "required": True},
                {
                    "kind": c,
                    "text": _("Is the reputation work anchored in the municipal plan?"),
                    "required": True,
                    "choices": [_("Yes"), _("Work has started"), _("No"), _("Don't know")],
                },
                {
                    "kind": s,
                    "text": _("How well is the work anchored among politicians and management?"),
                    "scale_max": 10,
                    "scale_min_label": _("Not at all"),
                    "scale_max_label": _("Fully"),
                },
                {"kind": n, "text": _("How many people work on reputation in your organisation today?")},
            ],
        ),
        (
            _("Results and lessons"),
            [
                {"kind": t, "text": _("What results have you seen?")},
                {"kind": t, "text": _("What would you do differently?")},
            ],
        ),
    ]


def _spec(key: str, gathering) -> tuple[str, str, str, str, list[tuple[str, list[dict]]]]:
    """The template's texts in the active language: kind, title, introduction, audience, sections."""
    if key == "gathering_feedback":
        kind, sections = SurveyKind.GATHERING_FEEDBACK, _gathering_feedback()
        title = (
            _("Feedback on %(gathering)s") % {"gathering": gathering.title}
            if gathering is not None
            else _("Feedback on the gathering")
        )
        intro = _("Tell us what worked and what did not. It takes about five minutes.")
        audience = Audience.REGISTERED if gathering is not None else Audience.PARTICIPANTS
    else:
        kind, sections = SurveyKind.FOLLOW_UP, _follow_up()
        title = _("Follow-up: what happened after the course?")
        intro = _("We follow up the organisations of the cohort to learn what the course led to.")
        audience = Audience.ONE_PER_ORGANISATION
    return kind, title, intro, audience, sections


def _add_language(survey, created: list, language: str, key: str, gathering) -> None:
    """Write the ``language`` version of every text of a survey made from a template."""
    with translation.override(language):
        _kind, title, intro, _audience, sections = _spec(key, gathering)
    setattr(survey, f"title_{language}", title)
    setattr(survey, f"introduction_{language}", intro)
    survey.save(update_fields=[f"title_{language}", f"introduction_{language}"])
    for (section, questions), (section_title, specs) in zip(created, sections, strict=True):
        setattr(section, f"title_{language}", section_title)
        section.save(update_fields=[f"title_{language}"])
        for question, spec in zip(questions, specs, strict=True):
            fields = [f for f in ("text", "scale_min_label", "scale_max_label") if f in spec]
            for name in fields:
                setattr(question, f"{name}_{language}", spec[name])
            question.save(update_fields=[f"{name}_{language}" for name in fields])
            for choice, label in zip(question.choices.order_by("position"), spec.get("choices", []), strict=True):
                setattr(choice, f"label_{language}", label)
                choice.save(update_fields=[f"label_{language}"])


def create_from_template(key: str, *, actor, cohort, opens_at: datetime, closes_at: datetime, gathering=None) -> object:
    if key not in TEMPLATES:
        raise KeyError(key)
    with translation.override("nb"):
        kind, title, intro, audience, sections = _spec(key, gathering)
    extra = {"gathering": gathering} if gathering is not None else {}
    with transaction.atomic(), translation.override("nb"):
        survey = create_survey(
            cohort=cohort,
            title=title,
            introduction=intro,
            kind=kind,
            opens_at=opens_at,
            closes_at=closes_at,
            audience=audience,
            anonymous=key == "gathering_feedback",
            **extra,
            actor=actor,
        )
        created = []
        for section_title, questions in sections:
            section = add_section(survey, section_title, actor=actor)
            created.append(
                (section, [add_question(survey, section=section, **spec, actor=actor) for spec in questions])
            )
        for language in ("nn", "en"):
            _add_language(survey, created, language, key, gathering)
    return survey
