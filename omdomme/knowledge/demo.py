"""Demo data for the knowledge bank, written from the source presentation: the cases of Nordre Land
(2009), Eidfjord and Kvinesdal (2010), and the talks' material on the 2012 gatherings. Idempotent."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from homework import services as homework_services
from homework import uploads
from homework.models import FileType, MethodStep, Submission
from homework.samples import pdf_bytes
from omdomme.core.extensions import DemoContext
from sessions import materials
from sessions.models import Gathering, Material, MaterialKind

from . import indexing
from .models import CaseAudience, CaseStatus, CaseStory

CASES = [
    {
        "organisation": "Nordre Land",
        "year": 2009,
        "title": "Landsbyen Nordre Land: omdømme som resultat av godt utviklingsarbeid",
        "summary": (
            "Nordre Land kommune i Oppland deltok på Omdømmeskolen 2009. Distriktssenteret har sett på "
            "utviklingsarbeidet deres: her finnes både utviklingskultur og utviklingsledelse."
        ),
        "what_they_did": (
            "Kommunen bygde videre på egen identitet og eierskapet til landsbybegrepet, med landsbyens "
            "næringshage, næringsrådgiver og ordfører som frontfigurer. Prosjekt og hverdagsliv går hånd i "
            "hånd, og arbeidet har en rød tråd som er gjenkjennbar."
        ),
        "results": "Nasjonal oppmerksomhet: kommunen har hatt to statsråder på besøk de siste årene.",
        "lessons": (
            "Erkjenn at arbeidet er langsiktig. La definerte verdier ligge i bunn, og bygg på det som er ekte. "
            "Ledere i det offentlige, det private og frivilligheten er samfunnsentreprenører og lokale "
            "støttespillere – og utviklingsaktørene er uredde."
        ),
        "method_step": MethodStep.LONG_TERM,
        "topic": "stedsutvikling",
        "audience": CaseAudience.PUBLIC,
    },
    {
        "organisation": "Eidfjord",
        "year": 2010,
        "title": "Ambassadørskolen i Eidfjord",
        "summary": (
            "Eidfjord kommune i Hordaland (ca. 900 innbyggere, 1500 kvadratkilometer, 95 prosent over 600 "
            "meter over havet) deltok på Omdømmeskolen 2010 og ble fulgt av Oxford Research."
        ),
        "what_they_did": (
            "Målet var å øke bevisstheten om at omdømme er noe hver og en i bygda bør arbeide med, og å øke "
            "samarbeidsånden mellom sektorene i kommunen. Kommunen startet en ambassadørskole med grunnkurs, "
            "videregående kurs, bachelor og mastergrad."
        ),
        "results": "Innbyggerne ble ambassadører for kommunen under mottoet «Vakker – vennlig – vågal».",
        "lessons": (
            "Det viktigste er hva en faktisk gjør. Begynn gjerne med de lavthengende fruktene, så får en "
            "konkrete resultater å vise til og momentum i omdømmearbeidet."
        ),
        "method_step": MethodStep.IDENTITY_REPUTATION,
        "topic": "ambassadører",
        "audience": CaseAudience.PARTICIPANTS,
    },
    {
        "organisation": "Kvinesdal",
        "year": 2010,
        "title": "Innbyggarundersøkinga i Kvinesdal",
        "summary": (
            "Kvinesdal kommune (Vest-Agder) deltok på Omdømmeskolen 2010 og har nettopp gjennomført ei "
            "innbyggarundersøking som viser at omdømmet til kommunen blant innbyggarane er styrkt frå 2009 "
            "til 2011."
        ),
        "what_they_did": (
            "Omdømmearbeidet har forankring i kommuneplanen. I handlingsplanen arbeider kommunen med "
            "kvalitetstiltak på tenesteområda, kommunikasjons- og dialogtiltak, innbyggarundersøkingar og ein "
            "innbyggarkonsulent som skal arbeide med inkludering og medverknad. Kommunikasjonsstrategi og "
            "vertskapsrolla er òg med."
        ),
        "results": (
            "«Det viser at vi er på rett veg når det gjeld det langsiktige og viktige omdømmearbeidet som "
            "kommunen har sett i gang» (kommunalsjef Jostein Røysland)."
        ),
        "lessons": (
            "Forankring tek lengre tid enn ein trur, men det er ei investering som er verd det. Omdømmeskulen "
            "har vore til inspirasjon, og ikkje minst når vi skal ta det vidare ut til innbyggarane."
        ),
        "method_step": MethodStep.ANCHORING,
        "topic": "innbyggarundersøking",
        "audience": CaseAudience.PARTICIPANTS,
    },
]

# (gathering number, programme item title or None, material title, text in the PDF, for alumni)
MATERIALS_2012 = [
    (
        1,
        "Velkommen til Omdømmeskolen 2012",
        "Lysark: Omdømmeskolen 2012",
        "Omdømmeskolen 2012. Fjerde året Distriktssenteret arrangerer omdømmeskole for kommuner og regionråd.",
        False,
    ),
    (
        1,
        "Omdømmebygging i lokalt utviklingsarbeid",
        "Lysark: Helhetlig, mangfoldig og langsiktig",
        "Omdømme er resultat av et godt utviklingsarbeid. Utviklingskultur og utviklingsledelse.",
        True,
    ),
    (
        1,
        "Erfaringer fra tidligere kull: Nordre Land og Kvinesdal",
        "Evalueringene: fire lærdommer fra kommunene",
        "Forankring tar lengre tid enn en tror. Forankre arbeidet i kommuneplanen. Det viktigste er hva en "
        "faktisk gjør. Begynn med de lavthengende fruktene.",
        True,
    ),
    (
        2,
        "Forankring i kommuneplanen",
        "Lysark: Forankring i kommuneplanen",
        "Forankring i kommunens generelle arbeid gir langsiktig og systematisk omdømmearbeid.",
        False,
    ),
    (3, None, "Praktisk informasjon: Drammen", "Samling 3, 17.–18. januar 2013 i Drammen.", False),
]


def _organisation(ctx: DemoContext, name: str):
    for key, org in ctx.organisations.items():
        if key == name or key.startswith(f"{name} "):
            return org
    return None


def _seed_cases(ctx: DemoContext, staff) -> None:
    for data in CASES:
        data = dict(data)
        org = _organisation(ctx, data.pop("organisation"))
        cohort = ctx.cohorts.get(data.pop("year"))
        if org is None or cohort is None:
            continue
        CaseStory.objects.get_or_create(
            organisation=org,
            title=data.pop("title"),
            defaults={
                **data,
                "cohort": cohort,
                "status": CaseStatus.PUBLISHED,
                "published_at": timezone.now(),
                "created_by": staff,
            },
        )


def _seed_materials(ctx: DemoContext, staff) -> None:
    gatherings = {g.number: g for g in Gathering.objects.filter(cohort=ctx.cohorts.get(2012))}
    for number, item_title, title, text, for_alumni in MATERIALS_2012:
        gathering = gatherings.get(number)
        if gathering is None or Material.objects.filter(gathering=gathering, title=title).exists():
            continue
        item = gathering.programme_items.filter(title=item_title).first() if item_title else None
        upload = SimpleUploadedFile(f"{title.split(':')[-1].strip()}.pdf", pdf_bytes(text))
        checked = uploads.check_upload(upload, allowed_types=[FileType.PDF], max_size=1024 * 1024)
        material = materials.create_material(
            gathering,
            actor=staff,
            title=title,
            kind=MaterialKind.FILE,
            programme_item=item,
            checked=checked,
            for_alumni=for_alumni,
        )
        materials.publish_material(material, actor=staff)


def _seed_consent(ctx: DemoContext) -> None:
    """One 2012 team consented to share its approved homework with all cohorts."""
    shared = Submission.objects.filter(
        cohort=ctx.cohorts.get(2012), organisation__name="Lia kommune", shared_at__isnull=False
    ).first()
    if shared is not None and shared.shared_beyond_at is None and shared.shared_by is not None:
        homework_services.share_beyond_cohort(shared, actor=shared.shared_by)


def seed(ctx: DemoContext) -> None:
    staff = ctx.users["staff"]
    _seed_cases(ctx, staff)
    _seed_materials(ctx, staff)
    _seed_consent(ctx)
    indexing.rebuild_index()
