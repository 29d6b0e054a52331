"""`make run`: runserver and a real Celery worker side by side; Ctrl-C stops both.

Without Redis the worker uses kombu's filesystem transport (CELERY_BROKER_URL=filesystem://, files
in var/celery/), so the participant packs' progress bar and the report generation behave as in
production. With REDIS_URL set, both use Redis. Mail goes to this console.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time

PYTHON = sys.executable


def main() -> int:
    port = os.environ.get("PORT", "8000")
    env = {**os.environ, "DEV": "true"}
    if not env.get("REDIS_URL"):
        env.setdefault("CELERY_BROKER_URL", "filesystem://localhost//")
    broker = "Redis" if env.get("REDIS_URL") else "the filesystem (var/celery/, no server needed)"
    print(f"Serving http://127.0.0.1:{port}/  ·  background worker on {broker}")
    print("Email is printed here in the console (set EMAIL_URL to send it).  Ctrl-C stops everything.", flush=True)
    worker = subprocess.Popen(  # noqa: S603
        [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "omdomme",
            "--quiet",
            "worker",
            "--beat",
            "--pool=solo",
            "--loglevel=WARNING",
            "--schedule",
            os.path.join(os.environ.get("VAR_DIR", "var"), "celerybeat-schedule"),
        ],
        env=env,
        start_new_session=True,  # its own process group, stopped as a whole below
    )
    server = subprocess.Popen(  # noqa: S603
        [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}"], env=env, start_new_session=True
    )
    processes = [server, worker]

    def signal_group(process, sig) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)  # runserver's autoreloader child and the worker's pool too

    def stop(*_args) -> None:
        for process in processes:
            signal_group(process, signal.SIGINT)
        deadline = time.monotonic() + 10
        for process in processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            signal_group(process, signal.SIGKILL)

    stopping: list[int] = []
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):  # Ctrl-C, kill, a closed terminal
        signal.signal(sig, lambda number, _frame: stopping.append(number))
    while not stopping and all(p.poll() is None for p in processes):
        time.sleep(0.3)
    stop()
    print("Stopped the web server and the worker.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
