from django.urls import reverse
from django.utils.translation import gettext as _

from omdomme.core.extensions import MenuItem

from . import access


def menu(user) -> list[MenuItem]:
    items = []
    if user.is_staff or user.is_advisor or user.is_evaluator:
        items.append(MenuItem(_("Cohorts"), reverse("cohorts:cohort_list"), 10))
    if user.is_staff:
        items.append(MenuItem(_("Organisations"), reverse("cohorts:organisation_list"), 15))
        items.append(MenuItem(_("Applications"), reverse("cohorts:application_list"), 16))
        items.append(MenuItem(_("People"), reverse("cohorts:account_list"), 90))
    memberships = access.active_memberships(user)
    if len(memberships) == 1:
        items.append(MenuItem(_("My organisation"), memberships[0].organisation.get_absolute_url(), 20))
    elif memberships:
        items.append(MenuItem(_("My organisations"), reverse("cohorts:my_organisation"), 20))
    return items
