"""`make run` without Redis: a real worker on kombu's filesystem transport (issue 12, item 10), and
the newcomer's checks (item 15)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _settings(env: dict) -> dict:
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'broker': s.CELERY_BROKER_URL, 'eager': s.CELERY_TASK_ALWAYS_EAGER, "
        "'results': s.CELERY_RESULT_BACKEND, 'options': s.CELERY_BROKER_TRANSPORT_OPTIONS}))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CELERY_BROKER_URL", "DATABASE_URL")}
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "omdomme.settings", "DEV": "true", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_without_redis_make_run_uses_a_filesystem_broker_and_a_real_worker(tmp_path):
    found = _settings({"CELERY_BROKER_URL": "filesystem://localhost//", "VAR_DIR": str(tmp_path)})
    assert found["eager"] is False
    assert found["results"] == f"file://{tmp_path}/celery/results"
    assert found["options"]["data_folder_in"] == found["options"]["data_folder_out"] == f"{tmp_path}/celery/queue"
    assert (tmp_path / "celery" / "queue").is_dir()


def test_without_any_broker_tasks_run_eagerly(tmp_path):
    found = _settings({"VAR_DIR": str(tmp_path)})
    assert (found["broker"], found["eager"]) == ("memory://localhost//", True)


def test_system_check_prints_one_install_line_for_what_is_missing():
    code = (
        "import runpy, sys; m = runpy.run_path('scripts/check_system.py'); "
        "m['RUN'][:] = [('gettext', lambda: False), ('libmagic1', lambda: True), "
        "('fonts-dejavu-core', lambda: False)]; "
        "sys.exit(m['main']([]))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 1
    assert out.stderr.splitlines()[-1].strip() == "apt-get install -y --no-install-recommends gettext fonts-dejavu-core"


def test_system_check_passes_on_this_machine():
    assert subprocess.run([sys.executable, "scripts/check_system.py"], cwd=ROOT).returncode == 0
