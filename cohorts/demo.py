"""Demo data for cohorts: the historic cohorts with the organisations the source presentation names,
the 2012 cohort, and a live cohort for the current year modelled on 2012."""

from __future__ import annotations

from allauth.account.models import EmailAddress

from omdomme.accounts.models import User
from omdomme.core.extensions import DEMO_PASSWORD, DemoContext

from .activity import record
from .models import (
    Cohort,
    CohortRole,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
    LanguageForm,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    RoleKind,
)

M, R, C = OrganisationKind.MUNICIPALITY, OrganisationKind.REGIONAL_COUNCIL, OrganisationKind.COUNTY_COUNCIL

HISTORIC = {
    2009: [
        (n, M)
        for n in [
            "Berlevåg",
            "Bømlo",
            "Flekkefjord",
            "Frosta",
            "Frøya",
            "Jølster",
            "Nord-Fron",
            "Nordre Land",
            "Nærøy",
            "Odda",
            "Steinkjer",
            "Utsira",
        ]
    ],
    2010: [
        (n, M)
        for n in [
            "Eidfjord",
            "Herøy (N)",
            "Kvinesdal",
            "Namsos",
            "Namsskogan",
            "Nes (Bu)",
            "Nord-Fron",
            "Norddal",
            "Ringebu",
            "Rælingen",
            "Samnanger",
            "Sel",
            "Seljord",
            "Skjåk",
            "Surnadal",
            "Sør-Fron",
        ]
    ]
    + [("Ofoten regionråd", R)]
    + [(n, M) for n in ["Tromsø", "Trysil", "Tvedestrand"]],
    2011: [
        (n, M)
        for n in [
            "Grong",
            "Ibestad",
            "Kvam",
            "Marker",
            "Rømskog",
            "Snåsa",
            "Sola",
            "Tysnes",
            "Ulvik",
            "Ullensvang",
            "Sør-Odal",
            "Herøy",
            "Gjerstad",
            "Granvin",
            "Hjelmeland",
            "Aremark",
        ]
    ]
    + [("Sør-Troms regionråd", R), ("Bli Lyst/Sør-Trøndelag fylkeskommune", C)],
}

# Participants that decided on Nynorsk (språkvedtak): mail and packs to them are in Nynorsk. The live
# cohort's Nordbygd kommune is Nynorsk too, so the demo shows it.
NYNORSK = {
    "Bømlo",
    "Utsira",
    "Odda",
    "Jølster",
    "Eidfjord",
    "Samnanger",
    "Seljord",
    "Skjåk",
    "Norddal",
    "Kvam",
    "Ulvik",
    "Ullensvang",
    "Granvin",
    "Tysnes",
    "Hjelmeland",
    "Nordbygd kommune",
}

# The source does not list 2012's participants; the demo uses invented organisations for 2012 and
# for the live cohort, clearly fictional, so no real municipality is shown doing demo homework.
DEMO_2012 = [("Fjordvik kommune", M), ("Lia kommune", M), ("Sjøland kommune", M), ("Høgfjell regionråd", R)]
DEMO_CURRENT = [
    ("Fjordvik kommune", M),
    ("Nordbygd kommune", M),
    ("Elvedal kommune", M),
    ("Kystheim kommune", M),
    ("Vidda regionråd", R),
    ("Skogli kommune", M),
]

DESCRIPTION_2012 = (
    "Omdømmeskolen 2012 med tre samlinger: Stiklestad (Verdal), Malangen brygge (Balsfjord) og Drammen. "
    "Faglig samarbeid med Tibe PR. Hjemmeoppgaver mellom samlingene, speedrådgivning og oppfølging underveis."
)


def _user(ctx: DemoContext, key: str, email: str, full_name: str, role_label: str, **flags) -> User:
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name, **flags})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    ctx.users[key] = user
    ctx.logins.append((role_label, email, DEMO_PASSWORD))
    return user


def _org(ctx: DemoContext, name: str, kind: str) -> Organisation:
    language_form = LanguageForm.NYNORSK if name in NYNORSK else LanguageForm.NEUTRAL
    org, _ = Organisation.objects.get_or_create(name=name, defaults={"kind": kind, "language_form": language_form})
    if org.language_form == LanguageForm.NEUTRAL and language_form != LanguageForm.NEUTRAL:
        org.language_form = language_form  # a database seeded before the language decisions were known
        org.save(update_fields=["language_form"])
    ctx.organisations[name] = org
    return org


def _cohort(ctx: DemoContext, year: int, status: str, description: str = "", **extra) -> Cohort:
    cohort, _ = Cohort.objects.get_or_create(
        year=year,
        name=f"Omdømmeskolen {year}",
        defaults={"status": status, "description": description, "fee": 15000, **extra},
    )
    ctx.cohorts[year] = cohort
    return cohort


