"""Bulk import: upload → dry-run preview with row-level errors → confirm. Staff only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from .. import access, importer
from ..forms import ImportConfirmForm, ImportForm
from ..models import Cohort

SESSION_KEY = "cohorts_import"


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    access.require_staff(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = importer.parse(upload.name, upload.read())
        except importer.ImportFileError as exc:
            form.add_error("file", exc)
        else:
            cohort = form.cleaned_data["cohort"]
            if result.is_valid:
                request.session[SESSION_KEY] = {
                    "rows": result.to_session(),
                    "cohort": cohort.pk if cohort else None,
                    "name": upload.name,
                }
            else:
                request.session.pop(SESSION_KEY, None)
    return render(
        request,
        "cohorts/import.html",
        {"form": form, "result": result, "confirm_form": ImportConfirmForm(), "columns": importer.COLUMNS},
    )


@login_required
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    access.require_staff(request.user)
    stored = request.session.get(SESSION_KEY)
    if not stored:
        messages.error(request, _("There is nothing to import. Upload the file again."))
        return redirect("cohorts:import_upload")
    form = ImportConfirmForm(request.POST)
    form.is_valid()
    cohort = Cohort.objects.filter(pk=stored["cohort"]).first() if stored["cohort"] else None
    try:
        counts = importer.apply(
            importer.ImportResult.from_session(stored["rows"]),
            cohort=cohort,
            invite=form.cleaned_data.get("invite", False),
            actor=request.user,
        )
    except importer.ImportFileError as exc:
        messages.error(request, exc.messages[0])
        return redirect("cohorts:import_upload")
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        _("Imported %(rows)s rows: %(orgs)s new organisations, %(invites)s invitations sent.")
        % {"rows": counts["rows"], "orgs": counts["organisations"], "invites": counts["invitations"]},
    )
    return redirect(cohort.get_absolute_url() if cohort else "cohorts:organisation_list")


@login_required
@require_safe
def import_template(request: HttpRequest) -> HttpResponse:
    access.require_staff(request.user)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            importer.template_xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = 'attachment; filename="organisasjoner-mal.xlsx"'
        return response
    response = HttpResponse(importer.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="organisasjoner-mal.csv"'
    return response
