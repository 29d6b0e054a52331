from django.urls import reverse
from django.utils.translation import gettext as _

from omdomme.navigation import MenuItem

from .models import Membership


def menu(user) -> list[MenuItem]:
    items = []
    if user.is_staff or user.is_advisor or user.is_evaluator:
        items.append(MenuItem(_("Cohorts"), reverse("cohorts:cohort_list"), 10))
    membership = Membership.objects.active().filter(user=user).select_related("organisation").first()
    if membership is not None:
        items.append(MenuItem(_("My organisation"), membership.organisation.get_absolute_url(), 20))
    return items
