from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PacksConfig(AppConfig):
    name = "omdomme.packs"
    label = "packs"
    verbose_name = _("Participant packs")

    def ready(self) -> None:
        from . import panels  # noqa: F401 - registers the organisation-page panel
