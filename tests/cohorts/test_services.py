from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from cohorts import services
from cohorts.models import (
    Activity,
    ApplicationStatus,
    CohortRole,
    Enrolment,
    EnrolmentStatus,
    Invitation,
    Membership,
    MembershipRole,
    Organisation,
)
from omdomme.accounts.models import User
from omdomme.notifications.models import OutboxMail
from tests.cohorts.factories import ApplicationFactory, InvitationFactory
from tests.factories import (
    CohortFactory,
    CohortRoleFactory,
    EnrolmentFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, full_name="Stine Stab")


# --- Invitations -------------------------------------------------------------------------------


def test_invite_queues_email_in_invitees_language_and_logs(staff):
    enrolment = EnrolmentFactory()
    invitation = services.invite(
        enrolment.organisation,
        "Ny.Person@Example.no",
        full_name="Ny Person",
        language="nn",
        cohort=enrolment.cohort,
        actor=staff,
    )
    assert invitation.email == "ny.person@example.no"
    assert invitation.sent_at is not None
    mail = OutboxMail.objects.get(kind="invitation")
    assert mail.recipients == ["ny.person@example.no"]
    assert mail.language == "nn"
    assert mail.subject == f"Invitasjon til teamet til {enrolment.organisation.name} i Omdømmeskolen"
    assert invitation.get_accept_url() in mail.body_text
    assert "Opne lenkja" in mail.body_text
    entry = Activity.objects.get(verb="invitation.sent")
    assert (entry.actor, entry.organisation, entry.cohort) == (staff, enrolment.organisation, enrolment.cohort)


def test_invite_existing_member_is_refused_and_saves_nothing(staff):
    membership = MembershipFactory()
    with pytest.raises(services.CohortsError) as exc:
        services.invite(membership.organisation, membership.user.email.upper(), actor=staff)
    assert exc.value.code == "already_member"
    assert Invitation.objects.count() == 0
    assert OutboxMail.objects.count() == 0
    assert Activity.objects.count() == 0


def test_invite_twice_is_refused(staff):
    org = OrganisationFactory()
    services.invite(org, "a@example.no", actor=staff)
    with pytest.raises(services.CohortsError) as exc:
        services.invite(org, "A@example.no", actor=staff)
    assert exc.value.code == "already_invited"
    assert Invitation.objects.count() == 1


def test_invite_for_cohort_the_organisation_is_not_in_is_refused(staff):
    org = OrganisationFactory()
    with pytest.raises(services.CohortsError) as exc:
        services.invite(org, "a@example.no", cohort=CohortFactory(), actor=staff)
    assert exc.value.code == "not_enrolled"
    assert Invitation.objects.count() == 0


def test_accept_creates_verified_user_membership_and_team(staff):
    enrolment = EnrolmentFactory(status=EnrolmentStatus.INVITED)
    invitation = services.invite(
        enrolment.organisation,
        "ny@example.no",
        role=MembershipRole.CONTACT,
        language="en",
        cohort=enrolment.cohort,
        actor=staff,
    )
    user = services.accept_invitation(invitation.url_token, full_name="Nora Ny", password="Lang-og-trygg-42")
    assert (user.email, user.full_name, user.language) == ("ny@example.no", "Nora Ny", "en")
    assert user.check_password("Lang-og-trygg-42")
    assert EmailAddress.objects.get(user=user).verified is True
    membership = Membership.objects.get(user=user)
    assert (membership.organisation, membership.role, membership.is_active) == (
        enrolment.organisation,
        MembershipRole.CONTACT,
        True,
    )
    enrolment.refresh_from_db()
    assert list(enrolment.team.all()) == [user]
    assert enrolment.status == EnrolmentStatus.ACTIVE
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert Activity.objects.filter(verb="invitation.accepted", actor=user).count() == 1


