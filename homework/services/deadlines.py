"""The deadlines that apply to one organisation's work on an assignment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..models import Assignment, Extension


@dataclass(frozen=True)
class Deadlines:
    due_at: datetime
    cutoff_at: datetime | None
    extension: Extension | None = None

    @property
    def extended(self) -> bool:
        return self.extension is not None


def deadlines_for(assignment: Assignment, organisation_id: int, extension: Extension | None = None) -> Deadlines:
    """The due date and cut-off that apply to one organisation (its extension, if any)."""
    if extension is None:
        extension = Extension.objects.filter(assignment=assignment, organisation_id=organisation_id).first()
    if extension is not None:
        cutoff = extension.cutoff_at
        if cutoff is None and assignment.cutoff_at is not None:
            cutoff = max(assignment.cutoff_at, extension.due_at)
        return Deadlines(extension.due_at, cutoff, extension)
    return Deadlines(assignment.due_at, assignment.cutoff_at, None)
