"""The evidence page as PDF, CSV and XLSX (written by ``omdomme.core.exports``, which defuses formulas)."""

from __future__ import annotations

import tablib
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from omdomme.core.pdf import render_pdf

from .journey import Journey, table_rows


def dataset(journey: Journey) -> tablib.Dataset:
    data = tablib.Dataset(
        headers=[_("Indicator"), _("Unit"), _("Year"), _("Value"), _("n"), _("Margin of error"), _("Source")],
        title=_("Evidence")[:31],
    )
    for row in table_rows(journey):
        data.append(list(row))
    return data


def pdf(journey: Journey) -> bytes:
    html = render_to_string("evidence/pdf/journey.html", {"journey": journey, "generated": timezone.localtime()})
    return render_pdf(html)
