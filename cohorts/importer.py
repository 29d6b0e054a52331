"""Bulk import of organisations and their contacts from a CSV or XLSX file.

Two steps: ``parse`` reads the file and checks every row (nothing is saved); ``apply`` saves the
checked rows in one transaction, and only when the whole file was valid. Columns (first row):

    organisation, kind, municipality_number, county, website, contact_name, contact_email, contact_role,
    org_number, invoice_address, invoice_reference, language_form

Only ``organisation`` is required. Several rows may name the same organisation (one contact each).
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from omdomme.accounts.models import User

from . import access, services
from .models import (
    Cohort,
    Enrolment,
    LanguageForm,
    MembershipRole,
    Organisation,
    OrganisationKind,
    validate_org_number,
)

COLUMNS = [
    "organisation",
    "kind",
    "municipality_number",
    "county",
    "website",
    "contact_name",
    "contact_email",
    "contact_role",
    "org_number",
    "invoice_address",
    "invoice_reference",
    "language_form",
]
REQUIRED = {"organisation"}
MAX_ROWS = 2000
ROLE_ALIASES = {
    "": MembershipRole.CONTACT,
    "contact": MembershipRole.CONTACT,
    "kontakt": MembershipRole.CONTACT,
    "kontaktperson": MembershipRole.CONTACT,
    "member": MembershipRole.MEMBER,
    "team": MembershipRole.MEMBER,
    "medlem": MembershipRole.MEMBER,
}
LANGUAGE_FORM_ALIASES = {
    "": LanguageForm.NEUTRAL,
    "neutral": LanguageForm.NEUTRAL,
    "nøytral": LanguageForm.NEUTRAL,
    "noytral": LanguageForm.NEUTRAL,
    "nb": LanguageForm.BOKMAL,
    "bokmål": LanguageForm.BOKMAL,
    "bokmal": LanguageForm.BOKMAL,
    "nn": LanguageForm.NYNORSK,
    "nynorsk": LanguageForm.NYNORSK,
}


class ImportFileError(ValidationError):
    """The file as a whole cannot be read."""


@dataclass
class ImportRow:
    line: int
    organisation: str
    kind: str
    municipality_number: str
    county: str
    website: str
    contact_name: str
    contact_email: str
    contact_role: str
    org_number: str = ""
    invoice_address: str = ""
    invoice_reference: str = ""
    language_form: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return OrganisationKind(self.kind).label if self.kind in OrganisationKind.values else self.kind

    @property
    def language_form_label(self) -> str:
        return (
            LanguageForm(self.language_form).label if self.language_form in LanguageForm.values else self.language_form
        )


@dataclass
class ImportResult:
    rows: list[ImportRow]

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not any(row.errors for row in self.rows)

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    def to_session(self) -> list[dict]:
        return [asdict(row) for row in self.rows]

    @classmethod
    def from_session(cls, data: list[dict]) -> ImportResult:
        return cls([ImportRow(**row) for row in data])


def _read_table(name: str, content: bytes) -> list[list[str]]:
    if not content.strip():
        raise ImportFileError(_("The file is empty."), code="empty")
    if name.lower().endswith(".xlsx"):
        import openpyxl

        try:
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
            raise ImportFileError(
                _("The file could not be read as an Excel workbook (.xlsx)."), code="bad_xlsx"
            ) from exc
        sheet = workbook.worksheets[0]
        table = [
            ["" if cell is None else str(cell).strip() for cell in row] for row in sheet.iter_rows(values_only=True)
        ]
        workbook.close()
        return [row for row in table if any(row)]
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
    first_line = text.splitlines()[0] if text.splitlines() else ""
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        table = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as exc:
        raise ImportFileError(_("The CSV file could not be read: %(error)s") % {"error": exc}, code="bad_csv") from exc
    return [row for row in table if any(row)]


def parse(name: str, content: bytes) -> ImportResult:
    """Read the file and check each row. Raises ``ImportFileError`` if the file itself is unusable."""
    table = _read_table(name, content)
    if not table:
        raise ImportFileError(_("The file is empty."), code="empty")
    header = [h.strip().lower() for h in table[0]]
    unknown = [h for h in header if h and h not in COLUMNS]
    missing = sorted(REQUIRED - set(header))
    if missing or unknown:
        raise ImportFileError(
            _(
                "The columns do not match the template. Expected: %(expected)s. Unknown: %(unknown)s. "
                "Missing: %(missing)s."
            )
            % {
                "expected": ", ".join(COLUMNS),
                "unknown": ", ".join(unknown) or "–",
                "missing": ", ".join(missing) or "–",
            },
            code="columns",
        )
    body = table[1:]
    if not body:
        raise ImportFileError(_("The file has a header row but no data rows."), code="no_rows")
    if len(body) > MAX_ROWS:
        raise ImportFileError(
            _("The file has more than %(max)s rows. Split it into smaller files.") % {"max": MAX_ROWS}, code="too_many"
        )
    rows = []
    for index, cells in enumerate(body, start=2):
        values = {col: (cells[i] if i < len(cells) else "") for i, col in enumerate(header) if col}
        rows.append(ImportRow(line=index, **{col: values.get(col, "") for col in COLUMNS}))
    _check(rows)
    return ImportResult(rows)


def _check(rows: list[ImportRow]) -> None:
    numbers_in_file: dict[str, str] = {}
    emails_in_file: dict[str, int] = {}
    url = URLValidator()
    existing_numbers = dict(
        Organisation.objects.exclude(municipality_number=None).values_list("municipality_number", "name")
    )
    for row in rows:
        if not row.organisation:
            row.errors.append(_("The organisation's name is missing."))
        kind = services.KIND_ALIASES.get(row.kind.strip().lower(), None) if row.kind else OrganisationKind.MUNICIPALITY
        if kind is None:
            row.errors.append(
                _("Unknown kind “%(kind)s”: use kommune, regionråd, fylkeskommune or annen.") % {"kind": row.kind}
            )
        else:
            row.kind = str(kind)
        number = row.municipality_number
        if number.isdigit() and len(number) == 3:
            number = row.municipality_number = "0" + number  # spreadsheets drop the leading zero
        if number:
            if not (number.isdigit() and len(number) == 4):
                row.errors.append(_("“%(number)s” is not a municipality number (four digits).") % {"number": number})
            elif number in existing_numbers and existing_numbers[number].lower() != row.organisation.lower():
                row.errors.append(
                    _("Municipality number %(number)s is already registered for %(name)s.")
                    % {"number": number, "name": existing_numbers[number]}
                )
            elif number in numbers_in_file and numbers_in_file[number].lower() != row.organisation.lower():
                row.errors.append(
                    _("Municipality number %(number)s is used for two different organisations in the file.")
                    % {"number": number}
                )
            else:
                numbers_in_file[number] = row.organisation
        row.org_number = "".join(row.org_number.split())
        if row.org_number:
            try:
                validate_org_number(row.org_number)
            except ValidationError as exc:
                row.errors.extend(exc.messages)
        if row.website:
            try:
                url(row.website)
            except ValidationError:
                row.errors.append(_("“%(url)s” is not a web address.") % {"url": row.website})
        language_form = LANGUAGE_FORM_ALIASES.get(row.language_form.strip().lower())
        if language_form is None:
            row.errors.append(
                _("Unknown written standard “%(value)s”: use bokmål, nynorsk or nøytral.")
                % {"value": row.language_form}
            )
        else:
            row.language_form = str(language_form)
        role = ROLE_ALIASES.get(row.contact_role.strip().lower())
        if role is None:
            row.errors.append(_("Unknown contact role “%(role)s”: use kontakt or medlem.") % {"role": row.contact_role})
        else:
            row.contact_role = str(role)
        if row.contact_email:
            row.contact_email = row.contact_email.lower()
            try:
                validate_email(row.contact_email)
            except ValidationError:
                row.errors.append(_("“%(email)s” is not an email address.") % {"email": row.contact_email})
            else:
                key = f"{row.organisation.lower()}|{row.contact_email}"
                if key in emails_in_file:
                    row.errors.append(_("This contact is also on line %(line)s.") % {"line": emails_in_file[key]})
                emails_in_file[key] = row.line
        elif row.contact_name:
            row.errors.append(_("The contact person needs an email address."))


@transaction.atomic
def apply(result: ImportResult, *, actor: User, cohort: Cohort | None = None, invite: bool = False) -> dict:
    """Course staff save a checked import. Re-checks every row first (the database may have changed
    since the preview); saves nothing unless every row is still valid."""
    access.require_staff(actor)
    rows = [ImportRow(**{**asdict(r), "errors": []}) for r in result.rows]
    _check(rows)
    if any(r.errors for r in rows):
        raise ImportFileError(_("The file is no longer valid: upload it again to see what changed."), code="stale")
    created = invited = 0
    organisations: dict[str, Organisation] = {}
    for row in rows:
        key = row.municipality_number or row.organisation.lower()
        org = organisations.get(key)
        if org is None:
            org = (
                Organisation.objects.filter(municipality_number=row.municipality_number).first()
                if row.municipality_number
                else Organisation.objects.filter(name__iexact=row.organisation).first()
            )
            if org is None:
                org = services.save_organisation(
                    Organisation(
                        name=row.organisation,
                        kind=row.kind,
                        municipality_number=row.municipality_number or None,
                        county=row.county,
                        website=row.website,
                        org_number=row.org_number,
                        invoice_address=row.invoice_address,
                        invoice_reference=row.invoice_reference,
                        language_form=row.language_form,
                    ),
                    actor=actor,
                )
                created += 1
            elif row.language_form != LanguageForm.NEUTRAL and org.language_form != row.language_form:
                org = services.set_language_form(org, row.language_form, actor=actor)
            organisations[key] = org
            if cohort is not None and not Enrolment.objects.filter(cohort=cohort, organisation=org).exists():
                services.enrol(cohort, org, actor=actor)
        if invite and row.contact_email:
            try:
                services.invite(
                    org,
                    row.contact_email,
                    full_name=row.contact_name,
                    role=row.contact_role,
                    language="nb",
                    cohort=cohort,
                    actor=actor,
                )
                invited += 1
            except services.CohortsError as exc:
                if exc.code not in ("already_member", "already_invited"):
                    raise
        elif row.contact_email:
            services.add_member_without_invitation(
                org, row.contact_email, full_name=row.contact_name, role=row.contact_role, cohort=cohort, actor=actor
            )
    services.record(
        actor,
        "import.done",
        _("Imported %(orgs)s new organisations and sent %(invites)s invitations")
        % {"orgs": created, "invites": invited},
        cohort=cohort,
    )
    return {"organisations": created, "invitations": invited, "rows": len(rows)}


def template_csv() -> bytes:
    sample = [
        COLUMNS,
        [
            "Eksempel kommune",
            "kommune",
            "9999",
            "Trøndelag",
            "https://www.eksempel.kommune.no",
            "Kari Nordmann",
            "kari.nordmann@eksempel.kommune.no",
            "kontakt",
            "",
            "Postboks 1, 9999 Eksempel",
            "Ref 4500123",
            "nynorsk",
        ],
    ]
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(sample)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "organisasjoner"
    sheet.append(COLUMNS)
    sheet.append(
        [
            "Eksempel kommune",
            "kommune",
            "9999",
            "Trøndelag",
            "https://www.eksempel.kommune.no",
            "Kari Nordmann",
            "kari.nordmann@eksempel.kommune.no",
            "kontakt",
            "",
            "Postboks 1, 9999 Eksempel",
            "Ref 4500123",
            "nynorsk",
        ]
    )
    for cell in sheet["C"]:
        cell.number_format = "@"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
