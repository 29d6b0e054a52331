"""Case stories, alumni access and the team's consent, through their pages; list query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cohorts.models import Activity, AlumniAccessEnd
from homework.models import Submission
from omdomme.knowledge import services
from omdomme.knowledge.models import CaseAudience, CaseStory
from tests.factories import EnrolmentFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.gatherings.factories import GatheringFactory

from .factories import case, file_material, shared_homework

pytestmark = pytest.mark.django_db


def test_a_public_case_is_read_without_signing_in_and_a_participants_case_is_not(world, client_for):
    public = case(world.org_c, world.other_cohort, title="Åpen case", summary="x", audience=CaseAudience.PUBLIC)
    closed = case(world.org_c, world.other_cohort, title="Lukket case", summary="x")
    anonymous = client_for(None)
    assert anonymous.get(public.get_absolute_url()).status_code == 200
    assert anonymous.get(closed.get_absolute_url()).status_code == 404
    listing = anonymous.get(reverse("knowledge:case_list")).content.decode()
    assert "Åpen case" in listing and "Lukket case" not in listing
    assert client_for(world.contact_a).get(closed.get_absolute_url()).status_code == 200  # an alumnus


def test_a_case_links_only_the_organisations_shared_homework(world):
    own = shared_homework(world.cohort, world.org_a, world.contact_a, world.staff, title="Alfa-plan")
    other = shared_homework(world.cohort, world.org_b, world.contact_b, world.staff, title="Beta-plan")
    story = CaseStory(organisation=world.org_a, cohort=world.cohort, title="Alfa", summary="x")
    with pytest.raises(services.KnowledgeError):
        services.save_case(story, actor=world.staff, submissions=[other])
    assert not CaseStory.objects.exists()
    services.save_case(story, actor=world.staff, submissions=[own])
    assert list(story.submissions.all()) == [own]
    assert Activity.objects.filter(verb="case.created", target_id=story.pk).exists()


def test_the_case_page_links_only_what_the_reader_may_open(world, client_for):
    gathering = GatheringFactory(cohort=world.cohort)
    cohort_only = file_material(gathering, world.staff, title="Bare for 2026-kullet", text="x")
    story = case(world.org_a, world.cohort, title="Alfa", summary="x", audience=CaseAudience.PUBLIC)
    story.materials.add(cohort_only)
    assert "Bare for 2026-kullet" in client_for(world.contact_b).get(story.get_absolute_url()).content.decode()
    assert "Bare for 2026-kullet" not in client_for(None).get(story.get_absolute_url()).content.decode()


@pytest.mark.parametrize("count", [1, 15])
def test_case_list_queries_do_not_grow(world, client_for, django_assert_num_queries, count):
    for n in range(count):
        case(world.org_c, world.other_cohort, title=f"Case {n}", summary="x")
    client = client_for(world.contact_a)
    with django_assert_num_queries(5):
        response = client.get(reverse("knowledge:case_list"))
    assert len(response.context["cases"]) == count


@pytest.mark.parametrize("count", [1, 15])
def test_alumni_list_queries_do_not_grow(world, client_for, django_assert_num_queries, count):
    for n in range(count):
        org = OrganisationFactory()
        EnrolmentFactory(cohort=world.other_cohort, organisation=org)
        MembershipFactory(organisation=org, user=UserFactory(full_name=f"Alumn {n:02}"))
    client = client_for(world.staff)
    with django_assert_num_queries(5):
        response = client.get(reverse("knowledge:alumni_list"), {"q": "Alumn"})
    assert len(response.context["people"]) == count


@pytest.mark.parametrize("count", [1, 15])
def test_gathering_materials_queries_do_not_grow(world, client_for, django_assert_num_queries, count):
    gathering = GatheringFactory(cohort=world.cohort)
    for n in range(count):
        file_material(gathering, world.staff, title=f"Lysark {n}", text="x", publish=n % 2 == 0)
    client = client_for(world.staff)
    with django_assert_num_queries(5):
        response = client.get(reverse("knowledge:gathering_materials", args=[gathering.pk]))
    assert response.content.decode().count("/publiser/") == count


def test_staff_end_and_restore_alumni_access(world, client_for):
    client = client_for(world.staff)
    client.post(reverse("knowledge:alumni_end", args=[world.contact_a.pk]), {"reason": "Sluttet i kommunen"})
    ended = AlumniAccessEnd.objects.get(user=world.contact_a)
    assert (ended.ended_by, ended.reason) == (world.staff, "Sluttet i kommunen")
    assert Activity.objects.filter(verb="alumni.ended", target_id=world.contact_a.pk).count() == 1
    client.post(reverse("knowledge:alumni_restore", args=[world.contact_a.pk]))
    assert not AlumniAccessEnd.objects.exists()
    assert client.post(reverse("knowledge:alumni_end", args=[world.outsider.pk])).status_code == 404  # no cohort


def test_the_team_gives_consent_explicitly_sees_it_and_withdraws_it(world, client_for):
    submission = shared_homework(world.cohort, world.org_a, world.contact_a, world.staff, title="Alfa-plan")
    client = client_for(world.contact_a)
    share = reverse("homework:submission_share_beyond", args=[submission.pk])
    client.post(share)  # no tick in the box: nothing changes
    submission.refresh_from_db()
    assert submission.shared_beyond_at is None
    client.post(share, {"consent": "yes"})
    submission.refresh_from_db()
    assert (submission.shared_beyond_by, submission.shared_beyond_at is not None) == (world.contact_a, True)
    page = client.get(submission.get_absolute_url()).content.decode()
    assert "Kari Alfa" in page and reverse("homework:submission_withdraw_beyond", args=[submission.pk]) in page
    client.post(reverse("homework:submission_withdraw_beyond", args=[submission.pk]))
    assert Submission.objects.get(pk=submission.pk).shared_beyond_at is None
    verbs = list(
        Activity.objects.filter(target_id=submission.pk, verb__contains="beyond").values_list("verb", flat=True)
    )
    assert sorted(verbs) == ["homework.shared_beyond", "homework.unshared_beyond"]


def test_stopping_sharing_also_ends_sharing_beyond_the_cohort(world):
    from homework import services as homework_services

    submission = shared_homework(world.cohort, world.org_a, world.contact_a, world.staff, beyond=True)
    homework_services.unshare(submission, actor=world.contact_a)
    submission.refresh_from_db()
    assert (submission.shared_at, submission.shared_beyond_at) == (None, None)
