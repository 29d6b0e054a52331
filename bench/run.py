"""``python -m bench``: gunicorn (2 workers) on a fresh PostgreSQL database loaded by ``seed_load``.

Steps: create ``omdomme_bench`` (BENCH_DATABASE_URL overrides), migrate, ``seed_load``, collect
static files, start gunicorn on 127.0.0.1:BENCH_PORT (8107), sign in with the stdlib HTTP client as
staff and as a contact, then measure each page for BENCH_SECONDS (3) with BENCH_CONCURRENCY (4)
client threads, count its queries in-process, print everything against the goals and write
``artifacts/bench/latest.json``. Pages whose URL does not exist (yet) print "not available".
"""

from __future__ import annotations

import http.client
import json
import os
import platform
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.client import Session
from omdomme.core.extensions import DEMO_PASSWORD

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_PORT", "8107"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "3"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))
MAX_REQUESTS = 2000  # per page: a bound on the loop whatever the speed
GOAL_RATIO, GOAL_P95_FACTOR, GOAL_QUERIES = 0.5, 3.0, 15
PASSWORD = DEMO_PASSWORD  # every load.py gives its users the demo password


def bench_database_url() -> str:
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/omdomme")
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path="/omdomme_bench"))


def server_env(database_url: str) -> dict[str, str]:
    """Production settings over plain HTTP on the loopback interface."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEV", "DEBUG", "DJANGO_SETTINGS_MODULE", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DATABASE_URL=database_url,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=f"{HOST},localhost",
        SECURE_SSL_REDIRECT="false",
        # Production settings require their services: a Redis database of the bench's own (cache,
        # and a queue nobody consumes) and mail kept in memory.
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
        EMAIL_URL="memorymail://",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="bench.settings",
    )
    return env


def sh(args: list[str], env: dict[str, str], label: str) -> float:
    started = time.monotonic()
    result = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise SystemExit(f"{label} failed:\n{result.stdout}\n{result.stderr}")
    return time.monotonic() - started


def recreate_database(url: str) -> None:
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        mem_kb = 0
    return {
        "nproc": os.cpu_count(),
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "system": platform.platform(),
    }


@dataclass
class Result:
    label: str
    path: str | None
    persona: str = "staff"
    requests: int = 0
    errors: int = 0
    rps: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    queries: int | None = None
    ratio: float | None = None
    verdicts: list[str] = field(default_factory=list)


def measure(session_factory, path: str, seconds: float = SECONDS, concurrency: int = CONCURRENCY) -> Result:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    budget = [MAX_REQUESTS]

    def worker():
        session = session_factory()
        while time.perf_counter() < deadline:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            status, elapsed = session.timed_get(path)
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    errors[0] += 1
        session.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    result = Result(label="", path=path, requests=len(latencies), errors=errors[0])
    if latencies:
        ordered = sorted(latencies)
        result.rps = len(latencies) / wall
        result.p50_ms = statistics.median(ordered) * 1000
        result.p95_ms = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000
    return result


class Server:
    def __init__(self, env: dict[str, str]):
        self.env = env
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        gunicorn = str(Path(PY).with_name("gunicorn"))
        self.proc = subprocess.Popen(  # noqa: S603
            [
                gunicorn,
                "omdomme.wsgi",
                "--workers",
                "2",
                "--bind",
                f"{HOST}:{PORT}",
                "--log-level",
                "warning",
                "--timeout",
                "60",
            ],
            cwd=REPO,
            env=self.env,
            start_new_session=True,
        )
        for _ in range(150):
            probe = Session(HOST, PORT)
            try:
                if probe.get("/healthz")[0] == 200:
                    return self
            except (OSError, http.client.HTTPException):
                time.sleep(0.2)
            finally:
                probe.close()
            if self.proc.poll() is not None:
                break
        self.__exit__(None, None, None)
        raise SystemExit("gunicorn did not answer on /healthz")

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)


def main() -> int:
    database_url = bench_database_url()
    env = server_env(database_url)
    total_started = time.monotonic()
    print(f"Machine: {json.dumps(machine())}")
    print(f"Database: {database_url}")
    recreate_database(database_url)
    timings = {"migrate_s": sh([PY, "manage.py", "migrate", "--no-input"], env, "migrate")}
    timings["seed_load_s"] = sh([PY, "manage.py", "seed_load"], env, "seed_load")
    print(f"Set-up: migrate {timings['migrate_s']:.1f} s, seed_load {timings['seed_load_s']:.1f} s")

    # In-process Django on the same database: resolve the pages and count their queries.
    os.environ.update(
        DATABASE_URL=database_url, DEV="true", DJANGO_SETTINGS_MODULE="omdomme.settings", LOG_LEVEL="WARNING"
    )
    os.environ.pop("DEBUG", None)
    import django

    django.setup()
    from bench import pages

    targets = pages.targets()
    with Server(env):
        logins = {}
        for persona, email in pages.logins().items():
            session = Session(HOST, PORT)
            session.login(email, PASSWORD)
            logins[persona] = dict(session.cookies)
            session.close()

        def factory(persona):
            def make():
                s = Session(HOST, PORT)
                s.cookies.update(logins[persona] if persona else {})
                return s

            return make

        results: list[Result] = []
        for target in targets:
            if target.path is None:
                results.append(Result(label=target.label, path=None, persona=target.persona))
                continue
            check = factory(target.persona)()
            status, _, _ = check.get(target.path)
            check.close()
            if status != 200:
                results.append(
                    Result(label=target.label, path=target.path, persona=target.persona, verdicts=[f"HTTP {status}"])
                )
                continue
            result = measure(factory(target.persona), target.path)
            result.label, result.persona = target.label, target.persona
            result.queries = pages.count_queries(target)
            results.append(result)
        extras = pages.extras(HOST, PORT, PASSWORD)

    baseline = results[0]
    for result in results:
        if result.requests == 0:
            continue
        result.ratio = result.rps / baseline.rps if baseline.rps else None
        if result is not baseline:
            result.verdicts = [
                ("ok" if result.ratio >= GOAL_RATIO else "SLOW") + f" rps {result.ratio:.0%} of baseline",
                ("ok" if result.p95_ms <= GOAL_P95_FACTOR * baseline.p95_ms else "SLOW")
                + f" p95 {result.p95_ms / baseline.p95_ms:.1f}× baseline",
            ]
        if result.queries is not None:
            result.verdicts.append(("ok" if result.queries <= GOAL_QUERIES else "TOO MANY") + f" {result.queries} q")
    report(results, extras)
    out = REPO / "artifacts" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    payload = {
        "machine": machine(),
        "timings": timings,
        "concurrency": CONCURRENCY,
        "seconds": SECONDS,
        "pages": [asdict(r) for r in results],
        "extras": extras,
    }
    (out / "latest.json").write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nWhole run: {time.monotonic() - total_started:.0f} s. Figures in {out / 'latest.json'}")
    return 0


def report(results: list[Result], extras: dict) -> None:
    print(
        f"\nGoals: ≥ {GOAL_RATIO:.0%} of baseline req/s, p95 ≤ {GOAL_P95_FACTOR:g}× baseline p95, "
        f"≤ {GOAL_QUERIES} queries. {CONCURRENCY} client threads, {SECONDS:g} s per page, 2 gunicorn workers.\n"
    )
    print(f"{'page':<22} {'as':<8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'ratio':>6} {'q':>3}  verdict")
    for r in results:
        who = r.persona or "anon"
        if r.path is None:
            print(f"{r.label:<22} {who:<8} not available")
            continue
        if r.requests == 0:
            print(f"{r.label:<22} {who:<8} {r.path}: {' '.join(r.verdicts)}")
            continue
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else "-"
        queries = str(r.queries) if r.queries is not None else "-"
        errors = f" ({r.errors} errors)" if r.errors else ""
        print(
            f"{r.label:<22} {who:<8} {r.rps:7.1f} {r.p50_ms:7.1f} {r.p95_ms:7.1f} {ratio:>6} {queries:>3}  "
            f"{'; '.join(r.verdicts)}{errors}"
        )
    print()
    for name, value in extras.items():
        print(f"{name}: {value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)}")