def seed(ctx: DemoContext) -> None:
    staff = _user(ctx, "staff", "stab@omdommeskolen.no", "Anne Irene Myhr", "course staff", is_staff=True)
    staff2 = _user(ctx, "staff2", "grete@omdommeskolen.no", "Grete Bækken Mollan", "course staff", is_staff=True)
    advisor = _user(ctx, "advisor", "radgiver@omdommeskolen.no", "Harald Espeland", "advisor", is_advisor=True)
    advisor2 = _user(ctx, "advisor2", "radgiver2@omdommeskolen.no", "Kåre Stig Nøstdal", "advisor", is_advisor=True)
    evaluator = _user(ctx, "evaluator", "evaluator@omdommeskolen.no", "Eva Evaluering", "evaluator", is_evaluator=True)
    contact = _user(ctx, "contact", "kontakt@fjordvik.kommune.no", "Kari Fjordvik", "contact (Fjordvik kommune)")
    member = _user(ctx, "member", "team@fjordvik.kommune.no", "Per Fjordvik", "team member (Fjordvik)")
    contact2 = _user(ctx, "contact2", "kontakt@nordbygd.kommune.no", "Nils Nordbygd", "contact (Nordbygd kommune)")

    for year, members in HISTORIC.items():
        cohort = _cohort(ctx, year, CohortStatus.COMPLETED)
        for name, kind in members:
            Enrolment.objects.get_or_create(
                cohort=cohort, organisation=_org(ctx, name, kind), defaults={"status": EnrolmentStatus.COMPLETED}
            )

    cohort_2012 = _cohort(ctx, 2012, CohortStatus.COMPLETED, DESCRIPTION_2012)
    for name, kind in DEMO_2012:
        Enrolment.objects.get_or_create(
            cohort=cohort_2012, organisation=_org(ctx, name, kind), defaults={"status": EnrolmentStatus.COMPLETED}
        )

    year = ctx.today.year
    ctx.current_year = year
    current = _cohort(
        ctx,
        year,
        CohortStatus.ACTIVE,
        "Årets kull, lagt opp som 2012: tre samlinger, hjemmeoppgaver etter 10-trinnsmetoden, "
        "speedrådgivning og oppfølging over tid.",
        open_for_applications=False,
    )
    _cohort(ctx, year + 1, CohortStatus.PLANNING, "Neste kull – søknader er åpne.", open_for_applications=True)
    for cohort in (cohort_2012, current):
        cohort.contacts.add(staff, staff2)
        for user, role in ((advisor, RoleKind.ADVISOR), (advisor2, RoleKind.ADVISOR), (evaluator, RoleKind.EVALUATOR)):
            CohortRole.objects.get_or_create(cohort=cohort, user=user, role=role)
    for cohort in ctx.cohorts.values():
        if cohort.year < 2012:
            CohortRole.objects.get_or_create(cohort=cohort, user=evaluator, role=RoleKind.EVALUATOR)

    goals = {
        "Fjordvik kommune": "Bli kjent som den beste kommunen å flytte til for unge familier på kysten.",
        "Nordbygd kommune": "Styrke stoltheten blant innbyggerne og forankre omdømmearbeidet i kommuneplanen.",
    }
    for name, kind in DEMO_CURRENT:
        org = _org(ctx, name, kind)
        Enrolment.objects.get_or_create(
            cohort=current, organisation=org, defaults={"status": EnrolmentStatus.ACTIVE, "goals": goals.get(name, "")}
        )
    for user, org_name, role in (
        (contact, "Fjordvik kommune", MembershipRole.CONTACT),
        (member, "Fjordvik kommune", MembershipRole.MEMBER),
        (contact2, "Nordbygd kommune", MembershipRole.CONTACT),
    ):
        org = ctx.organisations[org_name]
        Membership.objects.get_or_create(organisation=org, user=user, defaults={"role": role})
        for enrolment in Enrolment.objects.filter(organisation=org, cohort__in=[current, cohort_2012]):
            enrolment.team.add(user)

    _seed_workflow(ctx, staff, current)


def _seed_workflow(ctx: DemoContext, staff: User, current: Cohort) -> None:
    """A pending invitation, an application waiting for review and some activity-log entries."""
    from .models import Activity, Application, Invitation

    fjordvik = ctx.organisations["Fjordvik kommune"]
    if not Invitation.objects.filter(organisation=fjordvik, email="ny.kollega@fjordvik.kommune.no").exists():
        Invitation.objects.create(
            organisation=fjordvik,
            cohort=current,
            email="ny.kollega@fjordvik.kommune.no",
            full_name="Siri Kollega",
            invited_by=staff,
            language="nb",
        )
    next_cohort = ctx.cohorts[ctx.today.year + 1]
    Application.objects.get_or_create(
        cohort=next_cohort,
        organisation_name="Sjøbygd kommune",
        defaults={
            "municipality_number": "9301",
            "contact_name": "Tone Sjøbygd",
            "contact_email": "tone@sjobygd.kommune.no",
            "contact_phone": "99 88 77 66",
            "motivation": "Vi vil snu fraflyttingen og bli kjent for det gode oppvekstmiljøet vårt.",
        },
    )
    if not Activity.objects.filter(cohort=current).exists():
        for org_name in ("Fjordvik kommune", "Nordbygd kommune"):
            org = ctx.organisations[org_name]
            record(
                staff, "enrolment.created", f"Meldte på {org.name} i {current.name}", cohort=current, organisation=org
            )
        record(
            staff,
            "invitation.sent",
            f"Inviterte ny.kollega@fjordvik.kommune.no til {fjordvik.name}",
            cohort=current,
            organisation=fjordvik,
        )
