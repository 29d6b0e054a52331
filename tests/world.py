"""The named personas and a small world they live in, shared by the permission matrix and tests.

staff, advisor (assigned to ``cohort``), evaluator (assigned to ``cohort``), contact_a (org A),
contact_b (org B), outsider (signed in, no role), anonymous. Org A and B are enrolled in ``cohort``;
org C in ``other_cohort``, where advisor and evaluator are not assigned.

``secrets_b`` holds strings that only org B and the cohort's staff/advisors may ever see: the
matrix checks that no page shown to contact_a or outsider contains any of them. Apps add their own
objects and secrets in ``tests/permissions/rows_<app>.py: extend(world)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cohorts.models import Cohort, Enrolment, Organisation
from omdomme.accounts.models import User

from .factories import (
    CohortFactory,
    CohortRoleFactory,
    EnrolmentFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

PERSONAS = ["staff", "advisor", "evaluator", "contact_a", "contact_b", "outsider", "anonymous"]


@dataclass
class World:
    staff: User
    advisor: User
    evaluator: User
    contact_a: User
    contact_b: User
    outsider: User
    cohort: Cohort
    other_cohort: Cohort
    org_a: Organisation
    org_b: Organisation
    org_c: Organisation
    enrolment_a: Enrolment
    enrolment_b: Enrolment
    enrolment_c: Enrolment
    secrets_b: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def user(self, persona: str) -> User | None:
        return None if persona == "anonymous" else getattr(self, persona)

    def __getattr__(self, name: str) -> Any:
        extra = self.__dict__.get("extra", {})
        if name in extra:
            return extra[name]
        raise AttributeError(name)


def build_world() -> World:
    cohort = CohortFactory(year=2026, name="Omdømmeskolen 2026")
    other = CohortFactory(year=2025, name="Omdømmeskolen 2025")
    staff = UserFactory(email="staff@example.no", full_name="Stine Stab", is_staff=True)
    advisor = UserFactory(email="advisor@example.no", full_name="Rådgiver Rune", is_advisor=True)
    evaluator = UserFactory(email="evaluator@example.no", full_name="Evaluator Eva", is_evaluator=True)
    CohortRoleFactory(cohort=cohort, user=advisor, role="advisor")
    CohortRoleFactory(cohort=cohort, user=evaluator, role="evaluator")
    org_a = OrganisationFactory(name="Alfa kommune", municipality_number="5001")
    org_b = OrganisationFactory(name="Beta kommune", municipality_number="5002")
    org_c = OrganisationFactory(name="Gamma kommune", municipality_number="5003")
    contact_a = UserFactory(email="kontakt.a@alfa.kommune.no", full_name="Kari Alfa", phone="11111111")
    contact_b = UserFactory(email="kontakt.b@beta.kommune.no", full_name="Bjørn Beta", phone="22222222")
    outsider = UserFactory(email="outsider@example.no", full_name="Ola Utenfor")
    MembershipFactory(organisation=org_a, user=contact_a)
    MembershipFactory(organisation=org_b, user=contact_b)
    enrolment_a = EnrolmentFactory(cohort=cohort, organisation=org_a, goals="Alfa vil bli kjent for friluftsliv.")
    enrolment_b = EnrolmentFactory(cohort=cohort, organisation=org_b, goals="HEMMELIG-BETA-MÅL om tilflytting.")
    enrolment_c = EnrolmentFactory(cohort=other, organisation=org_c, goals="Gamma sine mål.")
    enrolment_a.team.add(contact_a)
    enrolment_b.team.add(contact_b)
    return World(
        staff=staff,
        advisor=advisor,
        evaluator=evaluator,
        contact_a=contact_a,
        contact_b=contact_b,
        outsider=outsider,
        cohort=cohort,
        other_cohort=other,
        org_a=org_a,
        org_b=org_b,
        org_c=org_c,
        enrolment_a=enrolment_a,
        enrolment_b=enrolment_b,
        enrolment_c=enrolment_c,
        secrets_b=["HEMMELIG-BETA-MÅL", "kontakt.b@beta.kommune.no", "22222222"],
    )
