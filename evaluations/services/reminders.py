"""Reminders to the people who have not answered a survey yet."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.activity import record
from omdomme.notifications.services import queue_email

from ..models import Audience, Participation, Survey
from .audience import audience_memberships
from .errors import SurveyClosed


def non_respondents(survey: Survey):
    """Memberships of the audience who have not submitted (an organisation that answered counts for all
    its contacts when the survey asks one contact per organisation)."""
    submitted = Participation.objects.filter(survey=survey, submitted=True)
    qs = audience_memberships(survey).exclude(user__in=submitted.values("user"))
    if survey.audience == Audience.ONE_PER_ORGANISATION:
        qs = qs.exclude(organisation__in=submitted.values("organisation"))
    return qs.select_related("user", "organisation").distinct()


def remind_non_respondents(survey: Survey, *, actor, now: datetime | None = None) -> int:
    """Queue a reminder to each person who has not answered; at most one per person per survey per day."""

    now = now or timezone.now()
    if not survey.is_open(now):
        raise SurveyClosed(_("Reminders can only be sent while the survey is open."), code="closed")
    day = timezone.localdate(now).isoformat()
    sent = 0
    with transaction.atomic():
        seen: set[int] = set()
        for membership in non_respondents(survey):
            user = membership.user
            if user.pk in seen or not user.is_active:
                continue
            seen.add(user.pk)
            mail = queue_email(
                "survey_reminder",
                to=[user.email],
                language=user.language,
                recipient_user=user,
                organisation=membership.organisation,
                related=survey,
                cohort_id=survey.cohort_id,
                dedupe_key=f"survey-reminder:{survey.pk}:{user.pk}:{day}",
                essential=False,
                created_by=actor,
                context={
                    "survey": survey,
                    "name": user.get_short_name(),
                    "url": reverse("evaluations:survey_answer", args=[survey.pk]),
                    "closes_at": survey.closes_at,
                },
            )
            if mail is not None:
                sent += 1
        record(
            actor,
            "survey.remind",
            _("Reminded %(n)s people about “%(title)s”.") % {"n": sent, "title": survey.title},
            target=survey,
            cohort=survey.cohort,
        )
    return sent
