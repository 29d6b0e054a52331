"""Participant packs: gather a gathering's data for one organisation, render it to PDF, store it.

``render_pack(gathering, organisation)`` is the one function that makes a pack (the Celery task
and ``manage.py build_packs`` call it; the benchmark can time it). ``pack_inputs`` collects the data
in a few queries for many organisations at once; its SHA-256 is the pack's fingerprint, so a pack
whose inputs changed since it was made is *stale*.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import time
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import time as dtime

from celery import group
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cohorts import access, scopes
from cohorts.activity import record
from cohorts.models import Enrolment, EnrolmentStatus, Membership, MembershipRole, Organisation
from homework.models import Assignment, Extension, Submission, SubmissionStatus
from omdomme.core import fragments
from omdomme.core.pdf import render_pdf
from omdomme.notifications.services import written_standard
from sessions.models import AdvisorySlot, Gathering, Material, MaterialKind, Registration, RegistrationStatus

from .models import PackStatus, ParticipantPack

log = logging.getLogger(__name__)

STUCK_AFTER_SECONDS = 15 * 60


class PackError(ValidationError):
    pass


def pack_organisations(gathering: Gathering) -> list[Organisation]:
    """Every organisation currently enrolled in the gathering's cohort."""
    return [
        e.organisation
        for e in Enrolment.objects.filter(cohort_id=gathering.cohort_id)
        .exclude(status__in=[EnrolmentStatus.WITHDRAWN, EnrolmentStatus.APPLIED])
        .select_related("organisation")
        .order_by("organisation__name")
    ]


def organisation_languages(organisations: list[Organisation]) -> dict[int, str]:
    """Each organisation's pack language: its written standard (språklova § 15); for a neutral
    organisation its (first) contact person's language, else a team member's, else nb."""
    people: dict[int, str] = {}
    for membership in (
        Membership.objects.active()
        .filter(organisation_id__in=[o.pk for o in organisations])
        .select_related("user")
        .order_by("organisation_id", "role", "created_at")
    ):
        if membership.organisation_id not in people or membership.role == MembershipRole.CONTACT:
            people.setdefault(membership.organisation_id, membership.user.language)
    return {o.pk: written_standard(o, people.get(o.pk, "nb")) for o in organisations}


