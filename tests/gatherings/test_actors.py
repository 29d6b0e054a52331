"""Gathering, registration and slot services check their keyword-only ``actor`` and log what an
allowed one does."""

from __future__ import annotations

from cohorts.models import Activity
from sessions import services
from sessions.models import AdvisorySlot, Gathering, ProgrammeItem, Registration
from tests.actors import logged_once, refused
from tests.gatherings.factories import GatheringFactory, ProgrammeItemFactory, SlotFactory


def _data(gathering) -> services.RegistrationData:
    return services.RegistrationData(days=[gathering.starts_on.isoformat()])


def test_publishing_a_gathering_is_for_staff(world):
    gathering = GatheringFactory(cohort=world.cohort, is_published=False)
    watched = Gathering.objects.filter(pk=gathering.pk)
    refused(lambda: services.publish_gathering(gathering, actor=world.advisor), watched)
    refused(lambda: services.publish_gathering(gathering, actor=world.contact_a), watched)
    logged_once(lambda: services.publish_gathering(gathering, actor=world.staff), world.staff, "gathering.published")


def test_a_contact_registers_their_own_people_only(world):
    gathering = GatheringFactory(cohort=world.cohort)
    registrations = Registration.objects.all()
    refused(
        lambda: services.register(
            gathering, world.contact_a, _data(gathering), organisation=world.org_a, actor=world.contact_b
        ),
        registrations,
    )
    reg = logged_once(
        lambda: services.register(
            gathering, world.contact_a, _data(gathering), organisation=world.org_a, actor=world.contact_a
        ),
        world.contact_a,
        "registration.created",
    )
    refused(lambda: services.cancel_registration(reg, actor=world.contact_b), registrations)
    refused(lambda: services.check_in(reg, actor=world.contact_a), registrations)
    logged_once(lambda: services.check_in(reg, actor=world.staff), world.staff, "registration.checked_in")


def test_advisor_notes_are_logged_without_their_text(world):
    slot = SlotFactory(gathering=GatheringFactory(cohort=world.cohort), advisor=world.advisor)
    slots = AdvisorySlot.objects.filter(pk=slot.pk)
    refused(
        lambda: services.save_advisor_notes(slot, "Hemmelig", actor=world.contact_a), slots, error=services.BookingError
    )
    logged_once(
        lambda: services.save_advisor_notes(slot, "Godt møte", actor=world.advisor), world.advisor, "slot.notes"
    )
    assert "Godt møte" not in Activity.objects.get(verb="slot.notes").description


def test_programme_items_are_staff_work_and_logged(world):
    gathering = GatheringFactory(cohort=world.cohort)
    items = ProgrammeItem.objects.filter(gathering=gathering)
    new = ProgrammeItemFactory.build(gathering=gathering, title="Velkommen")
    refused(lambda: services.save_programme_item(new, actor=world.advisor), items)
    refused(lambda: services.save_programme_item(new, actor=world.contact_a), items)
    item = logged_once(
        lambda: services.save_programme_item(new, actor=world.staff), world.staff, "programme_item.created"
    )
    assert list(items.all()) == [item]
    item.title = "Lunsj"
    refused(lambda: services.save_programme_item(item, actor=world.advisor), items)
    logged_once(lambda: services.save_programme_item(item, actor=world.staff), world.staff, "programme_item.updated")
    assert items.get().title == "Lunsj"
    refused(lambda: services.delete_programme_item(item, actor=world.contact_a), items)
    logged_once(lambda: services.delete_programme_item(item, actor=world.staff), world.staff, "programme_item.deleted")
    assert not items.all().exists()
