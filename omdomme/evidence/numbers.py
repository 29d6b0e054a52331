"""Which municipality number an organisation had in a given year (reforms of 2020 and 2024)."""

from __future__ import annotations

from collections import defaultdict

from cohorts.models import Organisation

from .models import FormerMunicipalityNumber


class NumberHistory:
    """An organisation's numbers over time: each former number in its years, the current one otherwise."""

    def __init__(self, organisation: Organisation, former: list[FormerMunicipalityNumber]):
        self.organisation = organisation
        self.current = organisation.municipality_number or ""
        self.former = sorted(former, key=lambda f: f.valid_from)

    def number_in(self, year: int) -> str:
        for period in self.former:
            if period.valid_from <= year <= period.valid_to:
                return period.number
        return self.current

    def numbers(self) -> set[str]:
        return {n for n in [self.current, *(f.number for f in self.former)] if n}


def histories(organisations) -> list[NumberHistory]:
    """Histories for organisations (two queries in all)."""
    orgs = list(organisations)
    former: dict[int, list[FormerMunicipalityNumber]] = defaultdict(list)
    for f in FormerMunicipalityNumber.objects.filter(organisation__in=[o.pk for o in orgs]):
        former[f.organisation_id].append(f)
    return [NumberHistory(o, former[o.pk]) for o in orgs]
