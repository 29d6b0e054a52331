"""Submissions: the team's page (text, files, submit), file downloads, feedback, sharing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from cohorts import access
from cohorts.models import Enrolment, EnrolmentStatus, Organisation

from .. import services, uploads
from ..forms import ConsentForm, FeedbackForm, ReplaceForm, ReturnForm, TextAnswerForm, UploadForm
from ..models import (
    DEFAULT_FILE_TYPES,
    Assignment,
    Extension,
    FeedbackEntry,
    Submission,
    SubmissionFile,
    SubmissionFileVersion,
    SubmissionStatus,
)
from .common import (
    attachment_response,
    course_submission,
    team_submission,
    visible_assignment,
    visible_submission,
)

# Feedback attachments (comments, annotated documents) take the usual office formats, whatever the
# assignment asks the team for.
FEEDBACK_FILE_TYPES = DEFAULT_FILE_TYPES.split(",")


def our_homework_context(user) -> dict:
    """Per organisation the user is on the team of: its cohorts' published assignments, with the
    organisation's submission status and (extended) deadlines. A fixed number of queries."""
    enrolments = list(
        Enrolment.objects.current()
        .exclude(status=EnrolmentStatus.APPLIED)
        .filter(organisation__in=access.member_organisation_ids(user))
        .select_related("organisation", "cohort")
        .order_by("-cohort__year", "organisation__name")
    )
    if not enrolments:
        return {"our": []}
    cohort_ids = {e.cohort_id for e in enrolments}
    org_ids = {e.organisation_id for e in enrolments}
    assignments = list(Assignment.objects.published().filter(cohort_id__in=cohort_ids).order_by("position", "due_at"))
    submissions = {
        (s.assignment_id, s.organisation_id): s
        for s in Submission.objects.filter(assignment__in=assignments, organisation_id__in=org_ids)
    }

    extensions = {
        (x.assignment_id, x.organisation_id): x
        for x in Extension.objects.filter(assignment__in=assignments, organisation_id__in=org_ids)
    }
    now = timezone.now()
    our = []
    for enrolment in enrolments:
        rows = []
        for a in assignments:
            if a.cohort_id != enrolment.cohort_id:
                continue
            key = (a.pk, enrolment.organisation_id)
            deadlines = (
                services.deadlines_for(a, enrolment.organisation_id, extension=extensions.get(key))
                if key in extensions
                else services.Deadlines(a.due_at, a.cutoff_at)
            )
            sub = submissions.get(key)
            rows.append(
                {
                    "assignment": a,
                    "submission": sub,
                    "deadlines": deadlines,
                    "closed": deadlines.cutoff_at is not None and deadlines.cutoff_at < now,
                    "overdue": (sub is None or sub.status == SubmissionStatus.DRAFT) and deadlines.due_at < now,
                }
            )
        upcoming = [
            r
            for r in rows
            if r["deadlines"].due_at >= now and (r["submission"] is None or r["submission"].status in services.EDITABLE)
        ]
        our.append({"enrolment": enrolment, "rows": rows, "next": upcoming[0] if upcoming else None})
    return {"our": our}


@login_required
@require_POST
def submission_start(request: HttpRequest, pk: int) -> HttpResponse:
    """The team opens its submission for an assignment (created as a draft the first time)."""
    assignment = visible_assignment(request, pk)
    org_ids = list(
        Enrolment.objects.filter(
            cohort_id=assignment.cohort_id, organisation__in=access.member_organisation_ids(request.user)
        ).values_list("organisation_id", flat=True)
    )
    if not org_ids:
        raise PermissionDenied
    wanted = request.POST.get("organisation")
    org_id = int(wanted) if wanted and wanted.isdigit() and int(wanted) in org_ids else org_ids[0]
    try:
        submission = services.get_or_create_submission(
            assignment, Organisation.objects.get(pk=org_id), actor=request.user
        )
    except services.HomeworkError as exc:
        _error(request, exc)
        return redirect(assignment)
    return redirect(submission)


