"""Factories for the cohorts app's workflow objects (built on tests/factories.py)."""

import factory

from cohorts.models import Application, Invitation
from tests.factories import CohortFactory, OrganisationFactory


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitert{n}@example.no")
    full_name = "Inga Invitert"
    language = "nb"


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    cohort = factory.SubFactory(CohortFactory, open_for_applications=True, status="planning")
    organisation_name = factory.Sequence(lambda n: f"Søkerkommune {n}")
    municipality_number = factory.Sequence(lambda n: f"{8000 + n % 999:04d}")
    contact_name = "Siv Søker"
    contact_email = factory.Sequence(lambda n: f"soker{n}@example.no")
    motivation = "Vi vil bli kjent for det gode livet i bygda."
