from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from omdomme.reminders.rules import sweep


class Command(BaseCommand):
    help = "Queue every reminder that is due (the same sweep as the periodic Celery task). Safe to rerun."

    def add_arguments(self, parser):
        parser.add_argument("--now", help="Pretend it is this ISO time (for trying rules out).")

    def handle(self, *args, now=None, **options):
        when = parse_datetime(now) if now else None
        if when is not None and timezone.is_naive(when):
            when = timezone.make_aware(when)
        if now and when is None:
            self.stderr.write(f"Not an ISO date-time: {now}")
            raise SystemExit(2)
        queued = sweep(now=when)
        for kind, count in sorted(queued.items()):
            self.stdout.write(f"{kind}: {count}")
        self.stdout.write(f"queued {sum(queued.values())} reminder(s)")
