"""The evidence page (with PDF and CSV/XLSX) and resident surveys: starting, following, answering.

One access rule: ``Organisation.objects.visible_to(user)`` — staff, the advisors and evaluators of
the organisation's cohorts, and its own members. Anything else is a 404.
"""

from __future__ import annotations

from datetime import timedelta

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cohorts.access import is_staff
from cohorts.models import Organisation
from omdomme.core.exports import FORMATS, spreadsheet_response

from . import exports, journey, residents, services
from .forms import AnswerForm, FormerNumberForm, StartSurveyForm
from .models import FormerMunicipalityNumber, ResidentSurvey
from .ratelimit import over_limit
from .resident_template import INTRO, TITLE

COOKIE_SALT = "evidence.resident-survey"
COOKIE_MAX_AGE = 400 * 24 * 3600


def _organisation(request: HttpRequest, pk: int) -> Organisation:
    return get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)


def _survey(request: HttpRequest, pk: int) -> ResidentSurvey:
    return get_object_or_404(ResidentSurvey.objects.visible_to(request.user).select_related("organisation"), pk=pk)


@login_required
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    """The reputation journey; staff also record former municipality numbers here (POST)."""
    org = _organisation(request, pk)
    staff = is_staff(request.user)
    number_form = FormerNumberForm(request.POST or None) if staff else None
    if request.method == "POST":
        if number_form is None:
            raise PermissionDenied
        if number_form.is_valid():
            try:
                services.add_former_number(actor=request.user, organisation=org, **number_form.cleaned_data)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    number_form.add_error(field if field in number_form.fields else None, errors)
            else:
                messages.success(request, _("The former municipality number was saved."))
                return redirect("evidence:organisation", pk=org.pk)
    compare = request.GET.get("sammenlign") == "1"
    surveys = list(ResidentSurvey.objects.filter(organisation=org).order_by("-closes_on"))
    return render(
        request,
        "evidence/organisation.html",
        {
            "organisation": org,
            "journey": journey.build(org, with_comparable=compare),
            "compare": compare,
            "surveys": surveys,
            "may_run": residents.can_run(request.user, org),
            "former_numbers": list(org.former_numbers.all()),
            "number_form": number_form,
        },
        status=400 if number_form is not None and number_form.errors else 200,
    )


@login_required
@require_POST
def former_number_delete(request: HttpRequest, pk: int) -> HttpResponse:
    former = get_object_or_404(
        FormerMunicipalityNumber.objects.filter(
            organisation__in=Organisation.objects.visible_to(request.user).values("pk")
        ).select_related("organisation"),
        pk=pk,
    )
    services.remove_former_number(actor=request.user, former=former)
    messages.success(request, _("The former municipality number was removed."))
    return redirect("evidence:organisation", pk=former.organisation_id)


@login_required
@require_safe
def organisation_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    org = _organisation(request, pk)
    data = exports.pdf(journey.build(org, with_comparable=request.GET.get("sammenlign") == "1"))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="omdomme-{slugify(org.name)}.pdf"'
    return response


@login_required
@require_safe
def organisation_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    org = _organisation(request, pk)
    if fmt not in FORMATS:
        raise Http404
    data = exports.dataset(journey.build(org))
    return spreadsheet_response(data.headers, data, fmt=fmt, filename=f"omdomme-{slugify(org.name)}", title=data.title)


@login_required
def resident_survey_create(request: HttpRequest, pk: int) -> HttpResponse:
    org = _organisation(request, pk)
    if not residents.can_run(request.user, org):
        raise PermissionDenied
    today = timezone.localdate()
    initial = {
        "language": org.language_form if org.language_form in ("nb", "nn") else "nb",
        "opens_on": today,
        "closes_on": today + timedelta(days=21),
    }
    form = StartSurveyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            survey = residents.start_survey(actor=request.user, organisation=org, **form.cleaned_data)
        except residents.ResidentSurveyError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, _("The resident survey was started."))
            return redirect(survey.get_absolute_url())
    return render(
        request,
        "evidence/survey_create.html",
        {"organisation": org, "form": form},
        status=400 if form.errors else 200,
    )


def _public_url(request: HttpRequest, survey: ResidentSurvey) -> str:
    base = getattr(settings, "SITE_URL", "")
    return (base + survey.get_public_url()) if base else request.build_absolute_uri(survey.get_public_url())


@login_required
@require_safe
def resident_survey(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    today = timezone.localdate()
    public_url = _public_url(request, survey)
    return render(
        request,
        "evidence/survey_detail.html",
        {
            "survey": survey,
            "organisation": survey.organisation,
            "public_url": public_url,
            "qr": segno.make(public_url, error="m").svg_inline(scale=4, title=_("QR code for the survey")),
            "n": survey.responses.count(),
            "is_open": survey.is_open(today),
            "has_closed": survey.has_closed(today),
            "results": residents.results_with_previous(survey) if survey.results_recorded_at else [],
            "previous": residents.previous_wave(survey),
            "may_run": residents.can_run(request.user, survey.organisation),
        },
    )


@login_required
@require_safe
def resident_survey_qr(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    qr = segno.make(_public_url(request, survey), error="m")
    response = HttpResponse(qr.svg_inline(scale=10, title=TITLE[survey.language]), content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="innbyggerundersokelse-{survey.pk}-qr.svg"'
    return response


@login_required
@require_POST
def resident_survey_close(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    if not residents.can_run(request.user, survey.organisation):
        raise PermissionDenied
    n = residents.close_survey(survey, actor=request.user)
    messages.success(request, _("The survey was closed with %(n)s answers; its results are stored.") % {"n": n})
    return redirect(survey.get_absolute_url())


def _cookie_name(survey: ResidentSurvey) -> str:
    return f"innbygger-{survey.pk}"


def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The public form: no login; one answer per browser (signed cookie); a honeypot; a rate limit."""
    survey = get_object_or_404(ResidentSurvey.objects.select_related("organisation"), token=token)
    with translation.override(survey.language):
        context = {"survey": survey, "title": TITLE[survey.language], "intro": INTRO[survey.language]}
        if not survey.is_open(timezone.localdate()):
            return render(
                request,
                "evidence/answer_closed.html",
                context,
                status=410 if survey.has_closed(timezone.localdate()) else 404,
            )
        if request.get_signed_cookie(_cookie_name(survey), default=None, salt=COOKIE_SALT):
            return render(request, "evidence/answer_done.html", {**context, "already": True}, status=403)
        form = AnswerForm(request.POST or None, language=survey.language)
        if request.method == "POST":
            if request.POST.get("website"):
                # The honeypot was filled in: a bot. Answer as if all went well, and save nothing.
                return render(request, "evidence/answer_done.html", context)
            if over_limit(request, f"resident-survey:{survey.pk}"):
                form.add_error(None, _("Too many answers from your network in a short time. Try again later."))
                return render(request, "evidence/answer.html", {**context, "form": form}, status=429)
            if form.is_valid():
                residents.submit_answers(survey, form.cleaned_data)
                response = render(request, "evidence/answer_done.html", context)
                response.set_signed_cookie(
                    _cookie_name(survey),
                    "1",
                    salt=COOKIE_SALT,
                    max_age=COOKIE_MAX_AGE,
                    httponly=True,
                    samesite="Lax",
                    secure=settings.SESSION_COOKIE_SECURE,
                )
                return response
        return render(request, "evidence/answer.html", {**context, "form": form}, status=400 if form.errors else 200)
