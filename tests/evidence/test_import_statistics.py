"""import_statistics against a local server shaped like SSB's PxWebApi v0."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from cohorts.models import Activity
from evaluations.models import Indicator, Measurement
from omdomme.evidence import builtin
from omdomme.evidence.statistics import import_statistics
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _series(org, code: str) -> dict[int, Decimal]:
    return dict(
        Measurement.objects.filter(organisation=org, indicator__code=code).values_list("year", "value").order_by("year")
    )


def test_stores_population_and_migration_for_every_organisation(fake_ssb, kvinesdal):
    call_command("import_statistics", "--base-url", fake_ssb.base_url, "--years", "3")
    assert _series(kvinesdal, "ssb_population") == {2023: Decimal("5970"), 2024: Decimal("5980"), 2025: Decimal("5990")}
    assert _series(kvinesdal, "ssb_in_migration") == {2023: Decimal("307"), 2024: Decimal("308"), 2025: Decimal("309")}
    assert _series(kvinesdal, "ssb_out_migration") == {2023: Decimal("280"), 2024: Decimal("280"), 2025: Decimal("280")}
    # 2025's net migration is not published (a null cell with status ".."): nothing is stored for it.
    assert _series(kvinesdal, "ssb_net_migration") == {2023: Decimal("27"), 2024: Decimal("28")}
    m = Measurement.objects.get(organisation=kvinesdal, indicator__code="ssb_population", year=2025)
    assert (m.source_table, m.source, m.entered_by) == ("07459", "Statistisk sentralbyrå (SSB)", None)
    assert m.retrieved_at is not None
    assert Indicator.objects.get(code="ssb_population").name == builtin.BY_CODE["ssb_population"].name
    assert Activity.objects.filter(verb="statistics.import").count() == 1


def test_few_requests_with_pxweb_query_bodies(fake_ssb, kvinesdal, tonsberg):
    call_command("import_statistics", "--base-url", fake_ssb.base_url, "--years", "2")
    # Per table: one metadata GET and one POST carrying every organisation's numbers.
    assert [(method, path) for method, path, _ in fake_ssb.requests] == [
        ("GET", "/api/v0/no/table/07459/"),
        ("POST", "/api/v0/no/table/07459/"),
        ("GET", "/api/v0/no/table/09588/"),
        ("POST", "/api/v0/no/table/09588/"),
    ]
    body = fake_ssb.requests[1][2]
    assert body == {
        "query": [
            {"code": "Region", "selection": {"filter": "item", "values": ["3905", "4227"]}},
            {"code": "ContentsCode", "selection": {"filter": "item", "values": ["Personer1"]}},
            {"code": "Tid", "selection": {"filter": "item", "values": ["2024", "2025"]}},
        ],
        "response": {"format": "json-stat2"},
    }


def test_follows_a_municipality_number_across_the_reforms(fake_ssb, tonsberg):
    call_command("import_statistics", "--base-url", fake_ssb.base_url, "--years", "10")
    population = _series(tonsberg, "ssb_population")
    # 0704 until 2019, 3803 in 2020–2023, 3905 since 2024: one unbroken series.
    assert population == {year: Decimal(41000 + 100 * (year - 2016)) for year in range(2016, 2026)}
    regions = fake_ssb.requests[1][2]["query"][0]["selection"]["values"]
    assert regions == ["0704", "3803", "3905"]


def test_a_timeout_keeps_existing_values_and_says_so(fake_ssb, kvinesdal, settings):
    call_command("import_statistics", "--base-url", fake_ssb.base_url, "--years", "2")
    before = _series(kvinesdal, "ssb_population")
    fake_ssb.mode["07459"] = "slow"
    fake_ssb.delay = 2.0
    fake_ssb.tables["07459"].data[("4227", "Personer1", "2025")] = 1
    with pytest.raises(CommandError, match="1 table"):
        call_command("import_statistics", "--base-url", fake_ssb.base_url, "--years", "2", "--timeout", "0.5")
    assert _series(kvinesdal, "ssb_population") == before
    # The other table was still fetched.
    assert _series(kvinesdal, "ssb_in_migration") == {2024: Decimal("308"), 2025: Decimal("309")}


def test_timeout_message(fake_ssb, kvinesdal, capsys):
    fake_ssb.mode["09588"] = "slow"
    fake_ssb.delay = 2.0
    with pytest.raises(CommandError):
        call_command("import_statistics", "--base-url", fake_ssb.base_url, "--years", "1", "--timeout", "0.5")
    err = capsys.readouterr().err
    assert "Statistisk sentralbyrå svarte ikke innen 0.5 sekunder (tabell 09588)." in err
    assert "Verdiene som er lagret fra før, beholdes." in err


@pytest.mark.parametrize("mode", ["malformed", "http500"])
def test_a_bad_answer_keeps_existing_values(fake_ssb, kvinesdal, mode, capsys):
    call_command("import_statistics", "--base-url", fake_ssb.base_url, "--years", "2")
    before = {code: _series(kvinesdal, code) for code in ("ssb_population", "ssb_net_migration")}
    fake_ssb.mode["07459"] = mode
    fake_ssb.mode["09588"] = mode
    with pytest.raises(CommandError, match="2 table"):
        call_command("import_statistics", "--base-url", fake_ssb.base_url, "--years", "2")
    assert {code: _series(kvinesdal, code) for code in before} == before
    err = capsys.readouterr().err
    expected = "ikke gyldig JSON-stat" if mode == "malformed" else "HTTP 500"
    assert expected in err


def test_unknown_region_is_reported_and_the_rest_imported(fake_ssb, kvinesdal, capsys):
    stray = OrganisationFactory(name="Ukjent kommune", municipality_number="9999")
    call_command("import_statistics", "--base-url", fake_ssb.base_url, "--years", "1")
    err = capsys.readouterr().err
    assert "Kommunenummer 9999 (Ukjent kommune) finnes ikke i tabell 07459" in err
    assert not Measurement.objects.filter(organisation=stray).exists()
    assert _series(kvinesdal, "ssb_population") == {2025: Decimal("5990")}


def test_server_down_gives_a_clear_message(kvinesdal, capsys):
    with pytest.raises(CommandError):
        call_command("import_statistics", "--base-url", "http://127.0.0.1:9/api/", "--years", "1", "--timeout", "2")
    assert "Fikk ikke kontakt med Statistisk sentralbyrå (tabell 07459)" in capsys.readouterr().err


def test_rerun_updates_in_place(fake_ssb, kvinesdal):
    call_command("import_statistics", "--base-url", fake_ssb.base_url, "--years", "2")
    count = Measurement.objects.count()
    fake_ssb.tables["07459"].data[("4227", "Personer1", "2025")] = 6000
    call_command("import_statistics", "--base-url", fake_ssb.base_url, "--years", "2")
    assert Measurement.objects.count() == count
    assert _series(kvinesdal, "ssb_population")[2025] == Decimal("6000")


def test_staff_record_former_numbers_with_checks(kvinesdal):
    from django.core.exceptions import ValidationError

    from omdomme.evidence import services
    from tests.factories import UserFactory

    staff = UserFactory(is_staff=True)
    with pytest.raises(ValidationError, match="overlap"):
        services.add_former_number(actor=staff, organisation=kvinesdal, number="1001", valid_from=2010, valid_to=2021)
    with pytest.raises(ValidationError):
        services.add_former_number(actor=staff, organisation=kvinesdal, number="4227", valid_from=1990, valid_to=1991)
    former = services.add_former_number(
        actor=staff, organisation=kvinesdal, number="4201", valid_from=2020, valid_to=2021
    )
    assert Activity.objects.filter(verb="organisation.former_number", organisation=kvinesdal).count() == 1
    services.remove_former_number(actor=staff, former=former)
    assert list(kvinesdal.former_numbers.values_list("number", flat=True)) == ["1037"]


def test_only_staff_or_the_system_imports(kvinesdal, world):
    """A person who is not course staff is refused before anything is fetched or stored; the
    command (above) runs as the system, ``actor=None``."""
    before = list(Measurement.objects.values_list("pk", flat=True)), Activity.objects.count()
    with pytest.raises(PermissionDenied):
        import_statistics(actor=world.contact_a, base_url="http://127.0.0.1:9/")
    assert (list(Measurement.objects.values_list("pk", flat=True)), Activity.objects.count()) == before
