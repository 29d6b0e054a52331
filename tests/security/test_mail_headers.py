"""A line break in a name never reaches a mail header: subjects are rendered on one line, so a name
such as "Alfa\\r\\nBcc: ..." cannot add a header or break delivery."""

import pytest

from cohorts import services
from omdomme.notifications.models import OutboxMail
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_name_with_line_breaks_stays_on_the_subject_line(mailoutbox, django_capture_on_commit_callbacks):
    organisation = OrganisationFactory(name="Alfa kommune\r\nBcc: evil@example.no")
    inviter = UserFactory(is_staff=True, full_name="Kari\nNordmann")
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(organisation, "ny@example.no", actor=inviter)
    mail = OutboxMail.objects.get(kind="invitation")
    assert "\n" not in mail.subject and "\r" not in mail.subject
    assert mail.status == "sent"
    [sent] = mailoutbox
    message = sent.message()
    assert message["Bcc"] is None
    assert sent.recipients() == ["ny@example.no"]
