"""A real ``celery -A omdomme worker`` subprocess for integration tests.

It talks to the local Redis (its own database number and a unique queue, so parallel test runs do
not collide) and to the test PostgreSQL database (so tests using it must be transactional). The
test process is switched from eager mode to the same broker while the worker runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

from omdomme.celery import app as celery_app

REDIS_URL = os.environ.get("TEST_CELERY_REDIS_URL", "redis://127.0.0.1:6379/14")
ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    db = connection.settings_dict
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    auth = db.get("USER") or "postgres"
    if db.get("PASSWORD"):
        auth += f":{db['PASSWORD']}"
    return f"postgres://{auth}@{host}:{port}/{db['NAME']}"


@contextmanager
def real_worker(*, email_url: str = "", timeout: float = 60):
    """Start a worker, point this process's Celery app at it, yield the queue name, then stop it."""
    queue = f"test-notify-{uuid.uuid4().hex[:10]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "omdomme.settings",
        "DEV": "true",
        "DATABASE_URL": _database_url(),
        "CONN_MAX_AGE": "0",
        "REDIS_URL": REDIS_URL,
        "CELERY_QUEUE": queue,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "EMAIL_URL": email_url,
    }
    command = [
        str(Path(sys.executable).with_name("celery")),
        "-A",
        "omdomme",
        "worker",
        "-Q",
        queue,
        "-n",
        f"{queue}@%h",
        "--pool=solo",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "-l",
        "info",
    ]
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output: list[str] = []
    ready = threading.Event()

    def _read():
        for line in proc.stdout:
            output.append(line)
            if " ready." in line:
                ready.set()

    reader = threading.Thread(target=_read, daemon=True)
    reader.start()
    saved = {
        key: celery_app.conf[key] for key in ("broker_url", "task_always_eager", "task_default_queue", "result_backend")
    }
    try:
        if not ready.wait(timeout):
            raise RuntimeError("the Celery worker did not start:\n" + "".join(output[-40:]))
        _switch(broker_url=REDIS_URL, task_always_eager=False, task_default_queue=queue, result_backend=REDIS_URL)
        yield WorkerHandle(queue, output)
    finally:
        _switch(**saved)
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        reader.join(timeout=5)
        _purge(queue)


def _switch(**conf) -> None:
    celery_app.conf.update(**conf)
    # Forget the connection and producer pools made for the previous broker (not closing them: eager
    # mode still acquires a producer from the in-memory transport).
    celery_app._pool = None
    celery_app.__dict__.pop("amqp", None)
    celery_app.__dict__.pop("backend", None)
    celery_app._local.__dict__.pop("backend", None)


def _purge(queue: str) -> None:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{queue}*"):
        client.delete(key)


class WorkerHandle:
    def __init__(self, queue: str, output: list[str]):
        self.queue = queue
        self.output = output

    def log(self) -> str:
        return "".join(self.output)


def wait_for(predicate, timeout: float = 30, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()
