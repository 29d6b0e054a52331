"""The invoice basis of a cohort (course staff): the fee per organisation, on a page and as CSV/XLSX."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from omdomme.core.exports import spreadsheet_response

from ..invoicing import invoice_basis, total
from .common import staff_cohort


@login_required
@require_safe
def cohort_invoice_basis(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = staff_cohort(request, pk)
    lines = invoice_basis(cohort)
    return render(request, "cohorts/invoice_basis.html", {"cohort": cohort, "lines": lines, "total": total(lines)})


@login_required
@require_safe
def cohort_invoice_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    cohort = staff_cohort(request, pk)
    lines = invoice_basis(cohort)
    headers = [
        _("Organisation"),
        _("Organisation number"),
        _("Invoice address"),
        _("Buyer's reference"),
        _("Status"),
        _("Withdrawn"),
        _("Amount (NOK)"),
        _("Note"),
    ]
    rows = [
        [
            line.organisation.name,
            line.organisation.org_number,
            line.organisation.invoice_address,
            line.organisation.invoice_reference,
            line.enrolment.get_status_display(),
            formats.date_format(timezone.localdate(line.withdrawn_at), "SHORT_DATE_FORMAT")
            if line.withdrawn_at
            else "",
            line.amount if line.amount is not None else "",
            line.note,
        ]
        for line in lines
    ]
    rows.append([_("Total"), "", "", "", "", "", total(lines), ""])
    return spreadsheet_response(
        headers, rows, fmt=fmt, filename=f"fakturagrunnlag-{cohort.year}-{cohort.pk}", title=_("Invoice basis")
    )
