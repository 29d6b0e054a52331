"""Bulk import of organisations and their contacts from a CSV or XLSX file.

Two steps: ``parse`` reads the file (``omdomme.core.tabular``) and checks every row (nothing is
saved); ``apply`` saves the checked rows in one transaction, and only when the whole file was valid.
Columns (first row), each also by its Norwegian name (``HEADER_ALIASES``):

    organisation, kind, municipality_number, county, website, contact_name, contact_email, contact_role,
    org_number, invoice_address, invoice_reference, language_form

Only ``organisation`` is required. Several rows may name the same organisation (one contact each).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import openpyxl
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from omdomme.accounts.models import User
from omdomme.core import tabular
from omdomme.core.tabular import ImportFileError, RowError

from . import access, services
from .activity import record
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
HEADER_ALIASES = {
    "organisation": ("organisasjon", "organization"),
    "kind": ("type", "organisasjonstype"),
    "municipality_number": ("kommunenummer", "kommunenr"),
    "county": ("fylke",),
    "website": ("nettside", "nettstad", "nettadresse"),
    "contact_name": ("kontaktperson", "kontaktnavn", "kontaktnamn"),
    "contact_email": ("e-post", "epost", "email"),
    "contact_role": ("rolle",),
    "org_number": ("organisasjonsnummer", "orgnr"),
    "invoice_address": ("fakturaadresse",),
    "invoice_reference": ("fakturareferanse",),
    "language_form": ("målform", "skriftspråk"),
}
TABLE = [tabular.Column(name, HEADER_ALIASES[name], required=name == "organisation") for name in COLUMNS]
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
    errors: list[RowError] = field(default_factory=list)

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


def parse(name: str, content: bytes) -> ImportResult:
    """Read the file and check each row. Raises ``ImportFileError`` if the file itself is unusable."""
    table = tabular.read(name, content, TABLE, max_rows=MAX_ROWS)
    rows = [ImportRow(line=line, **values) for line, values in table.rows()]
    _check(rows, table.error)
    return ImportResult(rows)


def _check(rows: list[ImportRow], error: Callable[[int, str, str], RowError]) -> None:
    """Check every row, adding a ``RowError`` per problem; ``error(line, column, message)`` makes one."""
    numbers_in_file: dict[str, str] = {}
    emails_in_file: dict[str, int] = {}
    url = URLValidator()
    existing_numbers = dict(
        Organisation.objects.exclude(municipality_number=None).values_list("municipality_number", "name")
    )
    for row in rows:

        def problem(column: str, message: str, row: ImportRow = row) -> None:
            row.errors.append(error(row.line, column, message))

        if not row.organisation:
            problem("organisation", _("The organisation's name is missing."))
        kind = services.KIND_ALIASES.get(row.kind.strip().lower(), None) if row.kind else OrganisationKind.MUNICIPALITY
        if kind is None:
            problem(
                "kind",
                _("Unknown kind “%(kind)s”: use kommune, regionråd, fylkeskommune or annen.") % {"kind": row.kind},
            )
        else:
            row.kind = str(kind)
        number = row.municipality_number
        if number.isdigit() and len(number) == 3:
            number = row.municipality_number = "0" + number  # spreadsheets drop the leading zero
        if number:
            if not (number.isdigit() and len(number) == 4):
                problem(
                    "municipality_number",
                    _("“%(number)s” is not a municipality number (four digits).") % {"number": number},
                )
            elif number in existing_numbers and existing_numbers[number].lower() != row.organisation.lower():
                problem(
                    "municipality_number",
                    _("Municipality number %(number)s is already registered for %(name)s.")
                    % {"number": number, "name": existing_numbers[number]},
                )
            elif number in numbers_in_file and numbers_in_file[number].lower() != row.organisation.lower():
                problem(
                    "municipality_number",
                    _("Municipality number %(number)s is used for two different organisations in the file.")
                    % {"number": number},
                )
            else:
                numbers_in_file[number] = row.organisation
        row.org_number = "".join(row.org_number.split())
        if row.org_number:
            try:
                validate_org_number(row.org_number)
            except ValidationError as exc:
                for message in exc.messages:
                    problem("org_number", message)
        if row.website:
            try:
                url(row.website)
            except ValidationError:
                problem("website", _("“%(url)s” is not a web address.") % {"url": row.website})
        language_form = LANGUAGE_FORM_ALIASES.get(row.language_form.strip().lower())
        if language_form is None:
            problem(
                "language_form",
                _("Unknown written standard “%(value)s”: use bokmål, nynorsk or nøytral.")
                % {"value": row.language_form},
            )
        else:
            row.language_form = str(language_form)
        role = ROLE_ALIASES.get(row.contact_role.strip().lower())
        if role is None:
            problem(
                "contact_role",
                _("Unknown contact role “%(role)s”: use kontakt or medlem.") % {"role": row.contact_role},
            )
        else:
            row.contact_role = str(role)
        if row.contact_email:
            row.contact_email = row.contact_email.lower()
            try:
                validate_email(row.contact_email)
            except ValidationError:
                problem("contact_email", _("“%(email)s” is not an email address.") % {"email": row.contact_email})
            else:
                key = f"{row.organisation.lower()}|{row.contact_email}"
                if key in emails_in_file:
                    problem(
                        "contact_email", _("This contact is also on line %(line)s.") % {"line": emails_in_file[key]}
                    )
                emails_in_file[key] = row.line
        elif row.contact_name:
            problem("contact_email", _("The contact person needs an email address."))


@transaction.atomic
def apply(result: ImportResult, *, actor: User, cohort: Cohort | None = None, invite: bool = False) -> dict:
    """Course staff save a checked import. Re-checks every row first (the database may have changed
    since the preview); saves nothing unless every row is still valid."""
    access.require_staff(actor)
    rows = [ImportRow(**{**asdict(r), "errors": []}) for r in result.rows]
    _check(rows, RowError)
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
    record(
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
