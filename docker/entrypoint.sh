#!/bin/sh
# web: migrate (only the web container does), then gunicorn. worker / beat: Celery.
set -eu
case "${1:-web}" in
  web)
    python manage.py migrate --no-input
    exec gunicorn omdomme.wsgi:application --bind 0.0.0.0:8000 \
      --workers "${GUNICORN_WORKERS:-3}" --timeout 60 --access-logfile - --forwarded-allow-ips '*'
    ;;
  worker)
    exec celery -A omdomme worker --loglevel INFO --concurrency "${CELERY_CONCURRENCY:-2}"
    ;;
  beat)
    exec celery -A omdomme beat --loglevel INFO --schedule /var/lib/omdomme/beat/celerybeat-schedule
    ;;
  *)
    exec "$@"
    ;;
esac