def test_accept_twice_is_a_clear_error(staff):
    invitation = services.invite(OrganisationFactory(), "ny@example.no", actor=staff)
    services.accept_invitation(invitation.url_token, full_name="Nora", password="Lang-og-trygg-42")
    with pytest.raises(services.InvitationInvalid) as exc:
        services.accept_invitation(invitation.url_token, full_name="Nora", password="Lang-og-trygg-42")
    assert exc.value.reason == "accepted"
    assert User.objects.filter(email="ny@example.no").count() == 1


def test_accept_after_expiry_creates_nothing(staff):
    invitation = InvitationFactory(expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(services.InvitationInvalid) as exc:
        services.accept_invitation(invitation.url_token, full_name="Nora", password="Lang-og-trygg-42")
    assert exc.value.reason == "expired"
    assert not User.objects.filter(email=invitation.email).exists()
    assert Membership.objects.count() == 0


def test_revoke_then_accept_is_refused(staff):
    invitation = InvitationFactory()
    services.revoke_invitation(invitation, actor=staff)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    with pytest.raises(services.InvitationInvalid) as exc:
        services.accept_invitation(invitation.url_token, full_name="Nora", password="Lang-og-trygg-42")
    assert exc.value.reason == "revoked"
    with pytest.raises(services.CohortsError):
        services.revoke_invitation(invitation, actor=staff)
    assert Activity.objects.filter(verb="invitation.revoked").count() == 1


def test_resend_gives_new_token_and_expiry_and_old_link_dies(staff):
    invitation = services.invite(OrganisationFactory(), "ny@example.no", actor=staff)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() + timedelta(hours=1))
    old_token = invitation.url_token
    resent = services.resend_invitation(invitation, actor=staff)
    assert resent.url_token != old_token
    assert resent.expires_at > timezone.now() + timedelta(days=13)
    assert OutboxMail.objects.filter(kind="invitation").count() == 2
    with pytest.raises(services.InvitationInvalid) as exc:
        services.accept_invitation(old_token, full_name="X", password="Lang-og-trygg-42")
    assert exc.value.reason == "unknown"
    services.accept_invitation(resent.url_token, full_name="X", password="Lang-og-trygg-42")


def test_accept_with_existing_account_keeps_password(staff):
    person = UserFactory(email="kjent@example.no")
    org = OrganisationFactory()
    invitation = services.invite(org, "kjent@example.no", actor=staff)
    user = services.accept_invitation(invitation.url_token)
    assert user == person
    assert Membership.objects.filter(user=person, organisation=org, is_active=True).exists()


# --- Enrolments --------------------------------------------------------------------------------


def test_enrol_withdraw_and_enrol_again(staff):
    cohort, org = CohortFactory(), OrganisationFactory()
    enrolment = services.enrol(cohort, org, actor=staff)
    with pytest.raises(services.CohortsError) as exc:
        services.enrol(cohort, org, actor=staff)
    assert exc.value.code == "already_enrolled"
    services.withdraw(enrolment, actor=staff)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.WITHDRAWN
    with pytest.raises(services.CohortsError):
        services.withdraw(enrolment, actor=staff)
    again = services.enrol(cohort, org, actor=staff)
    assert again.pk == enrolment.pk
    assert again.status == EnrolmentStatus.ACTIVE
    assert list(Activity.objects.order_by("pk").values_list("verb", flat=True)) == [
        "enrolment.created",
        "enrolment.withdrawn",
        "enrolment.created",
    ]


def test_team_only_from_the_organisations_members(staff):
    enrolment = EnrolmentFactory()
    member = MembershipFactory(organisation=enrolment.organisation).user
    stranger = UserFactory()
    with pytest.raises(services.CohortsError) as exc:
        services.set_team(enrolment, [member, stranger], actor=staff)
    assert exc.value.code == "not_member"
    assert enrolment.team.count() == 0
    services.set_team(enrolment, [member], actor=staff)
    assert list(enrolment.team.all()) == [member]


