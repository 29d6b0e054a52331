"""``python -m bench``: gunicorn (2 workers) on a fresh PostgreSQL database loaded by ``seed_load``.

Steps: create ``omdomme_bench`` (BENCH_DATABASE_URL overrides), migrate, ``seed_load``, start
gunicorn on 127.0.0.1:BENCH_PORT (8107), sign in with the stdlib HTTP client as staff, a contact and
an advisor, then measure each page for BENCH_SECONDS (2) with BENCH_CONCURRENCY (4) client threads,
in BENCH_ROUNDS (3) rounds over all the pages, and count its queries in-process. A page's ratio is
the median of its per-round ratios: each round sets it beside a floor measured seconds before, so a
slow minute on the machine moves both sides of a ratio, not one. Then the extras (booking
contention, packs, reminder sweep, evaluation report, the workers' memory), and ``seed_load --scale
BENCH_SCALE`` (5; 0 skips it) with the matrix and the cohort page again. Prints everything against the goals and writes
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
SECONDS = float(os.environ.get("BENCH_SECONDS", "2"))
ROUNDS = max(1, int(os.environ.get("BENCH_ROUNDS", "3")))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))
MAX_REQUESTS = 2000  # per page: a bound on the loop whatever the speed
GOAL_FLOOR = 0.35  # the floor page's req/s over /healthz's
GOAL_RATIO, GOAL_P95_FACTOR, GOAL_QUERIES = 0.5, 2.5, 15  # every page against the floor page
GOAL_SCALED_P95_MS = 250  # matrix and cohort page on the scaled data
SCALE = int(os.environ.get("BENCH_SCALE", "5"))  # 0 or 1 skips the scaled run
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
    ratio_range: tuple[float, float] | None = None
    verdicts: list[str] = field(default_factory=list)
    rounds: list[dict] = field(default_factory=list)  # per round: rps, p50_ms, p95_ms

    def add_round(self, sample: Result) -> None:
        self.rounds.append({"rps": sample.rps, "p50_ms": sample.p50_ms, "p95_ms": sample.p95_ms})
        self.requests += sample.requests
        self.errors += sample.errors
        self.rps = statistics.median(r["rps"] for r in self.rounds)
        self.p50_ms = statistics.median(r["p50_ms"] for r in self.rounds)
        self.p95_ms = statistics.median(r["p95_ms"] for r in self.rounds)


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

    def worker_rss_mb(self) -> list[float]:
        """Resident memory of each gunicorn worker (the master's children), from /proc."""
        sizes = []
        try:
            children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()
        except OSError:
            return sizes
        for pid in children:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            kb = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS")), 0)
            sizes.append(round(kb / 1024, 1))
        return sizes

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)


def sign_in(personas: dict[str, str]) -> dict[str, dict]:
    logins = {}
    for persona, email in personas.items():
        session = Session(HOST, PORT)
        session.login(email, PASSWORD)
        logins[persona] = dict(session.cookies)
        session.close()
    return logins


def factory(logins: dict, persona: str | None):
    def make():
        s = Session(HOST, PORT)
        s.cookies.update(logins[persona] if persona else {})
        return s

    return make


def measure_targets(targets, logins: dict, count_queries, rounds: int = ROUNDS) -> list[Result]:
    """Every page once per round, in the same order, so each round holds a floor measured beside
    the pages it judges."""
    results: list[Result] = []
    runnable: list[tuple[object, Result]] = []
    for target in targets:
        result = Result(label=target.label, path=target.path, persona=target.persona)
        results.append(result)
        if target.path is None:
            continue
        check = factory(logins, target.persona)()
        status, _, _ = check.get(target.path)
        check.close()
        if status != 200:
            result.verdicts = [f"HTTP {status}"]
            continue
        result.queries = count_queries(target)
        runnable.append((target, result))
    for _ in range(rounds):
        for target, result in runnable:
            result.add_round(measure(factory(logins, target.persona), target.path))
    return results


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
        DATABASE_URL=database_url, DEV="true", DJANGO_SETTINGS_MODULE="bench.settings", LOG_LEVEL="WARNING"
    )
    os.environ.pop("DEBUG", None)
    import django

    django.setup()
    from bench import pages

    targets = pages.targets()
    with Server(env) as server:
        logins = sign_in(pages.logins())
        results = measure_targets(targets, logins, pages.count_queries)
        memory = {"worker_rss_mb": server.worker_rss_mb()}
        extras = pages.extras(HOST, PORT, PASSWORD)
    extras["gunicorn workers"] = memory
    extras["evaluation_report_s"] = (
        extras["evaluation report PDF"].get("median_s") if isinstance(extras["evaluation report PDF"], dict) else None
    )
    if SCALE > 1:
        extras[f"scale {SCALE}x"], timings[f"seed_load_{SCALE}x_s"] = scaled_run(env, pages, results)

    judge(results)
    report(results, extras)
    out = REPO / "artifacts" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    payload = {
        "machine": machine(),
        "timings": timings,
        "concurrency": CONCURRENCY,
        "seconds": SECONDS,
        "rounds": ROUNDS,
        "goals": {
            "floor_vs_health": GOAL_FLOOR,
            "rps_vs_floor": GOAL_RATIO,
            "p95_vs_floor": GOAL_P95_FACTOR,
            "queries": GOAL_QUERIES,
        },
        "pages": [asdict(r) for r in results],
        "extras": extras,
    }
    (out / "latest.json").write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nWhole run: {time.monotonic() - total_started:.0f} s. Figures in {out / 'latest.json'}")
    return 0


