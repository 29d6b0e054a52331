"""The activity log, per cohort and per organisation, for course staff."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..models import Activity
from .common import staff_cohort, staff_organisation


def _render(request, entries, **context) -> HttpResponse:
    page = Paginator(entries.select_related("actor"), 50).get_page(request.GET.get("page"))
    return render(request, "cohorts/activity_list.html", {"page_obj": page, "entries": page.object_list, **context})


@login_required
@require_safe
def cohort_activity(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = staff_cohort(request, pk)
    return _render(request, Activity.objects.visible_to(request.user).filter(cohort=cohort), subject=cohort)


@login_required
@require_safe
def organisation_activity(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = staff_organisation(request, pk)
    return _render(
        request, Activity.objects.visible_to(request.user).filter(organisation=organisation), subject=organisation
    )
