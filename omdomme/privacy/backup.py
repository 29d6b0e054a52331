"""Backups of the database and the uploaded files, and restoring them.

A backup is a folder ``backups/<timestamp>/`` holding
  * ``db.dump`` – ``pg_dump --format=custom`` of the PostgreSQL database (or ``db.sqlite3``, a copy
    of the SQLite file when there is no DATABASE_URL),
  * ``media.tar.gz`` – every uploaded file under MEDIA_ROOT,
  * ``manifest.json`` – when, from which engine, and the row count of every table (restore checks it).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection
from django.utils import timezone

DB_DUMP, SQLITE_COPY, MEDIA_TAR, MANIFEST = "db.dump", "db.sqlite3", "media.tar.gz", "manifest.json"


class BackupError(RuntimeError):
    pass


def libpq_url(db: dict) -> str:
    """A postgres:// URL for pg_dump/pg_restore from a Django database settings dict (no password in it)."""
    user = quote(db.get("USER") or "")
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgresql://{user + '@' if user else ''}{host}:{port}/{quote(str(db['NAME']))}"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (it comes with the PostgreSQL client tools).")
    return path


def _pg_env(db: dict) -> dict[str, str]:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def table_counts_django() -> dict[str, int]:
    """Rows per table of the default database, as Django sees it."""
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - names from introspection
            counts[table] = cursor.fetchone()[0]
    return counts


def table_counts_postgres(url: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            ).fetchall()
        ]
        return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608


@dataclass
class Backup:
    folder: Path
    manifest: dict


def create_backup(output_dir: Path | None = None) -> Backup:
    """Dump the database and archive MEDIA_ROOT into a new timestamped folder."""
    root = Path(output_dir or getattr(settings, "BACKUP_DIR", None) or settings.BASE_DIR / "backups")
    folder = root / timezone.now().strftime("%Y%m%d-%H%M%S")
    suffix = 1
    while folder.exists():
        folder = root / f"{timezone.now():%Y%m%d-%H%M%S}-{suffix}"
        suffix += 1
    folder.mkdir(parents=True)
    db = settings.DATABASES["default"]
    engine = db["ENGINE"].rsplit(".", 1)[-1]
    if engine == "postgresql":
        result = subprocess.run(  # noqa: S603 - fixed command, our own settings
            [
                _tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(folder / DB_DUMP),
                libpq_url(db),
            ],
            env=_pg_env(db),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    elif engine == "sqlite3":
        source = sqlite3.connect(str(db["NAME"]))
        target = sqlite3.connect(str(folder / SQLITE_COPY))
        with target:
            source.backup(target)
        source.close()
        target.close()
    else:
        raise BackupError(f"Unsupported database engine {db['ENGINE']}")
    media_root = Path(settings.MEDIA_ROOT)
    files = 0
    with tarfile.open(folder / MEDIA_TAR, "w:gz") as tar:
        if media_root.exists():
            for path in sorted(media_root.rglob("*")):
                if path.is_file():
                    tar.add(path, arcname=str(path.relative_to(media_root)))
                    files += 1
    manifest = {
        "created_at": timezone.now().isoformat(),
        "engine": engine,
        "media_files": files,
        "tables": table_counts_django(),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return Backup(folder, manifest)


def restore_backup(folder: Path, *, database_url: str | None = None, media_root: Path | None = None) -> list[str]:
    """Restore a backup folder into a database (default: ours) and a media root (default: ours).

    Returns the tables whose row counts differ from the manifest (empty when the restore is exact).
    """
    folder = Path(folder)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    db = settings.DATABASES["default"]
    if manifest["engine"] == "postgresql":
        target = database_url or libpq_url(db)
        result = subprocess.run(  # noqa: S603 - fixed command
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--dbname",
                target,
                str(folder / DB_DUMP),
            ],
            env=_pg_env(db),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
        connection.close()
        counts = table_counts_postgres(target)
    else:
        target_path = Path(database_url.removeprefix("sqlite:///")) if database_url else Path(db["NAME"])
        connection.close()
        shutil.copyfile(folder / SQLITE_COPY, target_path)
        with sqlite3.connect(str(target_path)) as conn:
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            counts = {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608
    media_root = Path(media_root or settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA_TAR, "r:gz") as tar:
        tar.extractall(media_root, filter="data")
    expected = manifest["tables"]
    return sorted(t for t in set(expected) | set(counts) if expected.get(t) != counts.get(t) and t != "sqlite_sequence")
