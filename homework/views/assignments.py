"""Assignments: lists, detail, and the staff's create/edit/publish/reorder/template/copy pages."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts import access
from cohorts.models import Cohort, Enrolment

from .. import services
from ..forms import AssignmentForm, CopyForm, MethodSetForm
from ..models import Assignment, Submission, SubmissionStatus
from .common import visible_assignment, visible_cohort


def _team_org_ids(user, cohort_id: int) -> list[int]:
    return list(
        Enrolment.objects.filter(
            cohort_id=cohort_id, organisation__in=access.member_organisation_ids(user)
        ).values_list("organisation_id", flat=True)
    )


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """ "Our homework" for team members; the cohorts with homework for staff, advisors and evaluators."""
    from .submissions import our_homework_context

    context = our_homework_context(request.user)
    cohorts = Cohort.objects.none()
    if access.is_staff(request.user) or request.user.is_advisor or request.user.is_evaluator:
        cohorts = Cohort.objects.visible_to(request.user)
        if not access.is_staff(request.user):  # the course side's cohorts, not those of their organisations
            cohorts = cohorts.filter(pk__in=access.assigned_cohort_ids(request.user))
        cohorts = cohorts.annotate(assignment_count=Count("assignments")).order_by("-year")
    context["cohorts"] = cohorts
    context["is_course"] = access.is_staff(request.user) or request.user.is_advisor
    return render(request, "homework/index.html", context)


@login_required
def assignment_list(request: HttpRequest, cohort_pk: int) -> HttpResponse:
    cohort = visible_cohort(request, cohort_pk)
    assignments = (
        Assignment.objects.visible_to(request.user)
        .filter(cohort=cohort)
        .annotate(
            submitted_count=Count("submissions", filter=~Q(submissions__status=SubmissionStatus.DRAFT)),
        )
        .order_by("position", "due_at", "pk")
    )
    return render(
        request,
        "homework/assignment_list.html",
        {
            "cohort": cohort,
            "assignments": assignments,
            "can_manage": access.is_staff(request.user),
            "is_course": access.is_course_side(request.user, cohort.pk),
            "method_form": MethodSetForm(initial={"interval_days": 14}),
        },
    )


@login_required
def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = visible_assignment(request, pk)
    org_ids = _team_org_ids(request.user, assignment.cohort_id)
    own = list(
        Submission.objects.filter(assignment=assignment, organisation_id__in=org_ids).select_related("organisation")
    )
    deadlines = [services.deadlines_for(assignment, org_id) for org_id in org_ids]
    now = timezone.now()
    return render(
        request,
        "homework/assignment_detail.html",
        {
            "assignment": assignment,
            "cohort": assignment.cohort,
            "own_submissions": own,
            "team_orgs": org_ids,
            "deadlines": deadlines[0] if len(deadlines) == 1 else None,
            "can_manage": access.is_staff(request.user),
            "is_course": access.is_course_side(request.user, assignment.cohort_id),
            "now": now,
            # Before it opens the team is told when, and offered nothing to start; after the cut-off, why.
            "not_open": services.not_open_reason(assignment, now),
            "closed": services.closed_reason(assignment, deadlines[0], now) if len(deadlines) == 1 else "",
        },
    )


@login_required
def assignment_create(request: HttpRequest, cohort_pk: int) -> HttpResponse:
    cohort = visible_cohort(request, cohort_pk)
    access.require_staff(request.user)
    form = AssignmentForm(request.POST or None, instance=Assignment(cohort=cohort))
    if request.method == "POST" and form.is_valid():
        try:
            assignment = services.create_assignment(cohort, **form.service_fields(), actor=request.user)
        except services.HomeworkError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The assignment was created. Publish it when it is ready."))
            return redirect(assignment)
    return render(request, "homework/assignment_form.html", {"form": form, "cohort": cohort, "assignment": None})


@login_required
def assignment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = visible_assignment(request, pk)
    access.require_staff(request.user)
    form = AssignmentForm(request.POST or None, instance=Assignment.objects.get(pk=assignment.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_assignment(assignment, **form.service_fields(), actor=request.user)
        except services.HomeworkError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The assignment was saved."))
            return redirect(assignment)
    return render(
        request, "homework/assignment_form.html", {"form": form, "cohort": assignment.cohort, "assignment": assignment}
    )


@login_required
@require_POST
def assignment_publish(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = visible_assignment(request, pk)
    access.require_staff(request.user)
    publish = request.POST.get("publish") == "1"
    services.set_published(assignment, publish, actor=request.user)
    messages.success(request, _("The assignment is published.") if publish else _("The assignment is hidden."))
    if request.POST.get("next") == "detail":
        return redirect(assignment)
    return redirect("homework:assignment_list", cohort_pk=assignment.cohort_id)


@login_required
@require_POST
def assignment_move(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = visible_assignment(request, pk)
    access.require_staff(request.user)
    services.move_assignment(assignment, -1 if request.POST.get("direction") == "up" else 1, actor=request.user)
    return redirect("homework:assignment_list", cohort_pk=assignment.cohort_id)


@login_required
@require_POST
def method_set_create(request: HttpRequest, cohort_pk: int) -> HttpResponse:
    cohort = visible_cohort(request, cohort_pk)
    access.require_staff(request.user)
    form = MethodSetForm(request.POST)
    if form.is_valid():
        created = services.create_method_set(
            cohort,
            first_due=form.cleaned_data["first_due"],
            interval=timedelta(days=form.cleaned_data["interval_days"]),
            publish=form.cleaned_data["publish"],
            actor=request.user,
        )
        messages.success(request, _("%(n)s method-step assignments were created.") % {"n": len(created)})
    else:
        messages.error(request, _("Give the first due date and the days between steps."))
    return redirect("homework:assignment_list", cohort_pk=cohort.pk)


@login_required
def assignment_copy(request: HttpRequest, cohort_pk: int) -> HttpResponse:
    cohort = visible_cohort(request, cohort_pk)
    access.require_staff(request.user)
    form = CopyForm(request.POST or None, target=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            copies = services.copy_assignments(
                form.cleaned_data["source"], cohort, shift=form.shift(), actor=request.user
            )
        except services.HomeworkError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("%(n)s assignments were copied. They are not published yet.") % {"n": len(copies)}
            )
            return redirect("homework:assignment_list", cohort_pk=cohort.pk)
    return render(request, "homework/assignment_copy.html", {"form": form, "cohort": cohort})
