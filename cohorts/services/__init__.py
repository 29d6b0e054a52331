"""Operations on cohorts, organisations, enrolments, invitations and applications.

Each function guards one invariant inside a transaction, writes the activity log and raises a
``CohortsError`` (a ``ValidationError``) with a translated message when the operation is refused.
Views, the importer, ``seed_demo`` and tests all call these.

The acting user is the keyword-only ``actor``, checked through ``cohorts.access`` (a refusal is
``PermissionDenied``). Where a function says so, ``actor=None`` means the system itself (an import,
a seed), which is allowed and logged without a name.
"""

from __future__ import annotations

from .accounts import create_account, send_set_password_email, set_account_active, set_password_url
from .alumni import end_alumni_access, restore_alumni_access
from .applications import accept_application, decline_application, submit_application
from .enrolments import enrol, set_team, update_goals, withdraw
from .errors import CohortsError, DuplicateNumber, InvitationInvalid
from .invitations import (
    accept_invitation,
    add_member_without_invitation,
    check_invitation,
    invite,
    resend_invitation,
    revoke_invitation,
)
from .organisations import KIND_ALIASES, duplicate_number_message, save_organisation, set_language_form
from .setup import assign_role, copy_cohort_setup, save_cohort, unassign_role

__all__ = [
    "CohortsError",
    "DuplicateNumber",
    "InvitationInvalid",
    "KIND_ALIASES",
    "accept_application",
    "accept_invitation",
    "add_member_without_invitation",
    "assign_role",
    "check_invitation",
    "copy_cohort_setup",
    "create_account",
    "decline_application",
    "duplicate_number_message",
    "end_alumni_access",
    "enrol",
    "invite",
    "resend_invitation",
    "restore_alumni_access",
    "revoke_invitation",
    "save_cohort",
    "save_organisation",
    "send_set_password_email",
    "set_account_active",
    "set_language_form",
    "set_password_url",
    "set_team",
    "submit_application",
    "unassign_role",
    "update_goals",
    "withdraw",
]
