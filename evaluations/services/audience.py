"""Who a survey asks, and the key that ties a respondent to their response."""

from __future__ import annotations

from django.utils.crypto import salted_hmac

from cohorts.models import Enrolment, EnrolmentStatus, Membership, MembershipRole, Organisation

from ..gatherings import registered_user_ids
from ..models import Audience, Response, Survey


def audience_memberships(survey: Survey):
    """Memberships (person + organisation) the survey is addressed to."""
    enrolled = Enrolment.objects.filter(cohort_id=survey.cohort_id).exclude(status=EnrolmentStatus.WITHDRAWN)
    qs = Membership.objects.active().filter(organisation__in=enrolled.values("organisation_id"))
    if survey.audience == Audience.ONE_PER_ORGANISATION:
        qs = qs.filter(role=MembershipRole.CONTACT)
    elif survey.audience == Audience.REGISTERED:
        qs = _registered_only(qs, survey)
    return qs


def _registered_only(qs, survey: Survey):
    if survey.gathering_id is None:
        return qs.none()

    return qs.filter(user__in=registered_user_ids(survey.gathering_id))


def respondent_organisation(user, survey: Survey) -> Organisation | None:
    """The organisation a person answers for, or None when the survey is not addressed to them."""
    if not user.is_authenticated:
        return None
    membership = audience_memberships(survey).filter(user=user).select_related("organisation").order_by("pk").first()
    return membership.organisation if membership else None


def respondent_key(survey_id: int, user_id: int | str) -> str:
    """A keyed hash of survey and person: finds a person's response without storing who they are."""
    return salted_hmac("omdomme.evaluations.respondent", f"{survey_id}:{user_id}", algorithm="sha256").hexdigest()


def own_response(user, survey: Survey) -> Response | None:
    return Response.objects.filter(survey=survey, respondent_key=respondent_key(survey.pk, user.pk)).first()
