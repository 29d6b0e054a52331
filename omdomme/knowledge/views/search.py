from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cohorts.models import Cohort

from ..forms import SearchForm
from ..search import Filters, search_page

PAGE_SIZE = 20


@login_required
def search_view(request: HttpRequest) -> HttpResponse:
    """One search over shared homework, materials and cases: only what the user may see."""
    years = sorted(set(Cohort.objects.values_list("year", flat=True)), reverse=True)
    form = SearchForm(request.GET or None, years=years)
    page = None
    text = ""
    if form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        text = data["q"]
        filters = Filters(
            year=data["year"], method_step=data["step"], organisation_kind=data["org_kind"], kind=data["kind"]
        )
        page = search_page(request.user, text, filters, request.GET.get("page"), PAGE_SIZE)
    return render(request, "knowledge/search.html", {"form": form, "page_obj": page, "q": text})
