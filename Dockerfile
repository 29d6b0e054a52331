# One image for the web server, the Celery worker and Celery beat (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VAR_DIR=/var/lib/omdomme \
    MEDIA_ROOT=/var/lib/omdomme/media

# WeasyPrint needs Pango and HarfBuzz (with the subsetter: much faster PDFs); gettext compiles
# translations; libmagic checks uploads; DejaVu gives the PDFs their æøå.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libmagic1 gettext fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

RUN useradd --system --create-home --uid 1000 omdomme \
 && mkdir -p /var/lib/omdomme/media /var/lib/omdomme/beat \
 && chown -R omdomme:omdomme /var/lib/omdomme

WORKDIR /app
COPY pyproject.toml ./
RUN pip install .
COPY --chown=omdomme:omdomme . .

# Build-time work that needs no database or secrets: static files (hashed, compressed by
# WhiteNoise) and compiled translations. The throwaway key is used only by these commands.
RUN SECRET_KEY=build-only-not-a-secret DEBUG=false ALLOWED_HOSTS=localhost \
      DATABASE_URL=sqlite:////tmp/build.sqlite3 REDIS_URL=redis://build-only:6379/0 EMAIL_URL=dummymail:// \
      python manage.py collectstatic --no-input -v 0 \
 && DEV=true python manage.py compilemessages --ignore=.venv -v 0 \
 && chown -R omdomme:omdomme /app/staticfiles /var/lib/omdomme

USER omdomme
EXPOSE 8000
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["web"]
