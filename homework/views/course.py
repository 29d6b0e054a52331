"""Staff and advisor views: the progress matrix, an assignment's submissions and their ZIP,
extensions; and the cohort gallery of shared work."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts import access
from cohorts.models import Cohort, Enrolment, EnrolmentStatus
from omdomme.core import fragments
from omdomme.core.cells import date_formatter, url_maker

from .. import services
from ..forms import ExtensionForm, ProgressFilterForm
from ..models import (
    Assignment,
    Extension,
    Submission,
    SubmissionFile,
    SubmissionFileVersion,
    SubmissionStatus,
)
from ..zipstream import TextSource, stream_zip
from .common import course_or_reader_cohort, visible_assignment, visible_cohort

NOT_STARTED = "none"


def _matrix_enrolments(cohort):
    return (
        Enrolment.objects.filter(cohort=cohort)
        .exclude(status__in=[EnrolmentStatus.WITHDRAWN, EnrolmentStatus.APPLIED])
        .select_related("organisation")
        .order_by("organisation__name")
    )


MATRIX_PAGE_SIZE = 25


@login_required
def progress(request: HttpRequest, cohort_pk: int) -> HttpResponse:
    """Organisations × assignments: status, late marker and last activity per cell, 25 organisations
    a page. The filter form aside, the page is one cached part (``omdomme.core.fragments``, scopes
    ``("cohort", pk)`` and ``("homework", pk)``); on a miss ``_matrix`` reads it in a fixed number of
    queries whatever the size of the cohort, and hands the template plain strings (labels, URLs and
    dates made once per page, not once per cell)."""
    cohort = course_or_reader_cohort(request, cohort_pk)
    labels = {NOT_STARTED: _("Not started"), **{value: str(label) for value, label in SubmissionStatus.choices}}
    form = ProgressFilterForm(request.GET or None, statuses=list(labels.items()))
    status_filter = form.status_filter()
    return render(
        request,
        "homework/progress.html",
        {
            "cohort": cohort,
            "form": form,
            "fragment": fragments.part(request, ("cohort", cohort.pk), ("homework", cohort.pk)),
            "matrix": fragments.on_miss(_matrix, request, cohort, status_filter, labels),
        },
    )


def _matrix(request: HttpRequest, cohort: Cohort, status_filter: str, labels: dict[str, str]) -> dict:
    assignments = list(
        Assignment.objects.visible_to(request.user)
        .filter(cohort=cohort)
        .order_by("position", "due_at", "pk")
        .only("pk", "title", "position", "due_at")
    )
    enrolments = list(_matrix_enrolments(cohort).only("pk", "organisation_id", "organisation__name"))
    cells = {
        (org_id, assignment_id): (pk, status, is_late, last_activity_at)
        for pk, org_id, assignment_id, status, is_late, last_activity_at in Submission.objects.visible_to(request.user)
        .filter(cohort=cohort)
        .values_list("pk", "organisation_id", "assignment_id", "status", "is_late", "last_activity_at")
    }
    extended = set(Extension.objects.filter(assignment__cohort=cohort).values_list("organisation_id", "assignment_id"))
    if status_filter:
        enrolments = [
            e
            for e in enrolments
            if any(cells.get((e.organisation_id, a.pk), (0, NOT_STARTED))[1] == status_filter for a in assignments)
        ]
    page = Paginator(enrolments, MATRIX_PAGE_SIZE).get_page(request.GET.get("page"))
    submission_url = url_maker("homework:submission_detail")
    short_date = date_formatter("SHORT_DATE_FORMAT")
    rows = []
    for enrolment in page.object_list:
        org_id = enrolment.organisation_id
        row_cells = []
        for a in assignments:
            pk, status, is_late, last_activity_at = cells.get((org_id, a.pk), (None, NOT_STARTED, False, None))
            row_cells.append(
                {
                    "status": status,
                    "label": labels[status],
                    "url": submission_url(pk) if pk else "",
                    "late": is_late,
                    "date": short_date(last_activity_at) if pk else "",
                    "extended": (org_id, a.pk) in extended,
                    "dim": bool(status_filter) and status != status_filter,
                }
            )
        rows.append({"name": enrolment.organisation.name, "cells": row_cells})
    totals = {a.pk: 0 for a in assignments}
    for (_org, assignment_id), (_pk, status, _late, _at) in cells.items():
        if status != SubmissionStatus.DRAFT and assignment_id in totals:
            totals[assignment_id] += 1
    assignments_url = url_maker("homework:assignment_submissions")
    columns = [
        {"number": i, "title": a.title, "short": Truncator(a.title).chars(14), "url": assignments_url(a.pk)}
        for i, a in enumerate(assignments, 1)
    ]
    return {
        "columns": columns,
        "rows": rows,
        "page_obj": page,
        "totals": [totals[a.pk] for a in assignments],
        "organisation_count": len(enrolments),
        "late_label": _("Late"),
        "extended_label": _("Extended deadline"),
    }


def _latest_versions_prefetch():
    return Prefetch(
        "files",
        queryset=SubmissionFile.objects.active().prefetch_related(
            Prefetch("versions", queryset=SubmissionFileVersion.objects.order_by("-number"))
        ),
    )


@login_required
def assignment_submissions(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = visible_assignment(request, pk)
    course_or_reader_cohort(request, assignment.cohort_id)
    submissions = {
        s.organisation_id: s
        for s in Submission.objects.visible_to(request.user)
        .filter(assignment=assignment)
        .annotate(
            file_count=Count("files", filter=Q(files__removed_at__isnull=True)),
            feedback_count=Count("feedback", distinct=True),
        )
    }
    extensions = {x.organisation_id: x for x in Extension.objects.filter(assignment=assignment)}
    rows = [
        {
            "organisation": e.organisation,
            "submission": submissions.get(e.organisation_id),
            "extension": extensions.get(e.organisation_id),
        }
        for e in _matrix_enrolments(assignment.cohort)
    ]
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "homework/assignment_submissions.html",
        {
            "assignment": assignment,
            "cohort": assignment.cohort,
            "rows": page.object_list,
            "page_obj": page,
            "is_course": access.is_course_side(request.user, assignment.cohort_id),
            "has_files": any(s.file_count for s in submissions.values()),
        },
    )


@login_required
def assignment_zip(request: HttpRequest, pk: int) -> HttpResponse:
    """Every organisation's latest file versions as one ZIP, streamed, one folder per organisation."""
    assignment = visible_assignment(request, pk)
    course_or_reader_cohort(request, assignment.cohort_id)
    submissions = (
        Submission.objects.visible_to(request.user)
        .filter(assignment=assignment)
        .exclude(status=SubmissionStatus.DRAFT)
        .select_related("organisation")
        .prefetch_related(_latest_versions_prefetch())
        .order_by("organisation__name")
    )
    entries = []
    answer_name = _("text-answer")
    for submission in submissions:
        folder = slugify(submission.organisation.name) or f"organisation-{submission.organisation_id}"
        used: set[str] = set()
        for file in submission.files.all():
            version = file.latest_version
            if version is None:
                continue
            name = version.original_name
            stem, dot, ext = name.rpartition(".")
            counter = 2
            while name.lower() in used:
                name = f"{stem or ext}-{counter}{dot}{ext if stem else ''}"
                counter += 1
            used.add(name.lower())
            entries.append((f"{folder}/{name}", version.stored))
        if submission.text_answer.strip():
            entries.append((f"{folder}/{answer_name}.txt", TextSource(submission.text_answer)))
    response = StreamingHttpResponse(stream_zip(entries), content_type="application/zip")
    filename = f"{slugify(assignment.cohort.name)}-{slugify(assignment.title)}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def extension_grant(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = visible_assignment(request, pk)
    if not access.is_course_side(request.user, assignment.cohort_id):
        raise Http404  # the page lists every organisation's extensions and reasons
    form = ExtensionForm(
        request.POST or None, assignment=assignment, initial={"organisation": request.GET.get("organisation")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_extension(
                assignment,
                form.cleaned_data["organisation"],
                due_at=form.cleaned_data["due_at"],
                cutoff_at=form.cleaned_data["cutoff_at"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except services.HomeworkError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The extension was granted."))
            return redirect("homework:assignment_submissions", pk=assignment.pk)
    extensions = Extension.objects.filter(assignment=assignment).select_related("organisation", "granted_by")
    return render(
        request,
        "homework/extension_form.html",
        {"form": form, "assignment": assignment, "cohort": assignment.cohort, "extensions": extensions},
    )


@login_required
@require_POST
def extension_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    extension = get_object_or_404(
        Extension.objects.visible_to(request.user).select_related("assignment", "organisation"), pk=pk
    )
    if not access.is_course_side(request.user, extension.assignment.cohort_id):
        raise PermissionDenied
    assignment = extension.assignment
    services.revoke_extension(extension, actor=request.user)
    messages.success(request, _("The extension was removed."))
    return redirect("homework:extension_grant", pk=assignment.pk)


@login_required
def gallery(request: HttpRequest, cohort_pk: int) -> HttpResponse:
    cohort = visible_cohort(request, cohort_pk)
    shared = (
        Submission.objects.shared_with(request.user)
        .filter(cohort=cohort)
        .select_related("assignment", "organisation")
        .order_by("assignment__position", "organisation__name")
    )
    page = Paginator(shared, 30).get_page(request.GET.get("page"))
    return render(
        request, "homework/gallery.html", {"cohort": cohort, "page_obj": page, "submissions": page.object_list}
    )


@login_required
def gallery_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_object_or_404(
        Submission.objects.shared_with(request.user)
        .select_related("assignment", "organisation", "cohort")
        .prefetch_related(_latest_versions_prefetch()),
        pk=pk,
    )
    return render(
        request,
        "homework/gallery_detail.html",
        {
            "submission": submission,
            "cohort": submission.cohort,
            "files": submission.files.all(),
            "can_unshare": access.is_team_member(request.user, submission.organisation_id)
            or access.is_course_side(request.user, submission.cohort_id),
            # Alumni of other cohorts reach work shared with all cohorts from the knowledge bank.
            "in_cohort": Cohort.objects.visible_to(request.user).filter(pk=submission.cohort_id).exists(),
            "now": timezone.now(),
        },
    )
