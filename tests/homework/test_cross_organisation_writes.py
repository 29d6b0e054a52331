"""Writes and wider reads across organisations. A contact never writes to another organisation's
homework, even work it shared with the cohort:
the answer is 404 (nothing leaks), and nothing changes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from homework.models import SubmissionFile, SubmissionFileVersion
from tests.permissions import rows_homework
from tests.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def hw_world():
    world = build_world()
    rows_homework.extend(world)
    return world


def _upload():
    return {"file": SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")}


def test_contact_b_cannot_upload_replace_or_remove_files_of_org_a_shared_work(client, hw_world):
    shared = hw_world.hw_shared_a
    file = SubmissionFile.objects.create(submission=shared, created_by=hw_world.contact_a)
    client.force_login(hw_world.contact_b)
    versions_before = SubmissionFileVersion.objects.count()
    files_before = SubmissionFile.objects.filter(removed_at__isnull=True).count()

    assert client.post(reverse("homework:file_upload", args=[shared.pk]), _upload()).status_code == 404
    assert client.post(reverse("homework:file_replace", args=[file.pk]), _upload()).status_code == 404
    assert client.post(reverse("homework:file_remove", args=[file.pk])).status_code == 404

    assert SubmissionFileVersion.objects.count() == versions_before
    assert SubmissionFile.objects.filter(removed_at__isnull=True).count() == files_before


def test_contact_a_cannot_write_to_org_b_submission(client, hw_world):
    client.force_login(hw_world.contact_a)
    sub_b = hw_world.hw_sub_b
    assert client.post(reverse("homework:file_upload", args=[sub_b.pk]), _upload()).status_code == 404
    assert client.post(reverse("homework:file_replace", args=[hw_world.hw_file_b.pk]), _upload()).status_code == 404
    assert client.post(reverse("homework:file_remove", args=[hw_world.hw_file_b.pk])).status_code == 404
    assert hw_world.hw_file_b.versions.count() == 1


def test_evaluators_see_the_gallery_only_when_staff_allow_homework(client, hw_world):
    url = reverse("homework:gallery_detail", args=[hw_world.hw_shared_a.pk])
    client.force_login(hw_world.evaluator)
    assert client.get(url).status_code == 404
    hw_world.cohort.evaluators_see_homework = True
    hw_world.cohort.save(update_fields=["evaluators_see_homework"])
    response = client.get(url)
    assert response.status_code == 200
    assert hw_world.hw_shared_a.assignment.title in response.content.decode()
