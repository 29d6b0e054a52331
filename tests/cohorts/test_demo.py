import pytest
from django.core.management import call_command

from cohorts.models import Activity, Application, Cohort, Enrolment, Invitation, Organisation

pytestmark = pytest.mark.django_db


def _counts():
    return [model.objects.count() for model in (Cohort, Organisation, Enrolment, Invitation, Application, Activity)]


def test_seed_demo_is_idempotent_and_has_work_waiting(capsys):
    call_command("seed_demo")
    first = _counts()
    call_command("seed_demo")
    assert _counts() == first
    assert Invitation.objects.pending().filter(email="ny.kollega@fjordvik.kommune.no").count() == 1
    assert Application.objects.filter(status="new", organisation_name="Sjøbygd kommune").count() == 1
    assert Activity.objects.filter(cohort__year__gte=2026).count() >= 3
    assert [Enrolment.objects.filter(cohort__year=y).count() for y in (2009, 2010, 2011)] == [12, 20, 18]
    out = capsys.readouterr().out
    assert "stab@omdommeskolen.no" in out and "kontakt@fjordvik.kommune.no" in out
