"""Signals other apps may listen to (cohorts never imports them).

``cohort_setup_copied(sender=Cohort, source=Cohort, target=Cohort, actor=User)`` is sent inside the
transaction of ``services.copy_cohort_setup``, after the cohort's own set-up is copied. Gatherings
and homework can connect a receiver to copy theirs in the same step; an exception in a receiver
rolls the whole copy back.
"""

from django.dispatch import Signal

cohort_setup_copied = Signal()
