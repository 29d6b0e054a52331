"""Demo data: the three 2012 gatherings with their programme (from the source presentation), the
same three for the current cohort ahead of today, registrations, and a speed-advisory grid at the
first current gathering with slots claimed by both advisors, some booked by Fjordvik, some free."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import formats, timezone, translation

from omdomme.core.extensions import DemoContext

from . import services
from .models import AdvisorySlot, Gathering, ProgrammeItem, ProgrammeItemKind, Registration, RegistrationStatus

T, W, S, M, TR = (
    ProgrammeItemKind.TALK,
    ProgrammeItemKind.WORKSHOP,
    ProgrammeItemKind.SPEED_ADVISORY,
    ProgrammeItemKind.MEAL,
    ProgrammeItemKind.TRAVEL,
)
DS = "Distriktssenteret"
TIBE = "Tibe PR"

GATHERINGS_2012 = [
    {
        "number": 1,
        "title": "Samling 1 – Stiklestad",
        "venue": "Stiklestad Nasjonale Kultursenter",
        "address": "Stiklestadvegen 1",
        "town": "Verdal",
        "starts_on": date(2012, 9, 25),
        "ends_on": date(2012, 9, 26),
        "travel_info": "Fly til Værnes, tog videre til Verdal. Felles buss fra Verdal stasjon kl. 09.15.",
        "accommodation_info": "Rom er reservert på Stiklestad hotell natt til {second_day}.",
        "costs_info": "Kursavgiften dekker opphold og måltider. Reise dekkes av kommunen selv.",
        "what_to_bring": "Kommunens omdømmeplan eller kommuneplan, og gjerne bilder fra kommunen.",
        "programme": [
            (
                0,
                "10:00",
                "10:30",
                "Velkommen til {cohort}",
                "Halvor, Distriktssenteret",
                T,
                "Distriktssenteret ønsker velkommen til årets omdømmeskole, i faglig samarbeid med Tibe PR.",
            ),
            (
                0,
                "10:30",
                "11:30",
                "Omdømmebygging i lokalt utviklingsarbeid",
                "Torbjørn, Distriktssenteret",
                T,
                "Utviklingskultur og utviklingsledelse: å tenke helhetlig, være mangfoldig og jobbe langsiktig.",
            ),
            (0, "11:30", "12:30", "Lunsj", "", M, ""),
            (
                0,
                "12:30",
                "14:00",
                "Hva er omdømme?",
                "Harald Espeland, Tibe PR",
                T,
                "Identitet, profil og omdømme – og hvorfor det du gjør betyr mer enn det du sier.",
            ),
            (
                0,
                "14:00",
                "15:00",
                "Erfaringer fra tidligere kull: Nordre Land og Kvinesdal",
                DS,
                T,
                "Landsbyen i Nordre Land og innbyggerundersøkelsen i Kvinesdal.",
            ),
            (0, "15:15", "17:00", "Speedrådgivning", TIBE, S, "Korte møter mellom kommunens team og en rådgiver."),
            (0, "19:00", "21:00", "Middag", "", M, ""),
            (
                1,
                "09:00",
                "10:30",
                "Kommunikasjonsstrategi og kjernefortelling",
                "Kåre Stig Nøstdal og Arnt Olav Hønsvik, Tibe PR",
                W,
                "",
            ),
            (
                1,
                "10:45",
                "11:45",
                "Introduksjon til hjemmeoppgaven",
                DS,
                T,
                "Hjemmeoppgave 1: beskriv kommunens omdømme i dag, og hvem som må være med.",
            ),
            (1, "12:00", "13:00", "Lunsj og avreise", "", M, ""),
        ],
    },
    {
        "number": 2,
        "title": "Samling 2 – Malangen brygge",
        "venue": "Malangen brygge",
        "address": "Malangen",
        "town": "Balsfjord",
        "starts_on": date(2012, 11, 13),
        "ends_on": date(2012, 11, 15),
        "travel_info": "Fly til Tromsø. Felles buss fra Tromsø lufthavn kl. 11.00.",
        "accommodation_info": "To netter på Malangen brygge.",
        "costs_info": "Kursavgiften dekker opphold og måltider.",
        "what_to_bring": "Hjemmeoppgave 1, ferdig levert.",
        "programme": [
            (0, "13:00", "13:30", "Velkommen tilbake", DS, T, ""),
            (0, "13:30", "15:00", "Gjennomgang av hjemmeoppgavene", TIBE, W, ""),
            (0, "15:15", "17:30", "Speedrådgivning", TIBE, S, ""),
            (0, "19:00", "21:00", "Middag", "", M, ""),
            (1, "09:00", "11:00", "Forankring i kommuneplanen", DS, T, "Forankring tar lengre tid enn man tror."),
            (1, "11:00", "12:00", "Lunsj", "", M, ""),
            (1, "12:00", "15:00", "Verksted: lavthengende frukter", TIBE, W, "Plukk de lavthengende fruktene først."),
            (2, "09:00", "10:30", "Introduksjon til hjemmeoppgave 2", DS, T, ""),
            (2, "11:00", "12:00", "Lunsj og avreise", "", TR, ""),
        ],
    },
    {
        "number": 3,
        "title": "Samling 3 – Drammen",
        "venue": "Union Scene",
        "address": "Grønland 60",
        "town": "Drammen",
        "starts_on": date(2013, 1, 17),
        "ends_on": date(2013, 1, 18),
        "travel_info": "Tog til Drammen stasjon, ti minutter å gå.",
        "accommodation_info": "Rom er reservert i Drammen sentrum natt til {second_day}.",
        "costs_info": "Kursavgiften dekker opphold og måltider.",
        "what_to_bring": "Hjemmeoppgave 2 og kommunens plan for videre arbeid.",
        "programme": [
            (0, "10:00", "10:30", "Velkommen til siste samling", DS, T, ""),
            (0, "10:30", "12:00", "Byutvikling og omdømme – Drammen som eksempel", TIBE, T, ""),
            (0, "12:00", "13:00", "Lunsj", "", M, ""),
            (0, "13:00", "15:30", "Speedrådgivning", TIBE, S, ""),
            (1, "09:00", "11:00", "Veien videre: evaluering og innbyggerundersøkelser", DS, T, ""),
            (1, "11:00", "12:00", "Avslutning og lunsj", "", M, ""),
        ],
    },
]


def _t(value: str) -> time:
    h, m = value.split(":")
    return time(int(h), int(m))


def _gathering(cohort, spec: dict, starts_on: date, published: bool = True) -> Gathering:
    shift = starts_on - spec["starts_on"]
    # Texts that name a date or the cohort follow this gathering's own dates and cohort.
    with translation.override("nb"):
        names = {
            "second_day": formats.date_format(starts_on + timedelta(days=1), "MONTH_DAY_FORMAT"),
            "cohort": cohort.name,
        }
    fields = {
        k: v.format(**names) if isinstance(v, str) else v
        for k, v in spec.items()
        if k not in ("number", "programme", "starts_on", "ends_on")
    }
    gathering, created = Gathering.objects.get_or_create(
        cohort=cohort,
        number=spec["number"],
        defaults={
            **fields,
            "starts_on": starts_on,
            "ends_on": spec["ends_on"] + shift,
            "is_published": published,
            "published_at": timezone.now() if published else None,
            "capacity": 60,
            "registration_deadline": timezone.make_aware(datetime.combine(starts_on - timedelta(days=7), time(23, 59))),
        },
    )
    if created or not gathering.programme_items.exists():
        ProgrammeItem.objects.bulk_create(
            [
                ProgrammeItem(
                    gathering=gathering,
                    day=gathering.starts_on + timedelta(days=d),
                    starts_at=_t(a),
                    ends_at=_t(b),
                    title=title.format(cohort=cohort.name),
                    speakers=who,
                    kind=kind,
                    description=desc,
                )
                for d, a, b, title, who, kind, desc in spec["programme"]
            ]
        )
    return gathering


def seed(ctx: DemoContext) -> None:
    for spec in GATHERINGS_2012:
        _gathering(ctx.cohorts[2012], spec, spec["starts_on"])

    # The current cohort: the first gathering three weeks ahead, the others spaced as in 2012.
    first = ctx.today + timedelta(days=21)
    base = GATHERINGS_2012[0]["starts_on"]
    current = [_gathering(ctx.current, spec, first + (spec["starts_on"] - base)) for spec in GATHERINGS_2012]

    staff, contact, member, contact2 = (ctx.users[k] for k in ("staff", "contact", "member", "contact2"))
    fjordvik, nordbygd = ctx.organisations["Fjordvik kommune"], ctx.organisations["Nordbygd kommune"]
    g1 = current[0]
    days = [d.isoformat() for d in g1.days]
    for person, org, diet in (
        (contact, fjordvik, "Glutenfri"),
        (member, fjordvik, ""),
        (contact2, nordbygd, "Vegetar"),
    ):
        if not Registration.objects.filter(gathering=g1, user=person).exists():
            Registration.objects.create(
                gathering=g1,
                user=person,
                organisation=org,
                days=days,
                dietary_needs=diet,
                accommodation_nights=[g1.starts_on.isoformat()],
                status=RegistrationStatus.CONFIRMED,
                registered_by=person,
            )

    if not AdvisorySlot.objects.filter(gathering=g1).exists():
        slots = services.layout_slots(
            g1,
            day=g1.starts_on,
            start=time(15, 15),
            end=time(17, 0),
            slot_minutes=20,
            buffer_minutes=5,
            rooms=3,
            room_prefix="Rom",
            actor=staff,
        )
        slots = list(AdvisorySlot.objects.filter(gathering=g1).order_by("starts_at", "room"))
        by_room: dict[str, list[AdvisorySlot]] = {}
        for s in slots:
            by_room.setdefault(s.room, []).append(s)
        for advisor, room in ((ctx.users["advisor"], "Rom 1"), (ctx.users["advisor2"], "Rom 2")):
            for s in by_room[room]:
                services.claim_slot(s, actor=advisor)
        services.book_slot(
            by_room["Rom 1"][0], fjordvik, topic="Hvordan få med innbyggerne i omdømmearbeidet?", actor=contact
        )
        services.book_slot(by_room["Rom 2"][2], fjordvik, topic="Kjernefortelling for tilflytting", actor=contact)
        services.book_slot(by_room["Rom 2"][0], nordbygd, topic="Forankring i kommuneplanen", actor=contact2)
