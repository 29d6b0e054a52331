"""The public application form and the staff's review of applications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from omdomme.core.http import client_ip

from .. import access, services
from ..filters import ApplicationFilter
from ..forms import ApplicationForm
from ..models import Application, ApplicationStatus, Cohort

APPLY_LIMIT = 5  # applications per address and hour


def _over_limit(request: HttpRequest) -> bool:
    key = "cohorts-apply:" + client_ip(request)
    cache.add(key, 0, timeout=3600)
    return cache.incr(key) > APPLY_LIMIT


def apply(request: HttpRequest) -> HttpResponse:
    cohort = Cohort.objects.filter(open_for_applications=True).order_by("year").first()
    if cohort is None:
        return render(request, "cohorts/apply_closed.html")
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if request.POST.get("website"):
            # The honeypot was filled in: a bot. Answer as if all went well, and save nothing.
            return redirect("cohorts:apply_thanks")
        if _over_limit(request):
            form.add_error(
                None,
                _(
                    "Too many applications from your network in a short time. Try again later, "
                    "or contact the course staff."
                ),
            )
            return render(request, "cohorts/apply.html", {"form": form, "cohort": cohort})
        services.submit_application(cohort, language=translation.get_language() or "nb", **form.cleaned_data)
        return redirect("cohorts:apply_thanks")
    return render(request, "cohorts/apply.html", {"form": form, "cohort": cohort})


@require_safe
def apply_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "cohorts/apply_thanks.html")


@login_required
@require_safe
def application_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request.user)
    status = request.GET.get("status", ApplicationStatus.NEW)
    applications = (
        Application.objects.visible_to(request.user).select_related("cohort", "decided_by").order_by("-created_at")
    )
    applications = ApplicationFilter(request.GET, queryset=applications).qs
    page = Paginator(applications, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "cohorts/application_list.html",
        {"page_obj": page, "applications": page.object_list, "status": status, "statuses": ApplicationStatus.choices},
    )


@login_required
@require_POST
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_staff(request.user)
    application = get_object_or_404(Application.objects.visible_to(request.user), pk=pk)
    decision = request.POST.get("decision")
    try:
        if decision == "accept":
            services.accept_application(application, actor=request.user)
            messages.success(
                request,
                _("%(org)s has been accepted and the contact person invited.") % {"org": application.organisation_name},
            )
        elif decision == "decline":
            services.decline_application(application, actor=request.user)
            messages.success(
                request,
                _("The application from %(org)s has been declined and the contact person told.")
                % {"org": application.organisation_name},
            )
        else:
            messages.error(request, _("Choose to accept or decline."))
    except services.CohortsError as exc:
        messages.error(request, exc.messages[0])
    return redirect("cohorts:application_list")
