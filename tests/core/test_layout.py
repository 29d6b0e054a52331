"""The layout's favicon and compact language switcher (issue 12, item 6)."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_every_page_links_a_favicon_that_exists_in_static(client):
    body = client.get("/konto/login/").content.decode()
    icons = re.findall(r'<link rel="(?:icon|apple-touch-icon)" href="/static/([^"]+)"', body)
    assert icons == ["img/favicon.svg", "img/favicon-32.png", "img/apple-touch-icon.png"]
    assert all(finders.find(icon) for icon in icons)


def test_language_switcher_is_one_button_per_other_language_in_its_own_name(client):
    client.cookies["django_language"] = "nn"
    body = client.get("/konto/login/").content.decode()
    switch = re.search(r'<form class="lang-switch".*?</form>', body, re.S).group(0)
    assert re.findall(r'<span class="lang-current" lang="(\w+)" aria-current="true">(\w+)</span>', switch) == [
        ("nn", "Nynorsk")
    ]
    assert re.findall(
        r'<button type="submit" name="language" value="(\w+)" lang="\w+"\s+class="lang-option">(\w+)<', switch
    ) == [
        ("nb", "Bokmål"),
        ("en", "English"),
    ]


def test_a_language_button_switches_the_language(client):
    response = client.post("/sprak/", {"language": "en", "next": "/konto/login/"}, follow=True)
    assert '<html lang="en">' in response.content.decode()
