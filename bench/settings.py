"""Production settings for the benchmark, with these changes: static files are referenced unhashed,
so no ``collectstatic`` run is needed (the benchmark fetches pages, not stylesheets); the URLs add
the floor page (``bench/urls.py``); responses carry a ``Server-Timing`` header, so the booking
contention can tell the app's own time from queueing."""

from omdomme.settings import *  # noqa: F403

STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
ROOT_URLCONF = "bench.urls"
SERVER_TIMING = True
