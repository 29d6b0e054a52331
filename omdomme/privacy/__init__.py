"""Privacy: what we hold about a person, and how it is exported, erased and purged.

The apps' personal data is listed in ``app_data.py`` (exporters, erasers, cohort purgers). Erasers
run inside the erasure's transaction *before* the user's own fields are anonymised, so they can
still read ``user.full_name`` / ``user.email`` to find free-text copies. ``placeholder`` is the
display name to write instead ("Anonymised person 42"). Cohort purgers run when a cohort's personal
data passes ``PERSONAL_DATA_RETENTION_MONTHS`` after ``Cohort.ends_on``; they anonymise the named
personal data attached to the cohort (dietary needs, named survey answers, booking notes, ...) and
keep what the organisation owns (homework files, anonymous statistics).
"""