@dataclass
class PackInputs:
    common: dict[str, dict]  # language -> the data every organisation's pack shares, in that language
    per_organisation: dict[int, dict]

    def data(self, organisation_id: int) -> dict:
        own = self.per_organisation[organisation_id]
        return {**self.common[own["language"]], **own}

    def fingerprint(self, organisation_id: int) -> str:
        raw = json.dumps(self.data(organisation_id), sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _dt(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def pack_inputs(gathering: Gathering, organisations: list[Organisation]) -> PackInputs:
    """Everything a pack shows, as plain data, for many organisations in a fixed number of queries."""
    cohort = gathering.cohort
    org_ids = [o.pk for o in organisations]
    languages = organisation_languages(organisations)
    items = list(gathering.programme_items.order_by("day", "starts_at", "pk"))
    materials = list(
        Material.objects.published()
        .filter(gathering=gathering)
        .select_related("programme_item")
        .order_by("programme_item__day", "programme_item__starts_at", "title", "pk")
    )
    staff = [
        {"name": u.get_full_name(), "email": u.email, "phone": u.phone} for u in cohort.contacts.order_by("full_name")
    ]
    participants = [
        {"name": r.user.get_full_name(), "organisation": r.organisation.name if r.organisation else ""}
        for r in Registration.objects.filter(gathering=gathering, status=RegistrationStatus.CONFIRMED)
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__full_name", "pk")
    ]
    common = {}
    for language in set(languages.values()):
        # Translated content (titles, practical information) is read in the pack's language,
        # falling back to Bokmål where a version is missing.
        with translation.override(language):
            common[language] = {
                "cohort": cohort.name,
                "gathering": {
                    "title": gathering.title,
                    "number": gathering.number,
                    "starts_on": gathering.starts_on.isoformat(),
                    "ends_on": gathering.ends_on.isoformat(),
                    "venue": gathering.venue,
                    "address": gathering.address,
                    "town": gathering.town,
                    "travel": gathering.travel_info,
                    "accommodation": gathering.accommodation_info,
                    "costs": gathering.costs_info,
                    "bring": gathering.what_to_bring,
                },
                "programme": [
                    {
                        "day": item.day.isoformat(),
                        "starts_at": item.starts_at.strftime("%H:%M"),
                        "ends_at": item.ends_at.strftime("%H:%M") if item.ends_at else "",
                        "title": item.title,
                        "speakers": item.speakers,
                        "description": item.description,
                    }
                    for item in items
                ],
                "materials": [
                    {
                        "title": m.title,
                        "item": m.programme_item.title if m.programme_item else "",
                        "url": m.url if m.kind == MaterialKind.LINK else settings.SITE_URL + m.get_absolute_url(),
                    }
                    for m in materials
                ],
                "staff": staff,
                "participants": participants,
            }
    bookings: dict[int, list] = {pk: [] for pk in org_ids}
    for slot in (
        AdvisorySlot.objects.filter(gathering=gathering, organisation_id__in=org_ids)
        .select_related("advisor")
        .order_by("starts_at", "pk")
    ):
        bookings[slot.organisation_id].append(
            {
                "starts_at": _dt(slot.starts_at),
                "ends_at": _dt(slot.ends_at),
                "room": slot.room or slot.place,
                "advisor": slot.advisor.get_full_name() if slot.advisor else "",
            }
        )
    assignments = list(Assignment.objects.published().filter(cohort=cohort).order_by("due_at", "position", "pk"))
    extensions = {
        (e.assignment_id, e.organisation_id): e.due_at
        for e in Extension.objects.filter(assignment__in=assignments, organisation_id__in=org_ids)
    }
    submissions = {
        (s.assignment_id, s.organisation_id): s
        for s in Submission.objects.filter(assignment__in=assignments, organisation_id__in=org_ids)
    }
    gathering_start = timezone.make_aware(datetime.combine(gathering.starts_on, dtime.min))
    per_org = {}
    for org in organisations:
        homework = {"before": [], "after": []}
        for assignment in assignments:
            due = extensions.get((assignment.pk, org.pk), assignment.due_at)
            submission = submissions.get((assignment.pk, org.pk))
            with translation.override(languages[org.pk]):
                title = assignment.title
            entry = {
                "title": title,
                "due_at": _dt(due),
                "status": submission.status if submission else "",
                "is_late": bool(submission and submission.is_late),
            }
            homework["before" if due <= gathering_start else "after"].append(entry)
        per_org[org.pk] = {
            "organisation": org.name,
            "language": languages[org.pk],
            "bookings": bookings[org.pk],
            "homework": homework,
        }
    return PackInputs(common, per_org)


def _parse(data: dict) -> dict:
    """Turn the stored ISO strings back into dates and datetimes for the template's date filters."""

    g = dict(
        data["gathering"],
        starts_on=parse_date(data["gathering"]["starts_on"]),
        ends_on=parse_date(data["gathering"]["ends_on"]),
    )
    programme_days: dict = {}
    for item in data["programme"]:
        programme_days.setdefault(parse_date(item["day"]), []).append(item)
    bookings = [
        dict(b, starts_at=parse_datetime(b["starts_at"]), ends_at=parse_datetime(b["ends_at"]))
        for b in data["bookings"]
    ]
    homework = {
        when: [dict(h, due_at=parse_datetime(h["due_at"])) for h in items] for when, items in data["homework"].items()
    }
    return {
        **data,
        "gathering": g,
        "programme_days": sorted(programme_days.items()),
        "bookings": bookings,
        "homework": homework,
    }


def pack_html(data: dict) -> str:

    with translation.override(data["language"]):
        return render_to_string(
            "packs/pack.html",
            {
                **_parse(data),
                "status_labels": dict(SubmissionStatus.choices),
                "made_at": timezone.now(),
            },
        )


def render_pack(
    gathering: Gathering, organisation: Organisation, *, inputs: PackInputs | None = None
) -> ParticipantPack:
    """Render one organisation's pack for a gathering and store it (replacing an earlier file)."""
    inputs = inputs or pack_inputs(gathering, [organisation])
    data = inputs.data(organisation.pk)
    pack, _created = ParticipantPack.objects.get_or_create(gathering=gathering, organisation=organisation)
    ParticipantPack.objects.filter(pk=pack.pk).update(status=PackStatus.RENDERING, rendering_since=timezone.now())
    fragments.bump(*scopes.orgs(organisation.pk))  # update() sends no signals
    started = time.monotonic()
    try:
        pdf = render_pdf(pack_html(data))
    except Exception as exc:
        ParticipantPack.objects.filter(pk=pack.pk).update(status=PackStatus.FAILED, error=str(exc)[:2000])
        fragments.bump(*scopes.orgs(organisation.pk))
        log.exception("pack %s failed", pack.pk)
        raise
    old_name = pack.file.name if pack.file else ""
    filename = f"{slugify(organisation.name) or organisation.pk}-{gathering.pk}.pdf"
    pack.file.save(filename, ContentFile(pdf), save=False)
    pack.status = PackStatus.READY
    pack.language = data["language"]
    pack.fingerprint = inputs.fingerprint(organisation.pk)
    pack.rendered_at = timezone.now()
    pack.render_ms = int((time.monotonic() - started) * 1000)
    pack.error = ""
    pack.save()
    if old_name and old_name != pack.file.name:
        pack.file.storage.delete(old_name)
    return pack


def request_packs(gathering: Gathering, *, actor) -> list[ParticipantPack]:
    """Course staff ask for the packs: mark every enrolled organisation's pack as waiting and start one
    render task per pack (a Celery group) after the transaction commits. Packs already waiting or
    being made are left alone."""
    access.require_staff(actor)
    from .tasks import render_pack_task

    organisations = pack_organisations(gathering)
    if not organisations:
        raise PackError(_("No organisations are enrolled in this cohort."))
    now = timezone.now()
    with transaction.atomic():
        packs = []
        for organisation in organisations:
            pack, _created = ParticipantPack.objects.select_for_update().get_or_create(
                gathering=gathering, organisation=organisation
            )
            busy = pack.status in (PackStatus.PENDING, PackStatus.RENDERING)
            if busy and pack.requested_at and (now - pack.requested_at).total_seconds() < STUCK_AFTER_SECONDS:
                continue  # already on its way
            pack.status, pack.requested_at, pack.error = PackStatus.PENDING, now, ""
            pack.save(update_fields=["status", "requested_at", "error"])
            packs.append(pack)
        record(
            actor,
            "packs.requested",
            _("Asked for the participant packs of %(gathering)s") % {"gathering": gathering.title},
            target=gathering,
            cohort=gathering.cohort,
        )

        def start():

            group(
                render_pack_task.si(gathering_id=gathering.pk, organisation_id=p.organisation_id) for p in packs
            ).apply_async()

        if packs:
            transaction.on_commit(start)
    return packs


@dataclass
class Progress:
    total: int
    ready: int
    failed: int
    waiting: int

    @property
    def done(self) -> bool:
        return self.waiting == 0

    @property
    def percent(self) -> int:
        return round(100 * (self.ready + self.failed) / self.total) if self.total else 100


def progress(gathering: Gathering) -> Progress:

    counts = ParticipantPack.objects.filter(gathering=gathering).aggregate(
        total=Count("pk"),
        ready=Count("pk", filter=Q(status=PackStatus.READY)),
        failed=Count("pk", filter=Q(status=PackStatus.FAILED)),
    )
    return Progress(
        counts["total"], counts["ready"], counts["failed"], counts["total"] - counts["ready"] - counts["failed"]
    )


def stale_ids(gathering: Gathering, packs: list[ParticipantPack]) -> set[int]:
    """Packs whose inputs changed since they were made (compared by fingerprint)."""
    ready = [p for p in packs if p.status == PackStatus.READY]
    if not ready:
        return set()
    inputs = pack_inputs(gathering, [p.organisation for p in ready])
    return {p.pk for p in ready if p.fingerprint != inputs.fingerprint(p.organisation_id)}


def recover_stuck(now=None) -> int:
    """Packs left "being made" by a lost worker (past every time limit) are marked failed."""

    now = now or timezone.now()
    stuck = ParticipantPack.objects.filter(
        status=PackStatus.RENDERING,
        rendering_since__lt=now - timedelta(seconds=STUCK_AFTER_SECONDS),
    )
    fragments.bump(*scopes.orgs(*stuck.values_list("organisation_id", flat=True)))  # update() sends no signals
    return stuck.update(status=PackStatus.FAILED, error="Interrupted: the worker was lost. Make the packs again.")


def zip_packs(packs: list[ParticipantPack]) -> bytes:

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for pack in packs:
            with pack.file.open("rb") as handle:
                archive.writestr(pack.file.name.rsplit("/", 1)[-1], handle.read())
    return buffer.getvalue()


def media_path(pack: ParticipantPack) -> str:
    return str(settings.MEDIA_ROOT) + "/" + pack.file.name


def discard_packs(packs) -> int:
    """Delete packs (each lists its gathering's participants by name) and, once the transaction
    commits, their files. A pack is made again, from current data, when someone asks for it."""
    packs = list(packs)
    names = [p.file.name for p in packs if p.file]
    storage = ParticipantPack._meta.get_field("file").storage
    ParticipantPack.objects.filter(pk__in=[p.pk for p in packs]).delete()
    transaction.on_commit(lambda: [storage.delete(name) for name in names])
    return len(packs)
