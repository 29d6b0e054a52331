from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from cohorts import access
from omdomme.core.extensions import Panel

from .models import AdvisorySlot, Gathering, Registration, RegistrationStatus


def sections(user) -> list[Panel]:
    result: list[Panel] = []
    today = timezone.localdate()
    if access.is_staff(user):
        gatherings = (
            Gathering.objects.upcoming(today)
            .select_related("cohort")
            .annotate(
                registered=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
                waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
            )
            .order_by("starts_on")[:6]
        )
        result.append(Panel("gatherings/dashboard_staff.html", {"gatherings": gatherings}, order=30))
    if getattr(user, "is_advisor", False):
        slots = (
            AdvisorySlot.objects.filter(advisor=user, ends_at__gte=timezone.now())
            .select_related("organisation")
            .order_by("starts_at")[:8]
        )
        result.append(Panel("gatherings/dashboard_advisor.html", {"slots": slots}, order=30))
    orgs = access.member_organisation_ids(user)
    if not access.is_staff(user) and access.active_memberships(user):
        gathering = (
            Gathering.objects.visible_to(user).upcoming(today).select_related("cohort").order_by("starts_on").first()
        )
        registration = None
        if gathering is not None:
            registration = (
                Registration.objects.filter(gathering=gathering, user=user)
                .exclude(status=RegistrationStatus.CANCELLED)
                .first()
            )
        bookings = (
            AdvisorySlot.objects.filter(organisation__in=orgs, ends_at__gte=timezone.now())
            .select_related("advisor")
            .order_by("starts_at")[:5]
        )
        result.append(
            Panel(
                "gatherings/dashboard_contact.html",
                {"gathering": gathering, "registration": registration, "bookings": bookings},
                order=30,
            )
        )
    return result
