"""Reputation indicators: the list, an organisation's series, entering and importing measurements."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts import access
from cohorts.models import Organisation
from omdomme.core.tabular import ImportFileError, ImportRowErrors, RowError

from ..forms import ImportForm, IndicatorForm, MeasurementForm
from ..indicators import (
    MeasurementError,
    delete_measurement,
    import_measurements,
    organisation_series,
    save_measurement,
)
from ..models import Indicator, Measurement, can_enter_measurements


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    indicators = Indicator.objects.order_by("name")
    measurements = (
        Measurement.objects.visible_to(request.user)
        .select_related("indicator", "organisation")
        .order_by("organisation__name", "indicator__name", "year")
    )
    page = Paginator(measurements, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "evaluations/indicator_list.html",
        {
            "indicators": indicators,
            "page_obj": page,
            "measurements": page.object_list,
            "can_manage": access.is_staff(request.user),
        },
    )


@login_required
def indicator_create(request: HttpRequest) -> HttpResponse:
    access.require_staff(request.user)
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The indicator was created."))
        return redirect("evaluations:indicator_list")
    return render(request, "evaluations/form_page.html", {"form": form, "title": _("New indicator")})


@login_required
def organisation_indicators(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)
    measurements = Measurement.objects.visible_to(request.user)
    may_enter = can_enter_measurements(request.user, organisation)
    form = MeasurementForm(request.POST or None) if may_enter else None
    if request.method == "POST":
        if not may_enter:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                save_measurement(
                    organisation=organisation,
                    indicator=data["indicator"],
                    year=data["year"],
                    value=data["value"],
                    source=data["source"],
                    method=data["method"],
                    actor=request.user,
                )
            except MeasurementError as exc:
                form.add_error(None, " ".join(exc.messages))
            else:
                messages.success(request, _("The measurement was saved."))
                return redirect("evaluations:organisation_indicators", pk=organisation.pk)
    rows = (
        measurements.filter(organisation=organisation).select_related("indicator").order_by("indicator__name", "year")
    )
    return render(
        request,
        "evaluations/organisation_indicators.html",
        {
            "organisation": organisation,
            "series": organisation_series(organisation, measurements),
            "rows": rows,
            "form": form,
            "may_enter": may_enter,
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_POST
def measurement_delete(request: HttpRequest, pk: int) -> HttpResponse:
    measurement = get_object_or_404(Measurement.objects.visible_to(request.user).select_related("organisation"), pk=pk)
    if not can_enter_measurements(request.user, measurement.organisation):
        raise PermissionDenied
    delete_measurement(measurement, actor=request.user)
    messages.success(request, _("The measurement was deleted."))
    return redirect("evaluations:organisation_indicators", pk=measurement.organisation_id)


@login_required
def measurement_import(request: HttpRequest) -> HttpResponse:
    access.require_staff(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors: list[RowError] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            form.add_error("file", _("The file is too large (at most 2 MB)."))
        else:
            try:
                n = import_measurements(upload.name, upload.read(), actor=request.user)
            except ImportFileError as exc:
                form.add_error("file", exc)
            except ImportRowErrors as exc:
                row_errors = exc.errors
            else:
                messages.success(request, _("%(n)s measurements were imported.") % {"n": n})
                return redirect("evaluations:indicator_list")
    return render(
        request,
        "evaluations/import.html",
        {"form": form, "row_errors": row_errors},
        status=400 if row_errors or form.errors else 200,
    )
