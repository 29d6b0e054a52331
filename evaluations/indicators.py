"""Reputation indicators: entering measurements, importing them from CSV or XLSX, and their charts."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cohorts.activity import record
from cohorts.models import Cohort, Enrolment, EnrolmentStatus, Organisation
from omdomme.core import tabular
from omdomme.core.translated import LANGUAGES, from_catalogue

from . import charts
from .models import Indicator, Measurement, can_enter_measurements

# The indicators every municipality can track, in nb, nn and en (name, description, unit).
BUILTIN_INDICATORS = [
    (
        gettext_lazy("Residents' satisfaction with the municipality as a place to live"),
        gettext_lazy("From the resident survey, on a scale from 0 to 100."),
        gettext_lazy("points (0–100)"),
    ),
    (
        gettext_lazy("Residents' satisfaction with the municipality's services"),
        gettext_lazy("From the resident survey, on a scale from 0 to 100."),
        gettext_lazy("points (0–100)"),
    ),
    (
        gettext_lazy("The municipality's reputation index"),
        gettext_lazy("The municipality's own reputation survey among residents and people who moved away."),
        gettext_lazy("index"),
    ),
]


def ensure_builtin_indicators() -> list[Indicator]:
    """Create the built-in indicators (every language version) if they are missing."""
    indicators = []
    for name, description, unit in BUILTIN_INDICATORS:
        versions = from_catalogue(name=name, description=description, unit=unit)
        indicator = Indicator.objects.filter(name_nb=versions["name_nb"]).first()
        if indicator is None:
            indicator = Indicator.objects.create(**versions)
        indicators.append(indicator)
    return indicators


class MeasurementError(ValidationError):
    pass


def save_measurement(
    *,
    actor,
    indicator: Indicator,
    organisation: Organisation,
    year: int,
    value: Decimal,
    source: str = "",
    method: str = "",
) -> Measurement:
    """Enter or correct an organisation's value for a year (staff, or the organisation's own members)."""
    if not can_enter_measurements(actor, organisation):
        raise PermissionDenied
    if not 1990 <= year <= 2100:
        raise MeasurementError(_("Give a year between 1990 and 2100."), code="year")
    with transaction.atomic():
        measurement, _created = Measurement.objects.select_for_update().update_or_create(
            indicator=indicator,
            organisation=organisation,
            year=year,
            defaults={"value": value, "source": source, "method": method, "entered_by": actor},
        )
        record(
            actor,
            "indicator.measure",
            _("%(org)s: %(indicator)s %(year)s = %(value)s")
            % {
                "org": organisation.name,
                "indicator": indicator.name,
                "year": year,
                "value": value,
            },
            target=measurement,
            organisation=organisation,
        )
    return measurement


def delete_measurement(measurement: Measurement, *, actor) -> None:
    if not can_enter_measurements(actor, measurement.organisation):
        raise PermissionDenied
    with transaction.atomic():
        record(
            actor, "indicator.delete", _("Deleted %(m)s") % {"m": measurement}, organisation=measurement.organisation
        )
        measurement.delete()


MEASUREMENT_COLUMNS = [
    tabular.Column("indicator", ("indikator",), required=True),
    tabular.Column("organisation", ("organisasjon", "organization", "kommune", "kommunenummer"), required=True),
    tabular.Column("year", ("år", "aar"), required=True),
    tabular.Column("value", ("verdi",), required=True),
    tabular.Column("source", ("kjelde", "kilde")),
    tabular.Column("method", ("metode",)),
]


def import_measurements(name: str, content: bytes, *, actor) -> int:
    """Import measurements from a CSV or XLSX file (``MEASUREMENT_COLUMNS``; organisation by name or
    municipality number). All rows or none: ``ImportFileError`` for an unusable file,
    ``ImportRowErrors`` listing every refused row, and nothing saved."""
    table = tabular.read(name, content, MEASUREMENT_COLUMNS)
    # A file may name an indicator in any of its languages.
    indicators = {
        name.lower(): i
        for i in Indicator.objects.all()
        for name in (getattr(i, f"name_{lang}") for lang in LANGUAGES)
        if name
    }
    orgs: dict[str, Organisation] = {}
    for org in Organisation.objects.all():
        orgs.setdefault(org.name.lower(), org)
        if org.municipality_number:
            orgs[org.municipality_number] = org
    errors: list[tabular.RowError] = []
    rows = []
    seen: set[tuple[int, int, int]] = set()
    for line, row in table.rows():
        indicator = indicators.get(row["indicator"].lower())
        org = orgs.get(row["organisation"].lower())
        if indicator is None:
            errors.append(table.error(line, "indicator", _("Unknown indicator “%(v)s”.") % {"v": row["indicator"]}))
            continue
        if org is None:
            errors.append(
                table.error(line, "organisation", _("Unknown organisation “%(v)s”.") % {"v": row["organisation"]})
            )
            continue
        if not can_enter_measurements(actor, org):
            errors.append(
                table.error(line, "organisation", _("You may not enter values for %(org)s.") % {"org": org.name})
            )
            continue
        try:
            year = int(row["year"])
            if not 1990 <= year <= 2100:
                raise ValueError
        except ValueError:
            errors.append(table.error(line, "year", _("The year must be a number between 1990 and 2100.")))
            continue
        try:
            value = Decimal(row["value"].replace(",", ".").replace(" ", ""))
            if not value.is_finite() or abs(value) >= Decimal("1e8"):
                raise InvalidOperation
        except InvalidOperation:
            errors.append(table.error(line, "value", _("The value must be a number.")))
            continue
        key = (indicator.pk, org.pk, year)
        if key in seen:
            errors.append(
                table.error(line, "", _("The same indicator, organisation and year appear twice in the file."))
            )
            continue
        seen.add(key)
        rows.append((indicator, org, year, value.quantize(Decimal("0.01")), row["source"][:200], row["method"][:300]))
    if errors:
        raise tabular.ImportRowErrors(errors)
    with transaction.atomic():
        for indicator, org, year, value, source, method in rows:
            Measurement.objects.update_or_create(
                indicator=indicator,
                organisation=org,
                year=year,
                defaults={"value": value, "source": source, "method": method, "entered_by": actor},
            )
        record(actor, "indicator.import", _("Imported %(n)s measurements.") % {"n": len(rows)})
    return len(rows)


def organisation_series(organisation: Organisation, measurements) -> list[dict]:
    """One chart per indicator for an organisation: its values over the years, the average of its (first)
    cohort for the same years, and a marker at the cohort's year."""
    enrolment = (
        Enrolment.objects.filter(organisation=organisation)
        .exclude(status=EnrolmentStatus.WITHDRAWN)
        .select_related("cohort")
        .order_by("cohort__year")
        .first()
    )
    cohort = enrolment.cohort if enrolment else None
    own: dict[int, dict[int, float]] = defaultdict(dict)
    indicators: dict[int, Indicator] = {}
    for m in measurements.filter(organisation=organisation).select_related("indicator"):
        own[m.indicator_id][m.year] = float(m.value)
        indicators[m.indicator_id] = m.indicator
    averages = cohort_averages(cohort, list(indicators)) if cohort else {}
    result = []
    for iid, points in own.items():
        indicator = indicators[iid]
        series = [charts.Series(organisation.name, points)]
        avg = averages.get(iid, {})
        if avg:
            series.append(charts.Series(_("Average of %(cohort)s") % {"cohort": cohort.name}, avg))
        result.append(
            {
                "indicator": indicator,
                "points": sorted(points.items()),
                "average": avg,
                "cohort": cohort,
                "chart": charts.line_chart(
                    f"{indicator.name} – {organisation.name}",
                    series,
                    marker_year=cohort.year if cohort else None,
                    marker_label=_("Course") if cohort else "",
                ),
            }
        )
    return sorted(result, key=lambda r: r["indicator"].name)


