"""Gatherings (samlinger), their programme, registrations and speed-advisory slots."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.contrib.postgres.fields import RangeOperators
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts import access
from cohorts.models import Cohort, Organisation

from .constraints import PostgresExclusionConstraint, TsTzRange


class GatheringQuerySet(models.QuerySet["Gathering"]):
    def visible_to(self, user) -> GatheringQuerySet:
        qs = self.filter(access.cohort_q(user))
        if not access.is_staff(user):
            qs = qs.filter(is_published=True)
        return qs

    def upcoming(self, today: date | None = None) -> GatheringQuerySet:
        return self.filter(ends_on__gte=today or timezone.localdate())


class Gathering(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="gatherings", verbose_name=_("cohort"))
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    title = models.CharField(_("title"), max_length=200)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    travel_info = models.TextField(_("travel"), max_length=5000, blank=True)
    accommodation_info = models.TextField(_("accommodation"), max_length=5000, blank=True)
    costs_info = models.TextField(_("costs"), max_length=5000, blank=True)
    what_to_bring = models.TextField(_("what to bring"), max_length=5000, blank=True)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity (people)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    max_bookings_per_organisation = models.PositiveSmallIntegerField(
        _("speed-advisory bookings per organisation"),
        default=2,
        validators=[MinValueValidator(1)],
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GatheringQuerySet.as_manager()

    class Meta:
        verbose_name = _("gathering")
        verbose_name_plural = _("gatherings")
        ordering = ["starts_on", "number"]
        constraints = [
            # A cohort's gatherings are numbered 1, 2, 3 … once each.
            models.UniqueConstraint(fields=["cohort", "number"], name="gathering_unique_number"),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="gathering_ends_after_start"),
            models.CheckConstraint(
                condition=Q(max_bookings_per_organisation__gte=1), name="gathering_booking_limit_positive"
            ),
            # Target of the slots' composite foreign key (gathering, booking_limit): keeps the
            # denormalised per-organisation booking limit on each slot equal to this one.
            models.UniqueConstraint(fields=["id", "max_bookings_per_organisation"], name="gathering_id_limit"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("gatherings:gathering_detail", args=[self.pk])

    @property
    def choice_label(self) -> str:
        """How the gathering is named in selects: titles repeat from year to year, so with its cohort."""
        return f"{self.title} – {self.cohort.choice_label}"

    @property
    def days(self) -> list[date]:
        n = (self.ends_on - self.starts_on).days
        return [self.starts_on + timedelta(days=i) for i in range(n + 1)]

    @property
    def nights(self) -> list[date]:
        """Nights one can stay, named by the evening they start (the day before the first day too)."""
        n = (self.ends_on - self.starts_on).days
        return [self.starts_on + timedelta(days=i) for i in range(-1, n)]

    def registration_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.registration_deadline is None or now <= self.registration_deadline


class ProgrammeItemKind(models.TextChoices):
    TALK = "talk", _("Talk")
    WORKSHOP = "workshop", _("Workshop")
    SPEED_ADVISORY = "speed_advisory", _("Speed advisory")
    MEAL = "meal", _("Meal")
    TRAVEL = "travel", _("Travel")
    OTHER = "other", _("Other")


class ProgrammeItemQuerySet(models.QuerySet["ProgrammeItem"]):
    def visible_to(self, user) -> ProgrammeItemQuerySet:
        qs = self.filter(access.cohort_q(user, field="gathering__cohort"))
        if not access.is_staff(user):
            qs = qs.filter(gathering__is_published=True)
        return qs


class ProgrammeItem(models.Model):
    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="programme_items")
    day = models.DateField(_("day"))
    starts_at = models.TimeField(_("starts"))
    ends_at = models.TimeField(_("ends"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    speakers = models.CharField(_("speaker(s)"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ProgrammeItemKind.choices, default=ProgrammeItemKind.TALK)

    objects = ProgrammeItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        ordering = ["day", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")), name="programmeitem_ends_after_start"
            ),
        ]
        indexes = [
            # The programme page reads one gathering's items in time order.
            models.Index(fields=["gathering", "day", "starts_at"], name="programmeitem_day_time"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.starts_at:%H:%M} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("gatherings:programme", args=[self.gathering_id]) + f"#item-{self.pk}"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def visible_to(self, user) -> RegistrationQuerySet:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if access.is_staff(user):
            return self
        return self.filter(Q(user=user) | access.organisation_q(user, cohort_field="gathering__cohort"))

    def confirmed(self) -> RegistrationQuerySet:
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waiting(self) -> RegistrationQuerySet:
        return self.filter(status=RegistrationStatus.WAITING).order_by("waitlisted_at", "pk")


class Registration(models.Model):
    """One person's registration for a gathering (confirmed, on the waiting list, or cancelled)."""

    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("participant")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RegistrationStatus.choices, default=RegistrationStatus.CONFIRMED
    )
    days = models.JSONField(
        _("days"), default=list, blank=True, help_text=_("The days (ISO dates) the person attends.")
    )
    dietary_needs = models.CharField(_("dietary needs and allergies"), max_length=300, blank=True)
    accommodation_nights = models.JSONField(
        _("accommodation nights"),
        default=list,
        blank=True,
        help_text=_("The nights (ISO dates of the evening) to book a room."),
    )
    arrival = models.DateTimeField(_("arrival"), null=True, blank=True)
    departure = models.DateTimeField(_("departure"), null=True, blank=True)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    waitlisted_at = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["gathering", "user__full_name", "pk"]
        constraints = [
            # A person has one registration per gathering (cancelling keeps the row).
            models.UniqueConstraint(fields=["gathering", "user"], name="registration_unique_person"),
            # Only people on the waiting list have a place in its queue.
            models.CheckConstraint(
                condition=Q(status=RegistrationStatus.WAITING, waitlisted_at__isnull=False)
                | ~Q(status=RegistrationStatus.WAITING),
                name="registration_waiting_has_time",
            ),
            models.CheckConstraint(
                condition=Q(arrival__isnull=True) | Q(departure__isnull=True) | Q(departure__gte=F("arrival")),
                name="registration_departure_after_arrival",
            ),
        ]
        indexes = [
            # Counting and listing a gathering's registrations by status.
            models.Index(fields=["gathering", "status"], name="registration_gathering_status"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.gathering}"

    def get_absolute_url(self) -> str:
        return reverse("gatherings:registration_edit", args=[self.pk])


class AdvisorySlotQuerySet(models.QuerySet["AdvisorySlot"]):
    def visible_to(self, user) -> AdvisorySlotQuerySet:
        qs = self.filter(access.cohort_q(user))
        if not access.is_staff(user):
            qs = qs.filter(Q(gathering__isnull=True) | Q(gathering__is_published=True))
        return qs

    def booked(self) -> AdvisorySlotQuerySet:
        return self.filter(organisation__isnull=False)

    def open(self) -> AdvisorySlotQuerySet:
        """Claimed by an advisor and free to book."""
        return self.filter(advisor__isnull=False, organisation__isnull=True)


class SlotState(models.TextChoices):
    FREE = "free", _("Free")
    CLAIMED = "claimed", _("Open for booking")
    BOOKED = "booked", _("Booked")


class AdvisorySlot(models.Model):
    """A short one-to-one speed-advisory session: laid out by staff (at a gathering) or offered by an
    advisor (follow-up between gatherings), claimed by an advisor, booked by one organisation.

    The booked organisation is a column, so a slot has at most one organisation.
    """

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="advisory_slots", verbose_name=_("cohort")
    )
    gathering = models.ForeignKey(
        Gathering, on_delete=models.CASCADE, null=True, blank=True, related_name="slots", verbose_name=_("gathering")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=100, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_url = models.URLField(_("video-meeting link"), blank=True)
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advisory_slots",
        verbose_name=_("advisor"),
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advisory_slots",
        verbose_name=_("organisation"),
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    booked_at = models.DateTimeField(null=True, blank=True)
    topic = models.TextField(
        _("topic"), max_length=1000, blank=True, help_text=_("What the organisation wants advice on.")
    )
    advisor_notes = models.TextField(_("advisor's notes"), max_length=5000, blank=True)
    # Per-gathering booking limit, enforced by the database: each booking of an organisation at a
    # gathering takes an ordinal 1..N (unique per gathering and organisation), and the ordinal must
    # not exceed ``booking_limit``, a copy of ``Gathering.max_bookings_per_organisation`` kept equal
    # to it by a composite foreign key (gathering_id, booking_limit) → gathering(id, limit) with
    # ON UPDATE CASCADE (PostgreSQL; created in the migration). So N+1 bookings cannot exist, even
    # when the services are bypassed, and lowering the limit below existing bookings is refused.
    booking_ordinal = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    booking_limit = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AdvisorySlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("speed-advisory slot")
        verbose_name_plural = _("speed-advisory slots")
        ordering = ["starts_at", "room", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="slot_ends_after_start"),
            # Only a claimed slot (with an advisor) can be booked.
            models.CheckConstraint(
                condition=Q(organisation__isnull=True) | Q(advisor__isnull=False), name="slot_booked_has_advisor"
            ),
            # A follow-up slot between gatherings says where or how to meet.
            models.CheckConstraint(
                condition=Q(gathering__isnull=False) | ~Q(place="") | ~Q(video_url=""),
                name="slot_followup_has_place",
            ),
            # Slots at a gathering carry the gathering's booking limit; follow-up slots have none.
            models.CheckConstraint(
                condition=Q(gathering__isnull=True, booking_limit__isnull=True)
                | Q(gathering__isnull=False, booking_limit__isnull=False),
                name="slot_limit_with_gathering",
            ),
            # A booking at a gathering has an ordinal within the limit; a free slot has none.
            models.CheckConstraint(
                condition=Q(organisation__isnull=True, booking_ordinal__isnull=True)
                | Q(organisation__isnull=False, gathering__isnull=True, booking_ordinal__isnull=True)
                | Q(
                    organisation__isnull=False,
                    gathering__isnull=False,
                    booking_ordinal__gte=1,
                    booking_ordinal__lte=F("booking_limit"),
                ),
                name="slot_ordinal_within_limit",
            ),
            # At most N bookings per organisation per gathering: ordinals are not reused.
            models.UniqueConstraint(
                fields=["gathering", "organisation", "booking_ordinal"],
                condition=Q(organisation__isnull=False, booking_ordinal__isnull=False),
                name="slot_unique_booking_ordinal",
            ),
            # An advisor's slots never overlap in time.
            PostgresExclusionConstraint(
                name="slot_advisor_no_overlap",
                expressions=[
                    (TsTzRange("starts_at", "ends_at"), RangeOperators.OVERLAPS),
                    ("advisor", RangeOperators.EQUAL),
                ],
                condition=Q(advisor__isnull=False),
            ),
            # An organisation's bookings never overlap in time.
            PostgresExclusionConstraint(
                name="slot_organisation_no_overlap",
                expressions=[
                    (TsTzRange("starts_at", "ends_at"), RangeOperators.OVERLAPS),
                    ("organisation", RangeOperators.EQUAL),
                ],
                condition=Q(organisation__isnull=False),
            ),
            # One room at a gathering holds one session at a time.
            PostgresExclusionConstraint(
                name="slot_room_no_overlap",
                expressions=[
                    (TsTzRange("starts_at", "ends_at"), RangeOperators.OVERLAPS),
                    ("gathering", RangeOperators.EQUAL),
                    ("room", RangeOperators.EQUAL),
                ],
                condition=Q(gathering__isnull=False) & ~Q(room=""),
            ),
        ]
        indexes = [
            # The booking board reads one gathering's slots in time order.
            models.Index(fields=["gathering", "starts_at"], name="slot_gathering_time"),
            # "My schedule" and "my bookings".
            models.Index(fields=["advisor", "starts_at"], name="slot_advisor_time"),
            models.Index(fields=["organisation", "starts_at"], name="slot_organisation_time"),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{local:%Y-%m-%d %H:%M} {self.room or self.place}".strip()

    def get_absolute_url(self) -> str:
        return reverse("gatherings:slot_detail", args=[self.pk])

    @property
    def state(self) -> str:
        if self.organisation_id:
            return SlotState.BOOKED
        if self.advisor_id:
            return SlotState.CLAIMED
        return SlotState.FREE

    @property
    def is_followup(self) -> bool:
        return self.gathering_id is None


class MaterialKind(models.TextChoices):
    FILE = "file", _("File")
    LINK = "link", _("Link")


class MaterialStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class MaterialQuerySet(models.QuerySet["Material"]):
    def visible_to(self, user) -> MaterialQuerySet:
        """Staff see every material; others see published materials of published gatherings in
        their cohorts, and those shared with all cohorts when they are alumni (``access.alumni_q``)."""
        if access.is_staff(user):
            return self
        return self.filter(status=MaterialStatus.PUBLISHED, gathering__is_published=True).filter(
            access.cohort_q(user, field="gathering__cohort") | (Q(for_alumni=True) & access.alumni_q(user))
        )

    def published(self) -> MaterialQuerySet:
        return self.filter(status=MaterialStatus.PUBLISHED)


def _material_storage_name(instance, filename: str) -> str:
    """Server-generated storage names: nothing from the uploader reaches the file system."""
    ext = getattr(instance, "_storage_ext", "") or "bin"
    return f"materials/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{ext}"


class Material(models.Model):
    """Slides, documents or a link on a gathering, or on one item of its programme. A draft until
    staff publish it to the cohort; optionally shared with the alumni of all cohorts."""

    gathering = models.ForeignKey(
        Gathering, on_delete=models.CASCADE, related_name="materials", verbose_name=_("gathering")
    )
    programme_item = models.ForeignKey(
        ProgrammeItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="materials",
        verbose_name=_("programme item"),
        help_text=_("Leave empty for material that belongs to the whole gathering."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    kind = models.CharField(_("kind"), max_length=4, choices=MaterialKind.choices, default=MaterialKind.FILE)
    url = models.URLField(_("link"), max_length=500, blank=True)
    stored = models.FileField(_("file"), upload_to=_material_storage_name, max_length=200, blank=True)
    file_name = models.CharField(_("file name"), max_length=150, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    file_type = models.CharField(_("file type"), max_length=10, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=MaterialStatus.choices, default=MaterialStatus.DRAFT)
    for_alumni = models.BooleanField(
        _("share with the alumni of all cohorts"),
        default=False,
        help_text=_("Participants of every cohort, past and future, can then find it in the knowledge bank."),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["gathering", "programme_item", "title", "pk"]
        constraints = [
            # A file material has a stored, described file and no link; a link has a URL and no file.
            models.CheckConstraint(
                condition=(Q(kind=MaterialKind.FILE) & ~Q(stored="") & ~Q(sha256="") & ~Q(file_name="") & Q(url=""))
                | (Q(kind=MaterialKind.LINK) & ~Q(url="") & Q(stored="")),
                name="material_file_or_link",
            ),
            # Published material says since when.
            models.CheckConstraint(
                condition=~Q(status=MaterialStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="material_published_has_time",
            ),
        ]
        indexes = [
            # The programme page and the pack read one gathering's materials.
            models.Index(fields=["gathering", "status"], name="material_gathering_status"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """A file's access-checked download; a link's place on the programme page."""
        if self.kind == MaterialKind.FILE:
            return reverse("gatherings:material_download", args=[self.pk])
        return reverse("gatherings:programme", args=[self.gathering_id]) + f"#material-{self.pk}"

    @property
    def is_published(self) -> bool:
        return self.status == MaterialStatus.PUBLISHED
