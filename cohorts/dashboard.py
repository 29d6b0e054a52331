from omdomme.dashboards import Section

from .models import Cohort, CohortStatus, Enrolment, Membership


def sections(user) -> list[Section]:
    result = []
    if user.is_staff:
        cohorts = Cohort.objects.filter(status__in=[CohortStatus.ACTIVE, CohortStatus.PLANNING])
        result.append(Section("cohorts/dashboard_staff.html", {"cohorts": cohorts}, order=10))
    elif user.is_advisor or user.is_evaluator:
        cohorts = Cohort.objects.visible_to(user)
        result.append(Section("cohorts/dashboard_staff.html", {"cohorts": cohorts}, order=10))
    memberships = Membership.objects.active().filter(user=user).select_related("organisation")
    for membership in memberships:
        enrolments = Enrolment.objects.current().filter(organisation=membership.organisation).select_related("cohort")
        result.append(Section("cohorts/dashboard_contact.html",
                              {"organisation": membership.organisation, "enrolments": enrolments}, order=20))
    return result
