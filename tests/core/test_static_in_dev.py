"""`make run` (DEV, DEBUG off) must serve the stylesheet and htmx without a collectstatic run."""

import subprocess
import sys

from django.conf import settings

SCRIPT = """
import os
os.environ["DJANGO_SETTINGS_MODULE"] = "omdomme.settings"
import django
django.setup()
from django.test import Client
for path in ["/static/css/app.css", "/static/js/app.js", "/static/django_htmx/htmx-2.min.js"]:
    response = Client().get(path)
    print(path, response.status_code)
"""


def test_dev_server_serves_static_files_without_collectstatic(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DEV": "true", "VAR_DIR": str(tmp_path), "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == [
        "/static/css/app.css 200",
        "/static/js/app.js 200",
        "/static/django_htmx/htmx-2.min.js 200",
    ]
