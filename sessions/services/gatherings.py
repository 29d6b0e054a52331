"""Gatherings and their programme: publish, save, copy."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts import access
from cohorts.activity import record
from omdomme.core import fragments
from omdomme.core.translated import all_versions

from ..models import AdvisorySlot, Gathering, ProgrammeItem
from .errors import GatheringError
from .registrations import _promote_waiting


def publish_gathering(gathering: Gathering, *, actor, publish: bool = True) -> Gathering:
    access.require_staff(actor)
    with transaction.atomic():
        gathering = Gathering.objects.select_for_update().get(pk=gathering.pk)
        gathering.is_published = publish
        gathering.published_at = timezone.now() if publish else None
        gathering.save(update_fields=["is_published", "published_at"])
        record(
            actor,
            "gathering.published" if publish else "gathering.unpublished",
            (_("Published %(g)s") if publish else _("Unpublished %(g)s")) % {"g": gathering},
            target=gathering,
            cohort=gathering.cohort,
        )
    return gathering


def save_gathering(gathering: Gathering, *, actor) -> Gathering:
    """Create or update a gathering; a changed booking limit flows to its slots (composite FK)."""
    access.require_staff(actor)
    created = gathering.pk is None
    with transaction.atomic():
        if not created:
            old = Gathering.objects.select_for_update().get(pk=gathering.pk)
            if gathering.max_bookings_per_organisation < old.max_bookings_per_organisation:
                _lower_limit(gathering)
        try:
            with transaction.atomic():
                gathering.save()
        except IntegrityError as exc:
            raise GatheringError(_("This cohort already has a gathering with that number.")) from exc
        if not created:
            # The slots' copy of the limit (PostgreSQL also cascades it through the foreign key).
            AdvisorySlot.objects.filter(gathering=gathering).update(
                booking_limit=gathering.max_bookings_per_organisation
            )
            fragments.bump(("gathering", gathering.pk))  # update() sends no signals
            # More places (or no limit any more): the waiting list moves up, in order.
            _promote_waiting(gathering, actor)
        record(
            actor,
            "gathering.created" if created else "gathering.updated",
            (_("Created %(g)s") if created else _("Updated %(g)s")) % {"g": gathering},
            target=gathering,
            cohort=gathering.cohort,
        )
    return gathering


def save_programme_item(item: ProgrammeItem, *, actor) -> ProgrammeItem:
    """Add or change one item of a gathering's programme."""
    access.require_staff(actor)
    created = item.pk is None
    with transaction.atomic():
        item.save()
        record(
            actor,
            "programme_item.created" if created else "programme_item.updated",
            (
                _("Added %(item)s to the programme of %(g)s")
                if created
                else _("Updated %(item)s in the programme of %(g)s")
            )
            % {"item": item.title, "g": item.gathering},
            target=item,
            cohort=item.gathering.cohort,
        )
    return item


def delete_programme_item(item: ProgrammeItem, *, actor) -> None:
    access.require_staff(actor)
    gathering = item.gathering
    with transaction.atomic():
        record(
            actor,
            "programme_item.deleted",
            _("Removed %(item)s from the programme of %(g)s") % {"item": item.title, "g": gathering},
            target=item,
            cohort=gathering.cohort,
        )
        item.delete()


def _lower_limit(gathering: Gathering) -> None:
    """Before the limit goes down: renumber each organisation's bookings 1..k (cancellations leave
    gaps), and refuse if any organisation has more than the new limit."""
    limit = gathering.max_bookings_per_organisation
    booked = list(
        AdvisorySlot.objects.select_for_update()
        .filter(gathering=gathering, organisation__isnull=False)
        .order_by("organisation_id", "booking_ordinal")
    )
    per_org: dict[int, list[AdvisorySlot]] = {}
    for slot in booked:
        per_org.setdefault(slot.organisation_id, []).append(slot)
    if any(len(slots) > limit for slots in per_org.values()):
        raise GatheringError(
            _("Some organisations already have more bookings than the new limit. Cancel bookings first.")
        )
    for slots in per_org.values():
        for n, slot in enumerate(slots, start=1):
            if slot.booking_ordinal != n:
                # Ordinals only move down, to the lowest free number, so no two collide on the way.
                AdvisorySlot.objects.filter(pk=slot.pk).update(booking_ordinal=n)


def copy_gathering(
    source: Gathering, cohort, *, actor, number: int | None = None, starts_on: date | None = None
) -> Gathering:
    """Copy a gathering (practical info and programme) into ``cohort``, shifting dates.

    Without ``starts_on`` the dates move by whole years between the cohorts (same weekday where
    possible: shifted by a multiple of 7 days closest to a year per cohort year).
    """
    access.require_staff(actor)
    with transaction.atomic():
        if starts_on is None:
            years = cohort.year - source.cohort.year
            weeks = round(years * 365.25 / 7)
            shift = timedelta(weeks=weeks)
        else:
            shift = starts_on - source.starts_on
        if number is None:
            number = (Gathering.objects.filter(cohort=cohort).aggregate(m=Max("number"))["m"] or 0) + 1
        deadline = source.registration_deadline + shift if source.registration_deadline else None
        copy = Gathering(
            cohort=cohort,
            number=number,
            venue=source.venue,
            address=source.address,
            town=source.town,
            starts_on=source.starts_on + shift,
            ends_on=source.ends_on + shift,
            registration_deadline=deadline,
            capacity=source.capacity,
            max_bookings_per_organisation=source.max_bookings_per_organisation,
            **all_versions(source),  # title and practical information in every language
        )
        try:
            with transaction.atomic():
                copy.save()
        except IntegrityError as exc:
            raise GatheringError(_("This cohort already has a gathering with that number.")) from exc
        ProgrammeItem.objects.bulk_create(
            [
                ProgrammeItem(
                    gathering=copy,
                    day=item.day + shift,
                    starts_at=item.starts_at,
                    ends_at=item.ends_at,
                    speakers=item.speakers,
                    **all_versions(item),
                    kind=item.kind,
                )
                for item in source.programme_items.all()
            ]
        )
        record(
            actor,
            "gathering.copied",
            _("Copied %(src)s into %(cohort)s") % {"src": source, "cohort": cohort},
            target=copy,
            cohort=cohort,
        )
    return copy
