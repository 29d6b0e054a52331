# One image for the web server, the Celery worker and Celery beat (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VAR_DIR=/var/lib/omdomme \
    MEDIA_ROOT=/var/lib/omdomme/media \
    BACKUP_DIR=/var/lib/omdomme/backups

# WeasyPrint needs Pango and HarfBuzz (with the subsetter: much faster PDFs); gettext compiles
# translations; libmagic checks uploads; DejaVu gives the PDFs their æøå; postgresql-client-15
# (the server's major version, see docker-compose.yml) gives `manage.py backup` its pg_dump.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libmagic1 gettext fonts-dejavu-core \
      postgresql-client-15 \
 && rm -rf /var/lib/apt/lists/*

# The runtime user owns only its data (uploads, backups, beat's schedule); the code is root's
# and read-only to it.
RUN useradd --system --create-home --uid 1000 omdomme \
 && mkdir -p /var/lib/omdomme/media /var/lib/omdomme/beat /var/lib/omdomme/backups \
 && chown -R omdomme:omdomme /var/lib/omdomme

WORKDIR /app
# Pinned versions with their hashes (`make lock` writes the file from pyproject.toml).
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock
# .dockerignore keeps tests, bench, .ci, secrets and local data out. The code stays owned by root:
# the runtime user can read it, not rewrite it.
COPY . .

# Build-time work that needs no database or secrets: static files (hashed, compressed by
# WhiteNoise) and compiled translations. The throwaway values are used only by these commands.
RUN SECRET_KEY=build-only-not-a-secret DEBUG=false ALLOWED_HOSTS=localhost \
      DATABASE_URL=sqlite:////tmp/build.sqlite3 REDIS_URL=redis://build-only:6379/0 EMAIL_URL=dummymail:// \
      python manage.py collectstatic --no-input -v 0 \
 && DEV=true python manage.py compilemessages --ignore=.venv -v 0 \
 && rm -f /tmp/build.sqlite3 \
 && chmod -R a+rX,go-w /app

USER omdomme
EXPOSE 8000
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["web"]
