from __future__ import annotations

import hashlib

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation

from cohorts.access import access_scope
from cohorts.models import Cohort
from omdomme.core import fragments

from ..forms import SearchForm
from ..search import SEARCH_SCOPE, Filters, search_page

PAGE_SIZE = 20


def _results(request: HttpRequest, text: str, filters: Filters) -> str:
    """The rendered results (count, list, pagination), cached per viewer under the versions of the
    search data and of the viewer's access, the language and the whole query string (the
    pagination links repeat it). The versions are read before the data (``omdomme.core.fragments``)."""
    query = hashlib.sha256(repr(sorted(request.GET.lists())).encode()).hexdigest()[:32]

    def render_results() -> str:
        page = search_page(request.user, text, filters, request.GET.get("page"), PAGE_SIZE)
        context = {"page_obj": page, "q": text, "request": request}
        return render_to_string("knowledge/search_results.html", context)

    return fragments.cached(
        "knowledge-search",
        SEARCH_SCOPE,
        access_scope(request.user),
        key=[request.user.pk, translation.get_language(), query],
        make=render_results,
    )


@login_required
def search_view(request: HttpRequest) -> HttpResponse:
    """One search over shared homework, materials and cases: only what the user may see."""
    years = sorted(set(Cohort.objects.values_list("year", flat=True)), reverse=True)
    form = SearchForm(request.GET or None, years=years)
    results = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        filters = Filters(
            year=data["year"], method_step=data["step"], organisation_kind=data["org_kind"], kind=data["kind"]
        )
        results = _results(request, data["q"], filters)
    return render(request, "knowledge/search.html", {"form": form, "results": results})
