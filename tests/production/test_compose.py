"""The compose file, the image and the proxy configuration agree with each other and with the
settings (no engine runs here; test_stack.py runs the same parts as processes)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_only_the_proxy_is_published_and_web_trusts_forwarded_headers_only_from_it():
    services = _compose()["services"]
    assert [name for name, s in services.items() if s.get("ports")] == ["proxy"]
    proxy_ip = services["proxy"]["networks"]["backend"]["ipv4_address"]
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["FORWARDED_ALLOW_IPS"] == proxy_ip
        assert env["TRUSTED_PROXY_COUNT"] == "1"
    assert "./docker/Caddyfile:/etc/caddy/Caddyfile:ro" in services["proxy"]["volumes"]
    entrypoint = (ROOT / "docker" / "entrypoint.sh").read_text()
    assert '--forwarded-allow-ips "${FORWARDED_ALLOW_IPS:?' in entrypoint
    assert "'*'" not in entrypoint


def test_every_setting_the_app_reads_reaches_the_containers():
    source = (ROOT / "omdomme" / "settings.py").read_text()
    settings_names = set(re.findall(r'(?:env\.\w+|_required_in_production)\(\s*"(\w+)"', source))
    assert {"DATABASE_URL", "REDIS_URL", "EMAIL_URL", "TRUSTED_PROXY_COUNT", "UPLOAD_MAX_BYTES"} <= settings_names
    entrypoint_names = set(re.findall(r"\$\{([A-Z_]+):", (ROOT / "docker" / "entrypoint.sh").read_text()))
    env = _compose()["services"]["web"]["environment"]
    # DEV and CELERY_BROKER_URL are for `make run` only (production's broker is REDIS_URL);
    # STATIC_ROOT is fixed by the image.
    wanted = (settings_names | entrypoint_names) - {"DEV", "CELERY_BROKER_URL", "STATIC_ROOT", "GUNICORN_BIND"}
    missing = {name for name in wanted if name not in env and f"{name}_FILE" not in env}
    assert missing == set()


def test_backups_go_to_a_volume_with_a_pg_dump_matching_the_server():
    compose = _compose()
    major = re.match(r"postgres:(\d+)", compose["services"]["postgres"]["image"]).group(1)
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert f"postgresql-client-{major}" in dockerfile
    backup_dir = compose["services"]["web"]["environment"]["BACKUP_DIR"]
    assert f"backups:{backup_dir}" in compose["services"]["web"]["volumes"]


def test_the_code_is_read_only_to_the_runtime_user_and_tests_stay_out_of_the_image():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "COPY --chown" not in dockerfile
    assert "chown -R omdomme:omdomme /app" not in dockerfile
    assert "USER omdomme" in dockerfile
    ignored = {line.strip().rstrip("/") for line in (ROOT / ".dockerignore").read_text().splitlines()}
    assert {"tests", "bench", ".ci", "secrets", "backups"} <= ignored


def test_the_proxy_buffers_limits_and_times_out_request_bodies():
    caddyfile = (ROOT / "docker" / "Caddyfile").read_text()
    assert "buffer_requests" in caddyfile
    assert "max_size {$PROXY_MAX_BODY_BYTES" in caddyfile
    assert re.search(r"read_body \d+s", caddyfile) and re.search(r"read_header \d+s", caddyfile)
