from django.urls import reverse
from django.utils.translation import gettext as _

from omdomme.core.extensions import MenuItem


def menu(user) -> list[MenuItem]:
    return [MenuItem(_("Homework"), reverse("homework:index"), 40)]
