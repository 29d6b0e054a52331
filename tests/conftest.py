import os

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.test import override_settings
from django.utils import translation

from tests.world import build_world

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _clear_cache():
    """allauth keeps rate limits in the cache: every test starts with a clean slate."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request activates its user's language in the thread; each test starts in Bokmål again."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _own_media_root(tmp_path, settings):
    """Each test stores uploads in its own media root, so files never pile up between tests (a test
    that counts the media files, such as backup/restore, sees only its own)."""
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = str(media)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {**settings.STORAGES["default"].get("OPTIONS", {}), "location": str(media)},
        },
    }


@pytest.fixture
def fragment_cache():
    """The cached page parts on (``omdomme.core.fragments``; the test settings make them a dummy), in
    a cache of the test's own."""
    local = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fragment-tests"}
    with override_settings(CACHES={"default": settings.CACHES["default"], "template_fragments": local}):
        caches["template_fragments"].clear()
        yield caches["template_fragments"]
        caches["template_fragments"].clear()


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def client_for(client):
    """``client_for(user)``: the test client signed in as that user (None stays anonymous)."""

    def _login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _login


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Playwright drives Debian's Chromium: it cannot download its own browser here. Without it the
    run stops with one clear line (as ``make test`` does when PostgreSQL does not answer)."""
    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not os.path.exists(chromium):
        pytest.exit(
            f"Chromium is not installed at {chromium}: the browser tests need it. "
            "Install it with `apt-get install -y chromium` (or set CHROMIUM_PATH), "
            "or leave them out with -m 'not browser'.",
            returncode=2,
        )
    return {
        **browser_type_launch_args,
        "executable_path": chromium,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }
