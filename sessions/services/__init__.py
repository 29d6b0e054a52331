"""Operations on gatherings, registrations and speed-advisory slots that guard an invariant.

Each runs in one transaction, locks the rows it decides on (``select_for_update``) and raises a
``ValidationError`` subclass with a translated message when the rule says no. The database
constraints on ``AdvisorySlot`` are the last line: a race that slips past the locks ends as an
``IntegrityError``, which is turned into the same kind of message here, never a 500.

The acting user is the keyword-only ``actor``, checked through ``cohorts.access``: a refusal is
``PermissionDenied`` for the programme's set-up and registrations, a ``BookingError`` with its
message for speed advisory (as the booking pages show it).
"""

from __future__ import annotations

from .errors import BookingError, GatheringError, RegistrationError
from .gatherings import copy_gathering, delete_programme_item, publish_gathering, save_gathering, save_programme_item
from .registrations import (
    RegistrationData,
    can_change_registration,
    can_register_for,
    cancel_registration,
    check_in,
    organisation_for,
    register,
    update_registration,
)
from .slots import (
    book_slot,
    cancel_booking,
    claim_slot,
    layout_slots,
    move_booking,
    offer_followup_slot,
    release_slot,
    save_advisor_notes,
)

__all__ = [
    "BookingError",
    "GatheringError",
    "RegistrationData",
    "RegistrationError",
    "book_slot",
    "can_change_registration",
    "can_register_for",
    "cancel_booking",
    "cancel_registration",
    "check_in",
    "claim_slot",
    "copy_gathering",
    "delete_programme_item",
    "layout_slots",
    "move_booking",
    "offer_followup_slot",
    "organisation_for",
    "publish_gathering",
    "register",
    "release_slot",
    "save_advisor_notes",
    "save_gathering",
    "save_programme_item",
    "update_registration",
]
