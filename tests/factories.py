"""factory_boy factories for the bottom layers (accounts, cohorts). Each app adds its own in
``tests/<app>/factories.py``."""

import factory
from allauth.account.models import EmailAddress

from cohorts.models import (
    Cohort,
    CohortRole,
    CohortStatus,
    Enrolment,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
)
from omdomme.accounts.models import User

PASSWORD = "Korrekt-hest-batteri-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.no")
    full_name = factory.Faker("name", locale="no_NO")
    language = "nb"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            EmailAddress.objects.get_or_create(user=obj, email=obj.email, defaults={"verified": True, "primary": True})


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.MUNICIPALITY
    name = factory.Sequence(lambda n: f"Testkommune {n}")
    municipality_number = factory.Sequence(lambda n: f"{9000 + n % 999:04d}")
    county = "Trøndelag"


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    year = 2026
    name = factory.LazyAttribute(lambda o: f"Omdømmeskolen {o.year}")
    status = CohortStatus.ACTIVE
    fee = 15000

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Name and year are unique (case-insensitive): a second cohort of the same name gets " (2)"."""
        base, n = kwargs["name"], 1
        while model_class.objects.filter(name__iexact=kwargs["name"], year=kwargs["year"]).exists():
            n += 1
            kwargs["name"] = f"{base} ({n})"
        return super()._create(model_class, *args, **kwargs)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    cohort = factory.SubFactory(CohortFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = MembershipRole.CONTACT


class CohortRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CohortRole

    cohort = factory.SubFactory(CohortFactory)
    user = factory.SubFactory(UserFactory)
    role = "advisor"
