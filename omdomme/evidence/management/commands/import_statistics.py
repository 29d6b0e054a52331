"""python manage.py import_statistics [--base-url URL] [--years N] [--timeout S]"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from omdomme.evidence.statistics import DEFAULT_BASE_URL, import_statistics


class Command(BaseCommand):
    help = (
        "Fetch population and in-, out- and net migration per municipality from Statistics Norway "
        "(PxWebApi v0, JSON-stat 2) and store them as measurements of the built-in indicators."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--base-url", default=DEFAULT_BASE_URL, help=f"Default: {DEFAULT_BASE_URL}")
        parser.add_argument("--years", type=int, default=10, help="How many of the latest years (default 10).")
        parser.add_argument("--timeout", type=float, default=30.0, help="Seconds to wait for each answer.")

    def handle(self, *args, base_url: str, years: int, timeout: float, **options) -> None:
        if years < 1:
            raise CommandError("--years must be at least 1.")
        report = import_statistics(actor=None, base_url=base_url, years=years, timeout=timeout)
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(warning))
        for error in report.errors:
            self.stderr.write(self.style.ERROR(error))
        self.stdout.write(
            f"Tables imported: {', '.join(report.tables_done) or '-'}; "
            f"{report.stored} values stored, {report.unchanged} unchanged."
        )
        if report.errors:
            raise CommandError(f"{len(report.errors)} table(s) failed; their existing values are kept.")
