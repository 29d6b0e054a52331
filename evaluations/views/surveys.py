"""Staff build surveys; contacts find and answer theirs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts import access
from cohorts.queries import nynorsk_organisations

from ..answering import AnswerForm, saved_values
from ..dashboard import surveys_for
from ..filters import SurveyFilter
from ..forms import CopyForm, QuestionForm, SectionForm, SurveyForm, TemplateForm
from ..language import missing_in_survey
from ..models import Question, ResponseStatus, Survey
from ..services import (
    InvalidAnswers,
    SurveyError,
    add_question,
    add_section,
    copy_survey,
    create_survey,
    delete_question,
    is_locked,
    move_question,
    own_response,
    respondent_organisation,
    save_response,
    update_question,
    update_survey,
)
from ..survey_templates import create_from_template


def _error_text(exc: SurveyError) -> str:
    return " ".join(exc.messages)


@login_required
def survey_list(request: HttpRequest) -> HttpResponse:
    surveys = (
        Survey.objects.visible_to(request.user)
        .select_related("cohort")
        .annotate(submitted=Count("responses", filter=Q(responses__status=ResponseStatus.SUBMITTED)))
    )
    filters = SurveyFilter(request.GET, queryset=surveys, request=request)
    page = Paginator(filters.qs.order_by("-opens_at", "pk"), 25).get_page(request.GET.get("page"))

    return render(
        request,
        "evaluations/survey_list.html",
        {
            "page_obj": page,
            "surveys": page.object_list,
            "can_manage": access.is_staff(request.user),
            "filter_form": filters.form,
            "template_form": TemplateForm(),
        },
    )


@login_required
def my_surveys(request: HttpRequest) -> HttpResponse:
    """A contact's surveys: open ones first, with whether they have answered (from participation)."""

    now = timezone.now()
    items = surveys_for(request.user, now=now, include_closed=True)
    return render(request, "evaluations/my_surveys.html", {"items": items, "now": now})


@login_required
def survey_create(request: HttpRequest) -> HttpResponse:
    access.require_staff(request.user)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "cohort"}
        try:
            survey = create_survey(cohort=form.cleaned_data["cohort"], **data, actor=request.user)
        except SurveyError as exc:
            form.add_error(None, _error_text(exc))
        else:
            messages.success(request, _("The survey was created. Add its questions."))
            return redirect(survey)
    return render(request, "evaluations/form_page.html", {"form": form, "title": _("New survey")})


@login_required
@require_POST
def survey_from_template(request: HttpRequest) -> HttpResponse:
    access.require_staff(request.user)
    form = TemplateForm(request.POST)
    if not form.is_valid():
        return render(
            request, "evaluations/form_page.html", {"form": form, "title": _("New survey from a template")}, status=400
        )
    data = form.cleaned_data
    survey = create_from_template(
        data["template"],
        cohort=data["cohort"],
        opens_at=data["opens_at"],
        closes_at=data["closes_at"],
        gathering=data.get("gathering"),
        actor=request.user,
    )
    messages.success(request, _("The survey was created from the template."))
    return redirect(survey)


@login_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(
        Survey.objects.visible_to(request.user).select_related("cohort", "wave_of", "gathering"), pk=pk
    )
    questions = survey.questions.select_related("section").prefetch_related("choices").order_by("position", "pk")
    may_see_results = Survey.objects.results_visible_to(request.user).filter(pk=survey.pk).exists()
    manage = access.is_staff(request.user)
    nynorsk = None
    if manage and (organisations := nynorsk_organisations(survey.cohort)):
        missing = missing_in_survey(survey)
        nynorsk = {"organisations": organisations, "missing": missing} if missing else None
    return render(
        request,
        "evaluations/survey_detail.html",
        {
            "survey": survey,
            "questions": questions,
            "can_manage": manage,
            "nynorsk": nynorsk,
            "locked": is_locked(survey),
            "may_see_results": may_see_results,
            "section_form": SectionForm(),
            "may_answer": respondent_organisation(request.user, survey) is not None,
            "is_open": survey.is_open(timezone.now()),
            "sections": survey.sections.all(),
            "waves": Survey.objects.filter(Q(pk=survey.series_root.pk) | Q(wave_of=survey.series_root)).order_by(
                "wave"
            ),
        },
    )


@login_required
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey.objects.visible_to(request.user), pk=pk)
    access.require_staff(request.user)
    locked = is_locked(survey)
    form = SurveyForm(request.POST or None, instance=survey, locked=locked)
    if request.method == "POST" and form.is_valid():
        try:
            update_survey(Survey.objects.get(pk=survey.pk), **form.cleaned_data, actor=request.user)
        except SurveyError as exc:
            form.add_error(None, _error_text(exc))
        else:
            messages.success(request, _("The survey was saved."))
            return redirect(survey)
    return render(request, "evaluations/form_page.html", {"form": form, "title": _("Edit survey"), "back": survey})


@login_required
@require_POST
def section_add(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey.objects.visible_to(request.user), pk=pk)
    access.require_staff(request.user)
    form = SectionForm(request.POST)
    if form.is_valid():
        try:
            add_section(
                survey,
                form.cleaned_data["title"],
                title_nn=form.cleaned_data["title_nn"],
                title_en=form.cleaned_data["title_en"],
                actor=request.user,
            )
            messages.success(request, _("The section was added."))
        except SurveyError as exc:
            messages.error(request, _error_text(exc))
    else:
        messages.error(request, _("Give the section a title."))
    return redirect(survey)


