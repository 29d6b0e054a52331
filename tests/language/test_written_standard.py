"""Mail to an organisation follows its language decision (språklova § 15); neutral → the person's own."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts import importer, services
from cohorts.models import Application, Invitation, LanguageForm, Organisation
from omdomme.accounts.models import User
from omdomme.core.tabular import RowError
from omdomme.notifications.models import OutboxMail
from omdomme.notifications.services import written_standard
from omdomme.reminders.rules import sweep
from omdomme.reminders.services import send_message
from tests.cohorts.factories import ApplicationFactory
from tests.factories import OrganisationFactory, UserFactory
from tests.packs import factories as f

pytestmark = pytest.mark.django_db


def test_the_rule():
    nn, nb, neutral = (Organisation(language_form=form) for form in ("nn", "nb", "neutral"))
    assert [written_standard(org, "en") for org in (nn, nb, neutral, None)] == ["nn", "nb", "en", "en"]
    assert written_standard(neutral, None) == "nb"


def test_an_nn_organisation_gets_its_invitation_in_nynorsk_and_the_new_member_starts_in_nn(client):
    staff = UserFactory(is_staff=True)
    org = OrganisationFactory(name="Bømlo kommune", language_form=LanguageForm.NYNORSK)
    services.invite(org, "ny@bomlo.kommune.no", full_name="Ny Person", language="nb", actor=staff)
    mail = OutboxMail.objects.get(kind="invitation")
    assert mail.language == "nn"
    assert mail.subject == "Invitasjon til teamet til Bømlo kommune i Omdømmeskolen"
    assert "Opne lenkja for å velje passord og bli med:" in mail.body_text
    assert "Venleg helsing" in mail.body_text
    assert "Vennlig hilsen" not in mail.body_text
    invitation = Invitation.objects.get()
    services.accept_invitation(invitation.url_token, full_name="Ny Person", password="Eit-langt-passord-42")
    assert User.objects.get(email="ny@bomlo.kommune.no").language == "nn"


def test_a_neutral_organisation_writes_in_the_language_chosen_for_the_person():
    staff = UserFactory(is_staff=True)
    org = OrganisationFactory(language_form=LanguageForm.NEUTRAL)
    services.invite(org, "en@example.no", language="en", actor=staff)
    mail = OutboxMail.objects.get(kind="invitation")
    assert mail.language == "en"
    assert "Open this link to choose your password and join:" in mail.body_text


def test_reminders_and_team_messages_follow_the_organisation_not_the_person(world):
    world.org_a.language_form = LanguageForm.NYNORSK
    world.org_a.save()
    world.contact_a.language = "en"
    world.contact_a.save()
    now = timezone.now()
    f.assignment(world.cohort, due_at=now + timedelta(hours=10), title="Omdømmeanalyse")
    sweep(now=now)
    to_a = OutboxMail.objects.get(kind="reminder_homework", recipients=[world.contact_a.email])
    to_b = OutboxMail.objects.get(kind="reminder_homework", recipients=[world.contact_b.email])
    assert (to_a.language, to_b.language) == ("nn", "nb")
    assert to_a.subject == "Frist i morgon: heimeoppgåva «Omdømmeanalyse»"
    assert to_b.subject == "Frist i morgen: hjemmeoppgaven «Omdømmeanalyse»"
    send_message(world.cohort, [world.org_a], "Velkommen", "Hei alle saman.", actor=world.staff)
    message = OutboxMail.objects.get(kind="message")
    assert message.language == "nn"
    assert message.body_text.endswith("Omdømmeskolen – omdømeskulen for kommunar og regionråd.\n")


def test_the_application_is_acknowledged_in_the_written_standard_it_names(client):
    cohort = ApplicationFactory().cohort
    response = client.post(
        reverse("cohorts:apply"),
        {
            "organisation_name": "Utsira kommune",
            "organisation_kind": "municipality",
            "contact_name": "Siv Søker",
            "contact_email": "siv@utsira.kommune.no",
            "motivation": "Vi vil.",
            "language_form": "nn",
        },
    )
    assert response.status_code == 302
    application = Application.objects.get(organisation_name="Utsira kommune")
    assert (application.cohort, application.language_form) == (cohort, "nn")
    mail = OutboxMail.objects.get(kind="application_received")
    assert mail.language == "nn"
    assert mail.subject == f"Vi har fått søknaden dykkar til {cohort.name}"
    enrolment = services.accept_application(application, actor=UserFactory(is_staff=True))
    assert enrolment.organisation.language_form == "nn"


def test_a_contact_person_records_the_language_decision(client, world):
    client.force_login(world.contact_a)
    url = reverse("cohorts:organisation_language", args=[world.org_a.pk])
    assert client.post(url, {"language_form": "nn"}).status_code == 302
    world.org_a.refresh_from_db()
    assert world.org_a.language_form == "nn"
    page = client.get(world.org_a.get_absolute_url()).content.decode()
    assert "<dt>Målform</dt>\n  <dd>Nynorsk" in page
    client.force_login(world.staff)
    listing = client.get(reverse("cohorts:organisation_list"), {"language_form": "nn"}).context["organisations"]
    assert [o.name for o in listing] == ["Alfa kommune"]


def test_the_import_file_carries_the_written_standard():
    content = (
        "organisation;kind;municipality_number;contact_email;language_form\n"
        "Kvam herad;kommune;4622;kontakt@kvam.kommune.no;nynorsk\n"
        "Bokby kommune;kommune;4623;;bokmål\n"
        "Rar kommune;kommune;4624;;latin\n"
    ).encode()
    result = importer.parse("orgs.csv", content)
    assert [r.errors for r in result.rows] == [
        [],
        [],
        [RowError(4, "language_form", "Ukjent målform «latin»: bruk bokmål, nynorsk eller nøytral.")],
    ]
    result.rows.pop()
    importer.apply(result, invite=True, actor=UserFactory(is_staff=True))
    assert dict(Organisation.objects.values_list("name", "language_form")) == {
        "Kvam herad": "nn",
        "Bokby kommune": "nb",
    }
    assert OutboxMail.objects.get(kind="invitation").language == "nn"


def test_a_message_to_teams_gives_nynorsk_teams_the_nynorsk_version(client, world):
    world.org_a.language_form = LanguageForm.NYNORSK
    world.org_a.save()
    client.force_login(world.staff)
    url = reverse("reminders:message_compose") + f"?cohort={world.cohort.pk}"
    data = {"cohort": world.cohort.pk, "everyone": "on", "subject": "Velkommen", "body": "Hei alle sammen."}
    preview = client.post(url, {**data, "preview": "1"}).content.decode()
    assert "Nynorsk mangler: noen av disse organisasjonene har vedtatt nynorsk" in preview
    response = client.post(url, {**data, "subject_nn": "Velkomen", "body_nn": "Hei alle saman.", "send": "1"})
    assert response.status_code == 302
    mails = {m.recipients[0]: m for m in OutboxMail.objects.filter(kind="message")}
    assert (mails[world.contact_a.email].subject, mails[world.contact_b.email].subject) == ("Velkomen", "Velkommen")
    assert "Hei alle saman." in mails[world.contact_a.email].body_text
