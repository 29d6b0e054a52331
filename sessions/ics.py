"""One iCalendar builder per kind of event: a gathering and a speed-advisory slot.

The calendar feed, the gathering download and the booking reminder's attachment all use these,
so an event has the same UID everywhere (a subscriber who also opens the reminder's .ics sees one
event, not two). Texts are translated in the active language: callers that write for a recipient
build the event inside ``translation.override(recipient.language)``. Every text goes through
icalendar's ``vText``, which escapes line breaks, so a name with a line break cannot break the file.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vText

from .models import AdvisorySlot, Gathering


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def calendar(name: str, events: list[Event]) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Omdømmeskolen//samlinger//NO")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", vText(name))
    for event in events:
        cal.add_component(event)
    return cal.to_ical()


def gathering_event(gathering: Gathering) -> Event:
    event = Event()
    event.add("uid", f"gathering-{gathering.pk}@omdommeskolen")
    event.add("summary", f"{gathering.title} ({gathering.cohort.name})")
    event.add("dtstart", gathering.starts_on)
    event.add("dtend", gathering.ends_on + timedelta(days=1))
    event.add("dtstamp", gathering.created_at)
    event.add("location", ", ".join(p for p in [gathering.venue, gathering.address, gathering.town] if p))
    event.add("url", _absolute(gathering.get_absolute_url()))
    return event


def slot_event(slot: AdvisorySlot, *, show_org: bool = True) -> Event:
    """Needs ``gathering``, ``organisation`` and ``advisor`` loaded (``select_related``)."""
    event = Event()
    event.add("uid", f"slot-{slot.pk}@omdommeskolen")
    who = slot.organisation.name if show_org and slot.organisation else _("open slot")
    event.add("summary", _("Speed advisory: %(who)s") % {"who": who})
    event.add("dtstart", slot.starts_at)
    event.add("dtend", slot.ends_at)
    event.add("dtstamp", slot.created_at)
    venue = slot.gathering.venue if slot.gathering_id else ""
    event.add("location", ", ".join(p for p in [slot.room or slot.place or slot.video_url, venue] if p))
    if slot.advisor:
        event.add("description", _("Advisor: %(name)s") % {"name": slot.advisor.get_full_name()})
    event.add("url", _absolute(slot.get_absolute_url()))
    return event
