"""Speed-advisory slots: laid out by staff, claimed by advisors, booked by contact persons."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import RangeOperators
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts import access
from cohorts.models import Cohort, Organisation

from ..constraints import PostgresExclusionConstraint, TsTzRange
from .gatherings import Gathering


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
