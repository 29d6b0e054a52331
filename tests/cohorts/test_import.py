import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cohorts import importer
from cohorts.models import Enrolment, Invitation, Membership, Organisation
from omdomme.accounts.models import User
from tests.factories import CohortFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = "organisation;kind;municipality_number;county;website;contact_name;contact_email;contact_role\n"
GOOD = HEADER + (
    "Frosta kommune;kommune;5036;Trøndelag;https://www.frosta.kommune.no;Kari Frosta;kari@frosta.kommune.no;kontakt\n"
    "Frosta kommune;kommune;5036;Trøndelag;;Per Frosta;per@frosta.kommune.no;medlem\n"
    "Ofoten regionråd;regionråd;;Nordland;;;;\n"
)


def _errors(result):
    return {row.line: [error.message for error in row.errors] for row in result.rows if row.errors}


def test_valid_csv_preview_then_apply_with_invitations():
    staff = UserFactory(is_staff=True)
    cohort = CohortFactory()
    result = importer.parse("orgs.csv", GOOD.encode())
    assert result.is_valid
    assert [(r.organisation, r.kind, r.contact_role) for r in result.rows] == [
        ("Frosta kommune", "municipality", "contact"),
        ("Frosta kommune", "municipality", "member"),
        ("Ofoten regionråd", "regional_council", "contact"),
    ]
    assert Organisation.objects.count() == 0  # the preview saves nothing
    counts = importer.apply(result, cohort=cohort, invite=True, actor=staff)
    assert counts == {"organisations": 2, "invitations": 2, "rows": 3}
    assert sorted(Organisation.objects.values_list("name", "municipality_number")) == [
        ("Frosta kommune", "5036"),
        ("Ofoten regionråd", None),
    ]
    assert Enrolment.objects.filter(cohort=cohort).count() == 2
    assert sorted(Invitation.objects.values_list("email", "role")) == [
        ("kari@frosta.kommune.no", "contact"),
        ("per@frosta.kommune.no", "member"),
    ]


def test_apply_without_invitations_registers_contacts_without_password():
    staff = UserFactory(is_staff=True)
    importer.apply(importer.parse("orgs.csv", GOOD.encode()), invite=False, actor=staff)
    kari = User.objects.get(email="kari@frosta.kommune.no")
    assert kari.has_usable_password() is False
    assert Membership.objects.get(user=kari).role == "contact"
    assert Invitation.objects.count() == 0


def test_xlsx_is_read_like_csv():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(importer.COLUMNS)
    sheet.append(["Snåsa kommune", "kommune", 5041, "Trøndelag", None, "Siri", "siri@snasa.kommune.no", "kontakt"])
    sheet.append(["Marker kommune", "kommune", 118, None, None, None, None, None])  # leading zero lost by Excel
    out = io.BytesIO()
    workbook.save(out)
    result = importer.parse("orgs.xlsx", out.getvalue())
    assert result.is_valid, _errors(result)
    assert [r.municipality_number for r in result.rows] == ["5041", "0118"]


def test_row_level_errors_and_nothing_saved():
    OrganisationFactory(name="Frosta kommune", municipality_number="5036")
    content = HEADER + (
        "Snåsa kommune;kommune;50411;;;;;\n"  # 2: bad number
        "Kopi kommune;kommune;5036;;;;;\n"  # 3: number already registered
        ";kommune;5041;;;;;\n"  # 4: missing name
        "Grong kommune;kommune;5045;;;Gro;ikke-en-epost;\n"  # 5: bad email
        "Tysnes kommune;fylke;;;;;;\n"  # 6: unknown kind
        "A kommune;kommune;5001;;;;;\nB kommune;kommune;5001;;;;;\n"  # 8: same number, two names
        "Ulvik herad;kommune;4620;;;;;\n"  # 9: valid
    )
    result = importer.parse("orgs.csv", content.encode())
    assert not result.is_valid
    errors = _errors(result)
    assert errors == {
        2: ["«50411» er ikke et kommunenummer (fire sifre)."],
        3: ["Kommunenummer 5036 er allerede registrert på Frosta kommune."],
        4: ["Organisasjonens navn mangler."],
        5: ["«ikke-en-epost» er ikke en e-postadresse."],
        6: ["Ukjent type «fylke»: bruk kommune, regionråd, fylkeskommune eller annen."],
        8: ["Kommunenummer 5001 er brukt for to ulike organisasjoner i filen."],
    }
    with pytest.raises(importer.ImportFileError):
        importer.apply(result, actor=UserFactory(is_staff=True))
    assert Organisation.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("orgs.csv", b"", "empty"),
        ("orgs.csv", b"\x00\x01\x02\xff\xfe binary junk \x00", "binary"),
        ("orgs.csv", b"navn,adresse\nFrosta,Her\n", "columns"),
        ("orgs.csv", HEADER.encode(), "no_rows"),
        ("orgs.xlsx", b"PK\x03\x04 not really a zip", "bad_xlsx"),
    ],
)
def test_malformed_files_give_a_clear_message(name, content, code):
    with pytest.raises(importer.ImportFileError) as exc:
        importer.parse(name, content)
    assert exc.value.code == code
    assert exc.value.messages[0]


