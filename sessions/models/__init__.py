"""Gatherings (samlinger), their programme, registrations, speed-advisory slots and materials: one
module each; import the models from here."""

from .gatherings import Gathering, GatheringQuerySet, ProgrammeItem, ProgrammeItemKind, ProgrammeItemQuerySet
from .materials import Material, MaterialKind, MaterialQuerySet, MaterialStatus, _material_storage_name
from .registrations import Registration, RegistrationQuerySet, RegistrationStatus
from .slots import AdvisorySlot, AdvisorySlotQuerySet, SlotState

__all__ = [
    "AdvisorySlot",
    "AdvisorySlotQuerySet",
    "Gathering",
    "GatheringQuerySet",
    "Material",
    "MaterialKind",
    "MaterialQuerySet",
    "MaterialStatus",
    "ProgrammeItem",
    "ProgrammeItemKind",
    "ProgrammeItemQuerySet",
    "Registration",
    "RegistrationQuerySet",
    "RegistrationStatus",
    "SlotState",
    "_material_storage_name",
]
