from django.core.management.base import BaseCommand

from omdomme.privacy import services


class Command(BaseCommand):
    help = "Anonymise the personal data of cohorts that ended more than PERSONAL_DATA_RETENTION_MONTHS ago."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only list what would be purged.")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        report = services.purge_expired(dry_run=dry_run)
        verb = "Would purge" if dry_run else "Purged"
        self.stdout.write(
            f"{verb} {len(report.cohorts)} cohort(s) {report.cohorts} "
            f"and {len(report.people)} person(s) {report.people} "
            f"(cut-off {services.retention_cutoff()})."
        )
