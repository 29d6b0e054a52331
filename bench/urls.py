"""The site's URLs plus the benchmark's floor page: a signed-in page that renders only the site
layout (navigation, language switcher, footer), the real limit for any page with the site's chrome."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from omdomme.urls import urlpatterns as site_urlpatterns

FLOOR = engines["django"].from_string(
    '{% extends "base.html" %}{% block title %}Floor{% endblock %}{% block content %}<h1>Floor</h1>{% endblock %}'
)


@login_required
def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(FLOOR.render({}, request))


urlpatterns = [path("bench/floor/", floor, name="bench_floor"), *site_urlpatterns]
