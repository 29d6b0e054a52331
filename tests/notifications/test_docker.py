"""No Docker engine runs here: check the compose file's structure and that it matches the code."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_services_health_checks_and_volumes():
    compose = _compose()
    services = compose["services"]
    assert set(services) == {"proxy", "postgres", "redis", "web", "worker", "beat"}
    for name, service in services.items():
        assert service["healthcheck"]["test"], name
        assert service["restart"] == "unless-stopped", name
    assert set(compose["volumes"]) == {"pgdata", "redisdata", "media", "backups", "beat", "caddy_data", "caddy_config"}
    assert "pgdata:/var/lib/postgresql/data" in services["postgres"]["volumes"]
    for name in ("web", "worker", "beat"):
        assert "media:/var/lib/omdomme/media" in services[name]["volumes"], name
        assert services[name]["environment"]["MEDIA_ROOT"] == "/var/lib/omdomme/media"
    assert services["web"]["command"] == ["web"]
    assert services["worker"]["command"] == ["worker"]
    assert services["beat"]["command"] == ["beat"]
    assert services["web"]["depends_on"]["postgres"] == {"condition": "service_healthy"}
    # Worker and beat start after the web container has migrated and answers its health check.
    assert services["worker"]["depends_on"]["web"] == {"condition": "service_healthy"}
    assert services["beat"]["depends_on"]["web"] == {"condition": "service_healthy"}


def test_production_environment_and_secrets_from_files():
    compose = _compose()
    env = compose["services"]["web"]["environment"]
    assert env["DEBUG"] == "false"
    assert env["REDIS_URL"] == "redis://redis:6379/0"
    for name in ("SECRET_KEY", "DATABASE_URL", "EMAIL_URL"):
        secret = env[f"{name}_FILE"]
        assert secret.startswith("/run/secrets/")
        assert secret.removeprefix("/run/secrets/") in compose["secrets"]
        assert name not in env  # never the secret itself in the compose file
    assert "SITE_ADDRESS" in env["ALLOWED_HOSTS"] and "SITE_ADDRESS" in env["SITE_URL"]
    assert compose["services"]["postgres"]["environment"]["POSTGRES_PASSWORD_FILE"] == "/run/secrets/postgres_password"


def test_settings_read_the_file_variables(tmp_path, monkeypatch):
    from omdomme.settings import env

    secret = tmp_path / "secret_key"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("SECRET_KEY_FILE", str(secret))
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert env.str("SECRET_KEY") == "from-a-file"
    monkeypatch.delenv("SECRET_KEY_FILE")
    assert env.str("SECRET_KEY") == "from-the-environment"


def test_image_builds_static_files_and_translations_and_web_migrates():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "collectstatic --no-input" in dockerfile
    assert "compilemessages" in dockerfile
    assert "libharfbuzz-subset0" in dockerfile
    entrypoint = (ROOT / "docker" / "entrypoint.sh").read_text()
    web = entrypoint.split("web)")[1].split(";;")[0]
    assert "manage.py migrate --no-input" in web and "gunicorn omdomme.wsgi" in web
    worker = entrypoint.split("worker)")[1].split(";;")[0]
    assert "migrate" not in worker and "celery -A omdomme worker" in worker
    assert "celery -A omdomme beat" in entrypoint
