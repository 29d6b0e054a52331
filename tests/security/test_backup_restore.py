"""`manage.py backup` then `manage.py restore` into a fresh database: every table has the same rows,
and the uploaded files come back byte for byte."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from omdomme.privacy.backup import libpq_url, table_counts_django, table_counts_postgres
from tests.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fresh_database():
    db = connection.settings_dict
    name = f"{db['NAME']}_restore_{secrets.token_hex(4)}"
    admin = libpq_url({**db, "NAME": "postgres"})
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield libpq_url({**db, "NAME": name})
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_and_restore_into_a_fresh_database(tmp_path, fresh_database):
    build_world()
    default_storage.save("homework/alfa/oppgave.pdf", ContentFile(b"%PDF-1.4 hjemmeoppgave"))
    before = table_counts_django()
    assert before["accounts_user"] == 6 and before["cohorts_enrolment"] == 3

    call_command("backup", output_dir=tmp_path / "backups")
    [folder] = list((tmp_path / "backups").iterdir())
    assert {p.name for p in folder.iterdir()} == {"db.dump", "media.tar.gz", "manifest.json"}
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["tables"] == before
    assert manifest["media_files"] >= 1  # the test media root is shared by the whole test run

    media = tmp_path / "restored-media"
    call_command("restore", str(folder), database_url=fresh_database, media_root=str(media), yes=True)

    assert table_counts_postgres(fresh_database) == before
    assert (media / "homework/alfa/oppgave.pdf").read_bytes() == b"%PDF-1.4 hjemmeoppgave"
    with psycopg.connect(fresh_database) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM cohorts_organisation").fetchall()}
    assert names == {"Alfa kommune", "Beta kommune", "Gamma kommune"}


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    with pytest.raises(CommandError, match="not a backup folder"):
        call_command("restore", str(tmp_path), yes=True)


def test_restore_reports_a_broken_dump(tmp_path, fresh_database):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "manifest.json").write_text(json.dumps({"engine": "postgresql", "tables": {}}))
    (folder / "db.dump").write_bytes(b"not a dump")
    with pytest.raises(CommandError, match="pg_restore failed"):
        call_command("restore", str(folder), database_url=fresh_database, yes=True)
    assert Path(folder / "db.dump").exists()
