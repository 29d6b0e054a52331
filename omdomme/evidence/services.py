"""Former municipality numbers: staff record the numbers an organisation had before a reform."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cohorts import access
from cohorts.activity import record
from cohorts.models import Organisation

from .models import FormerMunicipalityNumber


def add_former_number(
    *, actor, organisation: Organisation, number: str, valid_from: int, valid_to: int
) -> FormerMunicipalityNumber:
    if not access.is_staff(actor):
        raise PermissionDenied
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        former = FormerMunicipalityNumber(
            organisation=organisation, number=number, valid_from=valid_from, valid_to=valid_to
        )
        former.full_clean()
        if number == organisation.municipality_number:
            raise ValidationError({"number": _("That is the organisation's current number.")})
        overlapping = organisation.former_numbers.filter(valid_from__lte=valid_to, valid_to__gte=valid_from)
        if overlapping.exists():
            raise ValidationError(
                {"valid_from": _("The years overlap with %(other)s.") % {"other": overlapping.first()}}
            )
        former.save()
        record(
            actor,
            "organisation.former_number",
            _("%(org)s: former municipality number %(number)s added.") % {"org": organisation.name, "number": former},
            target=former,
            organisation=organisation,
        )
    return former


def remove_former_number(*, actor, former: FormerMunicipalityNumber) -> None:
    if not access.is_staff(actor):
        raise PermissionDenied
    with transaction.atomic():
        record(
            actor,
            "organisation.former_number_removed",
            _("%(org)s: former municipality number %(number)s removed.")
            % {"org": former.organisation.name, "number": former},
            organisation=former.organisation,
        )
        former.delete()
