from django.urls import reverse
from django.utils.translation import gettext as _

from cohorts import access
from omdomme.core.extensions import MenuItem


def menu(user) -> list[MenuItem]:
    items = [MenuItem(_("Gatherings"), reverse("gatherings:gathering_list"), 30)]
    if getattr(user, "is_advisor", False):
        items.append(MenuItem(_("My schedule"), reverse("gatherings:my_schedule"), 31))
    if not access.is_staff(user) and access.active_memberships(user):
        items.append(MenuItem(_("My bookings"), reverse("gatherings:my_bookings"), 31))
    return items
