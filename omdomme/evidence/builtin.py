"""The built-in indicators the platform fills itself, found by ``Indicator.code``.

Their names are stored in Norwegian (Bokmål), like every other indicator name staff type in."""

from __future__ import annotations

from dataclasses import dataclass

from evaluations.models import Indicator


@dataclass(frozen=True)
class Builtin:
    code: str
    name: str
    unit: str
    description: str
    higher_is_better: bool = True


STATISTICS = [
    Builtin("ssb_population", "Folketall 1. januar (SSB)", "personer", "Folkemengden 1. januar, SSB tabell 07459."),
    Builtin("ssb_in_migration", "Innflytting (SSB)", "personer", "Innflyttinger i året, SSB tabell 09588."),
    Builtin(
        "ssb_out_migration",
        "Utflytting (SSB)",
        "personer",
        "Utflyttinger i året, SSB tabell 09588.",
        higher_is_better=False,
    ),
    Builtin(
        "ssb_net_migration", "Nettoinnflytting (SSB)", "personer", "Innflytting minus utflytting, SSB tabell 09588."
    ),
]

BY_CODE = {b.code: b for b in STATISTICS}


def register(builtin: Builtin) -> None:
    BY_CODE[builtin.code] = builtin


def indicator(code: str) -> Indicator:
    """The built-in indicator with this code, created the first time it is needed (and renamed if the
    name is taken by an indicator staff made themselves)."""
    found = Indicator.objects.filter(code=code).first()
    if found is not None:
        return found
    spec = BY_CODE[code]
    name = spec.name
    if Indicator.objects.filter(name=name).exists():
        name = f"{spec.name} [{spec.code}]"
    return Indicator.objects.create(
        code=code,
        name=name,
        unit=spec.unit,
        description=spec.description,
        higher_is_better=spec.higher_is_better,
    )
