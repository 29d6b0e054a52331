"""Helpers shared by the homework views: scoped lookups, file responses, upload limits."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404

from cohorts import access
from cohorts.models import Cohort

from ..models import Assignment, Submission


def visible_cohort(request: HttpRequest, pk: int) -> Cohort:
    return get_object_or_404(Cohort.objects.visible_to(request.user), pk=pk)


def course_or_reader_cohort(request: HttpRequest, pk: int) -> Cohort:
    """Staff, the cohort's advisors, and its evaluators when the cohort lets them read homework.
    Everyone else gets 404: these pages (progress, submission lists, ZIP) show every organisation's work."""
    cohort = visible_cohort(request, pk)
    if not access.may_read_homework(request.user, cohort):
        raise Http404
    return cohort


def visible_assignment(request: HttpRequest, pk: int) -> Assignment:
    return get_object_or_404(Assignment.objects.visible_to(request.user).select_related("cohort"), pk=pk)


def visible_submission(request: HttpRequest, pk: int) -> Submission:
    return get_object_or_404(
        Submission.objects.visible_to(request.user).select_related("assignment", "assignment__cohort", "organisation"),
        pk=pk,
    )


def team_submission(request: HttpRequest, pk: int) -> Submission:
    submission = visible_submission(request, pk)
    if not access.is_team_member(request.user, submission.organisation_id):
        raise PermissionDenied
    return submission


def course_submission(request: HttpRequest, pk: int) -> Submission:
    submission = visible_submission(request, pk)
    if not access.is_course_side(request.user, submission.cohort_id):
        raise PermissionDenied
    return submission


def attachment_response(fieldfile, name: str, content_type: str) -> FileResponse:
    """A private file as a download: always an attachment, never sniffed, never cached publicly."""
    try:
        handle = fieldfile.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
