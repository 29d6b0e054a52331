from django.urls import reverse
from django.utils.translation import pgettext

from omdomme.core.extensions import MenuItem


def menu(user) -> list[MenuItem]:
    return [MenuItem(pgettext("menu", "Homework"), reverse("homework:index"), 40)]
