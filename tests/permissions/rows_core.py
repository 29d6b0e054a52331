"""Rows for the project-level URLs and accounts."""

from django.urls import reverse

from tests.permissions.matrix import PUBLIC, SIGNED_IN, Row, expect

ROWS = [
    Row("index", lambda w: reverse("index"), expect(302, 302, 302, 302, 302, 302, 302), login_redirect=False),
    Row("health", lambda w: reverse("health"), PUBLIC),
    Row("home", lambda w: reverse("home"), SIGNED_IN),
    Row(
        "switch_language",
        lambda w: reverse("switch_language"),
        expect(302, 302, 302, 302, 302, 302, 302),
        method="post",
        data=lambda w: {"language": "en", "next": "/"},
        login_redirect=False,
    ),
    Row("accounts:profile", lambda w: reverse("accounts:profile"), SIGNED_IN),
    Row(
        "accounts:profile",
        lambda w: reverse("accounts:profile"),
        expect(302, 302, 302, 302, 302, 302),
        method="post",
        data=lambda w: {"full_name": "Nytt Navn", "language": "nb"},
    ),
]
