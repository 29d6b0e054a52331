"""`make backup` and `make restore` work on the data `make run` leaves behind (the SQLite file in
VAR_DIR, DEV settings), not only inside the test suite's own database."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _make(target: str, env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "-s", target, *args], cwd=REPO, env=env, input=stdin, capture_output=True, text=True, timeout=120
    )


def test_make_backup_and_restore_after_make_run(tmp_path):
    var = tmp_path / "var"
    (var / "media" / "homework").mkdir(parents=True)
    (var / "media" / "homework" / "plan.pdf").write_bytes(b"%PDF-1.4 plan")
    with sqlite3.connect(var / "db.sqlite3") as conn:  # what `make run` leaves: a SQLite file with rows
        conn.execute("CREATE TABLE cohorts_organisation (id integer primary key, name text)")
        conn.executemany("INSERT INTO cohorts_organisation (name) VALUES (?)", [("Alfa kommune",), ("Beta",)])
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DEV", "DEBUG", "DJANGO_SETTINGS_MODULE", "REDIS_URL", "EMAIL_URL", "SECRET_KEY"}
    }
    env.update(VAR_DIR=str(var), BACKUP_DIR=str(tmp_path / "backups"), MEDIA_ROOT=str(var / "media"))

    result = _make("backup", env)
    assert result.returncode == 0, result.stdout + result.stderr
    [folder] = list((tmp_path / "backups").iterdir())

    with sqlite3.connect(var / "db.sqlite3") as conn:
        conn.execute("DELETE FROM cohorts_organisation")
    (var / "media" / "homework" / "plan.pdf").unlink()

    result = _make("restore", env, f"FROM={folder}", stdin="yes\n")
    assert result.returncode == 0, result.stdout + result.stderr
    with sqlite3.connect(var / "db.sqlite3") as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM cohorts_organisation ORDER BY id")]
    assert names == ["Alfa kommune", "Beta"]
    assert (var / "media" / "homework" / "plan.pdf").read_bytes() == b"%PDF-1.4 plan"
