"""Staff end (or restore) a person's alumni access to the knowledge shared across cohorts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts import services
from cohorts.access import require_staff
from cohorts.models import AlumniAccessEnd, Enrolment, Membership
from omdomme.accounts.models import User

from ..filters import AlumniFilter


def _alumni():
    """People who are (or were) contacts of an organisation enrolled in a cohort."""
    enrolled = Enrolment.objects.values("organisation_id")
    return User.objects.filter(Exists(Membership.objects.filter(user=OuterRef("pk"), organisation__in=enrolled)))


@login_required
def alumni_list(request: HttpRequest) -> HttpResponse:
    require_staff(request.user)
    people = _alumni().annotate(ended=Exists(AlumniAccessEnd.objects.filter(user=OuterRef("pk"))))
    alumni_filter = AlumniFilter(request.GET or None, queryset=people)
    page = Paginator(alumni_filter.qs.order_by("full_name", "email"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "knowledge/alumni_list.html",
        {"page_obj": page, "people": page.object_list, "form": alumni_filter.form},
    )


@login_required
@require_POST
def alumni_end(request: HttpRequest, pk: int) -> HttpResponse:
    require_staff(request.user)
    person = get_object_or_404(_alumni(), pk=pk)
    services.end_alumni_access(person, actor=request.user, reason=request.POST.get("reason", "")[:300])
    messages.success(request, _("%(person)s no longer has alumni access.") % {"person": person})
    return redirect("knowledge:alumni_list")


@login_required
@require_POST
def alumni_restore(request: HttpRequest, pk: int) -> HttpResponse:
    require_staff(request.user)
    person = get_object_or_404(_alumni(), pk=pk)
    services.restore_alumni_access(person, actor=request.user)
    messages.success(request, _("%(person)s has alumni access again.") % {"person": person})
    return redirect("knowledge:alumni_list")
