"""Reusable annotations for cohort lists (the cohort list page and the home page)."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from .models import Cohort, Enrolment, EnrolmentStatus, LanguageForm, Organisation


def team_size_subquery(outer: str = "pk"):
    """The number of team members over a cohort's current enrolments, as one subquery."""
    through = Enrolment.team.through
    return Coalesce(
        Subquery(
            through.objects.filter(enrolment__cohort=OuterRef(outer))
            .exclude(enrolment__status=EnrolmentStatus.WITHDRAWN)
            .order_by()
            .values("enrolment__cohort")
            .annotate(n=Count("user_id", distinct=True))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def with_counts(cohorts):
    return cohorts.annotate(
        organisation_count=Count("enrolments", filter=~Q(enrolments__status=EnrolmentStatus.WITHDRAWN), distinct=True),
        team_size=team_size_subquery(),
    )


def nynorsk_organisations(cohort: Cohort) -> list[Organisation]:
    """The organisations taking part in ``cohort`` that decided on Nynorsk (språkvedtak)."""
    taking_part = Enrolment.objects.filter(cohort=cohort).exclude(
        status__in=[EnrolmentStatus.WITHDRAWN, EnrolmentStatus.APPLIED]
    )
    return list(
        Organisation.objects.filter(language_form=LanguageForm.NYNORSK, pk__in=taking_part.values("organisation_id"))
    )
