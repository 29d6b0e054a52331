"""Results, comparisons, exports, the PDF report, response rates and reminders."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cohorts import access
from omdomme.core.exports import FORMATS, spreadsheet_response

from .. import reports, results
from ..exports import REPORT_TEXT_ANSWERS, ExportWithheld, responses_dataset
from ..forms import CompareForm, ResultsFilterForm
from ..models import ReportStatus, Survey, SurveyReport
from ..services import SurveyError, remind_non_respondents, response_rates

NORDIC = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def _filename(title: str, fallback: str) -> str:
    return slugify(title.translate(NORDIC)) or fallback


def _results_survey(request: HttpRequest, pk: int) -> Survey:
    """A survey whose results the user may read: 404 if they may not see it, 403 if they may see it only
    to answer it."""
    readable = Survey.objects.results_visible_to(request.user).filter(pk=OuterRef("pk"))
    survey = get_object_or_404(
        Survey.objects.visible_to(request.user).select_related("cohort").annotate(results_readable=Exists(readable)),
        pk=pk,
    )
    if not survey.results_readable:
        raise PermissionDenied
    return survey


@login_required
def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _results_survey(request, pk)
    form = ResultsFilterForm(request.GET or None)
    kind = form.cleaned_data["organisation_kind"] if form.is_valid() else ""
    all_texts_of = int(request.GET["answers"]) if request.GET.get("answers", "").isdigit() else None
    # The results, the filter and the links are one cached part (results.results_part); the
    # results are aggregated only when it misses.
    return render(
        request,
        "evaluations/survey_results.html",
        {
            "survey": survey,
            "summary": SimpleLazyObject(
                lambda: results.for_page(survey, organisation_kind=kind, all_texts_of=all_texts_of)
            ),
            "part": results.results_part(request, survey),
            "form": form,
        },
    )


@login_required
def survey_compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Side by side: the waves of this survey's series by default, or any chosen surveys (other cohorts)."""
    survey = _results_survey(request, pk)
    root = survey.series_root
    candidates = (
        Survey.objects.results_visible_to(request.user)
        .exclude(pk=survey.pk)
        .select_related("cohort")
        .order_by("-cohort__year", "wave")
    )
    form = CompareForm(request.GET or None, queryset=candidates)
    chosen = list(form.cleaned_data["surveys"]) if form.is_valid() and form.cleaned_data["surveys"] else []
    if not chosen:
        chosen = list(
            Survey.objects.filter(Q(pk=root.pk) | Q(wave_of=root)).exclude(pk=survey.pk).select_related("cohort")
        )
    surveys = sorted([survey, *chosen[:5]], key=lambda s: (s.cohort.year, s.wave, s.opens_at))
    summaries, rows = results.compare(surveys)
    return render(
        request,
        "evaluations/survey_compare.html",
        {
            "survey": survey,
            "summaries": summaries,
            "rows": rows,
            "form": form,
        },
    )


@login_required
def survey_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    survey = _results_survey(request, pk)
    if fmt not in FORMATS:
        raise Http404
    try:
        data = responses_dataset(survey)
    except ExportWithheld as exc:
        messages.error(request, str(exc))
        return redirect("evaluations:survey_results", pk=survey.pk)
    return spreadsheet_response(
        data.headers, data, fmt=fmt, filename=_filename(survey.title, "survey"), title=data.title or ""
    )


def _report_language(request: HttpRequest) -> str:
    language = request.GET.get("lang") or translation.get_language()
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@login_required
def survey_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The evaluation report PDF in one language: download the kept one while it still shows what the
    report would show now, or have it made (by Celery; the page polls until it is ready)."""
    survey = _results_survey(request, pk)
    language = _report_language(request)
    if request.method == "POST":
        reports.request_report(survey, language, actor=request.user)
        return redirect(f"{request.path}?lang={language}")
    context = {
        "survey": survey,
        "language": language,
        "language_name": dict(settings.LANGUAGES)[language],
        "state": reports.report_state(survey, language),
        "text_cap": REPORT_TEXT_ANSWERS,
    }
    template = "evaluations/_report_status.html" if request.htmx else "evaluations/report_page.html"
    return render(request, template, context)


@login_required
@require_safe
def survey_report_download(request: HttpRequest, pk: int, language: str) -> FileResponse:
    survey = _results_survey(request, pk)
    report = get_object_or_404(SurveyReport, survey=survey, language=language, status=ReportStatus.READY)
    return FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=f"{_filename(survey.title, 'report')}-{language}.pdf",
        content_type="application/pdf",
    )


@login_required
def survey_rates(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _results_survey(request, pk)
    rows = response_rates(survey)
    addressed = sum(r["addressed"] for r in rows)
    submitted = sum(min(r["submitted"], r["addressed"]) for r in rows)
    return render(
        request,
        "evaluations/survey_rates.html",
        {
            "survey": survey,
            "rows": rows,
            "addressed": addressed,
            "submitted": submitted,
            "rate": round(100 * submitted / addressed) if addressed else None,
            "can_manage": access.is_staff(request.user),
        },
    )


@login_required
@require_POST
def survey_remind(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey.objects.visible_to(request.user), pk=pk)
    access.require_staff(request.user)
    try:
        n = remind_non_respondents(survey, actor=request.user)
    except SurveyError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if n:
            messages.success(request, _("Reminders were queued for %(n)s people who have not answered.") % {"n": n})
        else:
            messages.info(request, _("Nobody needed a reminder (everyone has answered or was reminded today)."))
    return redirect("evaluations:survey_rates", pk=survey.pk)
