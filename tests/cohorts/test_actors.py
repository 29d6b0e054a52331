"""Cohort services check their keyword-only ``actor`` and log what an allowed one does."""

from __future__ import annotations

from cohorts import services
from cohorts.models import CohortRole, Enrolment, Invitation, LanguageForm, Organisation
from tests.actors import logged_once, refused
from tests.factories import UserFactory


def test_goals_are_for_staff_and_the_organisations_own_members(world):
    enrolments = Enrolment.objects.filter(pk=world.enrolment_a.pk)
    refused(lambda: services.update_goals(world.enrolment_a, "Bytt mål", actor=world.contact_b), enrolments)
    refused(lambda: services.update_goals(world.enrolment_a, "Bytt mål", actor=world.advisor), enrolments)
    logged_once(
        lambda: services.update_goals(world.enrolment_a, "Nye mål", actor=world.contact_a),
        world.contact_a,
        "enrolment.goals",
    )
    assert Enrolment.objects.get(pk=world.enrolment_a.pk).goals == "Nye mål"


def test_language_form_is_for_staff_and_contact_persons(world):
    orgs = Organisation.objects.filter(pk=world.org_a.pk)
    refused(lambda: services.set_language_form(world.org_a, LanguageForm.NYNORSK, actor=world.advisor), orgs)
    refused(lambda: services.set_language_form(world.org_a, LanguageForm.NYNORSK, actor=world.contact_b), orgs)
    logged_once(
        lambda: services.set_language_form(world.org_a, LanguageForm.NYNORSK, actor=world.contact_a),
        world.contact_a,
        "organisation.language_form",
    )


def test_roles_are_assigned_by_staff_only(world):
    person = UserFactory(is_advisor=True)
    roles = CohortRole.objects.all()
    refused(lambda: services.assign_role(world.cohort, person, "advisor", actor=world.advisor), roles)
    refused(lambda: services.assign_role(world.cohort, person, "advisor", actor=world.contact_a), roles)
    logged_once(
        lambda: services.assign_role(world.cohort, person, "advisor", actor=world.staff),
        world.staff,
        "cohort.role_assigned",
    )


def test_a_contact_invites_team_members_but_not_contact_persons(world):
    invitations = Invitation.objects.all()
    refused(lambda: services.invite(world.org_a, "ny@alfa.no", role="contact", actor=world.contact_a), invitations)
    refused(lambda: services.invite(world.org_a, "ny@alfa.no", actor=world.contact_b), invitations)
    logged_once(
        lambda: services.invite(world.org_a, "ny@alfa.no", actor=world.contact_a), world.contact_a, "invitation.sent"
    )


def test_the_system_may_save_an_organisation_and_is_logged_unnamed(world):
    orgs = Organisation.objects.all()
    refused(lambda: services.save_organisation(Organisation(name="Delta kommune"), actor=world.contact_a), orgs)
    org = logged_once(
        lambda: services.save_organisation(Organisation(name="Delta kommune"), actor=None), None, "organisation.created"
    )
    assert org.pk is not None
