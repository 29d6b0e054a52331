"""Applications to join a cohort: submit, accept, decline."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omdomme.accounts.models import User
from omdomme.notifications.services import queue_email

from .. import access
from ..activity import record
from ..models import (
    Application,
    ApplicationStatus,
    Cohort,
    Enrolment,
    EnrolmentStatus,
    Invitation,
    LanguageForm,
    Membership,
    MembershipRole,
    Organisation,
)
from .enrolments import enrol
from .errors import CohortsError
from .invitations import invite
from .organisations import save_organisation


@transaction.atomic
def submit_application(cohort: Cohort, **fields) -> Application:
    if not cohort.open_for_applications:
        raise CohortsError(_("This cohort is not open for applications."), code="closed")
    application = Application.objects.create(cohort=cohort, **fields)
    queue_email(
        "application_received",
        to=[application.contact_email],
        language=application.language,
        organisation=application,  # its language_form is the applicant's language decision
        related=application,
        cohort_id=cohort.pk,
        essential=True,
        context={
            "contact_name": application.contact_name,
            "organisation_name": application.organisation_name,
            "cohort_name": cohort.name,
        },
        dedupe_key=f"application-received:{application.pk}",
    )
    record(
        None,
        "application.received",
        _("Application from %(org)s") % {"org": application.organisation_name},
        target=application,
        cohort=cohort,
    )
    return application


def _find_organisation(application: Application) -> Organisation | None:
    if application.municipality_number:
        org = Organisation.objects.filter(municipality_number=application.municipality_number).first()
        if org is not None:
            return org
    return Organisation.objects.filter(name__iexact=application.organisation_name.strip()).first()


@transaction.atomic
def accept_application(application: Application, *, actor: User) -> Enrolment:
    """Link or create the organisation, enrol it, and invite the contact person."""
    access.require_staff(actor)
    application = Application.objects.select_for_update(of=("self",)).select_related("cohort").get(pk=application.pk)
    if application.status != ApplicationStatus.NEW:
        raise CohortsError(_("This application has already been decided."), code="decided")
    organisation = _find_organisation(application)
    if organisation is None:
        organisation = save_organisation(
            Organisation(
                name=application.organisation_name.strip(),
                kind=application.organisation_kind,
                municipality_number=application.municipality_number or None,
                language_form=application.language_form,
            ),
            actor=actor,
        )
    elif organisation.language_form == LanguageForm.NEUTRAL and application.language_form != LanguageForm.NEUTRAL:
        organisation.language_form = application.language_form
        save_organisation(organisation, actor=actor)
    enrolment = Enrolment.objects.filter(cohort=application.cohort, organisation=organisation).first()
    if enrolment is None or enrolment.status == EnrolmentStatus.WITHDRAWN:
        enrolment = enrol(application.cohort, organisation, status=EnrolmentStatus.ACTIVE, actor=actor)
    already_member = (
        Membership.objects.active()
        .filter(organisation=organisation, user__email__iexact=application.contact_email)
        .exists()
    )
    already_invited = (
        Invitation.objects.pending().filter(organisation=organisation, email__iexact=application.contact_email).exists()
    )
    if not already_member and not already_invited:
        invite(
            organisation,
            application.contact_email,
            full_name=application.contact_name,
            role=MembershipRole.CONTACT,
            language=application.language,
            cohort=application.cohort,
            actor=actor,
        )
    application.status = ApplicationStatus.ACCEPTED
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.enrolment = enrolment
    application.save(update_fields=["status", "decided_by", "decided_at", "enrolment"])
    record(
        actor,
        "application.accepted",
        _("Accepted the application from %(org)s") % {"org": application.organisation_name},
        target=application,
        cohort=application.cohort,
        organisation=organisation,
    )
    return enrolment


@transaction.atomic
def decline_application(application: Application, *, actor: User) -> Application:
    access.require_staff(actor)
    application = Application.objects.select_for_update(of=("self",)).select_related("cohort").get(pk=application.pk)
    if application.status != ApplicationStatus.NEW:
        raise CohortsError(_("This application has already been decided."), code="decided")
    application.status = ApplicationStatus.DECLINED
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_by", "decided_at"])
    queue_email(
        "application_declined",
        to=[application.contact_email],
        language=application.language,
        organisation=application,
        related=application,
        cohort_id=application.cohort_id,
        essential=True,
        context={
            "contact_name": application.contact_name,
            "organisation_name": application.organisation_name,
            "cohort_name": application.cohort.name,
        },
        dedupe_key=f"application-declined:{application.pk}",
    )
    record(
        actor,
        "application.declined",
        _("Declined the application from %(org)s") % {"org": application.organisation_name},
        target=application,
        cohort=application.cohort,
    )
    return application
