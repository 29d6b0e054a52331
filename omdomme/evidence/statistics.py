"""Official statistics from Statistics Norway (SSB), loaded through PxWebApi v0 as JSON-stat 2.0.

For each table: one GET of the table's metadata (which regions and years it has), then one POST per
batch of up to ``REGION_BATCH`` municipality numbers asking for the last ``years`` years. A table's
values are written only once every one of its answers has been read in full, in one transaction:
a timeout, an HTTP error or a malformed answer leaves every stored value as it was. Requests carry
a User-Agent that names us and are spaced by ``STATISTICS_REQUEST_PAUSE`` seconds (SSB allows about
30 queries a minute; a full run makes four).

Municipality numbers change with reforms: for each year the organisation's number *in that year*
is asked for (``FormerMunicipalityNumber``), so a series continues across 2020 and 2024.
"""

from __future__ import annotations

import json
import logging
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts import access
from cohorts.activity import record
from cohorts.models import Organisation
from evaluations.models import Measurement

from . import builtin, jsonstat
from .numbers import NumberHistory, histories

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://data.ssb.no/api/v0/no/table/"
SOURCE = "Statistisk sentralbyrå (SSB)"
REGION_BATCH = 150
MAX_ANSWER_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Table:
    id: str
    contents: dict[str, str]  # SSB ContentsCode -> built-in indicator code


TABLES = [
    # Befolkning, etter region, kjønn, alder, statistikkvariabel og år: kjønn and alder are left out of the
    # query, so SSB sums them (elimination) and answers the whole population.
    Table("07459", {"Personer1": "ssb_population"}),
    # Inn- og utflytting, etter region, statistikkvariabel og år.
    Table(
        "09588", {"Innflytting": "ssb_in_migration", "Utflytting": "ssb_out_migration", "Netto": "ssb_net_migration"}
    ),
]


class FetchError(Exception):
    """A request that failed; the message is for people and says what happened."""


@dataclass
class Report:
    stored: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    tables_done: list[str] = field(default_factory=list)


def normalise_region(code: str) -> str:
    """SSB writes municipality 3301 as "3301", and in aggregated code lists as "K-3301" or "K_3301"."""
    for prefix in ("K-", "K_"):
        if code.startswith(prefix):
            return code[len(prefix) :]
    return code


class Client:
    def __init__(self, base_url: str, *, timeout: float, pause: float):
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.timeout = timeout
        self.pause = pause
        self._last = 0.0
        site = getattr(settings, "SITE_URL", "") or "https://omdommeskolen.no"
        self.headers = {"User-Agent": f"Omdommeskolen/1.0 (+{site})", "Accept": "application/json"}

    def _wait(self) -> None:
        gap = self.pause - (time.monotonic() - self._last)
        if self._last and gap > 0:
            time.sleep(gap)
        self._last = time.monotonic()

    def request(self, table: str, body: dict | None = None) -> bytes:
        self._wait()
        url = f"{self.base_url}{table}/"
        data = json.dumps(body).encode() if body is not None else None
        headers = dict(self.headers)
        if data is not None:
            headers["Content-Type"] = "application/json"
        req = urllib.request.Request(url, data=data, headers=headers, method="POST" if data else "GET")  # noqa: S310
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as answer:  # noqa: S310 - the URL is ours
                content = answer.read(MAX_ANSWER_BYTES + 1)
        except urllib.error.HTTPError as exc:
            raise FetchError(
                _("Statistics Norway answered HTTP %(status)s for table %(table)s.")
                % {"status": exc.code, "table": table}
            ) from exc
        except TimeoutError as exc:
            raise FetchError(
                _("Statistics Norway did not answer within %(s)s seconds (table %(table)s).")
                % {"s": self.timeout, "table": table}
            ) from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError | socket.timeout):
                raise FetchError(
                    _("Statistics Norway did not answer within %(s)s seconds (table %(table)s).")
                    % {"s": self.timeout, "table": table}
                ) from exc
            raise FetchError(
                _("Could not reach Statistics Norway (table %(table)s): %(error)s.")
                % {"table": table, "error": exc.reason}
            ) from exc
        except (OSError, ValueError) as exc:
            raise FetchError(
                _("Could not reach Statistics Norway (table %(table)s): %(error)s.") % {"table": table, "error": exc}
            ) from exc
        if len(content) > MAX_ANSWER_BYTES:
            raise FetchError(_("The answer for table %(table)s is too large.") % {"table": table})
        return content


@dataclass
class Metadata:
    regions: dict[str, str]  # normalised number -> the table's own code
    years: list[int]


def read_metadata(table: str, content: bytes) -> Metadata:
    """PxWebApi v0 table metadata: {"title", "variables": [{"code", "values", "valueTexts", "time"?}]}."""
    try:
        doc = json.loads(content)
        variables = {v["code"]: v for v in doc["variables"]}
        region_codes = variables["Region"]["values"]
        time_var = next(v for v in doc["variables"] if v.get("time") or v["code"] == "Tid")
        years = sorted(int(v) for v in time_var["values"] if str(v).isdigit())
    except (ValueError, KeyError, TypeError, StopIteration) as exc:
        raise FetchError(
            _("The description of table %(table)s is not what PxWebApi answers (%(error)s).")
            % {"table": table, "error": exc.__class__.__name__}
        ) from exc
    return Metadata(regions={normalise_region(str(c)): str(c) for c in region_codes}, years=years)


