"""Behind the proxy every request comes from the proxy's address: the login throttle must still tell
clients apart (TRUSTED_PROXY_COUNT), keep its per-account limit, and never trust what a client
writes into X-Forwarded-For itself."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client, RequestFactory

from omdomme.core.http import client_ip
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/konto/login/"
THROTTLED = "For mange mislykkede innloggingsforsøk. Vent noen minutter og prøv igjen."
PROXY = "10.0.0.2"  # every request reaches gunicorn from the proxy


def _behind_proxy(client_address: str) -> Client:
    """A test client whose requests arrive the way the compose proxy forwards them."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_address)


def _errors(response) -> list[str]:
    return response.context["form"].non_field_errors()


def test_one_client_failing_does_not_close_login_for_another(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(email="kari@fjordvik.kommune.no")
    attacker, colleague = _behind_proxy("198.51.100.7"), _behind_proxy("203.0.113.9")
    for _ in range(6):
        response = attacker.post(LOGIN, {"login": "ukjent@example.no", "password": "feil-passord"})
        assert response.status_code == 200
    response = colleague.post(LOGIN, {"login": "kari@fjordvik.kommune.no", "password": PASSWORD})
    assert response.status_code == 302
    assert SESSION_KEY in colleague.session
    response = attacker.post(LOGIN, {"login": "noen@example.no", "password": "feil-passord"})
    assert _errors(response) == [THROTTLED]


def test_the_per_account_limit_holds_across_clients(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(email="kari@fjordvik.kommune.no")
    for n in range(5):
        _behind_proxy(f"198.51.100.{n + 1}").post(LOGIN, {"login": "kari@fjordvik.kommune.no", "password": "feil"})
    response = _behind_proxy("203.0.113.9").post(LOGIN, {"login": "kari@fjordvik.kommune.no", "password": PASSWORD})
    assert _errors(response) == [THROTTLED]


def test_without_a_trusted_proxy_a_forged_header_buys_no_new_tries(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(5):
        _behind_proxy(f"198.51.100.{n + 1}").post(LOGIN, {"login": f"u{n}@example.no", "password": "feil"})
    response = _behind_proxy("203.0.113.9").post(LOGIN, {"login": "noen@example.no", "password": "feil"})
    assert _errors(response) == [THROTTLED]


@pytest.mark.parametrize(
    "count,forwarded,expected",
    [
        (0, "198.51.100.7", PROXY),  # no proxy of ours: the header is the client's own words
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # the client prepended a lie; the proxy appended
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.9", "198.51.100.7"),
        (1, "", PROXY),  # a direct request (the health check) has no header
        (2, "198.51.100.7", PROXY),  # fewer hops than proxies: not ours, ignore it
        (1, "not-an-address", PROXY),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
    ],
)
def test_client_ip_counts_trusted_proxies_from_the_right(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
