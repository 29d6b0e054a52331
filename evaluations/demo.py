"""Demo data: a feedback survey for the Stiklestad gathering (2012) with answers, a follow-up survey
with its +6-month wave, reputation indicators for some of the 2009 municipalities, and an open
survey for the current cohort. Idempotent: a survey that exists is left as it is."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone, translation

from omdomme.core.extensions import DemoContext
from sessions.models import Gathering

from .bulk import add_responses
from .indicators import ensure_builtin_indicators
from .models import Audience, Measurement, Participation, Survey
from .services import copy_survey, update_survey
from .survey_templates import create_from_template

# 2009 cohort: baseline 2008, re-measured 2010, 2012 and 2014.
SERIES = {
    "Nordre Land": [58, 61, 64, 66],
    "Steinkjer": [63, 64, 68, 70],
    "Frøya": [55, 60, 62, 61],
    "Bømlo": [60, 60, 63, 65],
    "Nærøy": [52, 55, 57, 60],
}
YEARS = [2008, 2010, 2012, 2014]


def _at(day, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _stiklestad_gathering(cohort):
    return (
        Gathering.objects.filter(cohort=cohort, title__icontains="Stiklestad").first()
        or Gathering.objects.filter(cohort=cohort, town__icontains="Verdal").first()
    )


def seed(ctx: DemoContext) -> None:
    staff = ctx.users["staff"]
    with translation.override("nb"):
        _indicators(ctx, staff)
        _stiklestad(ctx, staff)
        _follow_up(ctx, staff)
        _current(ctx, staff)


def _indicators(ctx: DemoContext, staff) -> None:
    indicators = ensure_builtin_indicators()
    for offset, indicator in enumerate(indicators):
        for org_name, values in SERIES.items():
            org = ctx.organisations.get(org_name)
            if org is None:
                continue
            for year, value in zip(YEARS, values, strict=True):
                Measurement.objects.get_or_create(
                    indicator=indicator,
                    organisation=org,
                    year=year,
                    defaults={
                        "value": Decimal(value - 4 * offset),
                        "entered_by": staff,
                        "source": "Innbyggerundersøkelsen (demo)" if offset < 2 else "Egen måling (demo)",
                        "method": "Telefonintervju, n≈400" if offset < 2 else "Webpanel, n≈250",
                    },
                )


def _stiklestad(ctx: DemoContext, staff) -> None:
    cohort = ctx.cohorts[2012]
    gathering = _stiklestad_gathering(cohort)
    title = "Tilbakemelding: samlingen på Stiklestad"
    if Survey.objects.filter(cohort=cohort, title_nb=title).exists():
        return
    opens = _at(datetime(2012, 9, 26).date(), 16)
    survey = create_from_template(
        "gathering_feedback",
        cohort=cohort,
        opens_at=opens,
        closes_at=opens + timedelta(days=14),
        gathering=gathering,
        actor=staff,
    )
    update_survey(
        survey,
        title_nb=title,
        title_nn="Tilbakemelding: samlinga på Stiklestad",
        title_en="Feedback: the gathering at Stiklestad",
        audience=Audience.PARTICIPANTS,
        actor=staff,
    )
    add_responses(survey, 14, seed=2012, kinds=("municipality", "municipality", "regional_council"))
    _participations(ctx, survey)


def _participations(ctx: DemoContext, survey: Survey) -> None:
    org = ctx.organisations.get("Fjordvik kommune")
    for key in ("contact", "member"):
        user = ctx.users.get(key)
        if user is not None:
            Participation.objects.get_or_create(
                survey=survey, user=user, defaults={"organisation": org, "submitted": True}
            )


def _follow_up(ctx: DemoContext, staff) -> None:
    cohort = ctx.cohorts[2012]
    title = "Oppfølging: hva skjedde etter kurset?"
    if Survey.objects.filter(cohort=cohort, title_nb=title, wave=1).exists():
        return
    opens = _at(datetime(2013, 2, 1).date())
    first = create_from_template(
        "follow_up", cohort=cohort, opens_at=opens, closes_at=opens + timedelta(days=21), actor=staff
    )
    titles = {
        "title_nb": title,
        "title_nn": "Oppfølging: kva skjedde etter kurset?",
        "title_en": "Follow-up: what happened after the course?",
    }
    update_survey(first, **titles, anonymous=True, audience=Audience.PARTICIPANTS, actor=staff)
    add_responses(first, 9, seed=2013, bias=-2, label="wave1")
    later = _at(datetime(2013, 7, 18).date())  # six months after the last gathering
    second = copy_survey(first, opens_at=later, closes_at=later + timedelta(days=21), as_wave=True, actor=staff)
    after = {"nb": " (+6 måneder)", "nn": " (+6 månader)", "en": " (+6 months)"}
    update_survey(second, **{key: value + after[key[-2:]] for key, value in titles.items()}, actor=staff)
    add_responses(second, 8, seed=2014, bias=1, label="wave2")


def _current(ctx: DemoContext, staff) -> None:
    cohort = ctx.current
    title = "Tilbakemelding: første samling"
    if Survey.objects.filter(cohort=cohort, title_nb=title).exists():
        return
    gathering = _stiklestad_gathering(cohort)
    # Feedback on a gathering opens when it ends and closes two weeks later, never before it.
    opens = _at(gathering.ends_on, 16) if gathering else timezone.now() - timedelta(days=2)
    survey = create_from_template(
        "gathering_feedback",
        cohort=cohort,
        opens_at=opens,
        closes_at=opens + timedelta(days=14),
        gathering=gathering,
        actor=staff,
    )
    update_survey(survey, title_nb=title, title_nn=title, title_en="Feedback: the first gathering", actor=staff)
