"""Through the proxy, as the compose stack runs it (see stack.py): HTTPS and the redirect, forwarded
headers trusted only from the proxy, over-size bodies refused by the proxy, slow clients that do not
stall the site, the login throttle per client, and a worker and beat that answer their health checks.

Marker ``stack``: ``make test PYTEST_ARGS="-m stack"`` runs only these (about 30 s, loopback only).
"""

from __future__ import annotations

import http.client
import re
import socket
import ssl
import statistics
import subprocess
import sys
import time

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from tests.factories import PASSWORD, UserFactory

from .stack import HOST, REPO, start

pytestmark = [pytest.mark.stack, pytest.mark.django_db(transaction=True)]

SLOW_CLIENTS = 20
THROTTLED = "For mange mislykkede innloggingsforsøk. Vent noen minutter og prøv igjen."


@pytest.fixture(scope="module")
def stack(django_db_setup, django_db_blocker, tmp_path_factory):
    s = connection.settings_dict
    url = f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    running = start(tmp_path_factory.mktemp("stack"), url)
    subprocess.run(["redis-cli", "-u", running.env["REDIS_URL"], "flushdb"], check=False, capture_output=True)
    yield running
    running.stop()


def _get(conn, path: str, headers: dict | None = None):
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


def test_https_is_served_and_plain_http_redirects(stack):
    response, body = _get(stack.https(), "/konto/login/")
    assert response.status == 200
    assert b'name="password"' in body
    assert "max-age=31536000" in response.getheader("Strict-Transport-Security")
    response, _ = _get(stack.http(), "/konto/login/?neste=1", {"Host": HOST})
    assert response.status in (301, 308)
    assert re.fullmatch(rf"https://{HOST}(:\d+)?/konto/login/\?neste=1", response.getheader("Location"))


def test_a_forwarded_proto_from_outside_the_proxy_is_ignored(stack):
    # Straight to gunicorn from an address that is not the proxy's: "https" is not believed.
    response, _ = _get(stack.direct("127.0.0.3"), "/konto/login/", {"Host": HOST, "X-Forwarded-Proto": "https"})
    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/konto/login/"
    # Through the proxy a client's own X-Forwarded-Proto is replaced by what the proxy saw.
    response, _ = _get(stack.https(), "/konto/login/", {"X-Forwarded-Proto": "http"})
    assert response.status == 200
    response, _ = _get(stack.http(), "/konto/login/", {"Host": HOST, "X-Forwarded-Proto": "https"})
    assert response.status in (301, 308)


def test_an_over_size_body_is_refused_by_the_proxy(stack):
    conn = stack.https()
    body = b"x" * (2 * 1024 * 1024)
    conn.request("POST", "/konto/login/", body=body, headers={"Content-Type": "application/octet-stream"})
    response = conn.getresponse()
    response.read()
    conn.close()
    assert response.status == 413
    assert response.getheader("Server") == "Caddy"
    log = (stack.logs / "web.log").read_text()
    assert "POST /konto/login/" not in log  # gunicorn never saw it


def _slow_client(stack) -> ssl.SSLSocket:
    """Sends the headers of a POST and then its body one byte at a time."""
    context = ssl.create_default_context(cafile=str(stack.ca_file))
    raw = socket.create_connection(("127.0.0.1", stack.https_port), timeout=10)
    sock = context.wrap_socket(raw, server_hostname=HOST)
    sock.sendall(
        f"POST /konto/login/ HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        "Content-Length: 100000\r\n\r\n".encode()
    )
    return sock


def test_slow_clients_do_not_stall_the_site(stack):
    clients = [_slow_client(stack) for _ in range(SLOW_CLIENTS)]
    try:
        timings = []
        conn = stack.https()
        started = time.monotonic()
        while time.monotonic() - started < 6:
            for sock in clients:
                sock.sendall(b"a")
            before = time.perf_counter()
            conn.request("GET", "/healthz")
            response = conn.getresponse()
            response.read()
            timings.append((time.perf_counter() - before) * 1000)
            assert response.status == 200
            time.sleep(0.05)
        conn.close()
    finally:
        for sock in clients:
            sock.close()
    p95 = statistics.quantiles(timings, n=20)[-1]
    print(f"/healthz through the proxy with {SLOW_CLIENTS} slow clients: n={len(timings)}, p95={p95:.1f} ms")
    assert p95 < 100


def _login(stack, source: str, email: str, password: str):
    conn = stack.https(source=source)
    conn.request("GET", "/konto/login/")
    page = conn.getresponse()
    html = page.read().decode()
    cookie = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    origin = f"https://{HOST}:{stack.https_port}"
    body = f"csrfmiddlewaretoken={token}&login={email}&password={password}"
    conn.request(
        "POST",
        "/konto/login/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
            "Referer": origin + "/konto/login/",
            "Origin": origin,
        },
    )
    response = conn.getresponse()
    text = response.read().decode()
    conn.close()
    return response.status, text


def test_the_login_throttle_tells_clients_apart(stack):
    # Hashed as production hashes (the test settings' fast hasher is not installed there).
    password = PBKDF2PasswordHasher().encode(PASSWORD, "stack-test-salt", iterations=1000)
    user = UserFactory(email="kari@fjordvik.kommune.no")
    type(user).objects.filter(pk=user.pk).update(password=password)
    attacker, colleague = "127.0.0.5", "127.0.0.6"
    for _ in range(6):
        status, _ = _login(stack, attacker, "ukjent@example.no", "feil-passord")
        assert status == 200
    status, text = _login(stack, colleague, "kari@fjordvik.kommune.no", PASSWORD)
    assert status == 302, text
    status, text = _login(stack, attacker, "noen@example.no", "feil-passord")
    assert status == 200 and THROTTLED in text


def test_the_proxy_health_check_reaches_the_app(stack):
    conn = http.client.HTTPConnection("127.0.0.1", stack.health_port, timeout=30)
    response, body = _get(conn, "/healthz")
    assert (response.status, body) == (200, b'{"status": "ok"}')
    response, _ = _get(http.client.HTTPConnection("127.0.0.1", stack.health_port, timeout=30), "/konto/login/")
    assert response.status == 404


def test_worker_and_beat_answer_their_health_checks(stack):
    health = [sys.executable, str(REPO / "docker" / "healthcheck.py")]
    deadline = time.monotonic() + 60
    results = {}
    while time.monotonic() < deadline:
        results = {
            kind: subprocess.run([*health, kind], cwd=REPO, env=stack.env, capture_output=True, timeout=30).returncode
            for kind in ("worker", "beat")
        }
        if results == {"worker": 0, "beat": 0}:
            break
        time.sleep(1)
    assert results == {"worker": 0, "beat": 0}