def cohort_averages(cohort: Cohort, indicator_ids: list[int] | None = None) -> dict[int, dict[int, float]]:
    """Average value per indicator and year across the organisations enrolled in a cohort (one query)."""
    orgs = Enrolment.objects.filter(cohort=cohort).exclude(status=EnrolmentStatus.WITHDRAWN).values("organisation_id")
    qs = Measurement.objects.filter(organisation__in=orgs)
    if indicator_ids is not None:
        qs = qs.filter(indicator__in=indicator_ids)
    out: dict[int, dict[int, float]] = defaultdict(dict)
    for row in qs.values("indicator", "year").annotate(avg=Avg("value")).order_by("indicator", "year"):
        out[row["indicator"]][row["year"]] = round(float(row["avg"]), 2)
    return out


def cohort_charts(cohort: Cohort) -> list[dict]:
    """The cohort's average per indicator over the years (for the evaluation report)."""
    averages = cohort_averages(cohort)
    names = dict(Indicator.objects.filter(pk__in=list(averages)).values_list("pk", "name"))
    result = []
    for iid, points in sorted(averages.items(), key=lambda kv: names.get(kv[0], "")):
        label = _("Average of %(cohort)s") % {"cohort": cohort.name}
        result.append(
            {
                "name": names.get(iid, ""),
                "points": sorted(points.items()),
                "chart": charts.line_chart(
                    f"{names.get(iid, '')} – {label}",
                    [charts.Series(label, points)],
                    marker_year=cohort.year,
                    marker_label=_("Course"),
                ),
            }
        )
    return result
