"""The apps' personal data in a person's export, erasure and cohort purge.

Privacy is a top-layer package, so it reads the lower apps directly: ``EXPORTERS``, ``ERASERS``
and ``COHORT_PURGERS`` below are the whole list. A new app with personal data adds its functions here.
"""

from __future__ import annotations

from django.db.models import Q

from evaluations.models import Response
from homework.models import FeedbackEntry, Submission, SubmissionFileVersion
from omdomme.packs.models import ParticipantPack
from omdomme.packs.services import discard_packs
from sessions.models import AdvisorySlot, Registration


def _iso(value):
    return value.isoformat() if value is not None else None


# --- gatherings: registrations and speed-advisory bookings -----------------------------------


def export_registrations(user) -> list[dict]:
    return [
        {
            "gathering": str(r.gathering),
            "organisation": r.organisation.name if r.organisation else None,
            "status": r.status,
            "days": r.days,
            "dietary_needs": r.dietary_needs,
            "accommodation_nights": r.accommodation_nights,
            "arrival": _iso(r.arrival),
            "departure": _iso(r.departure),
            "comment": r.comment,
            "checked_in_at": _iso(r.checked_in_at),
            "created_at": _iso(r.created_at),
        }
        for r in Registration.objects.filter(user=user).select_related("gathering", "organisation").order_by("pk")
    ]


def export_bookings(user) -> list[dict]:
    return [
        {
            "starts_at": _iso(s.starts_at),
            "ends_at": _iso(s.ends_at),
            "organisation": s.organisation.name if s.organisation else None,
            "advisor": str(s.advisor) if s.advisor else None,
            "topic": s.topic,
            "booked_at": _iso(s.booked_at),
            "you_are": "advisor" if s.advisor_id == user.pk else "booked by you",
        }
        for s in AdvisorySlot.objects.filter(Q(booked_by=user) | Q(advisor=user))
        .select_related("organisation", "advisor")
        .order_by("starts_at")
    ]


def erase_registrations(user, placeholder: str) -> None:
    """Dietary needs and free-text comments are about the person: gone. Attendance stays."""
    Registration.objects.filter(user=user).update(dietary_needs="", comment="")


def purge_registrations(cohort) -> None:
    Registration.objects.filter(gathering__cohort=cohort).exclude(dietary_needs="", comment="").update(
        dietary_needs="", comment=""
    )


# --- homework: what the person wrote ---------------------------------------------------------


def export_homework(user) -> dict:
    return {
        "submissions_you_submitted": [
            {
                "assignment": str(s.assignment),
                "organisation": s.organisation.name,
                "status": s.status,
                "submitted_at": _iso(s.submitted_at),
            }
            for s in Submission.objects.filter(submitted_by=user).select_related("assignment", "organisation")
        ],
        "files_you_uploaded": [
            {"file": v.original_name, "version": v.number, "uploaded_at": _iso(getattr(v, "created_at", None))}
            for v in SubmissionFileVersion.objects.filter(uploaded_by=user).order_by("pk")
        ],
        "feedback_you_wrote": [
            {"submission": str(f.submission), "message": f.body, "attachment": f.attachment_name}
            for f in FeedbackEntry.objects.filter(author=user).select_related("submission").order_by("pk")
        ],
    }


def erase_homework(user, placeholder: str) -> None:
    """The homework stays with the organisation; only the author's stored name goes."""
    FeedbackEntry.objects.filter(author=user).update(author_name=placeholder)


# --- evaluations: named survey responses -----------------------------------------------------


def export_survey_responses(user) -> list[dict]:
    responses = (
        Response.objects.filter(user=user, anonymous=False)
        .select_related("survey")
        .prefetch_related("answers__question", "answers__choice")
    )
    return [
        {
            "survey": str(r.survey),
            "status": r.status,
            "answers": [
                {
                    "question": a.question.text,
                    "choice": a.choice.label if a.choice else None,
                    "number": str(a.number) if a.number is not None else None,
                    "text": a.text,
                }
                for a in r.answers.all()
            ],
        }
        for r in responses
    ]


def erase_survey_responses(user, placeholder: str) -> None:
    """Named answers stay in the organisation's results, no longer tied to the person."""
    Response.objects.filter(user=user, anonymous=False).update(user=None)


def purge_survey_responses(cohort) -> None:
    Response.objects.filter(survey__cohort=cohort, anonymous=False, user__isnull=False).update(user=None)


# --- participant packs: PDFs that list a gathering's participants and the cohort's staff contacts ---


def _packs_naming(user):
    return ParticipantPack.objects.filter(
        Q(gathering__registrations__user=user) | Q(gathering__cohort__contacts=user)
    ).distinct()


def export_packs(user) -> list[dict]:
    return [
        {"gathering": str(p.gathering), "organisation": p.organisation.name, "made": _iso(p.rendered_at)}
        for p in _packs_naming(user).select_related("gathering", "organisation").order_by("pk")
    ]


def erase_packs(user, placeholder: str) -> None:
    """The stored PDFs still name the person: gone (a pack is made again, without them, on request)."""
    discard_packs(_packs_naming(user))


def purge_packs(cohort) -> None:
    discard_packs(ParticipantPack.objects.filter(gathering__cohort=cohort))


EXPORTERS = {
    "bookings": export_bookings,
    "homework": export_homework,
    "participant_packs": export_packs,
    "registrations": export_registrations,
    "survey_responses": export_survey_responses,
}
ERASERS = [erase_registrations, erase_homework, erase_survey_responses, erase_packs]
COHORT_PURGERS = [purge_registrations, purge_survey_responses, purge_packs]
