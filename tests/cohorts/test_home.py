"""Home page sections and the menu, per role, and the whole invitation path from email to home."""

import re

import pytest
from django.urls import reverse

from cohorts.models import Membership
from omdomme.notifications.models import OutboxMail
from tests.cohorts.factories import ApplicationFactory, InvitationFactory
from tests.factories import CohortFactory, CohortRoleFactory, EnrolmentFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


OURS = ["Kull", "Organisasjoner", "Søknader", "Min organisasjon", "Mine organisasjoner", "Personer"]


def _labels(response):
    """The menu entries that come from cohorts (other apps add their own)."""
    return [item.label for item in response.context["menu_items"] if item.label in OURS]


def _section(response, template):
    return next(s.context for s in response.context["sections"] if s.template == template)


def test_staff_home_shows_active_cohorts_with_counts_and_waiting_work(client):
    cohort = CohortFactory(name="Omdømmeskolen 2026", status="active")
    enrolment = EnrolmentFactory(cohort=cohort)
    enrolment.team.add(MembershipFactory(organisation=enrolment.organisation).user)
    CohortFactory(name="Gammelt kull", year=2011, status="completed")
    ApplicationFactory()
    InvitationFactory()
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("home"))
    section = _section(response, "cohorts/dashboard_staff.html")
    assert [(c.name, c.organisation_count, c.team_size) for c in section["cohorts"]] == [("Omdømmeskolen 2026", 1, 1)]
    # the application's cohort is only being planned: a list of its own, not among the active ones
    assert [(c.name, c.status) for c in section["planned"]] == [("Omdømmeskolen 2026 (2)", "planning")]
    assert (section["new_applications"], section["pending_invitations"]) == (1, 1)
    assert _labels(response) == ["Kull", "Organisasjoner", "Søknader", "Personer"]


def test_advisor_home_lists_only_assigned_cohorts(client):
    advisor = UserFactory(is_advisor=True)
    mine = CohortRoleFactory(user=advisor, cohort=CohortFactory(name="Mitt kull")).cohort
    CohortFactory(name="Annet kull")
    client.force_login(advisor)
    response = client.get(reverse("home"))
    assert [c.pk for c in _section(response, "cohorts/dashboard_assigned.html")["cohorts"]] == [mine.pk]
    assert _labels(response) == ["Kull"]


def test_contact_home_summarises_the_organisation(client):
    membership = MembershipFactory(role="contact")
    EnrolmentFactory(organisation=membership.organisation)
    InvitationFactory(organisation=membership.organisation)
    client.force_login(membership.user)
    response = client.get(reverse("home"))
    data = _section(response, "cohorts/dashboard_contact.html")
    assert (data["organisation"], data["team_count"], data["pending_invitations"]) == (membership.organisation, 1, 1)
    assert _labels(response) == ["Min organisasjon"]


def test_invitation_from_email_to_home(client):
    staff = UserFactory(is_staff=True)
    enrolment = EnrolmentFactory()
    client.force_login(staff)
    client.post(
        reverse("cohorts:organisation_invitations", args=[enrolment.organisation.pk]),
        {
            "email": "ny@example.no",
            "full_name": "Nora Ny",
            "role": "member",
            "language": "en",
            "cohort": enrolment.cohort.pk,
        },
    )
    client.logout()
    mail = OutboxMail.objects.get(kind="invitation")
    assert mail.subject == f"Invitation to the team of {enrolment.organisation.name} in Omdømmeskolen"
    path = re.search(r"https?://[^/\s]+(/invitasjon/\S+/)", mail.body_text).group(1)
    response = client.post(
        path, {"full_name": "Nora Ny", "password1": "Lang-og-trygg-42", "password2": "Lang-og-trygg-42"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert response.context["user"].email == "ny@example.no"
    assert Membership.objects.get(user__email="ny@example.no").organisation == enrolment.organisation
    assert client.get(path).status_code == 410  # single use
