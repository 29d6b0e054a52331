"""Norwegian formats and wording (issue 12 item 8, issue 14 item 7)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import formats, translation

from homework import services
from homework.models import FeedbackSide
from tests.factories import CohortFactory, CohortRoleFactory, EnrolmentFactory, MembershipFactory, UserFactory
from tests.homework.factories import AssignmentFactory, SubmissionFactory, add_version

MOMENT = datetime(2026, 12, 19, 14, 5, tzinfo=ZoneInfo("Europe/Oslo"))


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_norwegian_formats_have_lower_case_months_and_kl(language):
    with translation.override(language):
        assert formats.date_format(MOMENT, "DATE_FORMAT") == "19. desember 2026"
        assert formats.date_format(MOMENT, "DATETIME_FORMAT") == "19. desember 2026 kl. 14:05"
        assert formats.date_format(MOMENT, "SHORT_DATE_FORMAT") == "19.12.2026"
        assert Template('{{ d|date:"j. N Y" }}').render(Context({"d": MOMENT})) == "19. des. 2026"
        assert formats.number_format(15000.5, 2, force_grouping=True) == "15\xa0000,50"


def test_no_template_uses_the_capitalised_month_abbreviation():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in root.rglob("*.html"):
        if ".venv" in path.parts or "node_modules" in path.parts:
            continue
        for fmt in re.findall(r'date:"([^"]*)"', path.read_text()):
            if not fmt.endswith("_FORMAT") and re.search(r"(?<!\\)M", fmt):
                offenders.append(f"{path.relative_to(root)}: {fmt}")
    assert offenders == []


@pytest.mark.django_db
def test_menu_says_homework_in_plural(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    labels = [item.label for item in client.get(reverse("home")).context["menu_items"]]
    assert "Hjemmeoppgaver" in labels and "Hjemmeoppgave" not in labels


@pytest.mark.django_db
def test_feedback_shows_the_authors_real_role_and_contacts_see_no_checksums(client):
    cohort = CohortFactory()
    membership = MembershipFactory()
    EnrolmentFactory(cohort=cohort, organisation=membership.organisation)
    advisor = UserFactory(is_advisor=True)
    CohortRoleFactory(cohort=cohort, user=advisor, role="advisor")
    staff = UserFactory(is_staff=True)
    submission = SubmissionFactory(assignment=AssignmentFactory(cohort=cohort), organisation=membership.organisation)
    add_version(submission, membership.user)
    services.add_feedback(submission, "Godt jobba.", actor=advisor)
    services.add_feedback(submission, "Enig.", actor=staff)
    entries = list(submission.feedback.order_by("pk"))
    assert [(e.side, e.author_role) for e in entries] == [
        (FeedbackSide.COURSE, "Rådgiver"),
        (FeedbackSide.COURSE, "Kursstab"),
    ]
    client.force_login(membership.user)
    page = client.get(submission.get_absolute_url()).content.decode()
    assert "(Rådgiver," in page and "(Kursstab," in page and "Kursstab eller rådgiver" not in page
    assert "SHA-256" not in page
    client.force_login(staff)
    assert "SHA-256" in client.get(submission.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_profile_names_languages_as_the_header_does(client):
    from omdomme.accounts.forms import ProfileForm

    client.force_login(UserFactory())
    header = client.get(reverse("home")).content.decode()
    profile = [label for code, label in ProfileForm().fields["language"].choices]
    assert profile == ["Bokmål", "Nynorsk", "English"]
    for name in profile:
        assert f">{name}<" in header
