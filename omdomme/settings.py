"""Settings for the Omdømmeskolen platform, read from the environment.

Development defaults (no environment at all) give a SQLite file, eager Celery and console email,
which is what ``make run`` uses. Production sets ``DEBUG=false`` and must then provide
``SECRET_KEY``, ``ALLOWED_HOSTS``, ``DATABASE_URL``, ``REDIS_URL`` and ``EMAIL_URL``.
"""

from __future__ import annotations

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured


class _SecretFiles(environ.FileAwareMapping):
    """``NAME_FILE`` (a Docker secret) wins over ``NAME``; the file's trailing newline is not part
    of the value."""

    def __getitem__(self, key: str) -> str:
        value = super().__getitem__(key)
        return value.strip() if self.env.get(f"{key}_FILE") else value


# The one way to read the environment: django-environ (a missing required value raises
# ImproperlyConfigured naming the variable, at start-up).
env = environ.FileAwareEnv()
env.ENVIRON = _SecretFiles(cache=False)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DEBUG", default=False)
DEV = env.bool("DEV", default=False)  # set by `make run`: local demo conveniences
PRODUCTION = not (DEBUG or DEV)


def _required_in_production(name: str) -> str:
    value = env.str(name, default="")
    if PRODUCTION and not value:
        raise ImproperlyConfigured(f"The environment variable {name} is required.")
    return value


SECRET_KEY = _required_in_production("SECRET_KEY") or "insecure-dev-key-only-for-make-run"
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if (DEBUG or DEV) else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "omdomme.accounts",
    "omdomme.notifications",
    "modeltranslation",  # before the admin, as the library asks
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "django_htmx",
    "django_filters",
    "csp",
    "cohorts",
    "sessions.apps.GatheringsConfig",
    "homework",
    "evaluations",
    "omdomme.reminders",
    "omdomme.packs",
    "omdomme.privacy",
    "omdomme.evidence",
    "omdomme.knowledge",
    "omdomme",
]

MIDDLEWARE = [
    "omdomme.core.timing.ServerTimingMiddleware",  # only with SERVER_TIMING (the benchmark)
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "omdomme.core.middleware.ControlCharacterMiddleware",
    "omdomme.core.middleware.PrivateCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "omdomme.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "omdomme.urls"
SERVER_TIMING = False  # the bench turns it on (bench/settings.py)
WSGI_APPLICATION = "omdomme.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "omdomme.navigation.navigation",
            ],
        },
    },
]

# Every form renders through one set of templates (templates/forms/): see omdomme/core/forms.py.
FORM_RENDERER = "omdomme.core.forms.FormRenderer"

# --- Database -------------------------------------------------------------------------------
# Production (neither DEBUG nor DEV) refuses to start without its real services, naming the
# variable: a silent fallback to SQLite, eager Celery with a per-process cache or console email
# would look healthy and lose data, rate limits and mail.
DATABASE_URL = _required_in_production("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": env.db_url_config(DATABASE_URL)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # One persistent connection per process (a sync gunicorn worker serves one request at a
        # time); measured against Django's psycopg pool, which gained nothing (README, Performance).
        DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, Celery --------------------------------------------------------------------------
REDIS_URL = _required_in_production("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "omdomme.core.cache.SharedClientRedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Without Redis, `make run` sets CELERY_BROKER_URL=filesystem:// and starts a real worker beside
# runserver: a broker that needs no server (kombu's filesystem transport, files under var/celery/),
# so long work (packs, reports) runs in the background with progress as in production. With
# neither, tasks run eagerly in-process (management commands, scripts).
CELERY_BROKER_URL = REDIS_URL or env.str("CELERY_BROKER_URL", default="") or "memory://localhost//"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL.startswith("memory://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_QUEUE_DIR = VAR_DIR / "celery"
    for _sub in ("queue", "processed", "results"):
        (CELERY_QUEUE_DIR / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_RESULT_BACKEND = f"file://{CELERY_QUEUE_DIR / 'results'}"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 180
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR / "queue"),
        "data_folder_out": str(CELERY_QUEUE_DIR / "queue"),
        "processed_folder": str(CELERY_QUEUE_DIR / "processed"),
        "store_processed": False,
    }
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TIMEZONE = "Europe/Oslo"
CELERY_BEAT_SCHEDULE: dict = {}  # filled by omdomme/celery.py

# --- Auth and allauth -----------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "omdomme.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# Behind the compose stack's proxy every request comes from the proxy's address: the client is read
# from X-Forwarded-For, trusting exactly this many proxies (omdomme/core/http.py; 0 = no proxy).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
ACCOUNT_RATE_LIMITS = {"login_failed": "5/5m/ip,5/5m/key", "reset_password": "5/m/ip,3/5m/key"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Omdømmeskolen] "
# Sessions are read from the cache (Redis in production) and written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = 14 * 24 * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "omdomme.errors.csrf_failure"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk"), ("en", "English")]
FORMAT_MODULE_PATH = ["omdomme.formats"]  # nb/nn: lower-case months, "kl." with times
LANGUAGE_COOKIE_SECURE = not (DEBUG or DEV)
LOCALE_PATHS = [BASE_DIR / "locale"]
# Translated content (see */translation.py): readers get their language, falling back to Bokmål.
MODELTRANSLATION_DEFAULT_LANGUAGE = "nb"
MODELTRANSLATION_LANGUAGES = ("nb", "nn", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("nb",)
# ``Model(title=...)`` also fills the Bokmål version when none is given, so code that builds content
# while another language is active (a copy, the demo, a test) never leaves the fallback empty.
MODELTRANSLATION_AUTO_POPULATE = "default"
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

# --- Static and private files ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files are private: they have no MEDIA_URL and are served only by views that check access.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT), "base_url": "/private-files-have-no-url/"},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not (DEBUG or DEV)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# `make run` (DEV) serves static files straight from the app folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = DEV or DEBUG
WHITENOISE_AUTOREFRESH = DEV or DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# `manage.py backup` writes here (the compose stack mounts a volume on it).
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(BASE_DIR / "backups")))
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=25 * 1024 * 1024)

# --- Email ----------------------------------------------------------------------------------
EMAIL_URL = _required_in_production("EMAIL_URL")
if EMAIL_URL:
    vars().update(env.email_url_config(EMAIL_URL))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Omdømmeskolen <omdommeskolen@example.no>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not (DEBUG or DEV):
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # No SECURE_PROXY_SSL_HEADER: Django would believe X-Forwarded-Proto from whoever reaches the
    # app. gunicorn decides the scheme instead, trusting the header only from the proxy's address
    # (--forwarded-allow-ips in docker/entrypoint.sh).
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
# Health checks from the load balancer come over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Domain settings ------------------------------------------------------------------------
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=14)
PERSONAL_DATA_RETENTION_MONTHS = env.int("PERSONAL_DATA_RETENTION_MONTHS", default=36)
# Seconds between two requests to Statistics Norway's API (it allows about 30 a minute).
STATISTICS_REQUEST_PAUSE = env.int("STATISTICS_REQUEST_PAUSE_MS", default=1000) / 1000
# Resident survey answers per client address in RESIDENT_SURVEY_RATE_WINDOW seconds.
RESIDENT_SURVEY_RATE_LIMIT = env.int("RESIDENT_SURVEY_RATE_LIMIT", default=60)
RESIDENT_SURVEY_RATE_WINDOW = env.int("RESIDENT_SURVEY_RATE_WINDOW", default=600)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}
