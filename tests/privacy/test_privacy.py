"""Privacy: a person's data export, staff erasure, automatic purge after the retention period."""

from __future__ import annotations

import json
from datetime import date

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from cohorts.activity import record
from cohorts.models import Activity, Application, Invitation, Membership
from omdomme.accounts.models import User
from omdomme.notifications.models import OutboxMail
from omdomme.privacy import services
from omdomme.privacy.tasks import purge_expired_personal_data_task
from sessions.models import Registration
from tests.factories import CohortFactory, EnrolmentFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.gatherings.factories import GatheringFactory, RegistrationFactory, SlotFactory

pytestmark = pytest.mark.django_db


def _mail_to(user, **extra) -> OutboxMail:
    return OutboxMail.objects.create(
        kind="test",
        recipients=[user.email],
        recipient_user=user,
        subject=f"Hei {user.full_name}",
        body_text=f"Hei {user.full_name}, din e-post er {user.email}.",
        **extra,
    )


# --- Export ----------------------------------------------------------------------------------


def test_export_downloads_everything_about_me_and_nothing_about_others(world, client_for):
    me = world.contact_a
    record(me, "homework.submitted", "Kari Alfa leverte oppgave 1", cohort=world.cohort, organisation=world.org_a)
    record(world.contact_b, "homework.submitted", "Bjørn Beta leverte", cohort=world.cohort)
    _mail_to(me)
    _mail_to(world.contact_b)
    Invitation.objects.create(organisation=world.org_a, cohort=world.cohort, email=me.email, full_name="Kari Alfa")

    response = client_for(me).get(reverse("privacy:export"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["profile"]["email"] == me.email
    assert data["profile"]["phone"] == "11111111"
    assert [m["organisation"] for m in data["memberships"]] == ["Alfa kommune"]
    assert [e["organisation"] for e in data["enrolment_teams"]] == ["Alfa kommune"]
    assert [i["email"] for i in data["invitations"]] == [me.email]
    assert [a["description"] for a in data["activity"]] == ["Kari Alfa leverte oppgave 1"]
    assert len(data["emails_to_you"]) == 1 and me.email in data["emails_to_you"][0]["recipients"]
    text = response.content.decode()
    for secret in world.secrets_b + ["Bjørn Beta"]:
        assert secret not in text


def test_export_includes_the_apps_sections(world, client_for):
    gathering = GatheringFactory(cohort=world.cohort)
    SlotFactory(gathering=gathering, advisor=world.advisor, organisation=world.org_a, booked_by=world.contact_a)
    data = json.loads(client_for(world.contact_a).get(reverse("privacy:export")).content)
    assert {"bookings", "homework", "registrations", "survey_responses"} <= set(data)
    assert [b["you_are"] for b in data["bookings"]] == ["booked by you"]


def test_export_requires_login(client):
    response = client.get(reverse("privacy:export"))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_my_data_page_names_the_retention_period(world, client_for, settings):
    settings.PERSONAL_DATA_RETENTION_MONTHS = 24
    response = client_for(world.contact_a).get(reverse("privacy:my_data"))
    assert response.status_code == 200
    assert "24" in response.content.decode()
    assert reverse("privacy:export") in response.content.decode()


# --- Erasure ---------------------------------------------------------------------------------


def test_staff_erases_a_person_everywhere_and_the_homework_stays(world, client_for):
    person = world.contact_b
    registration = RegistrationFactory(
        gathering=GatheringFactory(cohort=world.cohort),
        user=person,
        organisation=world.org_b,
        dietary_needs="Glutenfri Bjørn",
    )
    record(
        person,
        "homework.submitted",
        "Bjørn Beta leverte oppgave 1 (kontakt.b@beta.kommune.no)",
        cohort=world.cohort,
        organisation=world.org_b,
    )
    record(world.staff, "team.edit", "Stine Stab la Bjørn Beta til i teamet", cohort=world.cohort)
    mail = _mail_to(person)
    other_mail = _mail_to(world.contact_a)
    Invitation.objects.create(organisation=world.org_b, email=person.email, full_name="Bjørn Beta")
    Application.objects.create(
        cohort=world.cohort,
        organisation_name="Beta kommune",
        contact_name="Bjørn Beta",
        contact_email=person.email,
        contact_phone="22222222",
        motivation="Vi vil.",
    )
    client = client_for(world.staff)

    confirm = client.get(reverse("privacy:erase", args=[person.pk]))
    assert confirm.status_code == 200
    assert "Bjørn Beta" in confirm.content.decode()
    response = client.post(reverse("privacy:erase", args=[person.pk]))

    assert response.status_code == 302
    person.refresh_from_db()
    placeholder = f"Anonymised person {person.pk}"
    assert person.full_name == placeholder and person.phone == "" and not person.is_active
    assert person.email.endswith("@anonymised.invalid")
    assert not person.has_usable_password()
    registration.refresh_from_db()
    assert registration.dietary_needs == ""  # the apps' erasers ran too
    # Logs and sent emails no longer name the person.
    for needle in ("Bjørn Beta", "kontakt.b@beta.kommune.no", "22222222"):
        assert not Activity.objects.filter(description__contains=needle).exists()
        assert not Activity.objects.filter(actor_name__contains=needle).exists()
        assert not OutboxMail.objects.filter(body_text__contains=needle).exists()
        assert not OutboxMail.objects.filter(subject__contains=needle).exists()
        assert not Invitation.objects.filter(email__icontains=needle).exists()
        assert not Application.objects.filter(contact_email__icontains=needle).exists()
        assert not Application.objects.filter(contact_phone=needle).exists()
    mail.refresh_from_db()
    assert mail.recipients == [person.email]
    other_mail.refresh_from_db()
    assert other_mail.recipients == [world.contact_a.email]
    # What the organisation owns stays: the enrolment, its goals and its team row.
    world.enrolment_b.refresh_from_db()
    assert world.enrolment_b.goals.startswith("HEMMELIG-BETA-MÅL")
    assert list(world.enrolment_b.team.all()) == [person]
    assert Membership.objects.get(user=person).is_active is False
    assert Activity.objects.filter(verb="privacy.erased", actor=world.staff).count() == 1


def test_an_erased_person_cannot_log_in(world, client):
    services.erase_person(world.contact_b, actor=world.staff)
    response = client.post(
        reverse("account_login"), {"login": "kontakt.b@beta.kommune.no", "password": "Korrekt-hest-batteri-9"}
    )
    assert response.status_code == 200  # the form again, with an error
    assert "_auth_user_id" not in client.session


def test_erasure_ends_the_persons_sessions(world, client_for):
    client = client_for(world.contact_b)
    assert client.get(reverse("home")).status_code == 200
    services.erase_person(world.contact_b, actor=world.staff)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_staff_cannot_erase_themselves_and_nothing_changes(world, client_for):
    response = client_for(world.staff).post(reverse("privacy:erase", args=[world.staff.pk]))
    assert response.status_code == 400
    assert "Du kan ikke slette din egen konto." in response.content.decode()
    world.staff.refresh_from_db()
    assert world.staff.is_active and world.staff.email == "staff@example.no"


def test_an_erased_person_is_gone_from_the_list_and_cannot_be_erased_twice(world, client_for):
    services.erase_person(world.contact_b, actor=world.staff)
    client = client_for(world.staff)
    assert client.get(reverse("privacy:erase", args=[world.contact_b.pk])).status_code == 404
    page = client.get(reverse("privacy:people")).content.decode()
    assert "anonymised.invalid" not in page
    with pytest.raises(services.PrivacyError):
        services.erase_person(User.objects.get(pk=world.contact_b.pk), actor=world.staff)


def test_people_search_filters_by_name_or_email(world, client_for):
    page = client_for(world.staff).get(reverse("privacy:people"), {"q": "beta.kommune"}).content.decode()
    assert "Bjørn Beta" in page and "Kari Alfa" not in page


def test_people_list_query_count_does_not_grow(world, client_for, django_assert_num_queries):
    client = client_for(world.staff)
    with django_assert_num_queries(5):
        client.get(reverse("privacy:people"))
    for i in range(30):
        UserFactory(email=f"mange{i}@example.no", full_name=f"Mange {i}")
    with django_assert_num_queries(5):
        client.get(reverse("privacy:people"))


# --- Retention -------------------------------------------------------------------------------


@pytest.fixture
def old_cohort(db):
    """A cohort that ended on 30 June 2023, with one person who is only in it and one who is also in a new one."""
    old = CohortFactory(year=2022, name="Omdømmeskolen 2022", starts_on=date(2022, 9, 1), ends_on=date(2023, 6, 30))
    new = CohortFactory(year=2026, name="Omdømmeskolen 2026", starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 1))
    org_old, org_both = OrganisationFactory(name="Gammel kommune"), OrganisationFactory(name="Begge kommune")
    gone = UserFactory(email="gammel@kommune.no", full_name="Gunnar Gammel", phone="33333333")
    stays = UserFactory(email="begge@kommune.no", full_name="Berit Begge")
    MembershipFactory(organisation=org_old, user=gone)
    MembershipFactory(organisation=org_both, user=stays)
    e_old = EnrolmentFactory(cohort=old, organisation=org_old, goals="Gamle mål")
    e_both = EnrolmentFactory(cohort=old, organisation=org_both)
    EnrolmentFactory(cohort=new, organisation=org_both)
    e_old.team.add(gone)
    e_both.team.add(stays)
    record(gone, "homework.submitted", "Gunnar Gammel leverte", cohort=old, organisation=org_old)
    _mail_to(gone, cohort_id=old.pk)
    Invitation.objects.create(organisation=org_old, cohort=old, email="ny@kommune.no", full_name="Nils Ny")
    return {"old": old, "new": new, "gone": gone, "stays": stays, "enrolment": e_old}


def test_cutoff_is_the_retention_period_before_today(settings):
    settings.PERSONAL_DATA_RETENTION_MONTHS = 36
    assert services.retention_cutoff(date(2026, 7, 1)) == date(2023, 7, 1)
    settings.PERSONAL_DATA_RETENTION_MONTHS = 1
    assert services.retention_cutoff(date(2026, 3, 31)) == date(2026, 2, 28)
    assert services.retention_cutoff(date(2026, 1, 15)) == date(2025, 12, 15)


def test_nothing_is_purged_before_the_retention_period_ends(old_cohort, settings):
    settings.PERSONAL_DATA_RETENTION_MONTHS = 36
    with time_machine.travel(date(2026, 6, 29), tick=False):
        report = services.purge_expired()
    assert report.cohorts == [] and report.people == []
    old_cohort["gone"].refresh_from_db()
    assert old_cohort["gone"].full_name == "Gunnar Gammel"


def test_the_daily_task_purges_a_cohort_after_the_retention_period(old_cohort, settings):
    settings.PERSONAL_DATA_RETENTION_MONTHS = 36
    old_gathering = GatheringFactory(cohort=old_cohort["old"])
    new_gathering = GatheringFactory(cohort=old_cohort["new"])
    RegistrationFactory(gathering=old_gathering, user=old_cohort["gone"], dietary_needs="Nøtteallergi")
    RegistrationFactory(gathering=new_gathering, user=old_cohort["stays"], dietary_needs="Vegetar")
    with time_machine.travel(date(2026, 7, 1), tick=False):
        result = purge_expired_personal_data_task.delay().get()
    old, gone, stays = old_cohort["old"], old_cohort["gone"], old_cohort["stays"]
    assert result == {"cohorts": [old.pk], "people": [gone.pk]}
    assert list(Registration.objects.order_by("gathering__cohort__year").values_list("dietary_needs", flat=True)) == [
        "",
        "Vegetar",
    ]  # the apps' cohort purgers ran for the expired cohort only
    gone.refresh_from_db()
    stays.refresh_from_db()
    assert gone.full_name == f"Anonymised person {gone.pk}" and gone.phone == "" and not gone.is_active
    assert stays.full_name == "Berit Begge" and stays.is_active  # still in the 2026 cohort
    assert not Activity.objects.filter(cohort=old).exclude(actor_name="").exists()
    assert not Activity.objects.filter(description__contains="Gunnar").exists()
    assert list(OutboxMail.objects.filter(cohort_id=old.pk).values_list("recipients", "body_text")) == [([], "")]
    assert not Invitation.objects.filter(email="ny@kommune.no").exists()
    old_cohort["enrolment"].refresh_from_db()
    assert old_cohort["enrolment"].goals == "Gamle mål"  # the organisation's own data stays


def test_the_command_has_a_dry_run_that_changes_nothing(old_cohort, settings, capsys):
    settings.PERSONAL_DATA_RETENTION_MONTHS = 36
    with time_machine.travel(date(2026, 7, 1), tick=False):
        call_command("purge_personal_data", "--dry-run")
        out = capsys.readouterr().out
        assert "Would purge 1 cohort(s)" in out
        old_cohort["gone"].refresh_from_db()
        assert old_cohort["gone"].full_name == "Gunnar Gammel"
        call_command("purge_personal_data")
        assert "Purged 1 cohort(s)" in capsys.readouterr().out
    old_cohort["gone"].refresh_from_db()
    assert old_cohort["gone"].full_name != "Gunnar Gammel"
    # A second run finds nobody left to erase.
    with time_machine.travel(date(2026, 7, 2), tick=False):
        assert services.purge_expired().people == []


def test_the_policy_tag_renders_the_retention_period_in_any_template(settings):
    from django.template import Context, Template
    from django.utils import translation

    settings.PERSONAL_DATA_RETENTION_MONTHS = 18
    with translation.override("nn"):
        html = Template("{% load privacy_tags %}{% privacy_policy %}").render(Context({}))
    assert "18 månader" in html and "Kva vi lagrar" in html
