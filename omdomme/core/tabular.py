"""Reading an uploaded table (CSV or XLSX) for an import, and the one error model every import uses.

``read`` turns the upload into a ``tablib.Dataset`` whose headers are the importer's column names:

- CSV: UTF-8 with or without a byte-order mark, else Windows-1252 (what Excel saves on Norwegian
  Windows); semicolon or comma, whichever the first line uses more of.
- XLSX: the workbook's active sheet, read by tablib (openpyxl underneath, not in read-only mode, so
  every row spans the sheet's full width whatever the producing program wrote).
- The first row names the columns, in any case, by the column's name or one of its aliases
  (Norwegian and English). A column with an empty header is ignored; an unknown or doubled one
  refuses the file, so a misspelt column is never silently dropped.
- Empty rows are skipped; a row shorter than the header is padded, one longer is cut to the header
  (spreadsheets often carry stray cells to the right). Every cell is a stripped string.

Errors: a file that cannot be used as a whole raises ``ImportFileError`` (one message, a ``code``);
otherwise the importer checks each row and reports ``RowError``s (line, column as the file names
it, message in the user's language). Every import is all-or-nothing: the importers save nothing
while any row has an error.

    table = tabular.read(upload.name, upload.read(), COLUMNS, max_rows=2000)
    for line, row in table.rows():
        ...table.error(line, "year", _("The year must be a number."))
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Column:
    name: str
    aliases: tuple[str, ...] = ()
    required: bool = False


@dataclass(frozen=True)
class RowError:
    """One problem in one row: ``column`` is the header as written in the file, "" for the whole row."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.column}: {self.message}" if self.column else self.message


class ImportFileError(ValidationError):
    """The file as a whole cannot be read or does not have the expected columns."""


class ImportRowErrors(ValidationError):
    """Rows of the file were refused; nothing was saved. ``errors`` lists every ``RowError``."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__([_("Line %(line)s: %(error)s") % {"line": e.line, "error": e} for e in errors])


@dataclass
class Table:
    data: tablib.Dataset  # headers: the importer's column names, in its order
    lines: list[int]  # the file's line (spreadsheet row) number of each data row
    labels: dict[str, str]  # column name -> header as the file wrote it

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        return zip(self.lines, self.data.dict, strict=True)

    def error(self, line: int, column: str, message: str) -> RowError:
        return RowError(line, self.labels.get(column, column) if column else "", message)


def read(name: str, content: bytes, columns: Sequence[Column], *, max_rows: int | None = None) -> Table:
    raw = _read_xlsx(content) if name.lower().endswith(".xlsx") else _read_csv(content)
    numbered = [(number, row) for number, row in enumerate(raw, start=1) if any(row)]
    if not numbered:
        raise ImportFileError(_("The file is empty."), code="empty")
    (_first, header), body = numbered[0], numbered[1:]
    positions, labels = _map_header(header, columns)
    if not body:
        raise ImportFileError(_("The file has a header row but no data rows."), code="no_rows")
    if max_rows is not None and len(body) > max_rows:
        raise ImportFileError(
            _("The file has more than %(max)s rows. Split it into smaller files.") % {"max": max_rows}, code="too_many"
        )
    width = len(header)
    data = tablib.Dataset(headers=[column.name for column in columns])
    for _number, cells in body:
        # Padded to the header, and cut to it: tablib refuses a row longer than its headers.
        cells = (cells + [""] * width)[:width]
        data.append([cells[positions[column.name]] if column.name in positions else "" for column in columns])
    return Table(data=data, lines=[number for number, _cells in body], labels=labels)


def _map_header(header: list[str], columns: Sequence[Column]) -> tuple[dict[str, int], dict[str, str]]:
    names = {alias.lower(): column.name for column in columns for alias in (column.name, *column.aliases)}
    positions: dict[str, int] = {}
    labels: dict[str, str] = {}
    unknown, doubled = [], []
    for index, cell in enumerate(header):
        if not cell:
            continue
        name = names.get(cell.lower())
        if name is None:
            unknown.append(cell)
        elif name in positions:
            doubled.append(cell)
        else:
            positions[name], labels[name] = index, cell
    missing = [column.name for column in columns if column.required and column.name not in positions]
    if unknown or missing:
        raise ImportFileError(
            _(
                "The columns do not match the template. Expected: %(expected)s. Unknown: %(unknown)s. "
                "Missing: %(missing)s."
            )
            % {
                "expected": ", ".join(column.name for column in columns),
                "unknown": ", ".join(unknown) or "–",
                "missing": ", ".join(missing) or "–",
            },
            code="columns",
        )
    if doubled:
        raise ImportFileError(
            _("These columns appear twice: %(columns)s.") % {"columns": ", ".join(doubled)}, code="columns"
        )
    return positions, labels


def _read_csv(content: bytes) -> list[list[str]]:
    if not content.strip():
        raise ImportFileError(_("The file is empty."), code="empty")
    if b"\x00" in content:
        raise ImportFileError(_("The file is not a text (CSV) file. Upload a CSV or XLSX file."), code="binary")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                _("The file is not a text (CSV) file. Upload a CSV or XLSX file."), code="binary"
            ) from exc
    lines = text.splitlines()
    first_line = lines[0] if lines else ""
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as exc:
        raise ImportFileError(_("The CSV file could not be read: %(error)s") % {"error": exc}, code="bad_csv") from exc


def _read_xlsx(content: bytes) -> list[list[str]]:
    if not content.strip():
        raise ImportFileError(_("The file is empty."), code="empty")
    try:
        sheet = tablib.Dataset().load(io.BytesIO(content), format="xlsx", headers=False, read_only=False)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise ImportFileError(_("The file could not be read as an Excel workbook (.xlsx)."), code="bad_xlsx") from exc
    return [["" if value is None else str(value).strip() for value in row] for row in sheet]
