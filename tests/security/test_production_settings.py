"""Production settings: `check --deploy` passes and responses carry the security headers and cookie flags.

Both run in a subprocess with the environment production has (DEBUG=false, no DEV, SECRET_KEY,
ALLOWED_HOSTS, DATABASE_URL, REDIS_URL, EMAIL_URL), so they test omdomme/settings.py itself, not
the test settings.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

REPO = Path(__file__).resolve().parents[2]
HOST = "omdomme.example.no"


def production_env(database_url: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEV", "DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=database_url,
        # Its own Redis database, so the probe's cache entries never meet another test's.
        REDIS_URL=os.environ.get("PROBE_REDIS_URL", "redis://127.0.0.1:6379/13"),
        EMAIL_URL="memorymail://",
        DJANGO_SETTINGS_MODULE="omdomme.settings",
    )
    return env


def _database_url() -> str:
    s = settings.DATABASES["default"]
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def test_check_deploy_passes_with_production_settings(db):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=production_env(_database_url()),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("name", ["DATABASE_URL", "REDIS_URL", "EMAIL_URL", "SECRET_KEY"])
def test_production_refuses_to_start_without_its_services(db, name):
    """No silent SQLite, eager Celery with a per-process cache, or console email in production."""
    env = production_env(_database_url())
    env.pop(name)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert f"The environment variable {name} is required." in result.stderr


@pytest.fixture(scope="module")
def probe(django_db_setup):
    """Headers and cookies of real responses under production settings (one subprocess per module).

    The subprocess creates its own user in the test database and removes it again.
    """
    result = subprocess.run(
        [sys.executable, "-m", "tests.security.prod_probe"],
        cwd=REPO,
        env=production_env(_database_url()),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _csp(headers: dict) -> dict[str, list[str]]:
    policy = headers.get("Content-Security-Policy", "")
    directives = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def test_plain_http_is_redirected_to_https(probe):
    assert probe["plain_http"]["status"] == 301
    assert probe["plain_http"]["headers"]["Location"].startswith(f"https://{HOST}/")


def test_hsts_for_at_least_a_year_with_subdomains(probe):
    hsts = probe["login_page"]["headers"]["Strict-Transport-Security"]
    max_age = int(re.search(r"max-age=(\d+)", hsts).group(1))
    assert max_age >= 365 * 24 * 3600
    assert "includeSubDomains" in hsts


@pytest.mark.parametrize("page", ["login_page", "login", "health"])
def test_csp_forbids_framing_and_inline_code(probe, page):
    csp = _csp(probe[page]["headers"])
    assert csp, "no Content-Security-Policy header"
    assert csp["frame-ancestors"] == ["'none'"]
    for directive in ("script-src", "style-src"):
        sources = csp.get(directive, csp["default-src"])
        assert "'unsafe-inline'" not in sources, directive
        assert "'unsafe-eval'" not in sources, directive
        assert "*" not in sources, directive
    assert csp["object-src"] == ["'none'"]


@pytest.mark.parametrize("page", ["login_page", "health"])
def test_nosniff_referrer_policy_and_frame_options(probe, page):
    headers = probe[page]["headers"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] in {"same-origin", "strict-origin-when-cross-origin", "no-referrer"}
    assert headers["X-Frame-Options"] == "DENY"


def test_login_succeeded_and_rotated_the_session(probe):
    assert probe["login"]["status"] == 302, probe["login"]
    assert "sessionid" in probe["login"]["cookies"]


@pytest.mark.parametrize(
    "page,cookie",
    [("login_page", "csrftoken"), ("login", "sessionid"), ("login", "csrftoken"), ("language", "django_language")],
)
def test_cookies_are_secure_httponly_and_samesite(probe, page, cookie):
    flags = probe[page]["cookies"][cookie]
    assert flags["secure"] is True
    assert flags["httponly"] is True
    assert flags["samesite"].lower() in {"lax", "strict"}
