"""Write the activity log. Every service function that changes data calls ``record``."""

from __future__ import annotations

from django.db import models

from .models import Activity


def record(
    actor, verb: str, description: str, *, target: models.Model | None = None, cohort=None, organisation=None
) -> Activity:
    return Activity.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name=(str(actor) if actor is not None and actor.is_authenticated else ""),
        verb=verb,
        description=str(description)[:500],
        target_type=target._meta.label_lower if target is not None else "",
        target_id=target.pk if target is not None else None,
        cohort=cohort,
        organisation=organisation,
    )
