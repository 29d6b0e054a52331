"""A tiny stdlib HTTP client with a cookie jar of its own (no requests, loopback only)."""

from __future__ import annotations

import http.client
import re
import time
from urllib.parse import urlencode


class Session:
    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.cookies: dict[str, str] = {}
        self.conn: http.client.HTTPConnection | None = None

    def _connection(self) -> http.client.HTTPConnection:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        return self.conn

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict, bytes]:
        headers = {"Host": f"{self.host}:{self.port}", "Accept-Language": "nb", "User-Agent": "omdomme-bench"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
        for attempt in range(2):
            conn = self._connection()
            try:
                conn.request(method, path, body=data, headers=headers)
                response = conn.getresponse()
                payload = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt:
                    raise
            except BaseException:
                self.close()
                raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                match = re.match(r"\s*([^=]+)=([^;]*)", value)
                if match:
                    self.cookies[match.group(1)] = match.group(2)
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, payload

    def get(self, path: str) -> tuple[int, dict, bytes]:
        return self.request("GET", path)

    def post(self, path: str, body: dict) -> tuple[int, dict, bytes]:
        return self.request("POST", path, body)

    def timed_get(self, path: str) -> tuple[int, float]:
        started = time.perf_counter()
        status, _, _ = self.get(path)
        return status, time.perf_counter() - started

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def login(self, email: str, password: str) -> None:
        """allauth's login form: GET for the CSRF cookie, POST the form, expect a redirect."""
        self.get("/konto/login/")
        token = self.cookies.get("csrftoken", "")
        status, headers, _ = self.post(
            "/konto/login/", {"csrfmiddlewaretoken": token, "login": email, "password": password}
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login as {email} failed: HTTP {status}")