def test_stale_preview_is_refused_on_confirm():
    result = importer.parse("orgs.csv", GOOD.encode())
    OrganisationFactory(name="Annen kommune", municipality_number="5036")  # someone took the number meanwhile
    with pytest.raises(importer.ImportFileError) as exc:
        importer.apply(result, actor=UserFactory(is_staff=True))
    assert exc.value.code == "stale"
    assert Organisation.objects.count() == 1


def test_upload_preview_and_confirm_through_the_pages(client):
    client.force_login(UserFactory(is_staff=True))
    upload = SimpleUploadedFile("orgs.csv", GOOD.encode(), content_type="text/csv")
    response = client.post(reverse("cohorts:import_upload"), {"file": upload})
    assert response.status_code == 200
    assert "Filen er gyldig: 3 rader er klare for import." in response.content.decode()
    assert Organisation.objects.count() == 0
    response = client.post(reverse("cohorts:import_confirm"), {"invite": ""})
    assert response.status_code == 302
    assert Organisation.objects.count() == 2
    # The stored preview is used once.
    response = client.post(reverse("cohorts:import_confirm"), {})
    assert response.status_code == 302
    assert Organisation.objects.count() == 2


def test_bad_file_upload_shows_message_in_users_language(client):
    client.force_login(UserFactory(is_staff=True, language="nn"))
    upload = SimpleUploadedFile("orgs.csv", b"\x00\x00junk", content_type="text/csv")
    response = client.post(reverse("cohorts:import_upload"), {"file": upload})
    assert response.status_code == 200
    assert "Fila er ikkje ei tekstfil (CSV). Last opp ei CSV- eller XLSX-fil." in response.content.decode()
    assert response.context["result"] is None


def test_template_files_parse_back():
    staff_template = importer.parse("mal.csv", importer.template_csv())
    assert staff_template.is_valid
    assert importer.parse("mal.xlsx", importer.template_xlsx()).is_valid


def test_norwegian_headers_windows_1252_and_stray_cells_beyond_the_header():
    content = (
        "Organisasjon;Kommunenummer;Målform;E-post\r\n"
        "Frøya kommune;5014;nynorsk;post@froya.kommune.no;stray;cells\r\n"  # Excel's leftovers to the right
        "Åfjord kommune;5058\r\n"
    ).encode("cp1252")
    result = importer.parse("orgs.csv", content)
    assert result.is_valid, _errors(result)
    assert [(r.organisation, r.municipality_number, r.language_form, r.contact_email) for r in result.rows] == [
        ("Frøya kommune", "5014", "nn", "post@froya.kommune.no"),
        ("Åfjord kommune", "5058", "neutral", ""),
    ]


def test_the_preview_names_the_column_of_each_problem(client):
    client.force_login(UserFactory(is_staff=True))
    content = "organisasjon;kommunenummer\nSnåsa kommune;50411\n".encode()
    response = client.post(reverse("cohorts:import_upload"), {"file": SimpleUploadedFile("orgs.csv", content)})
    assert [(e.line, e.column) for row in response.context["result"].rows for e in row.errors] == [(2, "kommunenummer")]
    assert "<code>kommunenummer</code>: «50411» er ikke et kommunenummer (fire sifre)." in response.content.decode()
