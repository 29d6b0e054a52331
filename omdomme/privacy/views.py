from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cohorts import access
from omdomme.accounts.models import User

from . import services
from .filters import PersonFilter


def policy(request: HttpRequest) -> HttpResponse:
    """The public privacy statement: what we store, why, for how long, and your rights."""
    return render(request, "privacy/policy.html", {"retention_months": settings.PERSONAL_DATA_RETENTION_MONTHS})


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """What we store about the signed-in person, why, for how long, and the download button."""
    return render(request, "privacy/my_data.html", {"retention_months": settings.PERSONAL_DATA_RETENTION_MONTHS})


@never_cache
@login_required
def export(request: HttpRequest) -> HttpResponse:
    """All personal data held about the signed-in person, as a JSON download."""
    data = services.export_user_data(request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"omdommeskolen-personal-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def people(request: HttpRequest) -> HttpResponse:
    """Staff: find a person to erase."""
    access.require_staff(request.user)
    users = User.objects.exclude(email__endswith="@" + services.ERASED_DOMAIN).order_by("full_name", "email")
    search = PersonFilter(request.GET, queryset=users)
    page = Paginator(search.qs, 25).get_page(request.GET.get("page"))
    return render(request, "privacy/people.html", {"page_obj": page, "form": search.form})


@login_required
def erase(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff: a confirmation page (GET), then the erasure (POST)."""
    access.require_staff(request.user)
    person = get_object_or_404(User.objects.exclude(email__endswith="@" + services.ERASED_DOMAIN), pk=pk)
    error = ""
    if request.method == "POST":
        try:
            services.erase_person(person, actor=request.user)
        except services.PrivacyError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("The person's personal data has been erased and the account deactivated."))
            return redirect("privacy:people")
    return render(
        request, "privacy/erase_confirm.html", {"person": person, "error": error}, status=400 if error else 200
    )
