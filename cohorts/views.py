from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import Cohort, CohortStatus, Enrolment, EnrolmentStatus, Membership, Organisation
from .panels import panels_for_enrolment, panels_for_organisation


def public_home(request: HttpRequest) -> HttpResponse:
    """The programme's public front page: what it is, and each year's participants."""
    cohorts = (
        Cohort.objects.exclude(status=CohortStatus.PLANNING)
        .prefetch_related(Prefetch(
            "enrolments",
            queryset=Enrolment.objects.exclude(status__in=[EnrolmentStatus.WITHDRAWN, EnrolmentStatus.APPLIED])
            .select_related("organisation"),
        ))
        .order_by("-year")
    )
    open_cohort = Cohort.objects.filter(open_for_applications=True).order_by("year").first()
    return render(request, "cohorts/public_home.html", {"cohorts": cohorts, "open_cohort": open_cohort})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "cohorts/privacy.html")


@login_required
def cohort_list(request: HttpRequest) -> HttpResponse:
    cohorts = Cohort.objects.visible_to(request.user).annotate(
        organisation_count=Count("enrolments", filter=~Q(enrolments__status=EnrolmentStatus.WITHDRAWN)),
    ).order_by("-year", "name")
    page = Paginator(cohorts, 25).get_page(request.GET.get("page"))
    return render(request, "cohorts/cohort_list.html", {"page_obj": page, "cohorts": page.object_list})


@login_required
def cohort_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = get_object_or_404(Cohort.objects.visible_to(request.user), pk=pk)
    enrolments = (
        cohort.enrolments.select_related("organisation").annotate(team_size=Count("team", distinct=True))
        .order_by("organisation__name")
    )
    return render(request, "cohorts/cohort_detail.html", {"cohort": cohort, "enrolments": enrolments})


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)
    enrolments = Enrolment.objects.visible_to(request.user).filter(organisation=organisation).select_related("cohort")
    memberships = Membership.objects.active().filter(organisation=organisation).select_related("user")
    return render(request, "cohorts/organisation_detail.html", {
        "organisation": organisation, "enrolments": enrolments, "memberships": memberships,
        "panels": panels_for_organisation(request.user, organisation),
    })


@login_required
def enrolment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = get_object_or_404(
        Enrolment.objects.visible_to(request.user).select_related("cohort", "organisation"), pk=pk
    )
    return render(request, "cohorts/enrolment_detail.html", {
        "enrolment": enrolment, "team": enrolment.team.all(),
        "panels": panels_for_enrolment(request.user, enrolment),
    })
