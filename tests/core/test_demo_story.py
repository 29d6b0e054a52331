"""Demo data that tells one consistent story (issue 12, item 11)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

from evaluations.models import Survey
from homework.models import FeedbackEntry, Submission
from sessions.models import Gathering, ProgrammeItem


@pytest.mark.django_db
def test_demo_data_does_not_contradict_itself(capsys):
    call_command("seed_demo")
    now = timezone.now()
    future = Q(last_activity_at__gt=now) | Q(submitted_at__gt=now) | Q(returned_at__gt=now) | Q(approved_at__gt=now)
    assert list(Submission.objects.filter(future).values_list("pk", flat=True)) == []
    assert FeedbackEntry.objects.filter(created_at__gt=now).count() == 0
    for item in ProgrammeItem.objects.filter(title__startswith="Velkommen til Omdømmeskolen").select_related(
        "gathering__cohort"
    ):
        assert item.title == f"Velkommen til {item.gathering.cohort.name}"
    for gathering in Gathering.objects.filter(accommodation_info__contains="natt til"):
        from django.utils import formats, translation

        with translation.override("nb"):
            night = formats.date_format(gathering.days[1], "MONTH_DAY_FORMAT")
        assert gathering.accommodation_info.endswith(f"natt til {night}."), gathering.accommodation_info
    for survey in Survey.objects.filter(gathering__isnull=False).select_related("gathering"):
        assert survey.closes_at.date() > survey.gathering.ends_on, survey.title
        assert survey.opens_at.date() >= survey.gathering.ends_on, survey.title
