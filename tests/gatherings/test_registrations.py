"""Registrations: deadline, capacity, waiting list promotion with an email, team registration."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cohorts.models import Activity, MembershipRole
from omdomme.notifications.models import OutboxMail
from sessions import services
from sessions.models import Registration, RegistrationStatus
from sessions.services import RegistrationData, RegistrationError
from tests.factories import MembershipFactory, UserFactory

from .factories import GatheringFactory

pytestmark = pytest.mark.django_db


def _data(gathering, **kw):
    return RegistrationData(days=[d.isoformat() for d in gathering.days], **kw)


def _person(world, org, name):
    user = UserFactory(full_name=name, email=f"{name.lower().replace(' ', '.')}@example.no")
    MembershipFactory(organisation=org, user=user, role=MembershipRole.MEMBER)
    return user


def test_contact_registers_self_with_details(world, gathering):
    reg = services.register(
        gathering,
        world.contact_a,
        _data(gathering, dietary_needs="Glutenfri", accommodation_nights=[gathering.starts_on.isoformat()]),
        organisation=world.org_a,
        actor=world.contact_a,
    )
    reg.refresh_from_db()
    assert (reg.status, reg.dietary_needs, reg.accommodation_nights, reg.organisation) == (
        RegistrationStatus.CONFIRMED,
        "Glutenfri",
        [gathering.starts_on.isoformat()],
        world.org_a,
    )
    assert Activity.objects.filter(verb="registration.created", target_id=reg.pk).count() == 1


def test_registering_after_the_deadline_is_refused_but_staff_may(world):
    gathering = GatheringFactory(
        cohort=world.cohort, number=1, registration_deadline=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(RegistrationError) as info:
        services.register(gathering, world.contact_a, _data(gathering), organisation=world.org_a, actor=world.contact_a)
    assert "The registration deadline for Samling 1 has passed" in " ".join(info.value.messages)
    assert Registration.objects.count() == 0
    services.register(gathering, world.contact_a, _data(gathering), organisation=world.org_a, actor=world.staff)
    assert Registration.objects.get().registered_by == world.staff


def test_editing_after_the_deadline_is_for_staff_only(world, gathering):
    reg = services.register(
        gathering, world.contact_a, _data(gathering), organisation=world.org_a, actor=world.contact_a
    )
    later = gathering.registration_deadline + timedelta(hours=1)
    with pytest.raises(RegistrationError, match="only the course staff can change"):
        services.update_registration(reg, _data(gathering, comment="Sen endring"), now=later, actor=world.contact_a)
    assert Registration.objects.get(pk=reg.pk).comment == ""
    services.update_registration(reg, _data(gathering, comment="Sen endring"), now=later, actor=world.staff)
    assert Registration.objects.get(pk=reg.pk).comment == "Sen endring"


def test_registering_over_capacity_is_refused_without_the_waiting_list(world):
    gathering = GatheringFactory(cohort=world.cohort, number=1, capacity=1)
    services.register(gathering, world.contact_a, _data(gathering), organisation=world.org_a, actor=world.contact_a)
    with pytest.raises(RegistrationError) as info:
        services.register(gathering, world.contact_b, _data(gathering), organisation=world.org_b, actor=world.contact_b)
    assert " ".join(info.value.messages) == "Samling 1 is full (1 places). You can join the waiting list instead."
    assert Registration.objects.filter(user=world.contact_b).count() == 0


def test_days_outside_the_gathering_are_refused(world, gathering):
    bad = RegistrationData(days=[(gathering.ends_on + timedelta(days=3)).isoformat()])
    with pytest.raises(RegistrationError, match="Choose days of the gathering"):
        services.register(gathering, world.contact_a, bad, organisation=world.org_a, actor=world.contact_a)
    assert Registration.objects.count() == 0


def test_waiting_list_promotes_in_order_with_an_email(world, django_capture_on_commit_callbacks, mailoutbox):
    gathering = GatheringFactory(cohort=world.cohort, number=1, capacity=1)
    first = services.register(
        gathering, world.contact_a, _data(gathering), organisation=world.org_a, actor=world.contact_a
    )
    p1 = _person(world, world.org_b, "Vera Venter")
    p2 = _person(world, world.org_b, "Viktor Venter")
    w1 = services.register(
        gathering, p1, _data(gathering), organisation=world.org_b, waiting_list=True, actor=world.contact_b
    )
    w2 = services.register(
        gathering, p2, _data(gathering), organisation=world.org_b, waiting_list=True, actor=world.contact_b
    )
    assert [w1.status, w2.status] == [RegistrationStatus.WAITING, RegistrationStatus.WAITING]

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(first, actor=world.contact_a)

    statuses = dict(Registration.objects.values_list("user__full_name", "status"))
    assert statuses == {world.contact_a.full_name: "cancelled", "Vera Venter": "confirmed", "Viktor Venter": "waiting"}
    mail = OutboxMail.objects.get(kind="gathering_place_free")
    assert (mail.recipients, mail.recipient_user, mail.related_id) == ([p1.email], p1, w1.pk)
    assert mail.subject == "Du har fått plass på Samling 1"
    assert [m.to for m in mailoutbox] == [[p1.email]]


def test_contact_registers_team_member_but_not_others(world, gathering):
    member = _person(world, world.org_a, "Tore Team")
    assert services.can_register_for(world.contact_a, gathering, member, world.org_a)
    assert not services.can_register_for(world.contact_a, gathering, world.contact_b, world.org_b)
    assert not services.can_register_for(member, gathering, world.contact_a, world.org_a)
    assert services.can_register_for(member, gathering, member, world.org_a)


def test_check_in_marks_present(world, gathering):
    reg = services.register(
        gathering, world.contact_a, _data(gathering), organisation=world.org_a, actor=world.contact_a
    )
    services.check_in(reg, actor=world.staff)
    assert Registration.objects.get(pk=reg.pk).checked_in_at is not None
    services.check_in(reg, present=False, actor=world.staff)
    assert Registration.objects.get(pk=reg.pk).checked_in_at is None


def test_copy_gathering_shifts_dates_and_programme(world):
    from .factories import ProgrammeItemFactory

    source = GatheringFactory(cohort=world.other_cohort, number=2, title="Malangen")
    ProgrammeItemFactory(gathering=source, day=source.ends_on, title="Speedrådgivning")
    copy = services.copy_gathering(source, world.cohort, actor=world.staff)
    assert (copy.cohort, copy.number, copy.title, copy.is_published) == (world.cohort, 1, "Malangen", False)
    shift = copy.starts_on - source.starts_on
    assert shift.days % 7 == 0 and 357 <= shift.days <= 371
    assert list(copy.programme_items.values_list("day", "title")) == [(source.ends_on + shift, "Speedrådgivning")]


def test_raising_the_capacity_promotes_the_waiting_list(world):
    gathering = GatheringFactory(cohort=world.cohort, number=1, capacity=1)
    services.register(gathering, world.contact_a, _data(gathering), organisation=world.org_a, actor=world.contact_a)
    waiting = services.register(
        gathering, world.contact_b, _data(gathering), organisation=world.org_b, waiting_list=True, actor=world.contact_b
    )
    gathering.capacity = 2
    services.save_gathering(gathering, actor=world.staff)
    assert Registration.objects.get(pk=waiting.pk).status == RegistrationStatus.CONFIRMED
    assert OutboxMail.objects.filter(kind="gathering_place_free", recipient_user=world.contact_b).count() == 1
