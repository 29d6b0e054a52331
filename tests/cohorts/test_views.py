from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cohorts import services
from cohorts.models import Application, Cohort, Enrolment, EnrolmentStatus, Invitation, Membership, Organisation
from omdomme.accounts.models import User
from omdomme.notifications.models import OutboxMail
from tests.cohorts.factories import ApplicationFactory, InvitationFactory
from tests.factories import CohortFactory, EnrolmentFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True))
    return client


def test_accepting_an_invitation_logs_in_and_lands_home(client):
    enrolment = EnrolmentFactory()
    invitation = InvitationFactory(organisation=enrolment.organisation, cohort=enrolment.cohort, language="nn")
    page = client.get(invitation.get_accept_url())
    assert page.status_code == 200
    response = client.post(
        invitation.get_accept_url(),
        {"full_name": "Nora Ny", "password1": "Lang-og-trygg-42", "password2": "Lang-og-trygg-42"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    user = User.objects.get(email=invitation.email)
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.get(reverse("home")).status_code == 200
    assert list(enrolment.team.all()) == [user]


def test_accept_form_errors_save_nothing(client):
    invitation = InvitationFactory()
    response = client.post(invitation.get_accept_url(), {"full_name": "", "password1": "kort", "password2": "annet"})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"full_name", "password2"}
    assert not User.objects.filter(email=invitation.email).exists()


@pytest.mark.parametrize(
    ("state", "message"),
    [
        (
            {"expires_at": timezone.now() - timedelta(days=1)},
            "Denne invitasjonen har gått ut. Be den som inviterte deg om å sende den på nytt.",
        ),
        ({"revoked_at": timezone.now()}, "Denne invitasjonen er trukket tilbake. Be den som inviterte deg om en ny."),
        (
            {"accepted_at": timezone.now()},
            "Denne invitasjonen er allerede tatt imot. Logg inn med e-postadressen og passordet ditt.",
        ),
    ],
)
def test_unusable_invitation_links_give_a_clear_page(client, state, message):
    invitation = InvitationFactory(**state)
    for method in (client.get, client.post):
        response = method(invitation.get_accept_url())
        assert response.status_code == 410
        assert response.context["message"] == message
    assert not User.objects.filter(email=invitation.email).exists()


def test_expired_link_message_in_nynorsk(client):
    invitation = InvitationFactory(expires_at=timezone.now() - timedelta(days=1))
    client.post(reverse("switch_language"), {"language": "nn", "next": "/"})
    response = client.get(invitation.get_accept_url())
    assert response.status_code == 410
    assert response.context["message"] == "Invitasjonen har gått ut. Be den som inviterte deg om å sende ein ny."


def test_invitation_page_follows_the_invitations_language(client):
    invitation = InvitationFactory(language="nn")
    page = client.get(invitation.get_accept_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="nn">' in page
    assert "Vel eit passord" in page


def test_unknown_token_is_a_page_with_text(client):
    response = client.get(reverse("cohorts:invitation_accept", args=["finnes-ikke"]))
    assert response.status_code == 404
    assert "Denne invitasjonslenken er ikke gyldig." in response.content.decode()


def test_invite_existing_member_shows_form_error(staff_client):
    membership = MembershipFactory()
    url = reverse("cohorts:organisation_invitations", args=[membership.organisation.pk])
    response = staff_client.post(url, {"email": membership.user.email, "role": "member", "language": "nb"})
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        f"{membership.user.email} er allerede medlem av {membership.organisation.name}."
    ]
    assert Invitation.objects.count() == 0


def test_contact_person_invites_team_member_but_not_contact(client):
    membership = MembershipFactory(role="contact")
    client.force_login(membership.user)
    url = reverse("cohorts:organisation_invitations", args=[membership.organisation.pk])
    response = client.post(url, {"email": "kollega@example.no", "role": "contact", "language": "nb"})
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    response = client.post(url, {"email": "kollega@example.no", "role": "member", "language": "nb"})
    assert response.status_code == 302
    assert Invitation.objects.get().invited_by == membership.user


def test_team_member_cannot_invite(client):
    membership = MembershipFactory(role="member")
    client.force_login(membership.user)
    url = reverse("cohorts:organisation_invitations", args=[membership.organisation.pk])
    assert client.post(url, {"email": "x@example.no", "role": "member", "language": "nb"}).status_code == 403
    assert Invitation.objects.count() == 0


def test_cohort_form_validation_messages_in_norwegian(staff_client):
    response = staff_client.post(
        reverse("cohorts:cohort_create"),
        {
            "name": "",
            "year": "1999",
            "status": "planning",
            "fee": "-5",
            "booking_cancel_hours": "24",
            "starts_on": "2026-09-01",
            "ends_on": "2026-01-01",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["name"] == ["Gi kullet et navn."]
    assert errors["year"] == ["Året må være 2000 eller senere."]
    assert errors["fee"] == ["Avgiften kan ikke være negativ."]
    assert errors["ends_on"] == ["Kullet kan ikke slutte før det begynner."]
    assert Cohort.objects.count() == 0


def test_create_and_edit_cohort(staff_client):
    response = staff_client.post(
        reverse("cohorts:cohort_create"),
        {
            "name": "Omdømmeskolen 2030",
            "year": "2030",
            "status": "planning",
            "fee": "15000",
            "booking_cancel_hours": "24",
        },
    )
    cohort = Cohort.objects.get()
    assert response["Location"] == cohort.get_absolute_url()
    staff_client.post(
        reverse("cohorts:cohort_edit", args=[cohort.pk]),
        {
            "name": "Omdømmeskolen 2030",
            "year": "2030",
            "status": "active",
            "fee": "16000",
            "booking_cancel_hours": "48",
        },
    )
    cohort.refresh_from_db()
    assert (cohort.status, cohort.fee, cohort.booking_cancel_hours) == ("active", 16000, 48)


def test_duplicate_municipality_number_form_message(staff_client):
    OrganisationFactory(name="Frosta", municipality_number="5036")
    response = staff_client.post(
        reverse("cohorts:organisation_create"), {"name": "Kopi", "kind": "municipality", "municipality_number": "5036"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["municipality_number"] == [
        "Kommunenummer 5036 er allerede registrert på Frosta."
    ]
    assert Organisation.objects.count() == 1


def test_enrol_search_create_inline_and_withdraw_with_confirmation(staff_client):
    cohort = CohortFactory()
    existing = OrganisationFactory(name="Frosta kommune", municipality_number="5036")
    url = reverse("cohorts:cohort_enrol", args=[cohort.pk])
    response = staff_client.get(url, {"q": "5036"})
    assert list(response.context["results"]) == [existing]
    staff_client.post(url, {"organisation": existing.pk})
    staff_client.post(
        url,
        {"action": "create", "new-name": "Ny kommune", "new-kind": "municipality", "new-municipality_number": "5099"},
    )
    assert sorted(Enrolment.objects.filter(cohort=cohort).values_list("organisation__name", flat=True)) == [
        "Frosta kommune",
        "Ny kommune",
    ]
    enrolment = Enrolment.objects.get(organisation=existing)
    withdraw_url = reverse("cohorts:enrolment_withdraw", args=[enrolment.pk])
    confirm = staff_client.post(withdraw_url)  # no confirmation yet: only the question
    assert confirm.status_code == 200
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACTIVE
    staff_client.post(withdraw_url, {"confirmed": "1"})
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.WITHDRAWN


def test_contact_edits_own_goals(client):
    membership = MembershipFactory(role="member")
    enrolment = EnrolmentFactory(organisation=membership.organisation)
    client.force_login(membership.user)
    response = client.post(reverse("cohorts:enrolment_goals", args=[enrolment.pk]), {"goals": "Bli best."})
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.goals == "Bli best."


def test_public_application_and_honeypot(client):
    cohort = CohortFactory(year=2031, open_for_applications=True, status="planning")
    data = {
        "organisation_name": "Søkerby",
        "organisation_kind": "municipality",
        "municipality_number": "4321",
        "contact_name": "Siv",
        "contact_email": "siv@example.no",
        "motivation": "Vi vil.",
    }
    assert client.post(reverse("cohorts:apply"), {**data, "website": "http://spam"}).status_code == 302
    assert Application.objects.count() == 0
    response = client.post(reverse("cohorts:apply"), data)
    assert response["Location"] == reverse("cohorts:apply_thanks")
    application = Application.objects.get()
    assert (application.cohort, application.language) == (cohort, "nb")
    home = client.get(reverse("cohorts:public_home")).content.decode()
    assert reverse("cohorts:apply") in home


def test_application_form_required_fields(client):
    CohortFactory(open_for_applications=True)
    response = client.post(reverse("cohorts:apply"), {"contact_email": "ikke-epost"})
    errors = response.context["form"].errors
    assert errors["organisation_name"] == ["Skriv navnet på organisasjonen."]
    assert errors["contact_email"] == ["Skriv en gyldig e-postadresse."]
    assert errors["motivation"] == ["Fortell kort hvorfor dere vil være med."]


def test_apply_when_closed(client):
    response = client.get(reverse("cohorts:apply"))
    assert response.status_code == 200
    assert response.templates[0].name == "cohorts/apply_closed.html"


def test_staff_accept_and_decline_applications(staff_client):
    accept, decline = ApplicationFactory(), ApplicationFactory()
    url = lambda a: reverse("cohorts:application_decide", args=[a.pk])  # noqa: E731
    staff_client.post(url(accept), {"decision": "accept"})
    staff_client.post(url(decline), {"decision": "decline"})
    assert Enrolment.objects.filter(cohort=accept.cohort).count() == 1
    assert Invitation.objects.get().email == accept.contact_email
    assert OutboxMail.objects.filter(kind="application_declined", recipients=[decline.contact_email]).count() == 1
    response = staff_client.post(url(accept), {"decision": "decline"})  # already decided: a message, no change
    assert response.status_code == 302
    accept.refresh_from_db()
    assert accept.status == "accepted"


def test_resend_and_revoke_from_the_list(staff_client):
    invitation = services.invite(OrganisationFactory(), "ny@example.no", actor=None)
    old = invitation.token
    response = staff_client.post(
        reverse("cohorts:invitation_resend", args=[invitation.pk]), {"next": "/\\evil.example/"}
    )
    assert response["Location"] == invitation.organisation.get_absolute_url()  # no open redirect
    invitation.refresh_from_db()
    assert invitation.token != old
    staff_client.post(reverse("cohorts:invitation_revoke", args=[invitation.pk]), {"confirmed": "1"})
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_organisation_directory_search_filter_and_history(staff_client):
    frosta = OrganisationFactory(name="Frosta kommune", municipality_number="5036")
    OrganisationFactory(name="Ofoten regionråd", kind="regional_council", municipality_number=None)
    EnrolmentFactory(organisation=frosta, cohort=CohortFactory(year=2009))
    EnrolmentFactory(organisation=frosta, cohort=CohortFactory(year=2011))
    response = staff_client.get(reverse("cohorts:organisation_list"), {"q": "fros"})
    assert list(response.context["organisations"]) == [frosta]
    assert [e.cohort.year for e in response.context["organisations"][0].enrolments.all()] == [2009, 2011]
    response = staff_client.get(reverse("cohorts:organisation_list"), {"kind": "regional_council"})
    assert [o.name for o in response.context["organisations"]] == ["Ofoten regionråd"]


def test_staff_creates_advisor_account(staff_client):
    response = staff_client.post(
        reverse("cohorts:account_create"),
        {"email": "ny@example.no", "full_name": "Ny Rådgiver", "language": "nn", "is_advisor": "on"},
    )
    assert response.status_code == 302
    assert OutboxMail.objects.get(kind="account_created").language == "nn"
    response = staff_client.post(
        reverse("cohorts:account_create"), {"email": "ny@example.no", "full_name": "Igjen", "language": "nb"}
    )
    assert response.context["form"].errors == {
        "email": ["Det finnes allerede en konto for ny@example.no."],
        "__all__": ["Velg minst én rolle."],
    }


def test_my_organisation_and_membership_pages(client):
    membership = MembershipFactory(role="contact")
    InvitationFactory(organisation=membership.organisation, email="venter@example.no")
    client.force_login(membership.user)
    response = client.get(reverse("cohorts:my_organisation"))
    assert response["Location"] == membership.organisation.get_absolute_url()
    page = client.get(response["Location"]).content.decode()
    assert "venter@example.no" in page
    Membership.objects.filter(pk=membership.pk).update(role="member")
    assert "venter@example.no" not in client.get(response["Location"]).content.decode()


def test_staff_deactivates_an_advisor_whose_session_ends(client):
    staff = UserFactory(is_staff=True)
    advisor = UserFactory(is_advisor=True)
    other = Client()
    other.force_login(advisor)
    assert other.get(reverse("home")).status_code == 200
    client.force_login(staff)
    url = reverse("cohorts:account_toggle_active", args=[advisor.pk])
    assert client.get(url).status_code == 200  # the confirmation question
    client.post(url, {"confirmed": "1"})
    advisor.refresh_from_db()
    assert advisor.is_active is False
    assert other.get(reverse("home")).status_code == 302
    client.post(reverse("cohorts:account_toggle_active", args=[staff.pk]), {"confirmed": "1"})
    staff.refresh_from_db()
    assert staff.is_active is True  # nobody deactivates their own account


def test_public_form_is_rate_limited(client):
    CohortFactory(open_for_applications=True)
    data = {
        "organisation_name": "Søkerby",
        "organisation_kind": "municipality",
        "contact_name": "Siv",
        "contact_email": "siv@example.no",
        "motivation": "Vi vil.",
    }
    for _ in range(5):
        assert client.post(reverse("cohorts:apply"), data).status_code == 302
    response = client.post(reverse("cohorts:apply"), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "For mange søknader fra nettverket ditt på kort tid. Prøv igjen senere, eller kontakt kursstaben."
    ]
    assert Application.objects.count() == 5


def test_enrol_search_answers_htmx_with_the_partial(staff_client):
    cohort = CohortFactory()
    OrganisationFactory(name="Frosta kommune")
    response = staff_client.get(
        reverse("cohorts:cohort_enrol", args=[cohort.pk]), {"q": "frost"}, HTTP_HX_REQUEST="true"
    )
    assert [t.name for t in response.templates][0] == "cohorts/partials/enrol_results.html"
    assert "<html" not in response.content.decode()
    assert "Frosta kommune" in response.content.decode()
