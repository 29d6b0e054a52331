"""Benchmark data for the knowledge bank: 10,000 searchable documents (case stories and link
materials on the load cohorts' gatherings), in Bokmål and Nynorsk, inserted with their vectors (an
UPDATE afterwards would leave a dead copy of every row for the search to scan past)."""

from __future__ import annotations

import random

from django.db import connection
from django.db.models import Value
from django.utils import timezone

from omdomme.core import fragments
from omdomme.core.extensions import DemoContext
from sessions.models import Material, MaterialKind, MaterialStatus

from .indexing import search_vector, uses_postgres
from .models import CaseAudience, CaseStatus, CaseStory, DocumentKind, SearchDocument
from .search import SEARCH_SCOPE

N_CASES = 8000
N_MATERIALS = 2000

BOKMAL = [
    "Kommunen satset på stedsutvikling og involverte innbyggerne tidlig.",
    "Forankring i kommuneplanen tok lengre tid enn vi trodde.",
    "Vi plukket de lavthengende fruktene først for å skape momentum.",
    "Innbyggerundersøkelsen viste at omdømmet ble bedre på to år.",
    "Ambassadørene fortalte historien om bygda på sosiale medier.",
    "Næringslivet og frivilligheten var med fra starten.",
    "Tilflytting og inkludering av nye innbyggere var hovedmålet.",
    "Det viktigste er hva kommunene faktisk gjør, ikke hva de sier.",
]
NYNORSK = [
    "Kommunen satsa på stadutvikling og tok med innbyggjarane tidleg.",
    "Forankringa i kommuneplanen tok lengre tid enn vi trudde.",
    "Vi tok dei lågthengande fruktene først for å få fart på arbeidet.",
    "Innbyggjarundersøkinga viste at omdømmet vart betre på to år.",
    "Ambassadørane fortalde historia om bygda i sosiale medium.",
    "Næringslivet og det friviljuge var med frå starten.",
    "Tilflytting og inkludering av nye innbyggjarar var hovudmålet.",
    "Det viktigaste er kva kommunane faktisk gjer, ikkje kva dei seier.",
]
TOPICS = ["stedsutvikling", "tilflytting", "ambassadører", "innbyggerundersøkelse", "kommuneplan", "næringsliv"]


def _text(rng: random.Random) -> str:
    pool = NYNORSK if rng.random() < 0.3 else BOKMAL
    return " ".join(rng.sample(pool, 3)) + f" Erfaring nummer {rng.randint(1, 99999)}."


def _document(**fields) -> SearchDocument:
    doc = SearchDocument(**fields)
    if uses_postgres():
        doc.vector = search_vector(Value(doc.title), Value(doc.body))
    return doc


def load(ctx: DemoContext) -> None:
    rng = random.Random(15)  # noqa: S311  (benchmark text, not security)
    orgs, cohorts = ctx.extra["load_orgs"], ctx.extra["load_cohorts"]
    n_orgs = ctx.extra["n_orgs"]
    gatherings = ctx.extra.get("load_gatherings", [])
    staff = ctx.extra["load_staff"]
    now = timezone.now()
    cases = []
    for n in range(N_CASES):
        org_index = n % len(orgs)
        cases.append(
            CaseStory(
                organisation=orgs[org_index],
                cohort=cohorts[org_index // n_orgs],
                title=f"{rng.choice(TOPICS).capitalize()} i {orgs[org_index].name}",
                summary=_text(rng),
                what_they_did=_text(rng),
                results=_text(rng),
                lessons=_text(rng),
                topic=rng.choice(TOPICS),
                audience=CaseAudience.PARTICIPANTS,
                status=CaseStatus.PUBLISHED,
                published_at=now,
                created_by=staff,
            )
        )
    cases = CaseStory.objects.bulk_create(cases, batch_size=2000)
    materials = []
    for n in range(N_MATERIALS if gatherings else 0):
        materials.append(
            Material(
                gathering=gatherings[n % len(gatherings)],
                title=f"Lysark {n}: {rng.choice(TOPICS)}",
                description=_text(rng),
                kind=MaterialKind.LINK,
                url=f"https://example.no/lysark/{n}",
                status=MaterialStatus.PUBLISHED,
                published_at=now,
                for_alumni=n % 3 == 0,
                created_by=staff,
            )
        )
    materials = Material.objects.bulk_create(materials, batch_size=2000)
    year_of = {c.pk: c.year for c in cohorts}
    docs = [
        _document(
            kind=DocumentKind.CASE,
            case=case,
            title=case.title,
            body="\n\n".join([case.summary, case.what_they_did, case.results, case.lessons, case.topic]),
            url=case.get_absolute_url(),
            organisation_name=case.organisation.name,
            year=year_of[case.cohort_id],
            organisation_kind=case.organisation.kind,
        )
        for case in cases
    ]
    docs += [
        _document(
            kind=DocumentKind.MATERIAL,
            material=m,
            title=m.title,
            body=m.description,
            url=m.get_absolute_url(),
            year=m.gathering.cohort.year,
        )
        for m in materials
    ]
    SearchDocument.objects.bulk_create(docs, batch_size=2000)
    fragments.bump(SEARCH_SCOPE)  # bulk_create sends no signals
    if uses_postgres():
        with connection.cursor() as cursor:  # fresh statistics, as autovacuum would give a real site
            cursor.execute("ANALYZE knowledge_searchdocument, knowledge_casestory, gatherings_material")
