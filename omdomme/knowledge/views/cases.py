from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts import access
from cohorts.access import require_staff
from evaluations.models import Measurement
from homework.models import Submission
from sessions.models import Material

from .. import services
from ..forms import CaseForm
from ..models import CaseStory


def case_list(request: HttpRequest) -> HttpResponse:
    """Cases the visitor may read: public ones for everyone, more for participants and staff."""
    cases = CaseStory.objects.visible_to(request.user).select_related("organisation", "cohort")
    page = Paginator(cases.order_by("-cohort__year", "title", "pk"), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "knowledge/case_list.html",
        {"page_obj": page, "cases": page.object_list, "can_manage": access.is_staff(request.user)},
    )


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(CaseStory.objects.visible_to(request.user).select_related("organisation", "cohort"), pk=pk)
    user = request.user
    latest = Measurement.objects.filter(indicator=OuterRef("pk"), organisation=case.organisation_id).order_by("-year")
    indicators = case.indicators.annotate(
        latest_value=Subquery(latest.values("value")[:1]), latest_year=Subquery(latest.values("year")[:1])
    )
    return render(
        request,
        "knowledge/case_detail.html",
        {
            "case": case,
            # Links show only what the reader may open themselves.
            "submissions": case.submissions.filter(pk__in=Submission.objects.shared_with(user).values("pk"))
            .select_related("assignment", "organisation")
            .order_by("assignment__title"),
            "materials": case.materials.filter(pk__in=Material.objects.visible_to(user).values("pk")).order_by("title"),
            "indicators": indicators,
            "can_manage": access.is_staff(user),
        },
    )


def _edit(request: HttpRequest, case: CaseStory | None) -> HttpResponse:
    form = CaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_case(
                form.save(commit=False),
                actor=request.user,
                submissions=form.cleaned_data["submissions"],
                materials=form.cleaned_data["materials"],
                indicators=form.cleaned_data["indicators"],
            )
        except services.KnowledgeError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The case was saved."))
            return redirect(saved)
    return render(request, "knowledge/case_form.html", {"form": form, "case": case})


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    require_staff(request.user)
    return _edit(request, None)


def _staff_case(request: HttpRequest, pk: int) -> CaseStory:
    case = get_object_or_404(CaseStory.objects.visible_to(request.user), pk=pk)
    require_staff(request.user)
    return case


@login_required
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, _staff_case(request, pk))


@login_required
@require_POST
def case_publish(request: HttpRequest, pk: int) -> HttpResponse:
    case = _staff_case(request, pk)
    publish = request.POST.get("publish", "1") == "1"
    services.publish_case(case, actor=request.user, publish=publish)
    messages.success(request, _("The case is published.") if publish else _("The case is a draft again."))
    return redirect(case)


@login_required
def case_delete(request: HttpRequest, pk: int) -> HttpResponse:
    case = _staff_case(request, pk)
    if request.method == "POST" and request.POST.get("confirmed"):
        services.delete_case(case, actor=request.user)
        messages.success(request, _("The case was removed."))
        return redirect("knowledge:case_list")
    return render(
        request,
        "includes/confirm.html",
        {
            "title": _("Remove case"),
            "question": _("Remove the case “%(title)s”? This cannot be undone.") % {"title": case.title},
            "action_url": request.path,
            "cancel_url": case.get_absolute_url(),
            "button": _("Remove"),
        },
    )
