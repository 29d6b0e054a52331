"""Privacy: what we hold about a person, and how it is exported, erased and purged.

Every app plugs its own personal data in (from its ``apps.py`` ``ready()`` or a module imported
there)::

    from omdomme import privacy

    privacy.register_exporter("registrations", export_fn)   # export_fn(user) -> JSON-able data
    privacy.register_eraser(erase_fn)                       # erase_fn(user, placeholder) -> None
    privacy.register_cohort_purger(purge_fn)                # purge_fn(cohort) -> None

Erasers run inside the erasure's transaction *before* the user's own fields are anonymised, so they
can still read ``user.full_name`` / ``user.email`` to find free-text copies. ``placeholder`` is the
display name to write instead ("Anonymised person 42"). Cohort purgers run when a cohort's personal
data passes ``PERSONAL_DATA_RETENTION_MONTHS`` after ``Cohort.ends_on``; they anonymise the named
personal data attached to the cohort (dietary needs, named survey answers, booking notes, ...) and
keep what the organisation owns (homework files, anonymous statistics).
"""

from __future__ import annotations

from .registry import (
    cohort_purgers,
    erasers,
    exporters,
    register_cohort_purger,
    register_eraser,
    register_exporter,
)

__all__ = ["cohort_purgers", "erasers", "exporters", "register_cohort_purger", "register_eraser", "register_exporter"]