def _text_form(submission: Submission, data=None) -> TextAnswerForm:
    """The text answer, saved as a draft while the team types (htmx), and again with the work form."""
    form = TextAnswerForm(data, initial={"text_answer": submission.text_answer})
    form.fields["text_answer"].widget.attrs.update(
        {
            "hx-post": reverse("homework:submission_text", args=[submission.pk]),
            "hx-trigger": "input changed delay:1500ms",
            "hx-target": "#autosave-status",
            "hx-params": "text_answer",
            "aria-describedby": "autosave-status",
        }
    )
    return form


def _detail_context(request: HttpRequest, submission: Submission) -> dict:
    files = list(
        submission.files.prefetch_related(
            Prefetch(
                "versions", queryset=SubmissionFileVersion.objects.select_related("uploaded_by").order_by("-number")
            )
        ).select_related("removed_by")
    )
    is_team = access.is_team_member(request.user, submission.organisation_id)
    is_course = access.is_course_side(request.user, submission.cohort_id)
    deadlines = services.deadlines_for(submission.assignment, submission.organisation_id)
    now = timezone.now()
    not_open = services.not_open_reason(submission.assignment, now)
    closed = (
        services.closed_reason(submission.assignment, deadlines, now)
        if submission.status == SubmissionStatus.DRAFT
        else ""
    )
    editable = is_team and submission.status in services.EDITABLE and not not_open
    if editable:
        for file in files:
            file.replace_form = ReplaceForm(file.pk)  # one form per file, its ids the file's
    return {
        "submission": submission,
        "assignment": submission.assignment,
        "cohort": submission.assignment.cohort,
        "files": [f for f in files if f.removed_at is None],
        "removed_files": [f for f in files if f.removed_at],
        "feedback": submission.feedback.select_related("author").order_by("created_at", "pk"),
        "is_team": is_team,
        "is_course": is_course,
        "editable": editable,
        "not_open": not_open if is_team else "",
        "closed": closed if is_team else "",
        "deadlines": deadlines,
        "now": now,
        "text_form": _text_form(submission),
        "upload_form": UploadForm(),
        "feedback_form": FeedbackForm(),
        "return_form": ReturnForm(),
        "consent_form": ConsentForm(),
        "can_feedback": is_team or is_course,
        "max_size": min(submission.assignment.max_file_size, uploads.settings.UPLOAD_MAX_BYTES),
    }


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = visible_submission(request, pk)
    return render(request, "homework/submission_detail.html", _detail_context(request, submission))


def _error(request: HttpRequest, exc: Exception) -> None:
    for message in getattr(exc, "messages", [str(exc)]):
        messages.error(request, message)


@login_required
@require_POST
def submission_text(request: HttpRequest, pk: int) -> HttpResponse:
    submission = team_submission(request, pk)
    form = TextAnswerForm(request.POST)
    if request.htmx:  # the draft autosave: answer with a short status line, not a page
        if not form.is_valid():
            return HttpResponse(_("The answer is too long."))
        try:
            services.save_text_answer(submission, form.cleaned_data["text_answer"], actor=request.user)
        except services.HomeworkError as exc:
            return HttpResponse(" ".join(exc.messages))
        return HttpResponse(_("Draft saved %(t)s.") % {"t": date_format(timezone.localtime(), "TIME_FORMAT")})
    if form.is_valid():
        try:
            services.save_text_answer(submission, form.cleaned_data["text_answer"], actor=request.user)
            messages.success(request, _("Your answer was saved."))
        except services.HomeworkError as exc:
            _error(request, exc)
    else:
        messages.error(request, _("The answer is too long."))
    return redirect(submission)


def _checked_upload(request: HttpRequest, handler, max_size: int, allowed: list[str], field: str = "upload"):
    if handler.exceeded:
        raise uploads.UploadRefused(uploads.too_large_message(max_size), code="too_large")
    return uploads.check_upload(request.FILES.get(field), allowed_types=allowed, max_size=max_size)


