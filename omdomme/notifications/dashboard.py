"""The staff home page's email section: failing or piling-up email is seen at once (one query)."""

from __future__ import annotations

from django.db.models import Count, Q

from omdomme.core.extensions import Panel

from .models import OutboxMail, OutboxStatus


def sections(user) -> list[Panel]:
    if not user.is_staff:
        return []
    counts = OutboxMail.objects.aggregate(
        failed=Count("pk", filter=Q(status=OutboxStatus.FAILED)),
        queued=Count("pk", filter=Q(status__in=[OutboxStatus.QUEUED, OutboxStatus.SENDING])),
    )
    return [Panel("notifications/dashboard_email.html", counts, order=5)]
