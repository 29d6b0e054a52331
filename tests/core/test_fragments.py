"""The fragment versions: stable until bumped, bumped only once the transaction commits."""

import pytest

from omdomme.core import fragments


@pytest.mark.django_db
def test_a_version_holds_until_bumped(fragment_cache, django_capture_on_commit_callbacks):
    first = fragments.versions(("cohort", 1), ("survey", 2))
    assert fragments.versions(("cohort", 1), ("survey", 2)) == first

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        fragments.bump(("cohort", 1))
    assert fragments.versions(("cohort", 1), ("survey", 2)) == first, "no bump before the commit"

    for callback in callbacks:
        callback()
    after = fragments.versions(("cohort", 1), ("survey", 2))
    assert after != first
    assert after.split(".")[1] == first.split(".")[1], "the other scope keeps its version"


def test_an_evicted_version_is_a_miss_never_a_stale_hit(fragment_cache):
    first = fragments.versions(("gathering", 7))
    fragment_cache.clear()
    assert fragments.versions(("gathering", 7)) != first


@pytest.mark.django_db
def test_connected_model_saves_bump_their_scopes(fragment_cache, django_capture_on_commit_callbacks):
    from cohorts.models import Cohort

    cohort = Cohort.objects.create(name="Fragmenttest", year=2031)
    disconnect = fragments.connect_bumps(Cohort, lambda c: [("cohort-test", c.pk)], uid="test-cohort")
    try:
        before = fragments.versions(("cohort-test", cohort.pk))
        with django_capture_on_commit_callbacks(execute=True):
            cohort.name = "Fragmenttest 2"
            cohort.save()
        assert fragments.versions(("cohort-test", cohort.pk)) != before
    finally:
        disconnect()


@pytest.mark.django_db
def test_many_to_many_changes_bump_from_either_side(fragment_cache, django_capture_on_commit_callbacks):
    from cohorts.models import Enrolment
    from tests.factories import EnrolmentFactory, UserFactory

    enrolment, person = EnrolmentFactory(), UserFactory()
    disconnect = fragments.connect_m2m_bumps(Enrolment.team, lambda e: [("team-test", e.pk)], uid="test-team")
    try:
        before = fragments.versions(("team-test", enrolment.pk))
        with django_capture_on_commit_callbacks(execute=True):
            person.enrolment_teams.add(enrolment)
        added = fragments.versions(("team-test", enrolment.pk))
        assert added != before
        with django_capture_on_commit_callbacks(execute=True):
            person.enrolment_teams.clear()
        assert fragments.versions(("team-test", enrolment.pk)) != added
    finally:
        disconnect()


@pytest.mark.django_db
def test_saves_of_unwatched_fields_do_not_bump(fragment_cache, django_capture_on_commit_callbacks):
    from tests.factories import UserFactory

    person = UserFactory()
    disconnect = fragments.connect_bumps(
        type(person), lambda u: [("person-test", u.pk)], uid="test-person", fields={"full_name"}
    )
    try:
        before = fragments.versions(("person-test", person.pk))
        with django_capture_on_commit_callbacks(execute=True):
            person.save(update_fields=["last_login"])
        assert fragments.versions(("person-test", person.pk)) == before
        with django_capture_on_commit_callbacks(execute=True):
            person.full_name = "Nytt Navn"
            person.save(update_fields=["full_name"])
        assert fragments.versions(("person-test", person.pk)) != before
    finally:
        disconnect()


@pytest.mark.django_db
def test_retiring_all_renews_every_version(fragment_cache, django_capture_on_commit_callbacks):
    first = fragments.versions(("cohort", 1), ("gathering", 2))
    with django_capture_on_commit_callbacks(execute=True):
        fragments.retire_all()
    after = fragments.versions(("cohort", 1), ("gathering", 2))
    assert after != first and after.split(".")[:2] == first.split(".")[:2]
