from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GatheringsConfig(AppConfig):
    """Lives in ``sessions/`` but Django's own ``django.contrib.sessions`` owns that label."""

    name = "sessions"
    label = "gatherings"
    verbose_name = _("Gatherings")

    def ready(self) -> None:
        from datetime import timedelta

        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_init, post_save
        from django.utils import timezone

        from cohorts import scopes
        from cohorts.panels import organisation_panels
        from omdomme.core import extensions, fragments

        from . import bumps, dashboard, demo, load, navigation, panels
        from .models import AdvisorySlot, Gathering, Registration

        organisation_panels.register(panels.organisation_bookings)
        extensions.home_sections.register(dashboard.sections)
        extensions.menu.register(navigation.menu)
        extensions.demo_seeders.register(demo.seed)
        extensions.load_seeders.register(load.load)

        # The organisations' cached parts (cohorts.scopes), and the advisors' schedules
        # (``("advisor", id)``). A slot bumps the organisation and the advisor it had when loaded as
        # well as its current ones (a cancelled booking or a released slot leaves the first).
        fragments.connect_bumps(
            Gathering, lambda g: [*scopes.cohort_orgs(g.cohort_id), *_advisors(g)], uid="org-gathering"
        )
        fragments.connect_bumps(
            Registration, lambda r: [("user", r.user_id), *scopes.orgs(r.organisation_id)], uid="org-registration"
        )

        def remember_booking(sender, instance, **kwargs) -> None:
            instance._booked_by, instance._claimed_by = instance.organisation_id, instance.advisor_id

        post_init.connect(remember_booking, sender=AdvisorySlot, weak=False, dispatch_uid="frag-slot-booked-by")
        fragments.connect_bumps(
            AdvisorySlot,
            lambda slot: [
                *scopes.orgs(slot.organisation_id, getattr(slot, "_booked_by", None)),
                *_advisor_scopes(slot.advisor_id, getattr(slot, "_claimed_by", None)),
            ],
            uid="org-advisoryslot",
        )

        def advisor_renamed(sender, instance, update_fields=None, **kwargs) -> None:
            """Bookings show their advisor's name (a sign-in only touches last_login)."""
            if update_fields is not None and set(update_fields) <= {"last_login"}:
                return
            since = timezone.now() - timedelta(days=1)  # the organisation page shows yesterday's too
            booked = AdvisorySlot.objects.filter(advisor=instance, organisation__isnull=False, ends_at__gte=since)
            fragments.bump(*scopes.orgs(*booked.values_list("organisation_id", flat=True).distinct()))

        post_save.connect(advisor_renamed, sender=get_user_model(), weak=False, dispatch_uid="frag-slot-advisor")
        bumps.connect()


def _advisor_scopes(*ids: int | None) -> list[tuple[str, int]]:
    return [("advisor", pk) for pk in set(ids) if pk is not None]


def _advisors(gathering) -> list[tuple[str, int]]:
    """The schedules of the advisors of a gathering's slots (they show its title)."""
    return _advisor_scopes(*gathering.slots.values_list("advisor_id", flat=True).distinct())
