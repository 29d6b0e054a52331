from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from omdomme.privacy.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump custom format, or a copy of the SQLite file) and MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", type=Path, help="Parent folder (default: BACKUP_DIR or ./backups).")

    def handle(self, *args, output_dir=None, **options) -> None:
        try:
            backup = create_backup(output_dir)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(backup.manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {backup.folder} ({len(backup.manifest['tables'])} tables, {rows} rows, "
                f"{backup.manifest['media_files']} uploaded files)."
            )
        )
