from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cohorts import access

from .. import ics
from ..forms import CalendarFeedForm
from ..models import AdvisorySlot, Gathering
from .common import visible_gathering


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def gathering_ics(request: HttpRequest, pk: int) -> HttpResponse:
    gathering = visible_gathering(request, pk)
    content = ics.calendar(gathering.title, [ics.gathering_event(gathering)])
    return _ics_response(content, f"samling-{gathering.cohort.year}-{gathering.number}.ics")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A personal feed for calendar apps: no login, the secret token in the URL is the key."""
    if len(token) < 20:
        raise Http404
    user = get_user_model().objects.filter(calendar_token=token, is_active=True).first()
    if user is None:
        raise Http404
    with translation.override(user.language):  # the feed is fetched by a calendar app, not a browser
        return _ics_response(_feed(user), "omdommeskolen.ics")


def _feed(user) -> bytes:
    since = timezone.localdate() - timedelta(days=365)
    gatherings = Gathering.objects.visible_to(user).filter(ends_on__gte=since).select_related("cohort")
    events = [ics.gathering_event(g) for g in gatherings]
    orgs = access.member_organisation_ids(user)
    slots = (
        AdvisorySlot.objects.visible_to(user)
        .filter(
            Q(advisor=user) | Q(organisation__in=orgs),
            starts_at__gte=timezone.make_aware(datetime.combine(since, datetime.min.time())),
        )
        .select_related("gathering", "organisation", "advisor")
    )
    events += [ics.slot_event(s) for s in slots]
    name = _("Omdømmeskolen – %(name)s") % {"name": user.get_full_name()}
    return ics.calendar(name, events)


@login_required
def calendar_settings(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "revoke":
            user.calendar_token = ""
            messages.success(request, _("The calendar link no longer works."))
        else:
            user.calendar_token = secrets.token_urlsafe(32)
            messages.success(request, _("Your new calendar link is ready. An older link no longer works."))
        user.save(update_fields=["calendar_token"])
        return redirect("gatherings:calendar_settings")
    feed_url = (
        request.build_absolute_uri(reverse("gatherings:calendar_feed", args=[user.calendar_token]))
        if user.calendar_token
        else ""
    )
    return render(
        request, "gatherings/calendar_settings.html", {"feed_url": feed_url, "feed_form": CalendarFeedForm(feed_url)}
    )
