from django.urls import reverse
from django.utils.translation import gettext as _

from omdomme.core.extensions import MenuItem


def menu(user) -> list[MenuItem]:
    items = [MenuItem(_("Knowledge bank"), reverse("knowledge:search"), 60)]
    if user.is_staff:
        items.append(MenuItem(_("Alumni"), reverse("knowledge:alumni_list"), 91))
    return items
