"""Benchmark data: three gatherings per load cohort, each with a programme and 60 speed-advisory
slots (20 times × 3 rooms; room 1 claimed by the load advisor, so it is open for booking).

Runs after ``cohorts.load`` (which replaces the "Last" cohorts, and with them these rows)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from omdomme.core.extensions import DemoContext

from .models import AdvisorySlot, Gathering, ProgrammeItem, ProgrammeItemKind

SLOT_TIMES = 20
ROOMS = 3


def load(ctx: DemoContext) -> None:
    cohorts = ctx.extra["load_cohorts"]
    advisor = ctx.extra.get("load_advisor")
    first = ctx.today + timedelta(days=21)
    gatherings = Gathering.objects.bulk_create(
        [
            Gathering(
                cohort=c,
                number=n + 1,
                title=f"Last samling {n + 1}",
                venue="Lastsenteret",
                town="Verdal",
                starts_on=first + timedelta(days=60 * n + ci % 50),
                ends_on=first + timedelta(days=60 * n + ci % 50 + 1),
                is_published=True,
                published_at=timezone.now(),
                capacity=200,
                max_bookings_per_organisation=3,
            )
            for ci, c in enumerate(cohorts)
            for n in range(3)
        ]
    )
    ProgrammeItem.objects.bulk_create(
        [
            ProgrammeItem(
                gathering=g,
                day=g.starts_on + timedelta(days=d),
                starts_at=time(9 + h),
                ends_at=time(10 + h),
                title=f"Programpost {d + 1}.{h + 1}",
                kind=ProgrammeItemKind.TALK,
            )
            for g in gatherings
            for d in range(2)
            for h in range(6)
        ]
    )
    slots = []
    for gi, g in enumerate(gatherings):
        start = timezone.make_aware(datetime.combine(g.starts_on, time(13)))
        for i in range(SLOT_TIMES):
            t = start + timedelta(minutes=20 * i)
            for r in range(1, ROOMS + 1):
                claimed = advisor is not None and r == 1 and gi // 3 < 50  # one advisor: dates repeat after 50
                slots.append(
                    AdvisorySlot(
                        cohort_id=g.cohort_id,
                        gathering=g,
                        starts_at=t,
                        ends_at=t + timedelta(minutes=15),
                        room=f"Rom {r}",
                        booking_limit=g.max_bookings_per_organisation,
                        advisor=advisor if claimed else None,
                        claimed_at=timezone.now() if claimed else None,
                    )
                )
    AdvisorySlot.objects.bulk_create(slots, batch_size=2000)
    ctx.extra.update(
        load_gatherings=gatherings,
        load_open_slots=list(
            AdvisorySlot.objects.filter(gathering__in=gatherings, advisor__isnull=False).values_list("pk", flat=True)
        ),
    )
