"""Benchmark data for cohorts: ``n_cohorts`` cohorts of ``n_orgs`` organisations, each with two contacts.

Everything it makes is prefixed "Last" so it never mixes with the demo data; rerunning replaces it.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from omdomme.accounts.models import User
from omdomme.core.extensions import DEMO_PASSWORD, DemoContext

from .models import Cohort, CohortRole, CohortStatus, Enrolment, Membership, MembershipRole, Organisation, RoleKind

PREFIX = "Last"


def load(ctx: DemoContext) -> None:
    Cohort.objects.filter(name__startswith=PREFIX).delete()
    Enrolment.objects.filter(organisation__name__startswith=PREFIX).delete()
    Organisation.objects.filter(name__startswith=PREFIX).delete()
    User.objects.filter(email__endswith="@last.example.no").delete()

    n_cohorts, n_orgs = ctx.extra["n_cohorts"], ctx.extra["n_orgs"]
    password = make_password(DEMO_PASSWORD)
    staff = User.objects.create(email="stab@last.example.no", full_name="Last Stab", is_staff=True, password=password)
    advisor = User.objects.create(
        email="radgiver@last.example.no", full_name="Last Rådgiver", is_advisor=True, password=password
    )
    cohorts = Cohort.objects.bulk_create(
        [
            Cohort(year=ctx.today.year - i, name=f"{PREFIX} kull {i + 1}", status=CohortStatus.ACTIVE, fee=15000)
            for i in range(n_cohorts)
        ]
    )
    orgs = Organisation.objects.bulk_create(
        [Organisation(name=f"{PREFIX} kommune {c + 1}-{o + 1}") for c in range(n_cohorts) for o in range(n_orgs)]
    )
    enrolments = Enrolment.objects.bulk_create(
        [
            Enrolment(cohort=cohorts[i // n_orgs], organisation=org, goals="Bli et bedre sted å bo.")
            for i, org in enumerate(orgs)
        ]
    )
    contacts = User.objects.bulk_create(
        [
            User(email=f"kontakt{i}-{k}@last.example.no", full_name=f"Kontakt {i}-{k}", password=password)
            for i in range(len(orgs))
            for k in range(2)
        ]
    )
    Membership.objects.bulk_create(
        [
            Membership(
                organisation=orgs[i // 2],
                user=user,
                role=MembershipRole.CONTACT if i % 2 == 0 else MembershipRole.MEMBER,
            )
            for i, user in enumerate(contacts)
        ]
    )
    Enrolment.team.through.objects.bulk_create(
        [Enrolment.team.through(enrolment_id=enrolments[i // 2].pk, user_id=user.pk) for i, user in enumerate(contacts)]
    )
    CohortRole.objects.bulk_create([CohortRole(cohort=c, user=advisor, role=RoleKind.ADVISOR) for c in cohorts])
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in [staff, advisor, *contacts]]
    )
    ctx.extra.update(
        load_cohorts=cohorts,
        load_orgs=orgs,
        load_enrolments=enrolments,
        load_contacts=contacts,
        load_staff=staff,
        load_advisor=advisor,
    )
