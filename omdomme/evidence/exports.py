"""The evidence page as PDF, CSV and XLSX (spreadsheets through ``omdomme.core.exports``, which
defuses formulas)."""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from omdomme.core.exports import spreadsheet_response
from omdomme.core.pdf import render_pdf

from .journey import Journey, table_rows


def spreadsheet(journey: Journey, fmt: str) -> HttpResponse:
    headers = [_("Indicator"), _("Unit"), _("Year"), _("Value"), _("n"), _("Margin of error"), _("Source")]
    return spreadsheet_response(
        headers,
        table_rows(journey),
        fmt=fmt,
        filename=f"omdomme-{slugify(journey.organisation.name)}",
        title=_("Evidence"),
    )


def pdf(journey: Journey) -> bytes:
    html = render_to_string("evidence/pdf/journey.html", {"journey": journey, "generated": timezone.localtime()})
    return render_pdf(html)