def _per_round(result: Result, against: Result, field: str) -> list[float]:
    return [
        mine[field] / theirs[field]
        for mine, theirs in zip(result.rounds, against.rounds, strict=False)
        if theirs[field] and mine[field]
    ]


def judge(results: list[Result]) -> None:
    """The floor is judged against /healthz; every other page against the floor. ``ratio`` is the
    median over the rounds of the page's req/s over the req/s of what it is judged against in the
    same round (``ratio_range`` their lowest and highest); the p95 factor likewise."""
    baseline = results[0]
    floor = next((r for r in results if "floor" in r.label and r.requests), None)
    for result in results:
        if result.requests == 0:
            continue
        if result is baseline:
            result.ratio = 1.0
        else:
            against = baseline if (result is floor or floor is None) else floor
            ratios = _per_round(result, against, "rps")
            result.ratio = statistics.median(ratios) if ratios else None
            result.ratio_range = (round(min(ratios), 2), round(max(ratios), 2)) if ratios else None
            if against is baseline:
                result.verdicts = [
                    ("ok" if (result.ratio or 0) >= GOAL_FLOOR else "SLOW") + f" rps {result.ratio:.0%} of /healthz"
                ]
            else:
                factors = _per_round(result, floor, "p95_ms")
                factor = statistics.median(factors) if factors else float("inf")
                result.verdicts = [
                    ("ok" if (result.ratio or 0) >= GOAL_RATIO else "SLOW") + f" rps {result.ratio:.0%} of floor",
                    ("ok" if factor <= GOAL_P95_FACTOR else "SLOW") + f" p95 {factor:.1f}× floor",
                ]
        if result.queries is not None:
            result.verdicts.append(("ok" if result.queries <= GOAL_QUERIES else "TOO MANY") + f" {result.queries} q")


def scaled_run(env: dict[str, str], pages, results: list[Result]) -> tuple[dict, float]:
    """``seed_load --scale N`` on the same database, then the big pages again and every page's queries."""
    seconds = sh([PY, "manage.py", "seed_load", "--scale", str(SCALE)], env, f"seed_load --scale {SCALE}")
    print(f"seed_load --scale {SCALE}: {seconds:.1f} s")
    targets = pages.targets()
    scaled = {}
    with Server(env):
        logins = sign_in(pages.logins())
        chosen = [t for t in targets if t.label in pages.SCALED]
        for row in measure_targets(chosen, logins, pages.count_queries):
            scaled[row.label] = {
                "rps": round(row.rps, 1),
                "p50_ms": round(row.p50_ms, 1),
                "p95_ms": round(row.p95_ms, 1),
                "verdict": "ok" if row.p95_ms <= GOAL_SCALED_P95_MS else "SLOW",
            }
    queries_1x = {r.label: r.queries for r in results if r.queries is not None}
    queries = {t.label: pages.count_queries(t) for t in targets if t.path and t.label in queries_1x}
    scaled["queries"] = {
        label: {"1x": queries_1x[label], f"{SCALE}x": n, "same": queries_1x[label] == n} for label, n in queries.items()
    }
    return scaled, round(seconds, 1)


def report(results: list[Result], extras: dict) -> None:
    print(
        f"\nGoals: the floor page ≥ {GOAL_FLOOR:.0%} of /healthz's req/s; every other page ≥ {GOAL_RATIO:.0%} of "
        f"the floor's req/s, p95 ≤ {GOAL_P95_FACTOR:g}× the floor's p95, ≤ {GOAL_QUERIES} queries. "
        f"{CONCURRENCY} client threads, {SECONDS:g} s per page in each of {ROUNDS} rounds, 2 gunicorn workers; "
        "req/s and p95 are medians over the rounds, the ratio the median of the rounds' ratios (lowest–highest).\n"
    )
    heading = f"{'page':<22} {'as':<8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'ratio':>6} {'range':>9} {'q':>3}"
    print(f"{heading}  verdict")
    for r in results:
        who = r.persona or "anon"
        if r.path is None:
            print(f"{r.label:<22} {who:<8} not available")
            continue
        if r.requests == 0:
            print(f"{r.label:<22} {who:<8} {r.path}: {' '.join(r.verdicts)}")
            continue
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else "-"
        spread = f"{r.ratio_range[0]:.2f}–{r.ratio_range[1]:.2f}" if r.ratio_range else "-"
        queries = str(r.queries) if r.queries is not None else "-"
        errors = f" ({r.errors} errors)" if r.errors else ""
        print(
            f"{r.label:<22} {who:<8} {r.rps:7.1f} {r.p50_ms:7.1f} {r.p95_ms:7.1f} {ratio:>6} {spread:>9} {queries:>3}  "
            f"{'; '.join(r.verdicts)}{errors}"
        )
    print()
    for name, value in extras.items():
        print(f"{name}: {value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)}")