def _upload(request: HttpRequest, pk: int, file_pk: int | None) -> HttpResponse:
    """Shared by "add a file" and "upload a new version". The size limit is applied before the
    body is read (Content-Length) and while it is read (the upload handler)."""
    if file_pk is not None:
        file = get_object_or_404(
            SubmissionFile.objects.visible_to(request.user).filter(removed_at__isnull=True), pk=file_pk
        )
        submission = team_submission(request, file.submission_id)
    else:
        file = None
        submission = team_submission(request, pk)
    assignment = submission.assignment
    if uploads.request_too_large(request, assignment.max_file_size):
        messages.error(request, uploads.too_large_message(assignment.max_file_size))
        response = redirect(submission)
        response["Connection"] = "close"
        return response
    handler = uploads.install_limit(request, assignment.max_file_size)
    return csrf_protect(_store_upload)(request, submission, file, handler)


def _save_work(request: HttpRequest, submission: Submission, handler) -> HttpResponse:
    """The team's one work form: the text answer is saved first, then the file (if any), then,
    with "Submit", the submission is handed in. A refused file never loses the text."""
    assignment = submission.assignment
    ok = True
    form = TextAnswerForm(request.POST)
    if form.is_valid():
        if form.cleaned_data["text_answer"] != submission.text_answer:
            try:
                services.save_text_answer(submission, form.cleaned_data["text_answer"], actor=request.user)
                submission.refresh_from_db()
            except services.HomeworkError as exc:
                _error(request, exc)
                ok = False
    else:
        messages.error(request, _("The answer is too long."))
        ok = False
    if handler.exceeded or request.FILES.get("upload"):
        try:
            checked = _checked_upload(request, handler, assignment.max_file_size, assignment.allowed_type_list)
            version = services.add_file(submission, checked, actor=request.user)
        except (services.HomeworkError, uploads.UploadRefused) as exc:
            _error(request, exc)
            ok = False
        else:
            messages.success(
                request,
                _("%(name)s was uploaded (version %(n)s).") % {"name": version.original_name, "n": version.number},
            )
    if ok and request.POST.get("action") == "submit":
        try:
            services.submit(submission, actor=request.user)
        except services.HomeworkError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("Your submission was delivered. Thank you!"))
    elif ok:
        messages.success(request, _("Your answer was saved."))
    return redirect(submission)


def _store_upload(request: HttpRequest, submission: Submission, file, handler) -> HttpResponse:
    assignment = submission.assignment
    if file is None and ("text_answer" in request.POST or request.POST.get("action")):
        return _save_work(request, submission, handler)
    try:
        checked = _checked_upload(request, handler, assignment.max_file_size, assignment.allowed_type_list)
        version = services.add_file(submission, checked, replaces=file, actor=request.user)
    except services.HomeworkError as exc:
        _error(request, exc)
    except uploads.UploadRefused as exc:
        _error(request, exc)
    else:
        messages.success(
            request, _("%(name)s was uploaded (version %(n)s).") % {"name": version.original_name, "n": version.number}
        )
    return redirect(submission)


@csrf_exempt  # the inner view is csrf_protect-ed once the upload handler is in place
@login_required
@require_POST
def file_upload(request: HttpRequest, pk: int) -> HttpResponse:
    return _upload(request, pk, None)


@csrf_exempt  # the inner view is csrf_protect-ed once the upload handler is in place
@login_required
@require_POST
def file_replace(request: HttpRequest, pk: int) -> HttpResponse:
    return _upload(request, 0, pk)


@login_required
@require_POST
def file_remove(request: HttpRequest, pk: int) -> HttpResponse:
    file = get_object_or_404(SubmissionFile.objects.visible_to(request.user), pk=pk)
    submission = team_submission(request, file.submission_id)
    try:
        services.remove_file(file, actor=request.user)
        messages.success(request, _("The file was removed from the submission. Its versions are kept."))
    except services.HomeworkError as exc:
        _error(request, exc)
    return redirect(submission)