def test_copy_setup_copies_description_fee_contacts_and_roles(staff):
    source = CohortFactory(year=2012, description="Tre samlinger.", fee=12000)
    source.contacts.add(staff)
    advisor = CohortRoleFactory(cohort=source, role="advisor").user
    target = CohortFactory(year=2027, description="", fee=0)
    services.copy_cohort_setup(source, target, actor=staff)
    target.refresh_from_db()
    assert (target.description, target.fee) == ("Tre samlinger.", 12000)
    assert list(target.contacts.all()) == [staff]
    assert list(CohortRole.objects.filter(cohort=target).values_list("user", "role")) == [(advisor.pk, "advisor")]
    services.copy_cohort_setup(source, target, actor=staff)  # twice: no duplicates
    assert CohortRole.objects.filter(cohort=target).count() == 1


# --- Organisations -----------------------------------------------------------------------------


def test_duplicate_number_in_service_is_a_clear_error_not_a_crash(staff):
    OrganisationFactory(name="Frosta", municipality_number="5036")
    with pytest.raises(services.DuplicateNumber) as exc:
        services.save_organisation(Organisation(name="Kopi", municipality_number="5036"), actor=staff)
    assert str(exc.value.messages[0]) == "Kommunenummer 5036 er allerede registrert på Frosta."
    assert Organisation.objects.filter(name="Kopi").count() == 0


# --- Applications ------------------------------------------------------------------------------


def test_accept_application_creates_org_enrolment_and_invitation(staff):
    application = ApplicationFactory(organisation_name="Søkerby", municipality_number="4321", language="nn")
    enrolment = services.accept_application(application, actor=staff)
    org = Organisation.objects.get(municipality_number="4321")
    assert (enrolment.organisation, enrolment.cohort, enrolment.status) == (
        org,
        application.cohort,
        EnrolmentStatus.ACTIVE,
    )
    invitation = Invitation.objects.get(organisation=org)
    assert (invitation.email, invitation.role, invitation.language, invitation.cohort) == (
        application.contact_email,
        MembershipRole.CONTACT,
        "nn",
        application.cohort,
    )
    application.refresh_from_db()
    assert (application.status, application.decided_by, application.enrolment) == (
        ApplicationStatus.ACCEPTED,
        staff,
        enrolment,
    )
    with pytest.raises(services.CohortsError):
        services.accept_application(application, actor=staff)


def test_accept_application_links_existing_organisation(staff):
    org = OrganisationFactory(name="Frosta", municipality_number="5036")
    application = ApplicationFactory(organisation_name="Frosta kommune", municipality_number="5036")
    enrolment = services.accept_application(application, actor=staff)
    assert enrolment.organisation == org
    assert Organisation.objects.count() == 1


def test_decline_application_sends_polite_email(staff):
    application = ApplicationFactory(language="nb", contact_name="Siv Søker")
    services.decline_application(application, actor=staff)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    mail = OutboxMail.objects.get(kind="application_declined")
    assert mail.recipients == [application.contact_email]
    assert mail.body_text.startswith("Hei Siv Søker,")
    assert Enrolment.objects.count() == 0


def test_submit_application_to_closed_cohort_is_refused():
    cohort = CohortFactory(open_for_applications=False)
    with pytest.raises(services.CohortsError):
        services.submit_application(
            cohort, organisation_name="X", contact_name="Y", contact_email="y@example.no", motivation="Z"
        )


# --- Accounts ----------------------------------------------------------------------------------


def test_create_account_sends_a_working_set_password_link(staff, client):
    user = services.create_account(
        email="Ny.Radgiver@Example.no", full_name="Rune Rådgiver", is_advisor=True, actor=staff
    )
    assert (user.email, user.is_advisor, user.is_staff, user.has_usable_password()) == (
        "ny.radgiver@example.no",
        True,
        False,
        False,
    )
    mail = OutboxMail.objects.get(kind="account_created")
    link = next(line for line in mail.body_text.splitlines() if "/konto/password/reset/key/" in line)
    path = link.strip().split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else "/" + path
    response = client.post(form_url, {"password1": "Nytt-passord-123", "password2": "Nytt-passord-123"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Nytt-passord-123")
    with pytest.raises(services.CohortsError):
        services.create_account(email="ny.radgiver@example.no", full_name="Igjen", is_advisor=True, actor=staff)
