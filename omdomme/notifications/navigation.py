from django.urls import reverse
from django.utils.translation import gettext as _

from omdomme.core.extensions import MenuItem


def menu(user) -> list[MenuItem]:
    if not user.is_staff:
        return []
    return [MenuItem(_("Email"), reverse("notifications:outbox_list"), 80)]
