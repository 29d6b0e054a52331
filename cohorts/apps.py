from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = _("Cohorts")

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed, post_save

        from omdomme.core import extensions, fragments

        from . import access, bumps, dashboard, demo, load, navigation, scopes
        from .models import Cohort, CohortRole, Enrolment, Invitation, Membership, Organisation

        extensions.home_sections.register(dashboard.sections)
        extensions.menu.register(navigation.menu)
        extensions.demo_seeders.register(demo.seed)
        extensions.load_seeders.register(load.load)

        # The organisations' cached parts (cohorts.scopes): what each of these rows shows.
        fragments.connect_bumps(Organisation, lambda org: scopes.orgs(org.pk), uid="org-organisation")
        fragments.connect_bumps(
            Membership, lambda m: [("user", m.user_id), *scopes.orgs(m.organisation_id)], uid="org-membership"
        )
        fragments.connect_bumps(Invitation, lambda i: scopes.orgs(i.organisation_id), uid="org-invitation")
        fragments.connect_bumps(Enrolment, lambda e: scopes.orgs(e.organisation_id), uid="org-enrolment")
        fragments.connect_bumps(Cohort, lambda cohort: scopes.cohort_orgs(cohort.pk), uid="org-cohort")

        def member_renamed(sender, instance, update_fields=None, **kwargs) -> None:
            """The organisation page lists its members by name (a sign-in only touches last_login)."""
            if update_fields is not None and set(update_fields) <= {"last_login"}:
                return
            memberships = Membership.objects.filter(user=instance)
            fragments.bump(*scopes.orgs(*memberships.values_list("organisation_id", flat=True)))

        post_save.connect(member_renamed, sender=get_user_model(), weak=False, dispatch_uid="frag-org-member")
        # A role in a cohort widens what a person sees of it (access.cohort_q).
        fragments.connect_bumps(CohortRole, lambda role: [("user", role.user_id)], uid="org-cohortrole")

        def team_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
            """An enrolment's team changed, from either side of the relation."""
            if action not in ("post_add", "post_remove", "pre_clear"):
                return
            if not reverse:
                fragments.bump(*scopes.orgs(instance.organisation_id))
                return
            enrolments = Enrolment.objects.filter(pk__in=pk_set) if pk_set else Enrolment.objects.filter(team=instance)
            fragments.bump(*scopes.orgs(*enrolments.values_list("organisation_id", flat=True)))

        m2m_changed.connect(
            team_changed, sender=Enrolment.team.through, weak=False, dispatch_uid="frag-org-enrolment-team"
        )

        bumps.connect()
        access.connect_access_bumps()
