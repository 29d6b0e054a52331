"""Two sweeps at the same moment, on PostgreSQL, in two threads (two connections): each reminder is
queued exactly once, whichever sweep gets there first."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from cohorts.models import Invitation
from omdomme.notifications.models import OutboxMail
from omdomme.reminders import rules
from tests.factories import CohortFactory, OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_concurrent_sweeps_send_each_reminder_once(monkeypatch):
    cohort = CohortFactory(year=2026, name="Omdømmeskolen 2026")
    long_ago = timezone.now() - timedelta(days=9)
    for n in range(12):
        org = OrganisationFactory(name=f"Kommune {n}", municipality_number=f"{5200 + n}")
        inv = Invitation.objects.create(organisation=org, cohort=cohort, email=f"person{n}@example.no")
        Invitation.objects.filter(pk=inv.pk).update(created_at=long_ago, sent_at=long_ago)

    # Both sweeps must have read their candidates (and found no existing keys) before either inserts:
    # a barrier after the rule has run forces the race the unique key has to win.
    barrier = threading.Barrier(2, timeout=30)

    def racing_rule(now):
        candidates = list(rules.invitation_pending(now))
        barrier.wait()
        return candidates

    results, errors = [], []

    def run():
        try:
            results.append(rules.sweep(rules=[racing_rule]))
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sum(sum(r.values()) for r in results) == 12
    keys = list(OutboxMail.objects.values_list("dedupe_key", flat=True))
    assert len(keys) == 12 == len(set(keys))
