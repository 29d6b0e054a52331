"""Rows for gatherings: gatherings and programme, registrations, speed advisory, calendar."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from cohorts.models import MembershipRole
from sessions import services
from tests.factories import CohortRoleFactory, MembershipFactory, UserFactory
from tests.gatherings.factories import GatheringFactory, ProgrammeItemFactory, RegistrationFactory, SlotFactory, at
from tests.permissions.matrix import COHORT_MEMBERS, SIGNED_IN, STAFF_ONLY, Row, expect, redirect_ok

COHORT_STAFF = expect(200, 403, 403, 403, 403, 404)  # seen by the cohort, changed by staff only
COHORT_STAFF_POST = redirect_ok(COHORT_STAFF)
OWN_REG = expect(200, 403, 403, 200, 404, 404)  # org A's registration: staff and org A change it


def extend(world) -> None:
    g = GatheringFactory(cohort=world.cohort, number=1, title="Samling på Stiklestad")
    draft = GatheringFactory(cohort=world.cohort, number=2, title="Utkast til samling", is_published=False)
    item = ProgrammeItemFactory(gathering=g, title="Velkommen")
    member_a = UserFactory(email="team.a@alfa.kommune.no", full_name="Tora Team")
    MembershipFactory(organisation=world.org_a, user=member_a, role=MembershipRole.MEMBER)
    reg_a = RegistrationFactory(gathering=g, user=world.contact_a, organisation=world.org_a)
    reg_b = RegistrationFactory(
        gathering=g,
        user=world.contact_b,
        organisation=world.org_b,
        dietary_needs="HEMMELIG-BETA-DIETT",
        comment="HEMMELIG-BETA-KOMMENTAR",
    )
    day = g.starts_on

    def slot(hour, minute=0, **kw):
        start = at(day, hour, minute)
        return SlotFactory(gathering=g, starts_at=start, ends_at=start + timedelta(minutes=20), **kw)

    free = slot(12, room="Rom 1")
    open_ = slot(13, room="Rom 1", advisor=world.advisor)
    booked_a = slot(
        13, 30, room="Rom 1", advisor=world.advisor, organisation=world.org_a, booking_ordinal=1, topic="Alfa sitt tema"
    )
    booked_b = slot(
        14, room="Rom 1", advisor=world.advisor, organisation=world.org_b, booking_ordinal=1, topic="HEMMELIG-BETA-TEMA"
    )
    free_c, open_c, booked_c = _other_cohort_slots(world)
    world.contact_a.calendar_token = "a" * 43
    world.contact_a.save(update_fields=["calendar_token"])
    world.extra.update(
        gathering=g,
        draft=draft,
        item=item,
        member_a=member_a,
        reg_a=reg_a,
        reg_b=reg_b,
        free_slot=free,
        open_slot=open_,
        slot_a=booked_a,
        slot_b=booked_b,
        free_slot_c=free_c,
        open_slot_c=open_c,
        slot_c=booked_c,
    )
    world.secrets_b.extend(["HEMMELIG-BETA-TEMA", "HEMMELIG-BETA-DIETT", "HEMMELIG-BETA-KOMMENTAR"])


def _other_cohort_slots(world):
    """Slots at a gathering of the other cohort, where advisor and evaluator are not assigned: one
    free, one claimed by that cohort's own advisor, one booked by org C. No persona but staff may see
    them (the IDOR sweep swaps their ids into every slot URL)."""
    g = GatheringFactory(cohort=world.other_cohort, number=1, title="Gamma-samling")
    advisor_c = UserFactory(email="radgiver.c@example.no", full_name="Rådgiver Gunnar", is_advisor=True)
    CohortRoleFactory(cohort=world.other_cohort, user=advisor_c, role="advisor")
    free, open_, booked = (
        SlotFactory(gathering=g, starts_at=at(g.starts_on, hour), ends_at=at(g.starts_on, hour, 20), room="Rom C")
        for hour in (12, 13, 14)
    )
    open_ = services.claim_slot(open_, actor=advisor_c)
    booked = services.book_slot(
        services.claim_slot(booked, actor=advisor_c), world.org_c, topic="Gamma sitt tema", actor=world.staff
    )
    return free, open_, booked


def _gathering_data(w):
    d = w.gathering.starts_on + timedelta(days=60)
    return {
        "cohort": w.cohort.pk,
        "number": 7,
        "title_nb": "Ny samling",
        "starts_on": d.isoformat(),
        "ends_on": d.isoformat(),
        "max_bookings_per_organisation": 2,
    }


def _reg_data(w):
    return {"person": w.member_a.pk, "days": [w.gathering.starts_on.isoformat()], "dietary_needs": ""}


def _g(name, *args):
    return lambda w: reverse(f"gatherings:{name}", args=[a(w) for a in args])


G = lambda w: w.gathering.pk  # noqa: E731
FUTURE = lambda: (timezone.localtime() + timedelta(days=40)).strftime("%Y-%m-%dT10:00")  # noqa: E731

ROWS = [
    Row("gatherings:gathering_list", _g("gathering_list"), SIGNED_IN),
    Row("gatherings:gathering_create", _g("gathering_create"), STAFF_ONLY),
    Row(
        "gatherings:gathering_create",
        _g("gathering_create"),
        redirect_ok(STAFF_ONLY),
        method="post",
        data=_gathering_data,
    ),
    Row("gatherings:gathering_detail", lambda w: w.gathering.get_absolute_url(), COHORT_MEMBERS),
    Row(
        "gatherings:gathering_detail",
        lambda w: w.draft.get_absolute_url(),
        expect(200, 404, 404, 404, 404, 404),
        label="draft",
    ),
    Row("gatherings:gathering_edit", _g("gathering_edit", G), COHORT_STAFF),
    Row(
        "gatherings:gathering_edit",
        _g("gathering_edit", G),
        COHORT_STAFF_POST,
        method="post",
        data=lambda w: {**_gathering_data(w), "number": 1},
    ),
    Row(
        "gatherings:gathering_publish",
        _g("gathering_publish", lambda w: w.draft.pk),
        expect(302, 404, 404, 404, 404, 404),
        method="post",
        data=lambda w: {"publish": "1"},
    ),
    Row("gatherings:gathering_copy", _g("gathering_copy", G), COHORT_STAFF),
    Row(
        "gatherings:gathering_copy",
        _g("gathering_copy", G),
        COHORT_STAFF_POST,
        method="post",
        data=lambda w: {"cohort": w.other_cohort.pk},
    ),
    Row("gatherings:gathering_ics", _g("gathering_ics", G), COHORT_MEMBERS),
    Row("gatherings:programme", _g("programme", G), COHORT_MEMBERS),
    Row("gatherings:programme_item_create", _g("programme_item_create", G), COHORT_STAFF),
    Row(
        "gatherings:programme_item_create",
        _g("programme_item_create", G),
        COHORT_STAFF_POST,
        method="post",
        data=lambda w: {
            "day": w.gathering.starts_on.isoformat(),
            "starts_at": "09:00",
            "ends_at": "09:30",
            "title_nb": "Kaffe",
            "kind": "meal",
        },
    ),
    Row("gatherings:programme_item_edit", _g("programme_item_edit", lambda w: w.item.pk), COHORT_STAFF),
    Row(
        "gatherings:programme_item_edit",
        _g("programme_item_edit", lambda w: w.item.pk),
        COHORT_STAFF_POST,
        method="post",
        data=lambda w: {
            "day": w.gathering.starts_on.isoformat(),
            "starts_at": "10:00",
            "title_nb": "Velkommen!",
            "kind": "talk",
        },
    ),
    Row("gatherings:programme_item_delete", _g("programme_item_delete", lambda w: w.item.pk), COHORT_STAFF),
    Row(
        "gatherings:programme_item_delete",
        _g("programme_item_delete", lambda w: w.item.pk),
        COHORT_STAFF_POST,
        method="post",
        data=lambda w: {"confirmed": "1"},
    ),
    Row("gatherings:register", _g("register", G), expect(200, 403, 403, 200, 200, 404)),
    # contact_b cannot pick org A's team member: the form says so (200) and nothing is saved.
    Row("gatherings:register", _g("register", G), expect(302, 403, 403, 302, 200, 404), method="post", data=_reg_data),
    Row("gatherings:registration_edit", lambda w: w.reg_a.get_absolute_url(), OWN_REG),
    Row(
        "gatherings:registration_edit",
        lambda w: w.reg_a.get_absolute_url(),
        redirect_ok(OWN_REG),
        method="post",
        data=lambda w: {"days": [w.gathering.starts_on.isoformat()], "comment": "Kommer litt seint"},
    ),
    Row("gatherings:registration_cancel", _g("registration_cancel", lambda w: w.reg_a.pk), OWN_REG),
    Row(
        "gatherings:registration_cancel",
        _g("registration_cancel", lambda w: w.reg_a.pk),
        redirect_ok(OWN_REG),
        method="post",
        data=lambda w: {"confirmed": "1"},
    ),
    Row(
        "gatherings:checkin_toggle",
        _g("checkin_toggle", lambda w: w.reg_a.pk),
        expect(302, 403, 403, 403, 404, 404),
        method="post",
        data=lambda w: {"present": "1"},
    ),
    Row("gatherings:registration_list", _g("registration_list", G), COHORT_STAFF),
    Row(
        "gatherings:registration_export",
        lambda w: reverse("gatherings:registration_export", args=[w.gathering.pk, "csv"]),
        COHORT_STAFF,
        label="csv",
    ),
    Row(
        "gatherings:registration_export",
        lambda w: reverse("gatherings:registration_export", args=[w.gathering.pk, "xlsx"]),
        COHORT_STAFF,
        label="xlsx",
    ),
    Row("gatherings:checkin", _g("checkin", G), COHORT_STAFF),
    Row("gatherings:attendance", _g("attendance", G), COHORT_STAFF),
    Row("gatherings:board", _g("board", G), COHORT_MEMBERS),
    Row("gatherings:slot_layout", _g("slot_layout", G), COHORT_STAFF),
    Row(
        "gatherings:slot_layout",
        _g("slot_layout", G),
        COHORT_STAFF_POST,
        method="post",
        data=lambda w: {
            "day": w.gathering.starts_on.isoformat(),
            "start": "08:00",
            "end": "09:00",
            "slot_minutes": 20,
            "buffer_minutes": 0,
            "rooms": 2,
        },
    ),
    Row("gatherings:slot_detail", lambda w: w.slot_b.get_absolute_url(), COHORT_MEMBERS),
    Row("gatherings:slot_detail", lambda w: w.slot_a.get_absolute_url(), COHORT_MEMBERS, label="own booking"),
    Row(
        "gatherings:slot_claim",
        _g("slot_claim", lambda w: w.free_slot.pk),
        expect(403, 302, 403, 403, 403, 404),
        method="post",
    ),
    Row(
        "gatherings:slot_release",
        _g("slot_release", lambda w: w.open_slot.pk),
        expect(302, 302, 403, 403, 403, 404),
        method="post",
    ),
    # contact_b may book, but not for org A: a clear message (redirect), nothing saved.
    Row(
        "gatherings:slot_book",
        _g("slot_book", lambda w: w.open_slot.pk),
        expect(302, 403, 403, 302, 302, 404),
        method="post",
        data=lambda w: {
            f"book{w.open_slot.pk}-organisation": w.org_a.pk,
            f"book{w.open_slot.pk}-topic": "Sosiale medier",
        },
    ),
    Row(
        "gatherings:slot_cancel",
        _g("slot_cancel", lambda w: w.slot_a.pk),
        expect(302, 403, 403, 302, 403, 404),
        method="post",
    ),
    Row(
        "gatherings:slot_move",
        _g("slot_move", lambda w: w.slot_a.pk),
        expect(302, 403, 403, 403, 403, 404),
        method="post",
        data=lambda w: {"target": w.open_slot.pk},
    ),
    Row(
        "gatherings:slot_notes",
        _g("slot_notes", lambda w: w.slot_a.pk),
        expect(302, 302, 403, 403, 403, 404),
        method="post",
        data=lambda w: {"advisor_notes": "Godt møte"},
    ),
    Row("gatherings:followup_create", _g("followup_create"), expect(403, 200, 403, 403, 403, 403)),
    Row(
        "gatherings:followup_create",
        _g("followup_create"),
        expect(403, 302, 403, 403, 403, 403),
        method="post",
        data=lambda w: {
            "cohort": w.cohort.pk,
            "starts_at": FUTURE(),
            "minutes": 30,
            "video_url": "https://meet.example.no/r",
        },
    ),
    Row("gatherings:my_bookings", _g("my_bookings"), SIGNED_IN),
    Row("gatherings:my_schedule", _g("my_schedule"), expect(200, 200, 403, 403, 403, 403)),
    Row("gatherings:calendar_settings", _g("calendar_settings"), SIGNED_IN),
    Row(
        "gatherings:calendar_settings",
        _g("calendar_settings"),
        redirect_ok(SIGNED_IN),
        method="post",
        data=lambda w: {"action": "generate"},
    ),
    Row(
        "gatherings:calendar_feed",
        lambda w: reverse("gatherings:calendar_feed", args=["a" * 43]),
        expect(200, 200, 200, 200, 200, 200, 200),
    ),
    Row(
        "gatherings:calendar_feed",
        lambda w: reverse("gatherings:calendar_feed", args=["b" * 43]),
        expect(404, 404, 404, 404, 404, 404, 404),
        label="unknown token",
    ),
]

# Endpoints that only take POST answer a GET with 405 (after the login check).
NOT_ALLOWED = expect(405, 405, 405, 405, 405, 405)
ROWS += [
    Row(f"gatherings:{name}", _g(name, pk), NOT_ALLOWED, label="GET not allowed")
    for name, pk in (
        ("gathering_publish", G),
        ("checkin_toggle", lambda w: w.reg_a.pk),
        ("slot_claim", lambda w: w.free_slot.pk),
        ("slot_release", lambda w: w.open_slot.pk),
        ("slot_book", lambda w: w.open_slot.pk),
        ("slot_cancel", lambda w: w.slot_a.pk),
        ("slot_move", lambda w: w.slot_a.pk),
        ("slot_notes", lambda w: w.slot_a.pk),
    )
]
