"""Homework operations that guard invariants. Views, admin, tasks, demo and tests call these.

Submission states::

    draft ──submit──> submitted ──return──> returned ──submit──> resubmitted ──approve──> approved
                         └────────────approve───────────────────────┘   └──return──> returned

Late is flagged when the first submission comes after the (extended) due date. After the
(extended) cut-off a first submission is refused; a revision that course staff asked for may
always be resubmitted.
"""

from __future__ import annotations

from ..uploads import UploadRefused
from ._common import EDITABLE, is_party
from .assignments import (
    ASSIGNMENT_FIELDS,
    METHOD_TEMPLATE,
    copy_assignments,
    create_assignment,
    create_method_set,
    move_assignment,
    reorder_assignments,
    set_published,
    update_assignment,
)
from .deadlines import Deadlines, deadlines_for
from .errors import DeadlineError, HomeworkError, NotAllowed, TransitionError
from .extensions import grant_extension, revoke_extension
from .feedback import add_feedback
from .review import approve, return_for_revision
from .sharing import share, share_beyond_cohort, unshare, withdraw_beyond_cohort
from .submissions import (
    add_file,
    closed_reason,
    get_or_create_submission,
    not_open_reason,
    remove_file,
    save_text_answer,
    submit,
)

__all__ = [
    "ASSIGNMENT_FIELDS",
    "DeadlineError",
    "Deadlines",
    "EDITABLE",
    "HomeworkError",
    "METHOD_TEMPLATE",
    "NotAllowed",
    "TransitionError",
    "UploadRefused",
    "add_feedback",
    "add_file",
    "approve",
    "closed_reason",
    "copy_assignments",
    "create_assignment",
    "create_method_set",
    "deadlines_for",
    "get_or_create_submission",
    "grant_extension",
    "is_party",
    "move_assignment",
    "not_open_reason",
    "remove_file",
    "reorder_assignments",
    "return_for_revision",
    "revoke_extension",
    "save_text_answer",
    "set_published",
    "share",
    "share_beyond_cohort",
    "submit",
    "unshare",
    "update_assignment",
    "withdraw_beyond_cohort",
]