@login_required
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey.objects.visible_to(request.user), pk=pk)
    access.require_staff(request.user)
    form = QuestionForm(request.POST or None, survey=survey)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        for name in ("choices_text", "choices_text_nn", "choices_text_en"):
            data.pop(name, None)
        try:
            add_question(survey, **data, actor=request.user)
        except SurveyError as exc:
            form.add_error(None, _error_text(exc))
        else:
            messages.success(request, _("The question was added."))
            return redirect(survey)
    return render(request, "evaluations/form_page.html", {"form": form, "title": _("New question"), "back": survey})


def _staff_question(request: HttpRequest, pk: int) -> Question:
    question = get_object_or_404(
        Question.objects.filter(survey__in=Survey.objects.visible_to(request.user)).select_related("survey"), pk=pk
    )
    access.require_staff(request.user)
    return question


@login_required
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = _staff_question(request, pk)
    form = QuestionForm(request.POST or None, instance=question, survey=question.survey)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        for name in ("choices_text", "choices_text_nn", "choices_text_en"):
            data.pop(name, None)
        try:
            update_question(Question.objects.get(pk=question.pk), **data, actor=request.user)
        except SurveyError as exc:
            form.add_error(None, _error_text(exc))
        else:
            messages.success(request, _("The question was saved."))
            return redirect(question.survey)
    return render(
        request, "evaluations/form_page.html", {"form": form, "title": _("Edit question"), "back": question.survey}
    )


@login_required
@require_POST
def question_delete(request: HttpRequest, pk: int) -> HttpResponse:
    question = _staff_question(request, pk)
    try:
        delete_question(question, actor=request.user)
        messages.success(request, _("The question was deleted."))
    except SurveyError as exc:
        messages.error(request, _error_text(exc))
    return redirect(question.survey)


@login_required
@require_POST
def question_move(request: HttpRequest, pk: int) -> HttpResponse:
    question = _staff_question(request, pk)
    survey = question.survey
    error = ""
    try:
        move_question(question, "up" if request.POST.get("direction") == "up" else "down", actor=request.user)
    except SurveyError as exc:
        error = _error_text(exc)
    if request.htmx:
        questions = survey.questions.select_related("section").prefetch_related("choices").order_by("position", "pk")
        return render(
            request,
            "evaluations/_questions.html",
            {
                "survey": survey,
                "questions": questions,
                "can_manage": True,
                "locked": is_locked(survey),
                "error": error,
                "moved": question.pk,
            },
        )
    if error:
        messages.error(request, error)
    return redirect(survey)


@login_required
def survey_copy(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey.objects.visible_to(request.user), pk=pk)
    access.require_staff(request.user)
    initial = {"title": survey.title, "as_wave": request.GET.get("wave") == "1"}
    form = CopyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            copy = copy_survey(
                survey,
                title=data["title"],
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                as_wave=data["as_wave"],
                cohort=data["cohort"],
                actor=request.user,
            )
        except SurveyError as exc:
            form.add_error(None, _error_text(exc))
        else:
            messages.success(request, _("The copy was created."))
            return redirect(copy)
    return render(
        request,
        "evaluations/form_page.html",
        {"form": form, "title": _("Copy “%(title)s”") % {"title": survey.title}, "back": survey},
    )


@login_required
def survey_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Answer a survey: save a draft or submit; editable until it closes."""

    survey = get_object_or_404(Survey.objects.visible_to(request.user).select_related("cohort"), pk=pk)
    organisation = respondent_organisation(request.user, survey)
    if organisation is None:
        raise PermissionDenied
    now = timezone.now()
    errors: dict[str, str] = {}
    if request.method == "POST":
        submit = "submit" in request.POST
        try:
            save_response(survey, request.POST, submit=submit, now=now, actor=request.user)
        except InvalidAnswers as exc:
            errors = exc.errors
        except SurveyError as exc:
            messages.error(request, _error_text(exc))
            return redirect("evaluations:survey_answer", pk=survey.pk)
        else:
            if submit:
                messages.success(
                    request, _("Thank you! Your answers were submitted. You can change them until the survey closes.")
                )
            else:
                messages.success(request, _("Your draft was saved. Remember to submit before the survey closes."))
            return redirect("evaluations:survey_answer", pk=survey.pk)
    response = own_response(request.user, survey)
    questions = list(survey.questions.select_related("section").prefetch_related("choices").order_by("position", "pk"))
    is_open = survey.is_open(now)
    if errors:
        form = AnswerForm(questions, request.POST)
        form.add_errors(errors)
    else:
        form = AnswerForm(questions, initial=saved_values(response), disabled=not is_open)
    return render(
        request,
        "evaluations/survey_answer.html",
        {
            "survey": survey,
            "form": form,
            "response": response,
            "is_open": is_open,
            "not_yet": now < survey.opens_at,
            "organisation": organisation,
            "submitted": response is not None and response.status == ResponseStatus.SUBMITTED,
        },
        status=400 if errors else 200,
    )
