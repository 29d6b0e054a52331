"""The organisation's reputation journey: every indicator over the years, with the course year
marked, homework milestones on the timeline and, optionally, comparable municipalities as a band."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import median

from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.models import Enrolment, EnrolmentStatus, Organisation
from evaluations import charts
from evaluations.models import Indicator, Measurement
from homework.models import Assignment


@dataclass
class Row:
    year: int
    value: Decimal
    sample_size: int | None
    margin_of_error: Decimal | None
    source: str
    band: tuple[float, float, float] | None = None  # comparable municipalities: low, median, high


@dataclass
class IndicatorSeries:
    indicator: Indicator
    rows: list[Row]
    chart: str = ""
    comparable_count: int = 0


@dataclass
class Journey:
    organisation: Organisation
    course_years: list[int]
    milestones: list[tuple[object, str]]  # (date, text)
    series: list[IndicatorSeries] = field(default_factory=list)
    comparable: list[Organisation] = field(default_factory=list)


def comparable_organisations(organisation: Organisation) -> list[Organisation]:
    """Same county and a population within a factor of two of the organisation's latest (SSB) figure."""
    if not organisation.county:
        return []
    latest = (
        Measurement.objects.filter(organisation=organisation, indicator__code="ssb_population")
        .order_by("-year")
        .first()
    )
    if latest is None:
        return []
    low, high = latest.value / 2, latest.value * 2
    peers = (
        Measurement.objects.filter(
            indicator__code="ssb_population",
            year=latest.year,
            value__gte=low,
            value__lte=high,
            organisation__county=organisation.county,
        )
        .exclude(organisation=organisation)
        .values("organisation")
    )
    return list(Organisation.objects.filter(pk__in=peers).order_by("name"))


def build(organisation: Organisation, *, with_comparable: bool = False) -> Journey:
    enrolments = list(
        Enrolment.objects.filter(organisation=organisation)
        .exclude(status=EnrolmentStatus.WITHDRAWN)
        .select_related("cohort")
        .order_by("cohort__year")
    )
    course_years = [e.cohort.year for e in enrolments]
    milestones = [
        (timezone.localtime(a.due_at).date(), _("Homework due: %(title)s") % {"title": a.title})
        for a in Assignment.objects.filter(cohort__in=[e.cohort_id for e in enrolments]).order_by("due_at")
    ]
    journey = Journey(organisation=organisation, course_years=course_years, milestones=milestones)
    if with_comparable:
        journey.comparable = comparable_organisations(organisation)
    bands: dict[tuple[int, int], list[float]] = defaultdict(list)
    if journey.comparable:
        for iid, year, value in Measurement.objects.filter(organisation__in=journey.comparable).values_list(
            "indicator", "year", "value"
        ):
            bands[(iid, year)].append(float(value))
    by_indicator: dict[int, IndicatorSeries] = {}
    for m in (
        Measurement.objects.filter(organisation=organisation)
        .select_related("indicator")
        .order_by("indicator__name", "year")
    ):
        s = by_indicator.setdefault(m.indicator_id, IndicatorSeries(indicator=m.indicator, rows=[]))
        peers = bands.get((m.indicator_id, m.year))
        s.rows.append(
            Row(
                year=m.year,
                value=m.value,
                sample_size=m.sample_size,
                margin_of_error=m.margin_of_error,
                source=" ".join(p for p in (m.source, m.source_table) if p),
                band=(min(peers), round(median(peers), 2), max(peers)) if peers else None,
            )
        )
    marker = course_years[0] if course_years else None
    for s in by_indicator.values():
        series = [charts.Series(organisation.name, {r.year: float(r.value) for r in s.rows})]
        band = {r.year: (r.band[0], r.band[2]) for r in s.rows if r.band}
        band_median = {r.year: r.band[1] for r in s.rows if r.band}
        if band:
            s.comparable_count = len(journey.comparable)
            series.append(charts.Series(_("Comparable municipalities (median)"), band_median))
        s.chart = charts.line_chart(
            f"{s.indicator.name} – {organisation.name}",
            series,
            marker_year=marker,
            marker_label=_("Course") if marker else "",
            band=band,
            band_label=_("Comparable municipalities (range)"),
        )
        journey.series.append(s)
    return journey


def table_rows(journey: Journey) -> list[list]:
    """One flat table of every value, for CSV and XLSX."""
    rows = []
    for s in journey.series:
        for r in s.rows:
            rows.append(
                [
                    s.indicator.name,
                    s.indicator.unit,
                    r.year,
                    r.value,
                    r.sample_size if r.sample_size is not None else "",
                    r.margin_of_error if r.margin_of_error is not None else "",
                    r.source,
                ]
            )
    return rows
