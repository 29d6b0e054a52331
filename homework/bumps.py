"""What retires the progress matrix's cached part (``omdomme.core.fragments``, scope
``("homework", cohort pk)``, beside the cohort's own): the cohort's assignments, submissions and
extensions. Connected in ``HomeworkConfig.ready()``; the services that write with ``bulk_create``
or ``bulk_update`` bump it themselves."""

from __future__ import annotations

from cohorts import scopes
from omdomme.core.fragments import Scope, connect_bumps

from .models import Assignment, Extension, Submission


def _extension_cohort(extension) -> list[Scope]:
    cohort_ids = Assignment.objects.filter(pk=extension.assignment_id).values_list("cohort_id", flat=True)
    return [("homework", pk) for pk in cohort_ids]


def connect() -> None:
    # The organisations' cached parts (cohorts.scopes); assignments created in bulk bump in services.
    connect_bumps(Assignment, lambda a: scopes.cohort_orgs(a.cohort_id), uid="org-assignment")
    connect_bumps(Extension, lambda x: scopes.orgs(x.organisation_id), uid="org-extension")
    connect_bumps(Submission, lambda s: scopes.orgs(s.organisation_id), uid="org-submission")
    for model in (Assignment, Submission):
        connect_bumps(model, lambda obj: [("homework", obj.cohort_id)], uid=f"homework.{model._meta.model_name}")
    connect_bumps(Extension, _extension_cohort, uid="homework.extension")
