"""The production shape as real processes on loopback ports: Debian's Caddy with docker/Caddyfile,
gunicorn, a Celery worker and beat started by docker/entrypoint.sh, production settings.

No container engine runs on our machines, so this is how the compose stack's parts are tested
together. Every process listens on 127.0.0.1 only and is stopped at the end.
"""

from __future__ import annotations

import http.client
import os
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HOST = "localhost"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(database_url: str, **extra: str) -> dict[str, str]:
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
        REDIS_URL=os.environ.get("STACK_REDIS_URL", "redis://127.0.0.1:6379/12"),
        EMAIL_URL="memorymail://",
        LOG_LEVEL="WARNING",
        PATH=f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}",
        **extra,
    )
    return env


@dataclass
class Stack:
    http_port: int
    https_port: int
    web_port: int
    health_port: int
    ca_file: Path
    logs: Path
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)

    def https(self, source: str = "127.0.0.1", timeout: float = 30) -> http.client.HTTPSConnection:
        context = ssl.create_default_context(cafile=str(self.ca_file))
        return http.client.HTTPSConnection(
            HOST, self.https_port, context=context, source_address=(source, 0), timeout=timeout
        )

    def http(self, source: str = "127.0.0.1") -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.http_port, source_address=(source, 0), timeout=10)

    def direct(self, source: str, timeout: float = 30) -> http.client.HTTPConnection:
        """Straight to gunicorn, bypassing the proxy, from another loopback address."""
        return http.client.HTTPConnection("127.0.0.1", self.web_port, source_address=(source, 0), timeout=timeout)

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def _wait(check, what: str, stack: Stack, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for name, process in stack.processes.items():
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited:\n{(stack.logs / (name + '.log')).read_text()[-3000:]}")
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{what} did not come up in {seconds} s")


def start(tmp: Path, database_url: str) -> Stack:
    caddy = shutil.which("caddy")
    if caddy is None:
        raise RuntimeError("Debian's caddy package is not installed (apt-get install caddy; .ci/run does it)")
    stack = Stack(
        http_port=free_port(),
        https_port=free_port(),
        web_port=free_port(),
        health_port=free_port(),
        ca_file=tmp / "caddy-data" / "caddy" / "pki" / "authorities" / "local" / "root.crt",
        logs=tmp,
    )
    static_root = tmp / "static"
    env = production_env(
        database_url,
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(tmp / "media"),
        VAR_DIR=str(tmp / "var"),
        TRUSTED_PROXY_COUNT="1",
        GUNICORN_BIND=f"127.0.0.1:{stack.web_port}",
        GUNICORN_WORKERS="2",
        FORWARDED_ALLOW_IPS="127.0.0.1",
        CELERY_QUEUE=f"stack-{secrets.token_hex(4)}",
        CELERY_CONCURRENCY="1",
        BEAT_SCHEDULE=str(tmp / "celerybeat-schedule"),
    )
    stack.env = env
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=REPO,
        env=env,
        check=True,
        timeout=180,
    )
    entrypoint = str(REPO / "docker" / "entrypoint.sh")
    proxy_env = {
        **env,
        "SITE_ADDRESS": HOST,
        "HTTP_PORT": str(stack.http_port),
        "HTTPS_PORT": str(stack.https_port),
        "BIND_ADDRESS": "127.0.0.1",
        "UPSTREAM": f"127.0.0.1:{stack.web_port}",
        "PROXY_MAX_BODY_BYTES": str(1024 * 1024),
        "HEALTH_PORT": str(stack.health_port),
        "XDG_DATA_HOME": str(tmp / "caddy-data"),
        "XDG_CONFIG_HOME": str(tmp / "caddy-config"),
    }
    commands = {
        "web": ([entrypoint, "web"], env),
        "worker": ([entrypoint, "worker"], env),
        "beat": ([entrypoint, "beat"], env),
        "proxy": ([caddy, "run", "--config", str(REPO / "docker" / "Caddyfile"), "--adapter", "caddyfile"], proxy_env),
    }
    try:
        for name, (command, process_env) in commands.items():
            log = (tmp / f"{name}.log").open("wb")
            stack.processes[name] = subprocess.Popen(  # noqa: S603 - our own commands
                command, cwd=REPO, env=process_env, stdout=log, stderr=subprocess.STDOUT
            )
        _wait(lambda: _status(stack.direct("127.0.0.1"), "/healthz") == 200, "gunicorn", stack)
        _wait(lambda: stack.ca_file.exists() and _status(stack.https(), "/healthz") == 200, "caddy", stack)
    except BaseException:
        stack.stop()
        raise
    return stack


def _status(connection: http.client.HTTPConnection, path: str) -> int:
    try:
        connection.request("GET", path, headers={"Host": HOST})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()
