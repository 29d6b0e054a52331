from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from cohorts import access

from ..models import AdvisorySlot, Gathering
from .common import visible_gathering


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Omdømmeskolen//samlinger//NO")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    return cal


def _gathering_event(gathering: Gathering) -> Event:
    event = Event()
    event.add("uid", f"gathering-{gathering.pk}@omdommeskolen")
    event.add("summary", f"{gathering.title} ({gathering.cohort.name})")
    event.add("dtstart", gathering.starts_on)
    event.add("dtend", gathering.ends_on + timedelta(days=1))
    event.add("dtstamp", gathering.created_at)
    event.add("location", ", ".join(p for p in [gathering.venue, gathering.address, gathering.town] if p))
    event.add("url", settings.SITE_URL.rstrip("/") + gathering.get_absolute_url())
    return event


def _slot_event(slot: AdvisorySlot, show_org: bool) -> Event:
    event = Event()
    event.add("uid", f"slot-{slot.pk}@omdommeskolen")
    who = slot.organisation.name if show_org and slot.organisation else _("open slot")
    event.add("summary", _("Speed advisory: %(who)s") % {"who": who})
    event.add("dtstart", slot.starts_at)
    event.add("dtend", slot.ends_at)
    event.add("dtstamp", slot.created_at)
    where = slot.room or slot.place or slot.video_url
    if slot.gathering_id:
        where = f"{where}, {slot.gathering.venue}".strip(", ")
    event.add("location", where)
    if slot.advisor:
        event.add("description", _("Advisor: %(name)s") % {"name": slot.advisor.get_full_name()})
    event.add("url", settings.SITE_URL.rstrip("/") + slot.get_absolute_url())
    return event


def _ics_response(cal: Calendar, filename: str) -> HttpResponse:
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def gathering_ics(request: HttpRequest, pk: int) -> HttpResponse:
    gathering = visible_gathering(request, pk)
    cal = _calendar(gathering.title)
    cal.add_component(_gathering_event(gathering))
    return _ics_response(cal, f"samling-{gathering.cohort.year}-{gathering.number}.ics")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A personal feed for calendar apps: no login, the secret token in the URL is the key."""
    if len(token) < 20:
        raise Http404
    user = get_user_model().objects.filter(calendar_token=token, is_active=True).first()
    if user is None:
        raise Http404
    since = timezone.localdate() - timedelta(days=365)
    cal = _calendar(_("Omdømmeskolen – %(name)s") % {"name": user.get_full_name()})
    for g in Gathering.objects.visible_to(user).filter(ends_on__gte=since).select_related("cohort"):
        cal.add_component(_gathering_event(g))
    orgs = access.member_organisation_ids(user)
    slots = (
        AdvisorySlot.objects.visible_to(user)
        .filter(
            Q(advisor=user) | Q(organisation__in=orgs),
            starts_at__gte=timezone.make_aware(datetime.combine(since, datetime.min.time())),
        )
        .select_related("gathering", "organisation", "advisor")
    )
    for s in slots:
        cal.add_component(_slot_event(s, show_org=True))
    return _ics_response(cal, "omdommeskolen.ics")


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
    return render(request, "gatherings/calendar_settings.html", {"feed_url": feed_url})
