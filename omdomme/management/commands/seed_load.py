"""Build the large data set the benchmarks use: 15 cohorts × 20 organisations and everything below
(``--scale N``: N × 20 organisations per cohort), then VACUUM ANALYZE on PostgreSQL.

Each app registers its ``<app>/load.py: load(ctx)`` in ``AppConfig.ready()``; they run lower layers
first, like ``seed_demo``. Bulk
inserts keep the whole run well under a minute.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from omdomme.core import fragments
from omdomme.core.extensions import DemoContext, load_seeders


class Command(BaseCommand):
    help = "Generate the benchmark data set (15 cohorts × 20 organisations, gatherings, homework, surveys)."

    def add_arguments(self, parser):
        parser.add_argument("--cohorts", type=int, default=15)
        parser.add_argument("--organisations", type=int, default=20)
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="N times the data: N times the organisations per cohort, and everything below them.",
        )

    def handle(self, *args, **options) -> None:
        ctx = DemoContext(today=timezone.localdate())
        ctx.extra.update(n_cohorts=options["cohorts"], n_orgs=options["organisations"] * max(1, options["scale"]))
        started = time.monotonic()
        for load in load_seeders:
            t0 = time.monotonic()
            with transaction.atomic():
                load(ctx)
            self.stdout.write(f"  {load.__module__}: {time.monotonic() - t0:.1f} s")
        if connection.vendor == "postgresql":
            # Fresh statistics, so the planner sees the bulk-loaded tables as they are, and the
            # visibility map autovacuum would give a live site (index-only scans need it).
            t0 = time.monotonic()
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            self.stdout.write(f"  VACUUM ANALYZE: {time.monotonic() - t0:.1f} s")
        fragments.retire_all()  # the loaders write in bulk, past the signals that bump cached parts
        self.stdout.write(self.style.SUCCESS(f"Load data set ready in {time.monotonic() - started:.1f} s."))
