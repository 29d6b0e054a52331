"""Run with production settings (DEBUG off, no DEV) in a subprocess: request a few pages over
"HTTPS" with Django's test client and print their headers and cookies as JSON.

Usage: ``python -m tests.security.prod_probe`` with DATABASE_URL, SECRET_KEY and
ALLOWED_HOSTS in the environment (the test passes them).
"""

from __future__ import annotations

import json
import os
import sys

os.environ["DJANGO_SETTINGS_MODULE"] = "omdomme.settings"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

HOST = os.environ["ALLOWED_HOSTS"].split(",")[0]


def describe(response) -> dict:
    cookies = {}
    for name, morsel in response.cookies.items():
        cookies[name] = {
            "secure": bool(morsel["secure"]),
            "httponly": bool(morsel["httponly"]),
            "samesite": morsel["samesite"],
        }
    return {"status": response.status_code, "headers": dict(response.headers.items()), "cookies": cookies}


# The only change: the hashed-manifest static storage needs `collectstatic`, which is no concern here.
@override_settings(
    STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
)
def main() -> None:
    from allauth.account.models import EmailAddress

    from omdomme.accounts.models import User

    email, password = "security-probe@example.no", "Probe-passord-2026-x"
    User.objects.filter(email=email).delete()
    user = User.objects.create_user(email, password, full_name="Security Probe")
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    client = Client(HTTP_HOST=HOST)
    try:
        out = probe(client, email, password)
    finally:
        user.delete()
    json.dump(out, sys.stdout)


def probe(client: Client, email: str, password: str) -> dict:
    return {
        "plain_http": describe(client.get("/konto/login/", secure=False)),
        "login_page": describe(client.get("/konto/login/", secure=True)),
        "login": describe(client.post("/konto/login/", {"login": email, "password": password}, secure=True)),
        "language": describe(client.post("/sprak/", {"language": "en", "next": "/"}, secure=True)),
        "health": describe(client.get("/healthz", secure=True)),
    }


if __name__ == "__main__":
    main()
