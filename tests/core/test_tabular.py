"""The one reader of import files: encodings, separators, XLSX, header aliases, ragged rows, file errors."""

import io

import openpyxl
import pytest
from django.utils import translation

from omdomme.core import tabular

COLUMNS = [
    tabular.Column("name", ("navn",), required=True),
    tabular.Column("year", ("år",)),
    tabular.Column("note", ("merknad",)),
]


def _rows(table):
    return list(table.rows())


@pytest.mark.parametrize(
    "content",
    [
        "name;year\nFrøya;2024\n".encode(),
        "\ufeffname,year\nFrøya,2024\n".encode(),  # UTF-8 with a byte-order mark, comma
        "Name;Year\r\nFrøya;2024\r\n".encode("cp1252"),  # what Excel saves on Norwegian Windows
    ],
)
def test_csv_in_each_encoding_and_separator(content):
    table = tabular.read("f.csv", content, COLUMNS)
    assert _rows(table) == [(2, {"name": "Frøya", "year": "2024", "note": ""})]
    assert table.data.headers == ["name", "year", "note"]


def test_norwegian_headers_name_the_columns_and_errors_use_the_files_own_header():
    table = tabular.read("f.csv", "Navn;År;Merknad\nFrøya;2024;ny\n".encode(), COLUMNS)
    assert _rows(table) == [(2, {"name": "Frøya", "year": "2024", "note": "ny"})]
    assert table.error(2, "year", "Not a year.") == tabular.RowError(2, "År", "Not a year.")
    assert table.error(2, "", "Twice.") == tabular.RowError(2, "", "Twice.")


def test_rows_longer_than_the_header_are_cut_and_shorter_ones_padded():
    content = b"name;year\nA;2020;stray;cells\nB\n\n;;\nC;2022\n"
    table = tabular.read("f.csv", content, COLUMNS)
    assert _rows(table) == [
        (2, {"name": "A", "year": "2020", "note": ""}),
        (3, {"name": "B", "year": "", "note": ""}),
        (6, {"name": "C", "year": "2022", "note": ""}),  # empty lines skipped, line numbers kept
    ]


def test_a_column_with_an_empty_header_is_ignored():
    table = tabular.read("f.csv", b"name;;year\nA;x;2020\n", COLUMNS)
    assert _rows(table) == [(2, {"name": "A", "year": "2020", "note": ""})]


def test_xlsx_with_numbers_empty_cells_and_stray_cells():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Name", "År"])
    sheet.append(["A", 2020, None, "stray"])
    sheet.append([None, None])
    sheet.append(["B", None])
    out = io.BytesIO()
    workbook.save(out)
    table = tabular.read("f.XLSX", out.getvalue(), COLUMNS)
    assert _rows(table) == [
        (2, {"name": "A", "year": "2020", "note": ""}),
        (4, {"name": "B", "year": "", "note": ""}),
    ]


@pytest.mark.parametrize(
    ("name", "content", "code", "message"),
    [
        ("f.csv", b"  \n", "empty", "The file is empty."),
        ("f.csv", b"name\x00;year", "binary", "The file is not a text (CSV) file. Upload a CSV or XLSX file."),
        ("f.csv", b"name;year\n", "no_rows", "The file has a header row but no data rows."),
        (
            "f.csv",
            b"navn;kommentar\nA;x\n",
            "columns",
            "The columns do not match the template. Expected: name, year, note. Unknown: kommentar. Missing: –.",
        ),
        (
            "f.csv",
            b"year\n2020\n",
            "columns",
            "The columns do not match the template. Expected: name, year, note. Unknown: –. Missing: name.",
        ),
        ("f.csv", b"name;navn\nA;B\n", "columns", "These columns appear twice: navn."),
        ("f.csv", b"name\nA\nB\nC\n", "too_many", "The file has more than 2 rows. Split it into smaller files."),
        ("f.xlsx", b"PK\x03\x04 not a zip", "bad_xlsx", "The file could not be read as an Excel workbook (.xlsx)."),
    ],
)
def test_an_unusable_file_is_one_clear_error(name, content, code, message):
    with translation.override("en"), pytest.raises(tabular.ImportFileError) as exc:
        tabular.read(name, content, COLUMNS, max_rows=2)
    assert (exc.value.code, exc.value.messages) == (code, [message])


def test_file_errors_come_in_the_users_language():
    with translation.override("nn"), pytest.raises(tabular.ImportFileError) as exc:
        tabular.read("f.csv", b"", COLUMNS)
    assert exc.value.messages == ["Fila er tom."]


def test_row_errors_list_every_row_with_line_and_column():
    errors = [tabular.RowError(3, "År", "Not a year."), tabular.RowError(5, "", "Twice.")]
    with translation.override("en"):
        exc = tabular.ImportRowErrors(errors)
    assert exc.errors == errors
    assert exc.messages == ["Line 3: År: Not a year.", "Line 5: Twice."]
