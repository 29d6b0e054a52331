"""Spreadsheet exports that never carry a live formula. Every CSV/XLSX download goes through here.

A cell a spreadsheet would evaluate (it starts with ``=``, ``+``, ``-``, ``@``, a tab, CR or LF)
gets an apostrophe in front, so Excel and LibreOffice show the text instead of running
``=HYPERLINK(...)`` or a DDE command. In XLSX every cell is also written with the string type, never
as a formula. Numbers stay numbers.

    from omdomme.core.exports import spreadsheet_response
    return spreadsheet_response(headers, rows, fmt=fmt, filename="pamelding-2026", title="Påmeldinger")
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
Cell = str | int | float | Decimal | date | datetime | None


def safe_cell(value: Cell) -> Cell:
    """The value to write into a spreadsheet cell: text that would start a formula is defused."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _text(value: Cell) -> str:
    value = safe_cell(value)
    return value if isinstance(value, str) else str(value)


def csv_bytes(headers: Sequence[Cell], rows: Iterable[Sequence[Cell]]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel reads æøå right."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_text(h) for h in headers])
    for row in rows:
        writer.writerow([_text(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(headers: Sequence[Cell], rows: Iterable[Sequence[Cell]], *, title: str = "") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(title)
    for r, row in enumerate([headers, *rows], start=1):
        for c, value in enumerate(row, start=1):
            value = safe_cell(value)
            cell = sheet.cell(row=r, column=c)
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                cell.value = value
            else:
                cell.value = _text(value)
                cell.data_type = TYPE_STRING  # never a formula, whatever openpyxl guessed
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheet_title(title: str) -> str:
    cleaned = "".join("-" if ch in "[]:*?/\\" else ch for ch in (title or "Sheet")).strip("'")
    return cleaned[:31] or "Sheet"


def spreadsheet_response(
    headers: Sequence[Cell], rows: Iterable[Sequence[Cell]], *, fmt: str, filename: str, title: str = ""
) -> HttpResponse:
    """A CSV or XLSX download of ``rows``; any other ``fmt`` is a 404. Never cached: exports hold
    personal data."""
    if fmt not in FORMATS:
        raise Http404
    body = csv_bytes(headers, rows) if fmt == "csv" else xlsx_bytes(headers, rows, title=title)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    patch_cache_control(response, private=True, no_store=True)
    return response
