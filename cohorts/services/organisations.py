"""Organisations: save one (its municipality number is unique), its language form, kind names."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from omdomme.accounts.models import User

from ..activity import record
from ..models import LanguageForm, Organisation, OrganisationKind
from ._common import _require_contact, _require_staff_or_system
from .errors import CohortsError, DuplicateNumber


def duplicate_number_message(number: str) -> str:
    other = Organisation.objects.filter(municipality_number=number).first()
    if other is None:
        return _("Another organisation already has municipality number %(number)s.") % {"number": number}
    return _("Municipality number %(number)s is already registered for %(name)s.") % {
        "number": number,
        "name": other.name,
    }


def save_organisation(organisation: Organisation, *, actor: User | None) -> Organisation:
    """Create or update an organisation (staff, or the system: ``actor=None``). A duplicate
    municipality number (also from a race with another writer) is a ``DuplicateNumber`` error, never a 500."""
    _require_staff_or_system(actor)
    created = organisation.pk is None
    if not organisation.municipality_number:
        organisation.municipality_number = None
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as exc:
        if organisation.municipality_number and "organisation_unique_number" in str(exc):
            if created:
                organisation.pk = None
            raise DuplicateNumber(
                duplicate_number_message(organisation.municipality_number), code="duplicate_number"
            ) from exc
        raise
    record(
        actor,
        "organisation.created" if created else "organisation.updated",
        (_("Created organisation %(name)s") if created else _("Updated organisation %(name)s"))
        % {"name": organisation.name},
        target=organisation,
        organisation=organisation,
    )
    return organisation


@transaction.atomic
def set_language_form(organisation: Organisation, language_form: str, *, actor: User | None) -> Organisation:
    """Record the organisation's language decision (staff or its contact persons may; an import runs
    as the system, ``actor=None``)."""
    _require_contact(actor, organisation)
    if language_form not in LanguageForm.values:
        raise CohortsError(_("Choose Bokmål, Nynorsk or neutral."), code="language_form")
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.language_form == language_form:
        return organisation
    organisation.language_form = language_form
    organisation.save(update_fields=["language_form"])
    record(
        actor,
        "organisation.language_form",
        _("Set the written standard of %(name)s to %(form)s")
        % {"name": organisation.name, "form": LanguageForm(language_form).label},
        target=organisation,
        organisation=organisation,
    )
    return organisation


KIND_ALIASES = {
    **{k.value: k.value for k in OrganisationKind},
    "kommune": OrganisationKind.MUNICIPALITY,
    "regionråd": OrganisationKind.REGIONAL_COUNCIL,
    "regionrad": OrganisationKind.REGIONAL_COUNCIL,
    "fylkeskommune": OrganisationKind.COUNTY_COUNCIL,
    "annen": OrganisationKind.OTHER,
    "anna": OrganisationKind.OTHER,
    "annet": OrganisationKind.OTHER,
    "municipality": OrganisationKind.MUNICIPALITY,
    "regional council": OrganisationKind.REGIONAL_COUNCIL,
    "county council": OrganisationKind.COUNTY_COUNCIL,
    "other": OrganisationKind.OTHER,
}
