"""The one access rule, shared by every app: who may see which cohort and organisation.

Every view fetches objects through ``Model.objects.visible_to(user)``; those querysets are built
from these helpers, so the rule lives here once.

* course staff (``is_staff``) see everything;
* advisors and evaluators see the cohorts they are assigned to (``CohortRole``);
* organisation contacts see their own organisations (active ``Membership``) and the cohorts those
  organisations are enrolled in;
* alumni (contacts of any cohort, past or current) also see what is shared with all cohorts (the
  knowledge bank), until staff end that access for them (``alumni_q``).

Writes are decided by the predicates at the end (``is_staff``, ``is_contact_person``,
``is_team_member``, ``has_cohort_role``, ``is_course_side``, ``may_read_homework``), on objects the
user can already see: a refusal there is a 403 (``require_staff``).
"""

from __future__ import annotations

from django.db.models import Exists, Q

from omdomme.core import fragments
from omdomme.core.staff import is_staff, require_staff  # noqa: F401 - part of this module's API


def assigned_cohort_ids(user, role: str | None = None):
    """Cohorts a user is assigned to as advisor or evaluator (a subquery, not evaluated)."""
    from .models import CohortRole

    qs = CohortRole.objects.filter(user=user)
    if role:
        qs = qs.filter(role=role)
    return qs.values("cohort_id")


def member_organisation_ids(user):
    from .models import Membership

    return Membership.objects.filter(user=user, is_active=True).values("organisation_id")


def is_member(user, organisation, *, role: str | None = None) -> bool:
    """Is the user an active member of the organisation (an object or its id)? With ``role``, only
    members in that role count (e.g. contact persons)."""
    if not user.is_authenticated or not user.is_active:
        return False
    from .models import Membership

    members = Membership.objects.filter(
        user=user, organisation_id=getattr(organisation, "pk", organisation), is_active=True
    )
    return members.filter(role=role).exists() if role else members.exists()


def is_contact_person(user, organisation) -> bool:
    from .models import MembershipRole

    return is_member(user, organisation, role=MembershipRole.CONTACT)


def member_cohort_ids(user):
    from .models import Enrolment

    return Enrolment.objects.filter(organisation__in=member_organisation_ids(user)).values("cohort_id")


def alumni_q(user) -> Q:
    """A filter that is true when the user is an alumnus: an active contact of an organisation
    enrolled in any cohort, whose alumni access staff have not ended. Staff always pass. Evaluated
    in SQL, so it adds no query of its own; combine with the shared-with-all-cohorts condition."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.is_staff:
        return Q()
    from .models import AlumniAccessEnd, Enrolment

    enrolled = Enrolment.objects.filter(organisation__in=member_organisation_ids(user))
    return Q(Exists(enrolled)) & ~Q(Exists(AlumniAccessEnd.objects.filter(user=user)))


def cohort_q(user, field: str = "cohort") -> Q:
    """A filter for objects that belong to a cohort the user may see."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.is_staff:
        return Q()
    return Q(**{f"{field}__in": assigned_cohort_ids(user)}) | Q(**{f"{field}__in": member_cohort_ids(user)})


def organisation_q(user, org_field: str = "organisation", cohort_field: str | None = "cohort") -> Q:
    """A filter for an organisation's own objects: its contacts, and staff/advisors/evaluators of the
    cohort the object belongs to (``cohort_field``)."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.is_staff:
        return Q()
    q = Q(**{f"{org_field}__in": member_organisation_ids(user)})
    if cohort_field:
        q |= Q(**{f"{cohort_field}__in": assigned_cohort_ids(user)})
    return q


def access_scope(user) -> fragments.Scope:
    """The fragment scope of what ``user`` may see (``omdomme.core.fragments``): bumped whenever the
    user's access flags, memberships, cohort roles or alumni access change, so a cached page part keyed on it
    never outlives the access it was rendered for. Code that writes these rows with
    ``QuerySet.update()`` bumps it itself."""
    return ("user", user.pk)


# --- Write predicates ----------------------------------------------------------------------------


def is_team_member(user, organisation) -> bool:
    """An active member (contact person or team member) of the organisation (an object or its id)."""
    return is_member(user, organisation)


def has_cohort_role(user, cohort, role: str | None = None) -> bool:
    """Is the user assigned to the cohort (an object or its id) as advisor or evaluator (or ``role``)?"""
    if not user.is_authenticated or not user.is_active:
        return False
    return assigned_cohort_ids(user, role).filter(cohort_id=getattr(cohort, "pk", cohort)).exists()


def is_course_side(user, cohort) -> bool:
    """Course staff, or an advisor assigned to the cohort: they give feedback and decide."""
    from .models import RoleKind

    return is_staff(user) or has_cohort_role(user, cohort, RoleKind.ADVISOR)


def may_read_homework(user, cohort) -> bool:
    """Every organisation's homework of a cohort: its course side, and its evaluators when the cohort
    lets them read homework."""
    from .models import RoleKind

    if is_course_side(user, cohort):
        return True
    return cohort.evaluators_see_homework and has_cohort_role(user, cohort, RoleKind.EVALUATOR)


def active_memberships(user) -> list:
    """The user's active memberships with their organisations, loaded once per user object (so once
    per request: every menu and home-page section reads the same list)."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_active_memberships_cache", None)
    if cached is None:
        from .models import Membership

        cached = list(Membership.objects.active().filter(user=user).select_related("organisation"))
        user._active_memberships_cache = cached
    return cached
