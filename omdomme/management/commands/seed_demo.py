"""Load the demo data set. Idempotent: running it again changes nothing that is already there."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from omdomme.core import fragments
from omdomme.core.extensions import DemoContext, demo_seeders


class Command(BaseCommand):
    help = "Load the historic cohorts 2009–2012, a live current-year cohort and demo users for each role."

    def handle(self, *args, **options) -> None:
        ctx = DemoContext(today=timezone.localdate())
        for seed in demo_seeders:  # lower layers first: each may read what the ones before it made
            with transaction.atomic():
                seed(ctx)
            self.stdout.write(f"  {seed.__module__}: ok")
        fragments.retire_all()  # the seeders may write in bulk, past the signals that bump cached parts
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Log in at http://127.0.0.1:8000/konto/login/ as:"))
        for role, email, password in ctx.logins:
            self.stdout.write(f"  {role:<28} {email:<38} {password}")
