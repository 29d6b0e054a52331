"""Branded error pages (issue 12, item 1): status, the visitor's language, what happened and a way back."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.error_urls")]


def _lang(body: str) -> str:
    return re.search(r'<html lang="([a-z-]+)">', body).group(1)


def _front_page_link(body: str) -> str:
    return re.search(r'<a class="button[^"]*" href="([^"]+)">(Gå til forsiden|Gå til framsida)</a>', body).group(1)


def test_404_is_in_norwegian_with_the_layout_and_a_way_back(client):
    response = client.get("/denne-siden-finnes-ikke/")
    body = response.content.decode()
    assert response.status_code == 404
    assert _lang(body) == "nb"
    assert "<h1>Vi finner ikke den siden</h1>" in body
    assert "Sjekk adressen, eller begynn på nytt fra forsiden." in body
    assert _front_page_link(body) == "/"
    assert 'class="site-header"' in body and 'class="lang-switch"' in body


def test_404_follows_the_chosen_language(client):
    client.cookies["django_language"] = "nn"
    body = client.get("/denne-siden-finnes-ikke/").content.decode()
    assert _lang(body) == "nn"
    assert "<h1>Vi finn ikkje den sida</h1>" in body
    assert _front_page_link(body) == "/"


def test_404_for_a_signed_in_user_is_in_their_language_with_their_menu(world, client_for):
    world.staff.language = "en"
    world.staff.save(update_fields=["language"])
    body = client_for(world.staff).get("/denne-siden-finnes-ikke/").content.decode()
    assert _lang(body) == "en"
    assert "<h1>We cannot find that page</h1>" in body
    assert 'class="main-nav"' in body


def test_403_explains_and_offers_login_to_visitors(client):
    response = client.get("/test-feil/403/")
    body = response.content.decode()
    assert response.status_code == 403
    assert _lang(body) == "nb"
    assert "<h1>Du har ikke tilgang til dette</h1>" in body
    assert "Du må kanskje logge inn først." in body
    assert re.search(r'<a class="button" href="/konto/login/">Logg inn</a>', body)
    assert _front_page_link(body) == "/"


def test_403_for_a_signed_in_user_says_whom_to_ask(world, client_for):
    body = client_for(world.contact_a).get("/test-feil/403/").content.decode()
    assert "Mener du at du skal ha tilgang, kan du kontakte kursstaben." in body
    assert "Du må kanskje logge inn først." not in body


def test_400_is_branded(client):
    response = client.get("/test-feil/400/")
    body = response.content.decode()
    assert response.status_code == 400
    assert _lang(body) == "nb"
    assert "<h1>Vi forsto ikke forespørselen</h1>" in body
    assert _front_page_link(body) == "/"
    assert 'class="lang-switch"' in body  # rendered with the request, so the layout is whole


def test_500_is_branded_and_static_safe(client):
    client.raise_request_exception = False
    client.cookies["django_language"] = "nn"
    response = client.get("/test-feil/500/")
    body = response.content.decode()
    assert response.status_code == 500
    assert _lang(body) == "nn"
    assert "<h1>Noko gjekk gale hos oss</h1>" in body
    assert _front_page_link(body) == "/"


def test_500_template_needs_no_request_context_or_database(django_assert_num_queries):
    with translation.override("nb"), django_assert_num_queries(0):
        body = render_to_string("500.html")
    assert _lang(body) == "nb"
    assert "<h1>Noe gikk galt hos oss</h1>" in body
    assert _front_page_link(body) == "/"


def test_csrf_failure_is_branded_and_links_back_to_the_form():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/konto/login/", {"login": "a@example.no"}, HTTP_REFERER="http://testserver/konto/login/")
    body = response.content.decode()
    assert response.status_code == 403
    assert _lang(body) == "nb"
    assert "<h1>Skjemaet er utløpt</h1>" in body
    assert '<a class="button" href="http://testserver/konto/login/">Tilbake til skjemaet</a>' in body
    assert _front_page_link(body) == "/"


def test_csrf_failure_never_links_back_to_another_site():
    client = Client(enforce_csrf_checks=True)
    body = client.post("/konto/login/", {}, HTTP_REFERER="https://evil.example/").content.decode()
    assert "evil.example" not in body
    assert "Tilbake til skjemaet" not in body
