from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from omdomme.core import fragments
from omdomme.privacy.backup import MANIFEST, BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup folder made by `manage.py backup` into the database and MEDIA_ROOT "
        "(or --database-url / --media-root), then compare row counts with the backup's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="e.g. backups/20261127-120000")
        parser.add_argument("--database-url", help="Restore into this database instead of DATABASE_URL.")
        parser.add_argument("--media-root", type=Path, help="Unpack uploaded files here instead of MEDIA_ROOT.")
        parser.add_argument("--yes", action="store_true", help="Do not ask before replacing data.")

    def handle(self, *args, folder: Path, database_url=None, media_root=None, yes=False, **options) -> None:
        if not (folder / MANIFEST).exists():
            raise CommandError(f"{folder} is not a backup folder (no {MANIFEST}).")
        if not yes:
            answer = input(f"This replaces the data in the target database with {folder}. Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            mismatched = restore_backup(folder, database_url=database_url, media_root=media_root)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        fragments.retire_all()  # cached page parts showed the data before the restore
        if mismatched:
            raise CommandError(f"Restored, but row counts differ from the backup in: {', '.join(mismatched)}")
        self.stdout.write(self.style.SUCCESS(f"Restored {folder}; every table has the row count of the backup."))
