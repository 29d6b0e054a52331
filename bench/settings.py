"""Production settings for the benchmark, with one change: static files are referenced unhashed, so
no ``collectstatic`` run is needed (the benchmark fetches pages, not stylesheets)."""

from omdomme.settings import *  # noqa: F403

STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