@login_required
def file_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The newest version of a file."""
    file = get_object_or_404(SubmissionFile.objects.visible_to(request.user), pk=pk)
    version = file.versions.order_by("-number").first()
    if version is None:
        raise Http404
    return attachment_response(version.stored, version.original_name, version.content_type)


@login_required
def version_download(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(SubmissionFileVersion.objects.visible_to(request.user), pk=pk)
    return attachment_response(version.stored, version.original_name, version.content_type)


def _transition(request: HttpRequest, submission: Submission, operation, success: str) -> HttpResponse:
    try:
        operation()
        messages.success(request, success)
    except services.HomeworkError as exc:
        _error(request, exc)
    return redirect(submission)


@login_required
@require_POST
def submission_submit(request: HttpRequest, pk: int) -> HttpResponse:
    submission = team_submission(request, pk)
    return _transition(
        request,
        submission,
        lambda: services.submit(submission, actor=request.user),
        _("Your submission was delivered. Thank you!"),
    )


@login_required
@require_POST
def submission_return(request: HttpRequest, pk: int) -> HttpResponse:
    submission = course_submission(request, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tell the team what to revise."))
        return redirect(submission)
    return _transition(
        request,
        submission,
        lambda: services.return_for_revision(submission, message=form.cleaned_data["message"], actor=request.user),
        _("The submission was returned to the team for revision."),
    )


@login_required
@require_POST
def submission_approve(request: HttpRequest, pk: int) -> HttpResponse:
    submission = course_submission(request, pk)
    return _transition(
        request, submission, lambda: services.approve(submission, actor=request.user), _("The submission was approved.")
    )


@login_required
@require_POST
def submission_share(request: HttpRequest, pk: int) -> HttpResponse:
    submission = team_submission(request, pk)
    return _transition(
        request,
        submission,
        lambda: services.share(submission, actor=request.user),
        _("Your work is now shared with the cohort."),
    )


@login_required
@require_POST
def submission_unshare(request: HttpRequest, pk: int) -> HttpResponse:
    submission = visible_submission(request, pk)
    if not services.is_party(request.user, submission):
        raise PermissionDenied
    return _transition(
        request,
        submission,
        lambda: services.unshare(submission, actor=request.user),
        _("The work is no longer shared with the cohort."),
    )


@login_required
@require_POST
def submission_share_beyond(request: HttpRequest, pk: int) -> HttpResponse:
    submission = team_submission(request, pk)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["consent"][0])
        return redirect(submission)
    return _transition(
        request,
        submission,
        lambda: services.share_beyond_cohort(submission, actor=request.user),
        _("Your work is now shared with all cohorts in the knowledge bank."),
    )


@login_required
@require_POST
def submission_withdraw_beyond(request: HttpRequest, pk: int) -> HttpResponse:
    submission = visible_submission(request, pk)
    if not services.is_party(request.user, submission):
        raise PermissionDenied
    return _transition(
        request,
        submission,
        lambda: services.withdraw_beyond_cohort(submission, actor=request.user),
        _("The consent is withdrawn: the work is shared with its own cohort only."),
    )


@csrf_exempt  # the inner view is csrf_protect-ed once the upload handler is in place
@login_required
@require_POST
def feedback_add(request: HttpRequest, pk: int) -> HttpResponse:
    submission = visible_submission(request, pk)
    if not services.is_party(request.user, submission):
        raise PermissionDenied
    assignment = submission.assignment
    max_size = assignment.max_file_size
    if uploads.request_too_large(request, max_size):
        messages.error(request, uploads.too_large_message(max_size))
        return redirect(submission)
    handler = uploads.install_limit(request, max_size)
    return csrf_protect(_store_feedback)(request, submission, handler)


def _store_feedback(request: HttpRequest, submission: Submission, handler) -> HttpResponse:
    form = FeedbackForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Write a message."))
        return redirect(submission)
    try:
        checked = None
        if request.FILES.get("upload") is not None or handler.exceeded:
            checked = _checked_upload(request, handler, submission.assignment.max_file_size, FEEDBACK_FILE_TYPES)
        services.add_feedback(submission, form.cleaned_data["body"], checked=checked, actor=request.user)
        messages.success(request, _("Your message was sent."))
    except uploads.UploadRefused as exc:
        # The message is shown again with the refusal by the file field: the text is not lost.
        form.add_error("upload", exc.messages[0])
        context = {**_detail_context(request, submission), "feedback_form": form}
        return render(request, "homework/submission_detail.html", context)
    except services.HomeworkError as exc:
        _error(request, exc)
    return redirect(f"{submission.get_absolute_url()}#feedback")


@login_required
def feedback_download(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(FeedbackEntry.objects.visible_to(request.user).exclude(attachment=""), pk=pk)
    return attachment_response(entry.attachment, entry.attachment_name, entry.attachment_content_type)
