from django.urls import reverse
from django.utils.translation import gettext as _

from cohorts import access
from omdomme.core.extensions import MenuItem


def menu(user) -> list[MenuItem]:
    items = []
    if user.is_staff or user.is_advisor or user.is_evaluator:
        items.append(MenuItem(_("Evaluations"), reverse("evaluations:survey_list"), 50))
        items.append(MenuItem(_("Indicators"), reverse("evaluations:indicator_list"), 55))
    if access.active_memberships(user):
        items.append(MenuItem(_("My surveys"), reverse("evaluations:my_surveys"), 50))
    return items
