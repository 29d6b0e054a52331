"""Test settings: the real settings with a fast hasher, locmem email and a tmp media root.

Celery stays eager unless a test starts a real worker (see tests/test_celery_integration.py).
"""

import os
import tempfile

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/omdomme")
os.environ.setdefault("DEV", "true")

from omdomme.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="omdomme-test-media-")
STORAGES["default"]["OPTIONS"]["location"] = MEDIA_ROOT  # noqa: F405
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Every request builds its menu afresh, so a query count does not depend on the request before
    # it; tests/core/test_navigation_cache.py turns the menu cache on.
    "navigation": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    # Likewise every page renders its cached parts afresh (omdomme.core.fragments); the tests of
    # those parts turn the cache on.
    "template_fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://localhost//"
CELERY_RESULT_BACKEND = "cache+memory://"
STATISTICS_REQUEST_PAUSE = 0.0
# Query-count tests count the session read whatever the cache holds (production reads it from the
# cache: cached_db).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
