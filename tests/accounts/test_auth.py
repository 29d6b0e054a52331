"""Login, throttling, sessions, no open sign-up, language preference and our allauth pages."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from omdomme.accounts.models import User
from omdomme.notifications.models import OutboxMail
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/konto/login/"


def _login(client, email, password=PASSWORD):
    return client.post(LOGIN, {"login": email, "password": password})


def test_login_by_email_is_case_insensitive(client):
    user = UserFactory(email="kari@fjordvik.kommune.no")
    response = _login(client, "  KARI@Fjordvik.Kommune.NO ".strip())
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert int(client.session[SESSION_KEY]) == user.pk


def test_wrong_password_is_a_form_error_in_norwegian(client):
    UserFactory(email="kari@example.no")
    response = _login(client, "kari@example.no", "feil-passord")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["E-postadressen eller passordet er feil."]
    assert SESSION_KEY not in client.session


def test_failed_login_throttling_is_a_form_error_with_200(client):
    UserFactory(email="kari@example.no")
    for _ in range(5):
        assert _login(client, "kari@example.no", "feil-passord").status_code == 200
    response = _login(client, "kari@example.no")  # the right password, but too late
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "For mange mislykkede innloggingsforsøk. Vent noen minutter og prøv igjen."
    ]
    assert SESSION_KEY not in client.session


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_session_key_rotates_at_login_and_session_ends_at_logout(client):
    user = UserFactory(email="kari@example.no")
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key
    _login(client, "kari@example.no")
    after = client.session.session_key
    assert before and after and before != after
    response = client.post("/konto/logout/")
    assert response.status_code == 302
    assert SESSION_KEY not in client.session
    assert client.get(reverse("home")).status_code == 302
    assert User.objects.get(pk=user.pk).is_active


def test_deactivated_user_loses_the_session(client):
    user = UserFactory(email="kari@example.no")
    _login(client, "kari@example.no")
    assert client.get(reverse("home")).status_code == 200
    User.objects.filter(pk=user.pk).update(is_active=False)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    response = _login(client, "kari@example.no")
    assert response.status_code in (200, 302)
    assert client.get(reverse("home")).status_code == 302  # still not signed in


def test_no_open_sign_up(client):
    response = client.get("/konto/signup/")
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "account/signup_closed.html"
    response = client.post(
        "/konto/signup/", {"email": "ny@example.no", "password1": "Lang-og-trygg-42", "password2": "Lang-og-trygg-42"}
    )
    assert not User.objects.filter(email="ny@example.no").exists()


def test_language_switcher_saves_preference_and_pages_follow_it(client):
    user = UserFactory(email="kari@example.no", language="nb")
    client.force_login(user)
    response = client.post(reverse("switch_language"), {"language": "nn", "next": "/konto/profil/"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "nn"
    client.cookies.clear()  # the saved preference alone decides, not the cookie
    client.force_login(user)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert '<html lang="nn">' in page
    assert "Endre passord" in page


@pytest.mark.parametrize(
    ("language", "heading", "label"),
    [
        ("nb", "<h1>Logg inn</h1>", "E-post"),
        ("nn", "<h1>Logg inn</h1>", "E-post"),
        ("en", "<h1>Log in</h1>", "Email"),
    ],
)
def test_login_page_is_ours_and_translated(client, language, heading, label):
    client.post(reverse("switch_language"), {"language": language, "next": "/"})
    page = client.get(LOGIN).content.decode()
    assert heading in page
    assert f'<label for="id_login">{label}:</label>' in page or f'<label for="id_login">{label}</label>' in page
    assert "Sign In" not in page


@pytest.mark.parametrize(
    "url",
    [
        "/konto/password/reset/",
        "/konto/password/reset/done/",
        "/konto/signup/",
        "/konto/confirm-email/",
        "/konto/inactive/",
        "/konto/logout/",
    ],
)
def test_allauth_pages_in_nynorsk_have_no_english_left(client, url):
    client.post(reverse("switch_language"), {"language": "nn", "next": "/"})
    response = client.get(url)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        page = response.content.decode()
        for english in ("Password", "Sign In", "Email", "Sign Up", "Forgot", "Log out", "Reset"):
            assert f">{english}" not in page


def test_password_reset_link_and_bad_token(client, mailoutbox, django_capture_on_commit_callbacks):
    UserFactory(email="kari@example.no", language="nn")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/konto/password/reset/", {"email": "kari@example.no"})
    assert response.status_code == 302
    # In Kari's own language (nn) although the page was in Bokmål, and through the outbox.
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "[Omdømmeskolen] Vel eit nytt passord"
    row = OutboxMail.objects.get(kind="account_password_reset_key")
    assert (row.status, row.language, row.recipients) == ("sent", "nn", ["kari@example.no"])
    client.post(reverse("switch_language"), {"language": "nn", "next": "/"})
    response = client.get("/konto/password/reset/key/0-feil-nokkel/", follow=True)
    assert "Lenkja kan ikkje brukast" in response.content.decode()
