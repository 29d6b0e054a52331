"""Survey results from aggregate queries: the number of queries does not grow with the responses.

Anonymous surveys protect their respondents twice over: results appear only after the survey has
closed (so nobody can compare the results before and after one person answered), and only for
groups of at least ``MIN_GROUP`` responses (a filter that would single out fewer people, or leave
fewer than that outside it, shows nothing).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from omdomme.core import fragments

from . import charts
from .models import TEXT_KINDS, Answer, Question, QuestionKind, Response, ResponseStatus, Survey

MIN_GROUP = 3
PAGE_TEXT_ANSWERS = 50  # text answers per question on the results page, unless all are asked for


@dataclass
class Row:
    label: str
    count: int
    share: int  # percent of the question's respondents


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    mean: Decimal | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    rows: list[Row] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    total_texts: int = 0  # when ``texts`` is a sample: how many there are

    @property
    def chart(self):
        if not self.rows:
            return ""
        return charts.bar_chart(self.question.text, [(r.label, r.count) for r in self.rows], total=self.answered)


@dataclass
class SurveyResults:
    survey: Survey
    responses: int
    questions: list[QuestionResult]
    withheld: str = ""  # why nothing is shown, when results are held back to protect anonymity

    @property
    def sections(self) -> list[tuple[str, list[QuestionResult]]]:
        groups: list[tuple[str, list[QuestionResult]]] = []
        for qr in self.questions:
            title = qr.question.section.title if qr.question.section_id else ""
            if not groups or groups[-1][0] != title:
                groups.append((title, []))
            groups[-1][1].append(qr)
        return groups


def withheld_reason(survey: Survey, responses: int, total: int, now=None) -> str:
    if not survey.anonymous:
        return ""
    now = now or timezone.now()
    if now < survey.closes_at:
        return _(
            "This survey is anonymous: its answers are shown when it has closed, so that nobody can tell "
            "one person's answers by comparing the results before and after they answered."
        )
    if responses < MIN_GROUP or (0 < total - responses < MIN_GROUP):
        return _(
            "Fewer than %(n)s answers in this group (or outside it): results are held back so that no "
            "one's answers can be recognised."
        ) % {"n": MIN_GROUP}
    return ""


def sample(texts: list[str], n: int) -> list[str]:
    """``n`` answers spread evenly over the (alphabetical) list, so the sample is not only "A…"."""
    if len(texts) <= n:
        return texts
    step = len(texts) / n
    return [texts[int(i * step)] for i in range(n)]


def for_page(survey: Survey, *, organisation_kind: str = "", all_texts_of: int | None = None) -> SurveyResults:
    """The results page's summary: a sample of each question's text answers (all of them for the
    question ``all_texts_of``), so a survey with hundreds of answers stays a page, not a book."""
    summary = summarise(survey, organisation_kind=organisation_kind)
    for qr in summary.questions:
        if qr.question.pk != all_texts_of and len(qr.texts) > PAGE_TEXT_ANSWERS:
            qr.total_texts = len(qr.texts)
            qr.texts = sample(qr.texts, PAGE_TEXT_ANSWERS)
    return summary


def results_part(request, survey: Survey, *, now=None) -> fragments.Part:
    """The key of the results page's cached part (everything under its heading): the survey's
    version (bumped by every change to it, its questions or its responses: ``evaluations.bumps``),
    its cohort's (the cohort's name shows), whether it has closed (an anonymous survey shows its
    results only then), and, through ``fragments.part``, the language and the query string (the
    filter and the question whose text answers are all shown)."""
    closed = (now or timezone.now()) >= survey.closes_at
    return fragments.part(request, ("survey", survey.pk), ("cohort", survey.cohort_id), extra=[int(closed)])


def summarise(survey: Survey, *, organisation_kind: str = "", now=None) -> SurveyResults:
    """Counts, shares, means and distributions per question; text answers in alphabetical order."""
    submitted = Response.objects.filter(survey=survey, status=ResponseStatus.SUBMITTED)
    total = submitted.count()
    chosen = submitted.filter(organisation_kind=organisation_kind) if organisation_kind else submitted
    n = chosen.count() if organisation_kind else total
    questions = list(survey.questions.select_related("section").prefetch_related("choices").order_by("position", "pk"))
    reason = withheld_reason(survey, n, total, now)
    if reason:
        return SurveyResults(survey, n, [QuestionResult(q) for q in questions], withheld=reason)
    answers = Answer.objects.filter(response__in=chosen.values("pk"))
    # One grouped query for every choice, scale and number answer: counts per choice and per value,
    # and from those the answered count, mean, lowest and highest (one answer per response and
    # question: the answer_one_value constraint). Choice questions count their respondents apart (a
    # multiple-choice respondent has several rows); text answers come as rows.
    answered: dict[int, int] = defaultdict(int)
    by_choice: dict[int, dict[int, int]] = defaultdict(dict)
    by_value: dict[int, dict[Decimal, int]] = defaultdict(dict)
    for row in (
        answers.exclude(question__kind__in=TEXT_KINDS).values("question", "choice", "number").annotate(n=Count("id"))
    ):
        if row["choice"] is not None:
            by_choice[row["question"]][row["choice"]] = row["n"]
        elif row["number"] is not None:
            by_value[row["question"]][row["number"]] = row["n"]
            answered[row["question"]] += row["n"]
    if any(q.has_choices for q in questions):
        for row in answers.filter(choice__isnull=False).values("question").annotate(n=Count("response", distinct=True)):
            answered[row["question"]] = row["n"]
    texts: dict[int, list[str]] = defaultdict(list)
    for qid, text in (
        answers.filter(question__kind__in=TEXT_KINDS).order_by("question", "text").values_list("question", "text")
    ):
        answered[qid] += 1
        if text:
            texts[qid].append(text)

    results = []
    for q in questions:
        qr = QuestionResult(q, answered=answered.get(q.pk, 0))
        values = by_value.get(q.pk, {})
        if q.kind in (QuestionKind.SCALE, QuestionKind.NUMBER) and values:
            count = sum(values.values())
            qr.mean = sum(v * k for v, k in values.items()) / count
            qr.minimum, qr.maximum = min(values), max(values)
        if q.kind == QuestionKind.SCALE:
            labels = {1: q.scale_min_label, q.scale_max: q.scale_max_label}
            counts = {int(v): n for v, n in values.items()}
            qr.rows = [
                _row(f"{v}" + (f" – {labels[v]}" if labels.get(v) else ""), counts.get(v, 0), qr.answered)
                for v in q.scale_values
            ]
        elif q.has_choices:
            qr.rows = [_row(c.label, by_choice[q.pk].get(c.pk, 0), qr.answered) for c in q.choices.all()]
        elif q.is_text:
            qr.texts = texts.get(q.pk, [])
        results.append(qr)
    return SurveyResults(survey, n, results)


def _row(label: str, n: int, answered: int) -> Row:
    return Row(label, n, round(100 * n / answered) if answered else 0)


@dataclass
class CompareRow:
    text: str
    kind: str
    cells: list[QuestionResult | None]


def compare(surveys: list[Survey], *, now=None) -> tuple[list[SurveyResults], list[CompareRow]]:
    """Line up the same questions (same text and kind) of several surveys, e.g. the waves of a series or
    one template used by several cohorts."""
    summaries = [summarise(s, now=now) for s in surveys]
    order: list[tuple[str, str]] = []
    cells: dict[tuple[str, str], list[QuestionResult | None]] = {}
    for i, summary in enumerate(summaries):
        for qr in summary.questions:
            key = (qr.question.text.strip().lower(), qr.question.kind)
            if key not in cells:
                order.append(key)
                cells[key] = [None] * len(summaries)
                cells[key].append(qr)  # keep the first question for its display text
            cells[key][i] = qr
    rows = []
    for key in order:
        first = cells[key].pop()
        rows.append(CompareRow(first.question.text, first.question.kind, cells[key]))
    return summaries, rows
