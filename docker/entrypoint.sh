#!/bin/sh
# web: migrate (only the web container does), then gunicorn. worker / beat: Celery.
# Everything comes from the environment (docker-compose.yml passes it; tests/production/ run this
# very script on loopback ports).
set -eu
case "${1:-web}" in
  web)
    python manage.py migrate --no-input
    # Forwarded headers (X-Forwarded-Proto) are trusted only from the proxy's address: a request
    # from anywhere else is plain HTTP whatever it claims. The access log shows the client address
    # the proxy saw.
    exec gunicorn omdomme.wsgi:application \
      --bind "${GUNICORN_BIND:-0.0.0.0:8000}" \
      --workers "${GUNICORN_WORKERS:-3}" \
      --timeout "${GUNICORN_TIMEOUT:-60}" \
      --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:?set FORWARDED_ALLOW_IPS to the address of the proxy}" \
      --access-logfile - \
      --access-logformat '%({x-forwarded-for}i)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
    ;;
  worker)
    exec celery -A omdomme worker --loglevel "${LOG_LEVEL:-INFO}" \
      --concurrency "${CELERY_CONCURRENCY:-2}" --queues "${CELERY_QUEUE:-celery}"
    ;;
  beat)
    exec celery -A omdomme beat --loglevel "${LOG_LEVEL:-INFO}" \
      --schedule "${BEAT_SCHEDULE:-/var/lib/omdomme/beat/celerybeat-schedule}"
    ;;
  *)
    exec "$@"
    ;;
esac