def query_body(table: Table, region_codes: list[str], years: list[int]) -> dict:
    return {
        "query": [
            {"code": "Region", "selection": {"filter": "item", "values": region_codes}},
            {"code": "ContentsCode", "selection": {"filter": "item", "values": list(table.contents)}},
            {"code": "Tid", "selection": {"filter": "item", "values": [str(y) for y in years]}},
        ],
        "response": {"format": "json-stat2"},
    }


def _fetch_table(
    client: Client, table: Table, people: list[NumberHistory], years_back: int, report: Report
) -> dict[tuple[int, str, int], Decimal]:
    """Every value of one table for our organisations: {(organisation id, indicator code, year): value}.
    Raises FetchError (nothing is returned, so nothing is written) when any answer is unusable."""
    meta = read_metadata(table.id, client.request(table.id))
    years = meta.years[-years_back:]
    if not years:
        raise FetchError(_("Table %(table)s has no years.") % {"table": table.id})
    wanted: dict[str, list[tuple[NumberHistory, int]]] = {}  # number -> [(organisation, year)]
    for history in people:
        for year in years:
            number = history.number_in(year)
            if number:
                wanted.setdefault(number, []).append((history, year))
    known = []
    for number in sorted(wanted):
        if number in meta.regions:
            known.append(number)
            continue
        orgs = sorted({h.organisation.name for h, _year in wanted[number]})
        report.warnings.append(
            _("Municipality number %(number)s (%(orgs)s) is not in table %(table)s; its values are left as they are.")
            % {"number": number, "orgs": ", ".join(orgs), "table": table.id}
        )
    values: dict[tuple[int, str, int], Decimal] = {}
    for start in range(0, len(known), REGION_BATCH):
        batch = known[start : start + REGION_BATCH]
        content = client.request(table.id, query_body(table, [meta.regions[n] for n in batch], years))
        try:
            dataset = jsonstat.parse(content)
            dataset.dimension("Region")
            dataset.dimension("Tid")
            dataset.dimension("ContentsCode")
        except jsonstat.JSONStatError as exc:
            raise FetchError(
                _("The answer for table %(table)s is not valid JSON-stat: %(error)s")
                % {"table": table.id, "error": exc}
            ) from exc
        for coords, value in dataset.cells():
            if value is None:
                continue
            number = normalise_region(coords["Region"])
            indicator_code = table.contents.get(coords["ContentsCode"])
            try:
                year = int(coords["Tid"])
            except ValueError:
                continue
            if indicator_code is None:
                continue
            for history, wanted_year in wanted.get(number, []):
                if wanted_year == year:
                    values[(history.organisation.pk, indicator_code, year)] = value
    return values


def _store(table: Table, values: dict[tuple[int, str, int], Decimal], retrieved_at: datetime, report: Report) -> None:
    indicators = {code: builtin.indicator(code) for code in table.contents.values()}
    with transaction.atomic():
        existing = {
            (m.organisation_id, m.indicator_id, m.year): m
            for m in Measurement.objects.select_for_update().filter(
                indicator__in=indicators.values(), organisation_id__in={k[0] for k in values}
            )
        }
        for (org_id, code, year), value in sorted(values.items()):
            indicator = indicators[code]
            value = value.quantize(Decimal("0.01"))
            current = existing.get((org_id, indicator.pk, year))
            if current is not None and current.value == value and current.source_table == table.id:
                current.retrieved_at = retrieved_at
                current.save(update_fields=["retrieved_at"])
                report.unchanged += 1
                continue
            Measurement.objects.update_or_create(
                indicator=indicator,
                organisation_id=org_id,
                year=year,
                defaults={
                    "value": value,
                    "source": SOURCE,
                    "source_table": table.id,
                    "retrieved_at": retrieved_at,
                    "method": _("SSB table %(table)s, retrieved through PxWebApi.") % {"table": table.id},
                    "entered_by": None,
                },
            )
            report.stored += 1


def import_statistics(
    *,
    actor,
    base_url: str = DEFAULT_BASE_URL,
    years: int = 10,
    timeout: float = 30.0,
    organisations=None,
    tables: list[Table] | None = None,
) -> Report:
    """Fetch every table and store its values for every organisation with a municipality number.
    A table that fails is reported in ``Report.errors`` and leaves its stored values untouched; the
    other tables are still imported. Course staff, or the system (``actor=None``: the command and
    the periodic task)."""
    if actor is not None:
        access.require_staff(actor)
    report = Report()
    if organisations is None:
        organisations = Organisation.objects.exclude(municipality_number__isnull=True).exclude(municipality_number="")
    people = [h for h in histories(organisations) if h.numbers()]
    if not people:
        report.warnings.append(_("No organisation has a municipality number: nothing to fetch."))
        return report
    client = Client(base_url, timeout=timeout, pause=getattr(settings, "STATISTICS_REQUEST_PAUSE", 1.0))
    for table in tables or TABLES:
        try:
            values = _fetch_table(client, table, people, years, report)
        except FetchError as exc:
            report.errors.append(str(exc) + " " + _("Existing values are kept."))
            log.warning("import_statistics: table %s failed: %s", table.id, exc)
            continue
        _store(table, values, timezone.now(), report)
        report.tables_done.append(table.id)
    record(
        actor,
        "statistics.import",
        _("Official statistics imported: %(stored)s values stored, %(unchanged)s unchanged, %(errors)s tables failed.")
        % {"stored": report.stored, "unchanged": report.unchanged, "errors": len(report.errors)},
    )
    return report
